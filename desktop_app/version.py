"""The application's version, read from one place: ``pyproject.toml``.

Installed (or frozen with its metadata), the version comes from the package
metadata; run from a source checkout that was never installed, from the
``pyproject.toml`` beside the package. Either way it is the same string.
"""

from __future__ import annotations

import re
from pathlib import Path

APP_NAME = "SERM Reference"
DISTRIBUTION = "serm-reference"


def _read_version() -> str:
    pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
    if pyproject.is_file():
        match = re.search(r'^version\s*=\s*"([^"]+)"', pyproject.read_text("utf-8"), re.M)
        if match:
            return match.group(1)
    from importlib import metadata  # ~30 ms to import: only when pyproject.toml is absent

    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return "0+unknown"


__version__ = _read_version()
