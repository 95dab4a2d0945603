"""The visible comparison grid as CSV, JSON and plain text, without Qt.

CSV has one row per cell (address, value, marker, provenance, full text,
sources, cautions) rather than the grid's shape: a cell's provenance and
sources do not fit in one spreadsheet cell, and a row per cell sorts, filters
and parses back without loss. Every export starts with the edition and the
disclaimer, so a copy that travels on its own still says what it is.
"""

from __future__ import annotations

import csv
import json
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, TextIO

from desktop_app.content.compare.layout import GridLayout
from desktop_app.content.compare.wording import (
    EDITORS_NOTE,
    EFFECT_LABELS,
    EFFECT_MEANINGS,
    PROVENANCE_LABELS,
    caution_summary,
    provenance_text,
)
from desktop_app.content.records import (
    CautionMark,
    CellItem,
    ComparisonCell,
    ComparisonGrid,
    ContentMeta,
)
from desktop_app.content.restrictions import advice_group, ordered

CSV_COLUMNS = (
    "address",
    "attribute",
    "agent",
    "value",
    "effect",
    "provenance",
    "text",
    "applies_to",
    "sources",
    "source_citations",
    "cautions",
    "editors_note",
)
LIST_SEPARATOR = "\n"  # inside one CSV field: spreadsheets show one item per line
TEXT_WIDTH = 78


def stamp_lines(meta: ContentMeta) -> tuple[str, str]:
    """The edition line and the disclaimer every export carries."""
    return (
        f"SERM Reference comparison grid — content edition {meta.edition} ({meta.date})",
        meta.disclaimer,
    )


def caution_text(mark: CautionMark) -> str:
    sources = "; ".join(s.key for s in mark.caution.sources)
    return f"{mark.caution.verdict} on “{mark.quote}”: {mark.caution.note} (sources: {sources})"


def visible_cells(grid: ComparisonGrid, layout: GridLayout) -> Iterator[ComparisonCell]:
    """The visible cells in reading order: along each shown row, top to bottom."""
    for row in layout.rows(grid):
        yield from row


# -- CSV --------------------------------------------------------------------------------


def write_csv(out: TextIO, meta: ContentMeta, grid: ComparisonGrid, layout: GridLayout) -> int:
    """Write the stamp, a blank line, the header and one row per visible cell; return the count."""
    writer = csv.writer(out, lineterminator="\r\n")
    edition, disclaimer = stamp_lines(meta)
    writer.writerow([edition])
    writer.writerow([f"Disclaimer: {disclaimer}"])
    writer.writerow([])
    writer.writerow(CSV_COLUMNS)
    count = 0
    for cell in visible_cells(grid, layout):
        writer.writerow(
            [
                cell.uri,
                cell.attribute,
                cell.agent,
                cell.short,
                cell.effect,
                provenance_text(cell),
                cell.text,
                cell.applies_to,
                LIST_SEPARATOR.join(s.key for s in cell.sources),
                LIST_SEPARATOR.join(s.citation for s in cell.sources),
                LIST_SEPARATOR.join(caution_text(m) for m in cell.all_cautions),
                cell.note,
            ]
        )
        count += 1
    return count


@dataclass(frozen=True)
class CsvCell:
    """One cell read back from an exported CSV file."""

    address: str
    attribute: str
    agent: str
    value: str
    effect: str
    provenance: str
    text: str
    applies_to: str
    sources: tuple[str, ...]
    source_citations: tuple[str, ...]
    cautions: tuple[str, ...]
    editors_note: str


def read_csv(source: TextIO) -> tuple[tuple[str, ...], tuple[CsvCell, ...]]:
    """Parse an exported file: (stamp lines, cells). Raise ValueError if it is not one."""
    rows = list(csv.reader(source))
    try:
        header_at = rows.index(list(CSV_COLUMNS))
    except ValueError as error:
        raise ValueError("not a comparison export: no header row") from error
    stamp = tuple(row[0] for row in rows[:header_at] if row)

    def items(field: str) -> tuple[str, ...]:
        return tuple(field.split(LIST_SEPARATOR)) if field else ()

    cells = []
    for row in rows[header_at + 1 :]:
        if len(row) != len(CSV_COLUMNS):
            raise ValueError(f"a row has {len(row)} fields, expected {len(CSV_COLUMNS)}")
        values = dict(zip(CSV_COLUMNS, row, strict=True))
        cells.append(
            CsvCell(
                address=values["address"],
                attribute=values["attribute"],
                agent=values["agent"],
                value=values["value"],
                effect=values["effect"],
                provenance=values["provenance"],
                text=values["text"],
                applies_to=values["applies_to"],
                sources=items(values["sources"]),
                source_citations=items(values["source_citations"]),
                cautions=items(values["cautions"]),
                editors_note=values["editors_note"],
            )
        )
    return stamp, tuple(cells)


# -- JSON -------------------------------------------------------------------------------


