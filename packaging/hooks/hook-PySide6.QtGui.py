"""QtGui as PyInstaller's own hook collects it, minus the plugins bundle_rules drops.

Dropping them here, before PyInstaller analyses their link-time dependencies,
keeps those dependencies out as well (the GTK3 theme would otherwise pull GTK,
cairo and pango in, and warn about the ones it cannot find).
"""

import os

import bundle_rules
from PyInstaller.utils.hooks.qt import add_qt6_dependencies

hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
binaries = [
    (source, destination)
    for source, destination in binaries
    if not bundle_rules.is_dropped(f"{destination}/{os.path.basename(source)}")
]
