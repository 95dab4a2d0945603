"""HTML for the Compare tab's detail pane: one cell or one attribute, with its provenance.

Pure functions over the content layer's records (no Qt, no SQL), so what the
pane says can be tested as text. The pane answers, for the selected value:
what exactly does it say, where does it come from (the article's table, row
and column, or the added sources), what did the editors caution, what else did
the article say about it, and where in the article is it discussed.
"""

from __future__ import annotations

import re
from html import escape

from desktop_app.content.compare.wording import (
    ADDED,
    EDITORS_NOTE,
    FROM_ARTICLE,
    effect_text,
    provenance_text,
)
from desktop_app.content.page_records import ComparisonRow
from desktop_app.content.records import (
    NOT_COVERED,
    ArticleRow,
    ArticleTable,
    CautionMark,
    ComparisonCell,
    Source,
    TocEntry,
)
from desktop_app.content.repository import ContentRepository
from desktop_app.rendering.restrictions_html import items_html, related_contraindications_html
from desktop_app.rendering.theme import LIGHT, PageColours

SEED_REFERENCE = re.compile(r"\(seed reference (\d+)\)")
REFERENCES_SECTION = "serm://section/references"


def table_name(key: str) -> str:
    """How the pane names one of the article's tables ("long-term safety", "endometrial")."""
    return {"long-term-safety": "long-term safety"}.get(key, key.replace("-", " "))


class _Cautions:
    """Numbers the cautions of one pane in order of appearance."""

    def __init__(self) -> None:
        self.marks: list[CautionMark] = []

    def number(self, mark: CautionMark) -> int:
        for index, known in enumerate(self.marks, 1):
            if known == mark:
                return index
        self.marks.append(mark)
        return len(self.marks)


def _marked_text(
    text: str, marks: tuple[CautionMark, ...], notes: _Cautions, c: PageColours
) -> str:
    """The words unchanged; each flagged quote underlined and followed by its caution number."""
    out, cursor = [], 0
    for mark in sorted(marks, key=lambda m: m.start):
        end = mark.start + mark.length
        number = notes.number(mark)
        out.append(escape(text[cursor : mark.start]))
        out.append(f"<u>{escape(text[mark.start : end])}</u>")
        out.append(
            f' <a href="#caution-{number}" style="color:{c.caution_text}">'
            f"<b>[! caution {number}]</b></a>"
        )
        cursor = end
    out.append(escape(text[cursor:]))
    return "".join(out)


def _source_item(source: Source) -> str:
    item = f"<b>{escape(source.key)}</b> — {escape(source.citation)}"
    match = SEED_REFERENCE.search(source.citation)
    if match:
        number = match.group(1)
        item += f' (<a href="serm://reference/{number}">the article\'s reference {number}</a>)'
    return f"<li>{item}</li>"


def _caution_notes(notes: _Cautions, c: PageColours) -> str:
    if not notes.marks:
        return ""
    parts = ["<h3>Editorial cautions</h3>"]
    for number, mark in enumerate(notes.marks, 1):
        sources = "".join(_source_item(s) for s in mark.caution.sources)
        parts.append(
            f'<p><a name="caution-{number}"></a><b style="color:{c.caution_text}">'
            f"[! caution {number}] {escape(mark.caution.verdict)}</b> — on the article's words "
            f"“{escape(mark.quote)}” (kept verbatim):<br>{escape(mark.caution.note)}</p>"
            f"<p>Sources:</p><ul>{sources}</ul>"
        )
    return "".join(parts)


def _marker_line(cell: ComparisonCell, c: PageColours) -> str:
    parts = [f'<b style="color:{c.text}">{escape(effect_text(cell.effect))}</b>']
    parts.append(f"<i>{escape(provenance_text(cell))}</i>")
    count = len(cell.all_cautions)
    if count:
        noun = "editorial caution" if count == 1 else "editorial cautions"
        parts.append(f'<b style="color:{c.caution_text}">! {count} {noun}</b>')
    return "<p>" + " · ".join(parts) + "</p>"


