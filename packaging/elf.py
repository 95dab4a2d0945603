"""Linux ELF fix-ups on the finished bundle.

A Python built by pyenv or actions/setup-python links its interpreter and
extension modules with a RUNPATH to the build machine's own prefix (e.g.
``/root/.pyenv/versions/3.11.7/lib``). PyInstaller copies them as they are, so
every installed copy would look for libraries in a folder that does not
exist there, or worse, that someone else could create. Only ``$ORIGIN``
entries (how Qt and PySide find each other inside the bundle) are kept.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from archives import tree


def elf_files(root: Path) -> list[Path]:
    found = []
    for path in tree(root):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as handle:
                if handle.read(4) == b"\x7fELF":
                    found.append(path)
    return found


def search_paths(path: Path) -> list[str]:
    """The RPATH/RUNPATH entries of one ELF file."""
    out = subprocess.run(
        ["objdump", "-p", str(path)], check=True, capture_output=True, text=True
    ).stdout
    entries: list[str] = []
    for match in re.finditer(r"^\s*(?:RPATH|RUNPATH)\s+(\S+)$", out, re.M):
        entries += match.group(1).split(":")
    return entries


def foreign_search_paths(root: Path) -> dict[Path, list[str]]:
    """Files whose search path names anything outside the bundle."""
    found = {}
    for path in elf_files(root):
        foreign = [e for e in search_paths(path) if e and not e.startswith("$ORIGIN")]
        if foreign:
            found[path] = foreign
    return found


def drop_foreign_search_paths(root: Path) -> list[Path]:
    """Keep only ``$ORIGIN`` entries in every RPATH/RUNPATH; return the files changed."""
    patchelf = shutil.which("patchelf")
    changed = []
    for path, _ in foreign_search_paths(root).items():
        if patchelf is None:
            raise RuntimeError(f"patchelf is needed to clean the RUNPATH of {path}")
        kept = [e for e in search_paths(path) if e.startswith("$ORIGIN")]
        change = ["--set-rpath", ":".join(kept)] if kept else ["--remove-rpath"]
        subprocess.run([patchelf, *change, str(path)], check=True)
        changed.append(path)
    return changed