def cell_record(cell: ComparisonCell) -> dict[str, Any]:
    """Everything a script needs about one cell, with provenance spelled out."""
    record: dict[str, Any] = {
        "address": cell.uri,
        "attribute": cell.attribute,
        "attribute_label": cell.attribute_label,
        "agent": cell.agent,
        "agent_name": cell.agent_name,
        "value": cell.short,
        "text": cell.text,
        "effect": cell.effect,
        "provenance": cell.provenance,
        "provenance_label": PROVENANCE_LABELS[cell.provenance],
        "applies_to": cell.applies_to,
        "sources": [{"key": s.key, "citation": s.citation} for s in cell.sources],
        "article_table": (
            {"table": cell.table_key, "row": cell.table_row, "column": cell.table_column}
            if cell.table_key
            else None
        ),
        "cautions": [
            {
                "verdict": m.caution.verdict,
                "quote": m.quote,
                "note": m.caution.note,
                "sources": [{"key": s.key, "citation": s.citation} for s in m.caution.sources],
            }
            for m in cell.all_cautions
        ],
        "also_in_article": [
            {
                "table": row.table_key,
                "row": row.row,
                "cells": dict(zip(row.columns, (c.text for c in row.cells), strict=True)),
            }
            for row in cell.article_rows
        ],
    }
    if cell.items:
        record["items"] = [item_record(item) for item in ordered(cell.items)]
    if cell.note:
        record["editors_note"] = cell.note
    return record


def item_record(item: CellItem) -> dict[str, Any]:
    """One item of a list cell, with only the fields its kind has."""
    record: dict[str, Any] = {"kind": item.kind}
    if item.kind == "interaction":
        record.update(
            {"with": item.other, "advice": item.advice, "advice_group": advice_group(item.advice)}
        )
        record["why"] = item.why
    else:
        record.update({"text": item.text, "applies_to": item.applies_to})
    record["sources"] = [{"key": s.key, "citation": s.citation} for s in item.sources]
    return record


def grid_json(meta: ContentMeta, grid: ComparisonGrid, layout: GridLayout) -> str:
    document = {
        "title": meta.title,
        "edition": meta.edition,
        "date": meta.date,
        "disclaimer": meta.disclaimer,
        "transposed": layout.transposed,
        "rows": list(layout.row_labels(grid)),
        "columns": list(layout.column_labels(grid)),
        "effects": EFFECT_MEANINGS,
        "cells": [cell_record(c) for c in visible_cells(grid, layout)],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


# -- plain text -------------------------------------------------------------------------


def _wrap(text: str, indent: str, hanging: str | None = None) -> list[str]:
    return textwrap.wrap(
        text,
        TEXT_WIDTH,
        initial_indent=indent,
        subsequent_indent=hanging if hanging is not None else indent,
    ) or [indent.rstrip()]


def grid_text(meta: ContentMeta, grid: ComparisonGrid, layout: GridLayout) -> str:
    """The grid for a terminal or a screen reader: one block per shown row, words only."""
    edition, disclaimer = stamp_lines(meta)
    lines = [edition, *_wrap(disclaimer, ""), ""]
    lines += ["Markers:"]
    for effect, meaning in EFFECT_MEANINGS.items():
        lines += _wrap(meaning, f"  {EFFECT_LABELS[effect].lower():<11} ", " " * 14)
    lines += _wrap(
        f"Each value says where it comes from: {PROVENANCE_LABELS['seed']}; "
        f"{PROVENANCE_LABELS['added']} (with its sources); or {PROVENANCE_LABELS['none']}.",
        "",
    )
    lines.append("")
    row_labels = layout.row_labels(grid)
    column_labels = layout.column_labels(grid)
    width = max(len(label) for label in column_labels) + 2
    for label, cells in zip(row_labels, layout.rows(grid), strict=True):
        first = cells[0]
        address = (
            f"serm://agent/{first.agent}"
            if layout.transposed
            else f"serm://compare/{first.attribute}"
        )
        lines.append(f"{label.upper()}  <{address}>")
        for column, cell in zip(column_labels, cells, strict=True):
            head = f"  {column:<{width}}{cell.effect:<11} "
            details = [provenance_text(cell)] if cell.provenance != "none" else []
            caution = caution_summary(cell)
            if caution:
                details.append(caution)
            suffix = f" [{'; '.join(details)}]" if details else ""
            lines += _wrap(cell.short + suffix, head, " " * len(head))
            if cell.note:
                lines += _wrap(f"{EDITORS_NOTE}: {cell.note}", " " * len(head))
        lines.append("")
    lines += [
        "Each value in full, with its sources and cautions:",
        f"  serm-reference show {_example(layout, grid)}",
    ]
    return "\n".join(lines) + "\n"


def _example(layout: GridLayout, grid: ComparisonGrid) -> str:
    rows = layout.rows(grid)
    return rows[0][0].uri if rows and rows[0] else "serm://compare/vte/raloxifene"
