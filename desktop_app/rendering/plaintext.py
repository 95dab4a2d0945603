"""Plain-text rendering of content items, for the terminal and screen readers.

Editorial insertions are shown in [square brackets] and cautions as numbered
notes after the text, so a reader of plain text loses none of what the GUI
marks visually.
"""

from __future__ import annotations

import textwrap

from desktop_app.content.compare.wording import display_value
from desktop_app.content.page_records import Agent, Block, ComparisonRow, Section, Takeaway
from desktop_app.content.records import (
    ArticleTable,
    CautionMark,
    CellItem,
    ComparisonCell,
    Reference,
)
from desktop_app.content.repository import ContentRepository, Item
from desktop_app.content.restrictions import (
    CONTRAINDICATIONS,
    applies_to_shown,
    key_safety,
    ordered,
    restriction_link,
    scope_groups,
    thrombosis_items,
)

WIDTH = 78


def _mark_insertions(block: Block) -> str:
    text = block.text
    for insertion in reversed(block.insertions):
        end = insertion.start + insertion.length
        text = text[: insertion.start] + "[" + text[insertion.start : end] + "]" + text[end:]
    return text


def _wrap(text: str, indent: str = "", hanging: str | None = None) -> str:
    """Wrap with a hanging indent, so a bullet or marker shows once per item."""
    return textwrap.fill(
        text,
        WIDTH,
        initial_indent=indent,
        subsequent_indent=" " * len(indent) if hanging is None else hanging,
    )


def _caution_notes(marks: tuple[CautionMark, ...], indent: str = "") -> list[str]:
    lines = []
    for mark in marks:
        sources = "; ".join(s.citation for s in mark.caution.sources)
        lines.append(
            _wrap(
                f"Editorial caution ({mark.caution.verdict}) on “{mark.quote}”: "
                f"{mark.caution.note} Sources: {sources}",
                indent + "  ! ",
            )
        )
    return lines


def render_table(table: ArticleTable) -> list[str]:
    lines = [table.caption, ""]
    header = " | ".join(table.columns)
    lines += [header, "-" * min(len(header), WIDTH)]
    for row in table.rows:
        lines.append(" | ".join(cell.text for cell in row))
        for cell in row:
            lines += _caution_notes(cell.cautions)
    return lines


def render_block(block: Block, repository: ContentRepository) -> list[str]:
    if block.kind == "table" and block.table is not None:
        return render_table(block.table)
    if block.kind == "references":
        return [_wrap(r.citation, f"{r.number:>3}. ") for r in repository.references()]
    text = _mark_insertions(block)
    if block.kind == "list_item":
        lines = [_wrap(f"{block.label}: {text}", "  * ")]
    elif block.kind == "takeaway":
        lines = [_wrap(f"Key takeaway: {text}", "  > ")]
    else:
        lines = [_wrap(text)]
    return lines + _caution_notes(block.cautions)


def _item_lines(cell: ComparisonCell) -> list[str]:
    """Every item of a list cell: interactions avoid-first with advice, reason and sources;
    contraindications with the use they apply to; label warnings apart."""
    lines: list[str] = []
    items = ordered(cell.items)
    for item in (i for i in items if i.kind == "interaction"):
        lines.append(_wrap(f"With {item.other}", "  - "))
        lines.append(_wrap(f"Advice: {item.advice}", "    "))
        lines.append(_wrap(f"Why: {item.why}", "    "))
        lines.append(_wrap("Sources: " + "; ".join(s.citation for s in item.sources), "    "))
    for kind, heading in (
        ("contraindication", "Contraindicated in:"),
        ("label_warning", "Label warnings (not listed as contraindications):"),
    ):
        chosen = tuple(i for i in items if i.kind == kind)
        if chosen:
            lines += [heading, *_grouped_lines(chosen)]
    return lines


def _grouped_lines(items: tuple[CellItem, ...]) -> list[str]:
    """Items under the use each group applies to ("With conjugated estrogens (Duavee):")."""
    lines = []
    for heading, chosen in scope_groups(items):
        if heading:
            lines.append(_wrap(heading + ":", "  "))
        lines += [_wrap(item.text, "    - " if heading else "  - ") for item in chosen]
    return lines


def _related_lines(cell: ComparisonCell, repository: ContentRepository) -> list[str]:
    """A VTE cell (or one marked as a restriction) points at the agent's contraindications."""
    address = restriction_link(cell)
    grid = repository.comparison()
    if not address or CONTRAINDICATIONS not in [a.key for a in grid.attributes]:
        return []
    target = grid.cell(CONTRAINDICATIONS, cell.agent)
    related = thrombosis_items(target) if cell.attribute == "vte" else ()
    lines = [""]
    if related:
        lines.append("Contraindicated (added — not from the source article; label):")
        for item in related:
            scope = applies_to_shown(item)
            lines.append(_wrap(item.text + (f" — applies to: {scope}" if scope else ""), "  - "))
    lines.append(f"All contraindications of {cell.agent_name}: {address}")
    return lines


