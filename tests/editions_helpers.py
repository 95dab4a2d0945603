"""Test-only content editions: a second edition built from the sources with known changes.

Never shipped: it is built into a temporary folder by the tests that need it,
so install, diff, rollback and bookmarks across an edition change are tested
against real databases made by the real build.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import build
import content_sources

ROOT = Path(__file__).resolve().parent.parent
PACK_SCRIPT = ROOT / "db" / "pack.py"

SECOND_EDITION = "2027.1.1"
SECOND_DATE = "2027-01-15"
RENAMED_FROM = "serm://section/how-do-serms-impact-neuroendocrine-signaling"
RENAMED_TO = "serm://section/how-do-serms-affect-neuroendocrine-signaling"
CHANGED_CELL = "serm://compare/vte/bazedoxifene"
CHANGED_REFERENCE = "serm://reference/1"

# (file under resources/content, text as shipped, text in the second edition)
EDITS = (
    ("edition.toml", 'edition = "2026.11.1"', f'edition = "{SECOND_EDITION}"'),
    ("edition.toml", 'date = "2026-11-27"', f'date = "{SECOND_DATE}"'),
    (
        "comparison.toml",
        'agent = "bazedoxifene"\nprovenance = "added"\neffect = "adverse"\n'
        'short = "Increased risk"',
        'agent = "bazedoxifene"\nprovenance = "added"\neffect = "adverse"\n'
        'short = "Increased risk (boxed warning)"',
    ),
    (
        "cautions.toml",
        "Tamoxifen acts as an estrogen agonist in bone only after menopause.",
        "Tamoxifen acts as an estrogen agonist in bone only after menopause (checked 2027).",
    ),
    (
        "sections/03-academic.md",
        "## How Do SERMs Impact Neuroendocrine Signaling?",
        "## How Do SERMs Affect Neuroendocrine Signaling?",
    ),
    ("references.toml", 'date = "6 July 2023"', 'date = "6 July 2023, accessed 2027"'),
)


def build_second_edition(folder: Path) -> Path:
    """Copy the sources, apply EDITS (each must match once), build; return the database."""
    sources = folder / "content"
    shutil.copytree(content_sources.CONTENT_DIR, sources)
    for name, old, new in EDITS:
        path = sources / name
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{name}: the shipped text changed: {old!r}"
        path.write_text(text.replace(old, new), encoding="utf-8")
    return build.build(folder / "db" / "serm-reference.sqlite", sources)


def run_pack(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """``python db/pack.py ...`` exactly as the owners run it."""
    return subprocess.run(
        [sys.executable, str(PACK_SCRIPT), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
