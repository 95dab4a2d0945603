"""What search needs to know about editorial cautions and insertions.

A caution corrects a statement of the article; a reader who searches for the
correction ("routine surveillance", "non-vertebral", a source's author) must
find it at the place the statement is shown, and a result whose text carries a
caution must say so. Each caution is therefore indexed as a unit of its own
(part "caution") under every address that shows its statement: the section,
the agent whose profile it is, the comparison cell whose value it is. Words the
editors restored are indexed in [brackets], so a snippet shows them as the
page does (brackets are not word characters, so matching is unchanged).
"""

from __future__ import annotations

from typing import Any

from db.content_sources import Block, Content

CAUTION_PART = "caution"


def bracketed(block: Block) -> str:
    """A block's text with each editorial insertion in [brackets]."""
    text = block.text
    for insertion in reversed(block.insertions):
        end = insertion.start + len(insertion.text)
        text = text[: insertion.start] + "[" + insertion.text + "]" + text[end:]
    return text


def caution_body(caution: dict[str, Any], sources: dict[str, str]) -> str:
    """A caution as the reader sees it: verdict, the article's words, the note, the sources."""
    quotes = " … ".join(f"“{q}”" for q in caution["quotes"])
    cited = "; ".join(sources[key] for key in caution["sources"])  # citations, not keys
    return (
        f"Editorial caution ({caution['verdict']}) on the article's words {quotes}: "
        f"{caution['note']} Sources: {cited}"
    )


def _cell_addresses(content: Content, table: str, row: int, column: int) -> list[str]:
    """Comparison cells that show this table cell: as their value, or beside it."""
    addresses = [
        f"serm://compare/{c['attribute']}/{c['agent']}"
        for c in content.cells
        if c["provenance"] == "seed" and (c["table"], c["row"], c["column"]) == (table, row, column)
    ]
    by_name = {a["name"]: a["inn"] for a in content.agents}
    for attribute in content.attributes:
        if attribute.get("article_table") == table:
            agent = by_name[content.tables[table]["rows"][row - 1][0]]
            addresses.append(f"serm://compare/{attribute['key']}/{agent}")
    return addresses


def caution_places(content: Content, caution: dict[str, Any]) -> list[tuple[str, str, int | None]]:
    """(address, kind, block position) of every place that shows the caution's statement."""
    places: list[tuple[str, str, int | None]] = []
    agents = {a["inn"] for a in content.agents}
    for section in content.sections:
        for index, block in enumerate(section.blocks):
            if "table" in caution:
                shown = block.kind == "table" and block.table_key == caution["table"]
            else:
                shown = any(quote in block.text for quote in caution["quotes"])
            if not shown:
                continue
            places.append((f"serm://section/{section.slug}", "section", index))
            if block.kind == "list_item" and block.label.lower() in agents:
                places.append((f"serm://agent/{block.label.lower()}", "agent", None))
    if "table" in caution:
        for address in _cell_addresses(
            content, caution["table"], caution["row"], caution["column"]
        ):
            places.append((address, "comparison", None))
    return places


def cautioned_addresses(content: Content) -> set[tuple[str, int | None]]:
    """(address, block position) of every unit whose text carries a caution; a block
    position of None stands for the whole address (agent profiles, comparison cells)."""
    return {
        (address, position if kind == "section" else None)
        for caution in content.cautions
        for address, kind, position in caution_places(content, caution)
    }
