"""Entry point for ``serm-reference`` and ``python -m desktop_app``.

Python's cyclic garbage collector is paused while the app starts: importing
the app and building its window allocate many objects and few cycles, and the
collections they trigger cost about 10 ms before the first paint. The window
resumes it right after its first paint (``desktop_app.app``); headless
commands resume it at once (``desktop_app.cli.run``).

In the PyInstaller bundle, PyInstaller's run-time hook for PySide6 has already
imported ``PySide6.QtCore`` before this module runs, and with it PySide6's
``__feature__`` import hook (``desktop_app/qt_import.py``): it is dropped here,
before the command line and the content layer are imported under it.
"""

from __future__ import annotations

import gc
import sys


def main() -> int:
    gc.disable()
    if "PySide6.QtCore" in sys.modules:  # the frozen bundle's run-time hook loaded it
        import builtins

        from desktop_app.qt_import import drop_feature_import_hook

        drop_feature_import_hook(builtins)
    from desktop_app.cli import run

    return run(sys.argv[1:])


if __name__ == "__main__":
    raise SystemExit(main())
