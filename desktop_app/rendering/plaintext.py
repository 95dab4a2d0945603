"""Plain-text rendering of content items, for the terminal and screen readers.

Editorial insertions are shown in [square brackets] and cautions as numbered
notes after the text, so a reader of plain text loses none of what the GUI
marks visually.
"""

from __future__ import annotations

import textwrap

from desktop_app.content.records import (
    Agent,
    ArticleTable,
    Block,
    CautionMark,
    ComparisonCell,
    ComparisonRow,
    Reference,
    Section,
    Takeaway,
)
from desktop_app.content.repository import ContentRepository, Item

WIDTH = 78


def _mark_insertions(block: Block) -> str:
    text = block.text
    for insertion in reversed(block.insertions):
        end = insertion.start + insertion.length
        text = text[: insertion.start] + "[" + text[insertion.start : end] + "]" + text[end:]
    return text


def _wrap(text: str, indent: str = "") -> str:
    """Wrap with a hanging indent, so a bullet or marker shows once per item."""
    return textwrap.fill(text, WIDTH, initial_indent=indent, subsequent_indent=" " * len(indent))


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


def render_cell(cell: ComparisonCell) -> list[str]:
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
        _wrap(cell.text),
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
    return lines


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
        lines += ["", *render_block(item.profile, repository), ""]
        for cell in item.comparison:
            lines.append(
                f"  {cell.attribute_label}: {cell.short} [{cell.effect}; "
                f"{'article' if cell.provenance == 'seed' else cell.provenance}]"
            )
    elif isinstance(item, ComparisonCell):
        lines = render_cell(item)
    elif isinstance(item, ComparisonRow):
        lines = [item.attribute.label.upper()]
        lines += [f"  {c.agent_name}: {c.short} [{c.effect}; {c.provenance}]" for c in item.cells]
    elif isinstance(item, Reference):
        lines = [f"Reference {item.number}", item.citation]
    elif isinstance(item, Takeaway):
        lines = [f"Key takeaway {item.number} (in {item.section.heading})", _wrap(item.text)]
    else:  # pragma: no cover - Item is a closed union
        raise TypeError(type(item))
    return "\n".join(lines).rstrip() + "\n"
