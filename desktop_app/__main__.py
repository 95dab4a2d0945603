"""Entry point for ``serm-reference`` and ``python -m desktop_app``."""

from __future__ import annotations

import sys

from desktop_app.cli import run


def main() -> int:
    return run(sys.argv[1:])


if __name__ == "__main__":
    raise SystemExit(main())
