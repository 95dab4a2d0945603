"""Where the files shipped inside the package live: ``desktop_app/data``.

Found beside this module rather than through ``importlib.resources``: the
folder is the same from a source checkout, an installed wheel and the frozen
bundle (PyInstaller gives its modules a ``__file__`` under the bundle folder,
where it also puts their data), and importing ``importlib.resources`` cost
~5 ms of every start before the window painted.
"""

from __future__ import annotations

from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


def data_file(*parts: str) -> Path:
    """A file or folder under ``desktop_app/data``."""
    return DATA_DIR.joinpath(*parts)
