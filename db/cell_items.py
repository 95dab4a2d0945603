"""List cells (contraindications, interactions): their items, and the text composed from them.

A list cell's full text is not written by hand: it is composed from the
editors' items, in the order the app shows them (combinations to avoid first),
by the same function the app uses, so the grid, the search index and the
exports cannot leave an item out or word it differently.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from desktop_app.content.records import CellItem, Source
from desktop_app.content.restrictions import UnknownAdviceError, advice_group, compose_text


class ItemError(ValueError):
    """An item the app could not place (an advice word no group covers)."""


def cell_items(cell: dict[str, Any], sources: dict[str, str]) -> tuple[CellItem, ...]:
    """The items of one comparison.toml/restrictions.toml cell, sources resolved.

    A contraindication without its own sources inherits the cell's.
    """
    items = []
    for item in cell.get("item", []):
        keys = item.get("sources") or cell.get("sources", [])
        items.append(
            CellItem(
                kind=item["kind"],
                text=item.get("text", ""),
                applies_to=item.get("applies_to", ""),
                other=item.get("with", ""),
                advice=item.get("advice", ""),
                why=item.get("why", ""),
                sources=tuple(Source(key, sources[key]) for key in keys),
            )
        )
    return tuple(items)


def complete_texts(cells: list[dict[str, Any]], sources: dict[str, str]) -> None:
    """Give every list cell its composed text; refuse an advice word that cannot be ranked."""
    for cell in cells:
        items = cell_items(cell, sources)
        if not items:
            continue
        where = f"cell {cell['attribute']}/{cell['agent']}"
        if cell.get("text"):
            raise ItemError(f"{where}: a list cell's text is composed from its items")
        for item in items:
            if item.kind == "interaction":
                try:
                    advice_group(item.advice)
                except UnknownAdviceError as error:
                    raise ItemError(f"{where}: {error}") from error
        cell["text"] = compose_text(items)


def item_rows(
    cells: list[dict[str, Any]], sources: dict[str, str]
) -> Iterator[tuple[str, dict[str, Any]]]:
    """(table, row) for cell_items and cell_item_sources, items in the editors' order."""
    for cell in cells:
        for position, item in enumerate(cell_items(cell, sources)):
            key = {"attribute": cell["attribute"], "agent": cell["agent"]}
            yield (
                "cell_items",
                {
                    **key,
                    "position": position,
                    "kind": item.kind,
                    "text": item.text,
                    "applies_to": item.applies_to,
                    "other": item.other,
                    "advice": item.advice,
                    "why": item.why,
                },
            )
            for index, source in enumerate(item.sources):
                yield (
                    "cell_item_sources",
                    {
                        **key,
                        "item_position": position,
                        "source_key": source.key,
                        "position": index,
                    },
                )