def _article_row(
    row: ArticleRow, repository: ContentRepository, notes: _Cautions, c: PageColours
) -> str:
    section = repository.article_table_section(row.table_key)
    cells = "".join(
        f"<tr><td><b>{escape(name)}</b></td>"
        f"<td>{_marked_text(cell.text, cell.cautions, notes, c)}</td></tr>"
        for name, cell in zip(row.columns, row.cells, strict=True)
    )
    return (
        f"<p>The article's {escape(table_name(row.table_key))} table (“{escape(row.caption)}”, "
        f'row {row.row}, in <a href="{escape(section.uri)}">{escape(section.heading)}</a>) '
        "says, in its own words:</p>"
        f'<table border="1" cellspacing="0" cellpadding="4">{cells}</table>'
    )


def _sections(
    repository: ContentRepository,
    attribute: str,
    agent: str | None,
    agent_name: str,
    c: PageColours,
) -> str:
    links = repository.comparison_sections(attribute, agent)
    if not links:
        return "<h3>Sections that discuss it</h3><p>No section of the article names this topic.</p>"
    items = []
    for link in links:
        note = (
            f' <span style="color:{c.muted}">— also names {escape(agent_name)}</span>'
            if agent and link.names_agent
            else ""
        )
        items.append(
            f'<li><a href="{escape(link.entry.uri)}">{escape(link.entry.heading)}</a>{note}</li>'
        )
    return "<h3>Sections that discuss it</h3><ul>" + "".join(items) + "</ul>"


def _provenance(cell: ComparisonCell, repository: ContentRepository) -> str:
    if cell.provenance == "seed" and cell.table_key and cell.table_row and cell.table_column:
        table = repository.article_table(cell.table_key)
        section = repository.article_table_section(cell.table_key)
        row_heading = table.rows[cell.table_row - 1][0].text
        column_heading = table.columns[cell.table_column - 1]
        name = escape(table_name(cell.table_key))
        return (
            f"<p><b>{FROM_ARTICLE.capitalize()}</b>: its {name} table "
            f"(“{escape(table.caption)}”), row {cell.table_row} “{escape(row_heading)}”, "
            f"column {cell.table_column} “{escape(column_heading)}”, in "
            f'<a href="{escape(section.uri)}">{escape(section.heading)}</a>. '
            "The words above are the article's, unchanged.</p>"
        )
    if cell.provenance == "added":
        sources = "".join(_source_item(s) for s in cell.sources)
        origin = (
            f"<ul>{sources}</ul>"
            if sources
            else "<p>No source is cited: the editors record that they found no data in the "
            "sources they reviewed.</p>"
        )
        return (
            f"<p><b>{escape(ADDED.capitalize())}.</b> {_article_gap(cell, repository)} The "
            f"editors added this fact, worded for this reference{', from:' if sources else '.'}"
            f"</p>{origin}"
        )
    note = (
        f"<p><b>{escape(EDITORS_NOTE)}:</b> {escape(cell.note)} "
        "(No source is cited: the note records an absence of data.)</p>"
        if cell.note
        else ""
    )
    return (
        f"<p><b>{NOT_COVERED.capitalize()}.</b> Neither the article nor the editors' added "
        f"facts give a value here.</p>{note}"
    )


def _article_gap(cell: ComparisonCell, repository: ContentRepository) -> str:
    """What the article does and does not say for this cell, from the data: which agents its
    row covers, and whether another of its tables speaks to this agent (shown below)."""
    row = repository.comparison().row(cell.attribute)
    seed = [c for c in row.cells if c.provenance == "seed"]
    if seed and seed[0].table_key:
        names = " and ".join(escape(c.agent_name) for c in seed)
        text = (
            f"The article's {escape(table_name(seed[0].table_key))} table covers {names} only, "
            f"so its row gives no value for {escape(cell.agent_name)}."
        )
    else:
        text = f"The article has no row for {escape(cell.attribute_label.lower())}."
    if cell.article_rows:
        tables = " and ".join(escape(table_name(r.table_key)) for r in cell.article_rows)
        text += (
            f" Its {tables} table does speak to {escape(cell.agent_name)}: its words are "
            "shown below."
        )
    return text


def _references(cell: ComparisonCell) -> str:
    linked = [m.group(1) for s in cell.sources if (m := SEED_REFERENCE.search(s.citation))]
    article = (
        "The article lists its references at the end without tying them to single statements: "
        f'see <a href="{REFERENCES_SECTION}">the article\'s reference list</a>.'
    )
    if cell.provenance == "added":
        text = "The sources above are the references for this added fact."
        if linked:
            text += (
                " "
                + ", ".join(
                    f'<a href="serm://reference/{n}">the article\'s reference {n}</a>'
                    for n in linked
                )
                + " is among them."
            )
        return f"<h3>References</h3><p>{text} {article}</p>"
    return f"<h3>References</h3><p>{article}</p>"


