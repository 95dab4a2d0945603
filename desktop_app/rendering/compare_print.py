"""HTML of the visible comparison grid for printing and PDF (no Qt, no SQL).

A printout travels without the app, so it carries what the screen shows
through icons, colour and the detail pane: the marker as symbol and word, each
value's provenance, every source in full, every caution with its note, and the
edition and disclaimer at the top and the bottom.
"""

from __future__ import annotations

from html import escape

from desktop_app.content.compare.layout import GridLayout
from desktop_app.content.compare.wording import (
    EDITORS_NOTE,
    EFFECT_LABELS,
    EFFECT_MEANINGS,
    PROVENANCE_LABELS,
    effect_text,
    provenance_text,
)
from desktop_app.content.records import ComparisonGrid, ContentMeta, Source
from desktop_app.rendering.compare_detail import table_name

# Pale paper tints; the symbol and the word carry the meaning, the tint only helps.
PRINT_TINTS = {
    "adverse": "#fbe3e1",
    "favourable": "#e2f2e4",
    "neutral": "#eceff1",
    "mixed": "#fdf0d5",
    "no data": "#ffffff",
    "restriction": "#efe4f5",
    "fact": "#ffffff",
}


def grid_print_html(meta: ContentMeta, grid: ComparisonGrid, layout: GridLayout) -> str:
    """A whole printable document: stamp, legend, the grid, then every cell in full."""
    rows = layout.rows(grid)
    columns = layout.column_labels(grid)
    caution_numbers: dict[int, int] = {}  # caution id -> number in this printout
    cautions = []
    sources: dict[str, Source] = {}
    for row in rows:
        for cell in row:
            for source in cell.sources:
                sources.setdefault(source.key, source)
            for mark in cell.all_cautions:
                if mark.caution.id not in caution_numbers:
                    caution_numbers[mark.caution.id] = len(caution_numbers) + 1
                    cautions.append(mark)
                for source in mark.caution.sources:
                    sources.setdefault(source.key, source)

    stamp = (
        f"<p><b>Content edition {escape(meta.edition)} ({escape(meta.date)}).</b> "
        f"{escape(meta.disclaimer)}</p>"
    )
    shown = f"{len(layout.agents)} of {len(grid.agents)} agents, " + (
        f"{len(layout.attributes)} of {len(grid.attributes)} attributes"
        + (", transposed" if layout.transposed else "")
    )
    parts = [
        "<html><body>",
        "<h1>SERM Reference — comparison grid</h1>",
        stamp,
        f"<p>Showing {escape(shown)}.</p>",
        _legend(),
        '<table border="1" cellspacing="0" cellpadding="4" width="100%">',
        "<thead><tr><th></th>"  # a header row repeats on every printed page
        + "".join(f"<th>{escape(label)}</th>" for label in columns)
        + "</tr></thead>",
    ]
    for label, row in zip(layout.row_labels(grid), rows, strict=True):
        cells = []
        for cell in row:
            marks = "".join(
                f" <b>[! {caution_numbers[m.caution.id]}]</b>" for m in cell.all_cautions
            )
            cells.append(
                f'<td valign="top" bgcolor="{PRINT_TINTS[cell.effect]}">'
                f"<b>{escape(effect_text(cell.effect))}</b>{marks}<br>{escape(cell.short)}"
                f"<br><i><small>{escape(provenance_text(cell))}</small></i></td>"
            )
        parts.append(f'<tr><th align="left" valign="top">{escape(label)}</th>{"".join(cells)}</tr>')
    parts.append("</table>")

    parts.append("<h2>Each value in full</h2>")
    for row in rows:
        for cell in row:
            origin = provenance_text(cell)
            if cell.provenance == "seed":
                origin += (
                    f" ({table_name(cell.table_key or '')} table, row {cell.table_row},"
                    f" column {cell.table_column})"
                )
            if cell.sources:
                origin += "; sources: " + ", ".join(s.key for s in cell.sources)
            text = escape(cell.text)
            if cell.applies_to:
                text += f" Applies to: {escape(cell.applies_to)}."
            if cell.note:
                text += f" {escape(EDITORS_NOTE)}: {escape(cell.note)}"
            marks = "".join(f" [! {caution_numbers[m.caution.id]}]" for m in cell.all_cautions)
            parts.append(
                f"<p><b>{escape(cell.agent_name)} — {escape(cell.attribute_label)}</b>: "
                f"{escape(effect_text(cell.effect))}{marks}. {text} <i>[{escape(origin)}]</i></p>"
            )
    if cautions:
        parts.append("<h2>Editorial cautions</h2>")
        for mark in cautions:
            keys = ", ".join(s.key for s in mark.caution.sources)
            parts.append(
                f"<p><b>[! {caution_numbers[mark.caution.id]}] {escape(mark.caution.verdict)}</b>"
                f" — on the article's words “{escape(mark.quote)}” (kept verbatim): "
                f"{escape(mark.caution.note)} <i>Sources: {escape(keys)}.</i></p>"
            )
    if sources:
        parts.append("<h2>Sources of added facts and cautions</h2><ul>")
        parts += [
            f"<li><b>{escape(key)}</b> — {escape(sources[key].citation)}</li>"
            for key in sorted(sources)
        ]
        parts.append("</ul>")
    parts += ["<hr>", stamp, "</body></html>"]
    return "".join(parts)


def _legend() -> str:
    markers = "".join(
        f'<td bgcolor="{PRINT_TINTS[effect]}"><b>{escape(effect_text(effect))}</b>: '
        f"{escape(EFFECT_MEANINGS[effect])}</td>"
        for effect in EFFECT_LABELS
    )
    return (
        f'<table border="0" cellspacing="2" cellpadding="3"><tr>{markers}</tr></table>'
        f"<p>Below each value: <i>{escape(PROVENANCE_LABELS['seed'])}</i>, "
        f"<i>{escape(PROVENANCE_LABELS['added'])}</i> (with its sources), or "
        f"<i>{escape(PROVENANCE_LABELS['none'])}</i>. <b>[! n]</b>: editorial caution n, "
        "listed after the grid.</p>"
    )
