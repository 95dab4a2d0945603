"""The application's version, read from one place: ``pyproject.toml``.

Installed (or frozen with its metadata), the version comes from the package
metadata; run from a source checkout that was never installed, from the
``pyproject.toml`` beside the package. Either way it is the same string.

The metadata is read from the ``.dist-info`` folder beside the package (where
pip and the frozen bundle put it) before asking ``importlib.metadata``, whose
import costs tens of milliseconds of every start of the installed app.
"""

from __future__ import annotations

import os
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
    beside = _dist_info_version(Path(__file__).resolve().parent.parent)
    if beside:
        return beside
    from importlib import metadata  # ~30 ms to import: only when nothing above answered

    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return "0+unknown"


def _dist_info_version(folder: Path) -> str | None:
    """``Version:`` of this distribution's ``.dist-info`` in ``folder``, if there is one."""
    prefix = DISTRIBUTION.replace("-", "_") + "-"
    try:
        names = os.listdir(folder)
    except OSError:
        return None
    for name in sorted(names):
        if not (name.startswith(prefix) and name.endswith(".dist-info")):
            continue
        try:
            text = (folder / name / "METADATA").read_text("utf-8")
        except OSError:
            continue
        for line in text.splitlines():
            if line.startswith("Version:"):
                return line.partition(":")[2].strip() or None
            if not line:  # the headers end at the first empty line
                break
    return None


__version__ = _read_version()