def cell_detail_html(
    cell: ComparisonCell, repository: ContentRepository, colours: PageColours = LIGHT
) -> str:
    """Everything about one cell, in the order a clinician checks it."""
    c = colours
    notes = _Cautions()
    parts = [
        f"<h2>{escape(cell.agent_name)} — {escape(cell.attribute_label)}</h2>",
        _marker_line(cell, c),
        items_html(cell, with_citations=True)
        if cell.items
        else f"<p>{_marked_text(cell.text, cell.cautions, notes, c)}</p>",
    ]
    if cell.applies_to:
        parts.append(f"<p><b>Applies to:</b> {escape(cell.applies_to)}</p>")
    parts.append(related_contraindications_html(cell, repository.comparison()))
    if cell.article_rows:
        parts.append("<h3>What the article's other table says</h3>")
        parts += [_article_row(row, repository, notes, c) for row in cell.article_rows]
    parts.append(_caution_notes(notes, c))
    # Provenance after the clinical content and its cautions: always there, never first.
    parts.append("<h3>Where it comes from</h3>")
    parts.append(_provenance(cell, repository))
    parts.append(_references(cell))
    parts.append(_sections(repository, cell.attribute, cell.agent, cell.agent_name, c))
    parts.append(
        "<h3>See also</h3><p>"
        f'<a href="serm://agent/{escape(cell.agent)}">{escape(cell.agent_name)}: agent page</a>'
        f' · <a href="serm://compare/{escape(cell.attribute)}">{escape(cell.attribute_label)}'
        " for every agent</a></p>"
    )
    return "".join(parts)


def row_detail_html(
    row: ComparisonRow, repository: ContentRepository, colours: PageColours = LIGHT
) -> str:
    """One attribute across every agent, each value with its marker and provenance."""
    c = colours
    attribute = row.attribute
    seed = [cell for cell in row.cells if cell.provenance == "seed"]
    if seed and seed[0].table_key and seed[0].table_row:
        table = repository.article_table(seed[0].table_key)
        origin = (
            f"Row {seed[0].table_row} “{escape(table.rows[seed[0].table_row - 1][0].text)}” of the "
            f"article's {escape(table_name(seed[0].table_key))} table covers "
            + " and ".join(escape(cell.agent_name) for cell in seed)
            + "; each other value says where it comes from."
        )
    else:
        origin = (
            "The article has no row for this attribute: the editors added it, and every value "
            "carries its sources."
        )
    items = []
    for cell in row.cells:
        caution = (
            f' <b style="color:{c.caution_text}">[! {len(cell.all_cautions)} caution'
            f"{'s' if len(cell.all_cautions) > 1 else ''}]</b>"
            if cell.all_cautions
            else ""
        )
        items.append(
            # The value first, then its marker: an article value that opens with the
            # marker's word ("Neutral/Antagonistic") never reads "Neutral — Neutral".
            f'<li><a href="{escape(cell.uri)}"><b>{escape(cell.agent_name)}</b></a>: '
            f"{escape(cell.short)} — marker {escape(effect_text(cell.effect))} "
            f"<i>({escape(provenance_text(cell))})</i>{caution}</li>"
        )
    return (
        f"<h2>{escape(attribute.label)}</h2><p>{origin}</p><ul>{''.join(items)}</ul>"
        "<p>Select a value for its full text, sources and cautions.</p>"
        + _sections(repository, attribute.key, None, "", c)
    )


def article_cell_html(
    table: ArticleTable,
    row: int,
    column: int,
    section: TocEntry,
    colours: PageColours = LIGHT,
) -> str:
    """One cell of the article's own tables (0-based row and column), with its cautions."""
    notes = _Cautions()
    cell = table.rows[row][column]
    return (
        f"<h2>{escape(table.rows[row][0].text)} — {escape(table.columns[column])}</h2>"
        f"<p>{_marked_text(cell.text, cell.cautions, notes, colours)}</p>"
        f"<p><i>The article's words, unchanged</i>: its {escape(table_name(table.key))} table, "
        f"row {row + 1}, column {column + 1}, in "
        f'<a href="{escape(section.uri)}">{escape(section.heading)}</a>.</p>'
        + _caution_notes(notes, colours)
    )
