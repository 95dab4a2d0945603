"""How an effect marker and a cell's provenance read on a page and in the grid.

Each effect carries a symbol and a word, so the meaning never rests on colour.
Provenance is a short mark ("§ article", "+ added") wherever values stand side
by side (the grid, an agent's table); its meaning is said once in a legend, and
the full provenance with its sources is in the cell's details. The grid (Qt)
and the pages (HTML) take the marks and meanings from here, so they agree.
"""

from __future__ import annotations

from desktop_app.content.compare.wording import ADDED, EFFECT_SYMBOLS
from desktop_app.content.records import NOT_COVERED, ComparisonCell

__all__ = [
    "ADDED",
    "EFFECT_SYMBOLS",
    "PROVENANCE_MARKS",
    "PROVENANCE_MEANINGS",
    "effect_label",
    "provenance_label",
    "provenance_mark",
]

PROVENANCE_MARKS = {
    "seed": "§ article",  # the article's own words
    "added": "+ added",  # an editors' fact from outside the article
    "none": "",  # the value itself says "not covered by the source"
}
PROVENANCE_MEANINGS = {
    "seed": "the article's own words, from its long-term safety table",
    "added": "a fact from outside the article; its sources are in the details",
    "none": "neither the article nor the editors give a value (never read as no risk)",
}


def provenance_mark(provenance: str) -> str:
    """The short mark for a cell's provenance ("" when the value says it in words)."""
    return PROVENANCE_MARKS.get(provenance, "")


def effect_label(effect: str) -> str:
    return f"{EFFECT_SYMBOLS.get(effect, '·')} {effect}"


def provenance_label(cell: ComparisonCell, row_heading: str = "") -> str:
    """Where a grid cell's words come from, in words."""
    if cell.provenance == "seed":
        where = f", row “{row_heading}”" if row_heading else f", row {cell.table_row}"
        return f"from the article's {cell.table_key} table{where}"
    if cell.provenance == "added":
        return ADDED
    return NOT_COVERED
