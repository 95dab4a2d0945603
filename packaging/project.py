"""Names, ids and the one version every packaging step shares.

The version comes from ``pyproject.toml`` only; the time stamp of every file in
every archive comes from ``SOURCE_DATE_EPOCH`` (the last commit's time unless
set), so two builds of the same commit give the same bytes.
"""

from __future__ import annotations

import os
import platform
import subprocess
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

PACKAGING = Path(__file__).resolve().parent
ROOT = PACKAGING.parent

NAME = "serm-reference"
DISPLAY_NAME = "SERM Reference"
# Reverse-DNS id shared by the .desktop file, AppStream, the macOS bundle and Windows.
APP_ID = "io.github.sermreference.SermReference"
INSTALL_PREFIX = f"/opt/{NAME}"
# The menu entry's file name: what app.py passes to setDesktopFileName (the Wayland
# app id) and what X11 sees as WM_CLASS, so docks match the window to its icon.
DESKTOP_FILE = f"{NAME}.desktop"


def project_version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        return str(tomllib.load(handle)["project"]["version"])


def source_date_epoch() -> int:
    """SOURCE_DATE_EPOCH if set, else the last commit's time: the same for every rebuild."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return int(os.environ["SOURCE_DATE_EPOCH"])
    try:
        out = subprocess.run(
            ["git", "-C", str(ROOT), "log", "-1", "--format=%ct"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        return int(out)
    except (OSError, subprocess.CalledProcessError, ValueError):
        return int((ROOT / "pyproject.toml").stat().st_mtime)


@dataclass(frozen=True)
class Build:
    """One build: its version and time stamp, and where it writes."""

    version: str
    epoch: int
    dist: Path
    work: Path

    @property
    def onedir(self) -> Path:
        return self.dist / NAME

    @property
    def generated(self) -> Path:
        """Icons, metadata and version resources made for this build."""
        return self.work / "generated"

    @property
    def arch(self) -> str:
        machine = platform.machine().lower()
        return {"amd64": "x86_64", "arm64": "aarch64"}.get(machine, machine)

    @property
    def date(self) -> str:
        return time.strftime("%Y-%m-%d", time.gmtime(self.epoch))
