"""Placeholder while the freeze is tried."""
from __future__ import annotations
from pathlib import Path
from project import Build
from wine import Wine

def make_windows_packages(build: Build, wine: Wine) -> list[Path]:
    return []
