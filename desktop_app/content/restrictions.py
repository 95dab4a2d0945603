"""Restrictions on use: contraindications and interactions, read as a prescriber reads them.

The editors' items carry the labels' own advice words ("avoid whenever
possible", "not recommended", "monitor ...", "note"). Which combinations a
prescriber must not make come first wherever they are shown (the grid's text,
the detail pane, the agent page's Key safety block, the terminal), so the
ranking of those words lives here, once, without Qt, and the build refuses an
advice word it cannot rank rather than guess where it belongs.
"""

import re
from collections.abc import Iterable
from typing import NamedTuple

from desktop_app.content.records import CellItem, ComparisonCell, ComparisonGrid

CONTRAINDICATIONS = "contraindications"
INTERACTIONS = "interactions"
ALL_USES = "all uses"
RESTRICTION = "restriction"

# Advice words, most restrictive first. A combination to avoid, then one the
# label does not recommend, then one to watch, then a note.
ADVICE_GROUPS = (
    ("avoid", ("avoid", "do not use together", "do not combine")),
    ("not recommended", ("not recommended",)),
    ("monitor", ("monitor", "use with caution", "consider")),
    ("note", ("note",)),
)
# The groups the agent page's Key safety block lists: "do not" and "avoid" items.
KEY_SAFETY_GROUPS = ("avoid",)
# Words of a contraindication item that concern thrombosis: what a VTE cell shows.
_THROMBOSIS = re.compile(r"thrombo|embolism|DVT|\bPE\b", re.IGNORECASE)


class UnknownAdviceError(ValueError):
    """An interaction's advice word that no group covers: its rank would be a guess."""


def advice_group(advice: str) -> str:
    """The group of an advice, e.g. 'monitor' for 'monitor closely (...)'."""
    folded = advice.strip().casefold()
    for group, openings in ADVICE_GROUPS:
        if any(folded.startswith(opening) for opening in openings):
            return group
    raise UnknownAdviceError(f"advice {advice!r} starts with none of the known advice words")


def advice_rank(advice: str) -> int:
    group = advice_group(advice)
    return [name for name, _ in ADVICE_GROUPS].index(group)


def ordered(items: Iterable[CellItem]) -> tuple[CellItem, ...]:
    """Interactions to avoid first (stable: the editors' order within a group); other items
    keep their order, label warnings after the contraindications."""
    listed = tuple(items)
    return tuple(
        sorted(
            listed,
            key=lambda item: (
                advice_rank(item.advice) if item.kind == "interaction" else 0,
                item.kind == "label_warning",
            ),
        )
    )


def applies_to_shown(item: CellItem) -> str:
    """'' for items that apply to every use; otherwise the product or indication."""
    return "" if item.applies_to.strip().casefold() in ("", ALL_USES) else item.applies_to


def scope_groups(items: Iterable[CellItem]) -> list[tuple[str, tuple[CellItem, ...]]]:
    """Items grouped by the use they apply to, in order of first appearance, each with its
    heading ("With conjugated estrogens (Duavee)"); one group with no heading when every
    item applies to all uses."""
    groups: dict[str, list[CellItem]] = {}
    for item in items:
        groups.setdefault(item.applies_to.strip() or ALL_USES, []).append(item)
    if list(groups) == [ALL_USES]:
        return [("", tuple(groups[ALL_USES]))]
    return [(scope[:1].upper() + scope[1:], tuple(chosen)) for scope, chosen in groups.items()]


def interaction_sentence(item: CellItem) -> str:
    """One interaction as plain words: with what, the advice, why (its sources are listed
    with the item wherever it is shown in full, and in the JSON export)."""
    return f"With {item.other}: {item.advice} — {item.why}."


def compose_text(items: Iterable[CellItem]) -> str:
    """The cell's full text, item by item, in the order they are shown."""
    listed = ordered(items)
    sentences = [interaction_sentence(i) for i in listed if i.kind == "interaction"]
    for kind, word in (("contraindication", "contraindicated"), ("label_warning", "label warning")):
        for heading, chosen in scope_groups(i for i in listed if i.kind == kind):
            lead = f"{heading}, {word}" if heading else word[:1].upper() + word[1:]
            sentences.append(f"{lead}: {'; '.join(i.text for i in chosen)}.")
    return " ".join(sentences)


def thrombosis_items(cell: ComparisonCell) -> tuple[CellItem, ...]:
    """The contraindication items of a contraindications cell that concern thrombosis."""
    return tuple(
        item
        for item in cell.items
        if item.kind == "contraindication" and _THROMBOSIS.search(item.text)
    )


def restriction_link(cell: ComparisonCell) -> str:
    """The address of the agent's contraindications for a cell that should point at them
    (its VTE cell and every other cell marked as a restriction), else ''."""
    if cell.attribute in (CONTRAINDICATIONS, INTERACTIONS):
        return ""
    if cell.attribute == "vte" or cell.effect == RESTRICTION:
        return f"serm://compare/{CONTRAINDICATIONS}/{cell.agent}"
    return ""


class KeySafety(NamedTuple):
    """What an agent page opens with: contraindications, label warnings, boxed warnings already
    in the grid, and the interactions to avoid, each pointing at its cell."""

    contraindications: ComparisonCell | None
    boxed_warnings: tuple[ComparisonCell, ...]
    interactions: ComparisonCell | None
    avoid: tuple[CellItem, ...]

    @property
    def contraindication_items(self) -> tuple[CellItem, ...]:
        cell = self.contraindications
        return tuple(i for i in cell.items if i.kind == "contraindication") if cell else ()

    @property
    def label_warnings(self) -> tuple[CellItem, ...]:
        cell = self.contraindications
        return tuple(i for i in cell.items if i.kind == "label_warning") if cell else ()


def key_safety(grid: ComparisonGrid, agent: str) -> KeySafety:
    keys = [a.key for a in grid.attributes]
    contraindications = grid.cell(CONTRAINDICATIONS, agent) if CONTRAINDICATIONS in keys else None
    interactions = grid.cell(INTERACTIONS, agent) if INTERACTIONS in keys else None
    boxed = tuple(
        grid.cell(key, agent)
        for key in keys
        if key not in (CONTRAINDICATIONS, INTERACTIONS)
        and "boxed warning" in grid.cell(key, agent).text.casefold()
    )
    avoid = tuple(
        item
        for item in (interactions.items if interactions else ())
        if advice_group(item.advice) in KEY_SAFETY_GROUPS
    )
    return KeySafety(
        contraindications if contraindications and contraindications.items else None,
        boxed,
        interactions if interactions and interactions.items else None,
        avoid,
    )
