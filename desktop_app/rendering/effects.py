"""How an effect marker and a cell's provenance read on a page.

Each effect carries a symbol and a word, so the meaning never rests on colour.
"""

from __future__ import annotations

from desktop_app.content.compare.layout import ADDED, EFFECT_SYMBOLS
from desktop_app.content.records import NOT_COVERED, ComparisonCell

__all__ = ["ADDED", "EFFECT_SYMBOLS", "effect_label", "provenance_label"]


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
