"""The grid's compact provenance marks: a symbol and a word instead of a sentence per cell.

31 of 44 cells carried the italic line "added — not from the source article",
a third of the grid's ink. A cell now shows a short mark; the legend gives its
meaning, the cell's accessible text keeps the full words for screen readers,
and the detail pane gives the full provenance after the clinical content.
"""

from __future__ import annotations

PROVENANCE_MARKS = {
    "seed": "§ article",  # the article's own words
    "added": "+ added",  # an editors' fact from outside the article
    "none": "",  # the value itself says "not covered by the source"
}


def provenance_mark(provenance: str) -> str:
    return PROVENANCE_MARKS.get(provenance, "")
