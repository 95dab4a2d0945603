"""Entry point for ``serm-reference`` and ``python -m desktop_app``.

Python's cyclic garbage collector is paused while the app starts: importing
the app and building its window allocate many objects and few cycles, and the
collections they trigger cost about 10 ms before the first paint. The window
resumes it right after its first paint (``desktop_app.app``); headless
commands resume it at once (``desktop_app.cli.run``).
"""

from __future__ import annotations

import gc
import sys


def main() -> int:
    gc.disable()
    from desktop_app.cli import run

    return run(sys.argv[1:])


if __name__ == "__main__":
    raise SystemExit(main())
