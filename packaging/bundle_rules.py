"""What the frozen bundle leaves out, in one place the spec and the tests both read.

PyInstaller follows imports and its PySide6 hooks add every Qt plugin a module
might want. Most of that is dead weight for a read-only Qt Widgets reader, and
some of it is harmful: the GTK3 platform theme drags GTK, cairo and pango in,
and a bundled ``libxkbcommon`` next to the system's ``libxkbcommon-x11``
crashes on the first key press. The patterns below match destination paths
inside the bundle (forward slashes, any system).
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterable

# Python modules never needed at run time (build and test tools, other GUIs).
EXCLUDED_MODULES = (
    "PySide6.QtNetwork",
    "tkinter",
    "sqlite_utils",
    "pytest",
    "hypothesis",
    "PyInstaller",
)

# Qt's folders sit under PySide6/Qt/ on Linux and macOS and under PySide6/ on Windows,
# and a plugin is libqname.so, qname.dll or libqname.dylib: the patterns allow for all.
_PLUGINS = "PySide6/*plugins"


def _plugins(kind: str, *names: str) -> tuple[str, ...]:
    return tuple(f"{_PLUGINS}/{kind}/*q{name}.*" for name in names)


# Destination-path patterns (fnmatch, case-sensitive) dropped from binaries and data.
DROPPED_PATTERNS = (
    # Qt's own translations: the interface is English only and installs no QTranslator.
    "PySide6/*translations/*",
    # Networking: the app never opens a connection; nothing it imports needs it.
    "*libQt6Network.so*",
    "*Qt6Network.dll",
    "*QtNetwork.framework/*",
    f"{_PLUGINS}/networkinformation/*",
    f"{_PLUGINS}/tls/*",
    # GTK3 platform theme: pulls GTK, cairo, pango, gdk-pixbuf into the bundle.
    *_plugins("platformthemes", "gtk3"),
    # Embedded-device and remote-display platforms a desktop never uses (and Windows'
    # experimental Direct2D one: the default "windows" platform is what runs).
    *_plugins("platforms", "eglfs", "minimalegl", "linuxfb", "vnc", "vkkhrdisplay", "direct2d"),
    # Windows: Mesa's software OpenGL (20 MB) serves QOpenGL and Qt Quick when a PC has no
    # GL driver; a Qt Widgets app paints with the raster engine and never loads it.
    "opengl32sw.dll",
    f"{_PLUGINS}/egldeviceintegrations/*",
    "*libQt6EglFSDeviceIntegration.so*",
    "*libQt6EglFsKmsSupport.so*",
    # Input-device plugins only the EGLFS/linuxfb platforms load (one links QtNetwork).
    f"{_PLUGINS}/generic/*",
    # Image formats the app never reads (its artwork is SVG and PNG; PNG is built in).
    *_plugins("imageformats", "gif", "icns", "jpeg", "pdf", "tga", "tiff", "wbmp", "webp"),
    # Compositor-side Wayland buffers (the app is a client, never a compositor).
    f"{_PLUGINS}/wayland-graphics-integration-server/*",
    # Both halves of xkbcommon come from the system (Depends: of the .deb): a bundled
    # libxkbcommon paired with the system's libxkbcommon-x11 crashes on a key press.
    "libxkbcommon.so*",
    "libxkbcommon-x11.so*",
)

# Linux only: libraries PyInstaller resolved from the build machine's system folders are
# left out and declared in the .deb's Depends: instead. Bundled, they would shadow the
# target's own copies (the bootloader puts the bundle first on LD_LIBRARY_PATH): an old
# libstdc++ breaks newer GPU drivers, an old fontconfig misreads newer font configs, half
# of xkbcommon crashes. Kept: the interpreter, and the SQLite the self-test verified
# (FTS5 is the app's search engine, so it ships the exact library it was tested with),
# and libmpdec, whose soname only Debian-family systems carry.
SYSTEM_LIBRARY_DIRS = ("/lib/", "/lib64/", "/usr/lib/", "/usr/lib64/", "/usr/local/lib/")
KEPT_SYSTEM_LIBRARIES = (
    re.compile(r"libpython3\.\d+\.so"),
    re.compile(r"libsqlite3\.so"),
    re.compile(r"libmpdec\.so"),
)

# Lines of PyInstaller's log that mean the bundle would not start on another machine,
# although PyInstaller itself still exits 0.
FATAL_LOG_PATTERNS = (
    re.compile(r"Library not found", re.IGNORECASE),
    re.compile(r"failed to obtain Qt library info", re.IGNORECASE),
)


def is_dropped(destination: str, patterns: Iterable[str] = DROPPED_PATTERNS) -> bool:
    """True when a file at this bundle path must be left out."""
    path = destination.replace("\\", "/")
    name = path.rsplit("/", 1)[-1]
    return any(
        fnmatch.fnmatchcase(path, pattern) or fnmatch.fnmatchcase(name, pattern)
        for pattern in patterns
    )


def is_host_library(source: str) -> bool:
    """True for a Linux system library the target machine must provide itself."""
    if not source.startswith(SYSTEM_LIBRARY_DIRS):
        return False
    name = source.rsplit("/", 1)[-1]
    return not any(pattern.match(name) for pattern in KEPT_SYSTEM_LIBRARIES)


# Windows API sets (api-ms-win-crt-heap-l1-1-0.dll ...) are not files a bundle could
# carry: the Windows 10/11 loader maps them to system DLLs. PyInstaller running under
# Wine reports them as "not found"; that is no missing library.
HARMLESS_LOG_PATTERNS = (re.compile(r"could not resolve '(api|ext)-ms-win-[^']*\.dll'", re.I),)


def fatal_log_lines(log: str) -> list[str]:
    """The PyInstaller log lines that must fail the build."""
    return [
        line
        for line in log.splitlines()
        if any(pattern.search(line) for pattern in FATAL_LOG_PATTERNS)
        and not any(pattern.search(line) for pattern in HARMLESS_LOG_PATTERNS)
    ]
