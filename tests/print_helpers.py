"""Reading printouts back: the text of a PDF (pdftotext) and its sheets as images (pdftoppm)."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from pathlib import Path


def _tool(name: str) -> str:
    tool = shutil.which(name)
    assert tool is not None, f"{name} (poppler-utils) is needed: apt-get install poppler-utils"
    return tool


def pdf_text(path: Path) -> str:
    """The PDF's text on one line as laid out, via poppler's pdftotext (installed by .ci/run)."""
    return " ".join(pdf_pages(path, mode="-layout"))


def pdf_pages(path: Path, mode: str = "-raw") -> list[str]:
    """The text of each sheet, whitespace folded ("ﬁ" -> "fi"), in order.

    ``-raw`` keeps each piece of text in the order it was painted, so a header or
    footer drawn in one call reads as one phrase even where a table row split
    across the break leaves clipped text near it.
    """
    result = subprocess.run(
        [_tool("pdftotext"), mode, str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    sheets = unicodedata.normalize("NFKC", result.stdout).split("\f")
    if sheets and not sheets[-1].strip():
        sheets.pop()  # pdftotext ends the last sheet with a form feed too
    return [" ".join(sheet.split()) for sheet in sheets]


def pdf_to_png(path: Path, folder: Path, dpi: int = 60) -> list[Path]:
    """Render each sheet to a PNG (pdftoppm), for looking at the printout."""
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [_tool("pdftoppm"), "-png", "-r", str(dpi), str(path), str(folder / "sheet")],
        check=True,
        timeout=120,
    )
    return sorted(folder.glob("sheet*.png"))
