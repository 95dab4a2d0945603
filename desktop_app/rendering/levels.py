"""What the contents call the article's levels: named for what they hold.

The article names its levels by reader ("Fundamentals", "Academic"); a
clinician scanning the contents looks for what is inside. The contents tree
and the home page use these names; pages keep the article's own level name in
their heading line, so both stay visible.
"""

from __future__ import annotations

# Keyed by the level's slug (its address); a level not listed keeps its own name.
LEVEL_NAMES = {
    "fundamentals": "Overview",
    "intermediate": "Agents and safety topics",
    "academic": "Mechanisms and evidence",
}


def level_name(slug: str, heading: str) -> str:
    """The contents' name for a level, or its own heading where none is given."""
    return LEVEL_NAMES.get(slug, heading)
