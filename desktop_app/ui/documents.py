"""Where a save dialog starts: the user's Documents folder, with a file name that is safe.

A dialog given a folder that does not exist silently opens in the working
folder (often the install folder), which is where the PDF export used to land.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QStandardPaths


def documents_folder() -> Path:
    """Documents when it exists, else the home folder."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(location) if location else Path.home()
    return folder if folder.is_dir() else Path.home()


def suggested_file(title: str, suffix: str, fallback: str = "page") -> Path:
    """``Documents/<title>.<suffix>``, the title stripped of characters file systems refuse."""
    name = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", title).strip(" .") or fallback
    return documents_folder() / f"{name[:120]}.{suffix}"