def _cell_lines(cells: tuple[ComparisonCell, ...], name: str) -> list[str]:
    """One line per cell, as `compare` words it (value, marker, provenance, cautions), then
    every caution in full, as the window shows them under the table."""
    lines = [_wrap(f"{getattr(c, name)}: {display_value(c)}", "  ", "    ") for c in cells]
    seen: list[CautionMark] = []
    for cell in cells:
        seen += [m for m in cell.all_cautions if m not in seen]
    if seen:
        lines += ["", "Editorial cautions on these values:", *_caution_notes(tuple(seen))]
    return lines


def render_cell(cell: ComparisonCell, repository: ContentRepository | None = None) -> list[str]:
    origin = {
        "seed": f"from the article's table ({cell.table_key}, row {cell.table_row}, "
        f"column {cell.table_column})",
        "added": "added — not from the source article",
        "none": "not covered by the source",
    }[cell.provenance]
    lines = [
        f"{cell.agent_name}, {cell.attribute_label}: {cell.effect}",
        f"({origin})",
        "",
        *(_item_lines(cell) if cell.items else [_wrap(cell.text)]),
    ]
    if cell.applies_to:
        lines.append(f"Applies to: {cell.applies_to}")
    if cell.note:
        lines += ["", _wrap(f"Editors' note (added — not from the source article): {cell.note}")]
    if cell.sources:
        lines += ["", "Sources:"] + [_wrap(s.citation, "  - ") for s in cell.sources]
    lines += _caution_notes(cell.cautions)
    for row in cell.article_rows:
        lines += ["", f"The article's {row.table_key} table, row {row.row}, says:"]
        lines += [
            _wrap(f"{name}: {c.text}", "  ") for name, c in zip(row.columns, row.cells, strict=True)
        ]
        lines += _caution_notes(row.cautions)
    if repository is not None:
        lines += _related_lines(cell, repository)
    return lines


def _key_safety_lines(agent: Agent, repository: ContentRepository) -> list[str]:
    safety = key_safety(repository.comparison(), agent.summary.inn)
    lines: list[str] = []
    if safety.contraindications is not None:
        lines.append(f"Contraindications  <{safety.contraindications.uri}>")
        lines += _grouped_lines(safety.contraindication_items)
        if safety.label_warnings:
            lines.append("Label warnings (not listed as contraindications):")
            lines += _grouped_lines(safety.label_warnings)
    if safety.boxed_warnings:
        lines.append("Boxed warnings (as the grid states them):")
        lines += [
            _wrap(f"{c.attribute_label}: {c.short}  <{c.uri}>", "  - ")
            for c in safety.boxed_warnings
        ]
    if safety.interactions is not None:
        if safety.avoid:
            lines.append(f"Interactions to avoid  <{safety.interactions.uri}>")
            lines += [_wrap(f"{i.other}: {i.advice} — {i.why}", "  - ") for i in safety.avoid]
        else:
            lines.append(
                f"Interactions: {len(safety.interactions.items)} listed, none worded “avoid” or "
                f"“do not use together”  <{safety.interactions.uri}>"
            )
    if not lines:
        return []
    return [
        "KEY SAFETY (added — not from the source article; from the product labels)",
        *lines,
        "",
    ]


def render_item(item: Item, repository: ContentRepository) -> str:
    """The item as it would read in the app, as wrapped plain text."""
    lines: list[str]
    if isinstance(item, Section):
        lines = [item.entry.heading.upper(), f"({item.level_heading})", ""]
        for block in item.blocks:
            lines += [*render_block(block, repository), ""]
        if item.children:
            lines += ["In this section:"] + [f"  - {c.heading}  <{c.uri}>" for c in item.children]
    elif isinstance(item, Agent):
        lines = [item.summary.name.upper(), item.drug_class]
        if item.salt:
            lines.append(f"Salt: {item.salt}")
        for name in item.names:
            region = f" ({name.region})" if name.region else ""
            lines.append(f"{name.kind.capitalize()}: {name.name}{region}")
        lines += ["", *_key_safety_lines(item, repository)]
        lines += [*render_block(item.profile, repository), ""]
        lines += ["Safety at a glance:", *_cell_lines(item.comparison, "attribute_label")]
    elif isinstance(item, ComparisonCell):
        lines = render_cell(item, repository)
    elif isinstance(item, ComparisonRow):
        lines = [item.attribute.label.upper()]
        lines += _cell_lines(item.cells, "agent_name")
    elif isinstance(item, Reference):
        lines = [f"Reference {item.number}", item.citation]
    elif isinstance(item, Takeaway):
        lines = [f"Key takeaway {item.number} (in {item.section.heading})", _wrap(item.text)]
    else:  # pragma: no cover - Item is a closed union
        raise TypeError(type(item))
    return "\n".join(lines).rstrip() + "\n"
