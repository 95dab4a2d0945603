"""Matched words marked by FTS5's own highlight() and snippet(), as plain text plus spans.

FTS5 knows which words matched (stemming and prefixes included), so it marks
them, wrapping each in two control characters that the build refuses in
indexed text; ``unmark`` turns those into (start, length) spans. No markup
leaves this layer: the GUI escapes the text and adds its own emphasis.

Marking runs on the content index, once for all the units shown. They are
picked with ``+rowid IN (...)`` inside a ``rowid BETWEEN`` range: FTS5 then
evaluates the query once and walks the matches of that range (the engine's
results all come from the first few hundred matches, so the range is short),
where ``rowid IN`` alone would make it evaluate the query once per unit, which
costs up to a millisecond a unit for phrases and prefixes on a large corpus.
"""

from __future__ import annotations

import re

from desktop_app.content.search.records import Highlighted

SNIPPET_TOKENS = 18
ELLIPSIS = "…"
ALSO_KNOWN_AS = "Also known as: "
_MARK_START, _MARK_END = "\x02", "\x03"
_MARKS = re.compile("[\x02\x03]")
_MARKED_SQL = (
    "SELECT search_units_fts.rowid, u.kind, u.part, u.block_position, u.cautioned,"
    " highlight(search_units_fts, 0, char(2), char(3)),"
    " highlight(search_units_fts, 1, char(2), char(3)),"
    f" snippet(search_units_fts, 2, char(2), char(3), '{ELLIPSIS}', {SNIPPET_TOKENS})"
    " FROM search_units_fts JOIN search_units AS u ON u.id = search_units_fts.rowid"
    " WHERE search_units_fts MATCH ?"
    " AND search_units_fts.rowid BETWEEN ? AND ? AND +search_units_fts.rowid IN ({ids})"
)


def marked_sql(count: int) -> str:
    """Id, kind, part, block position, caution flag, marked title, names and body snippet of
    ``count``
    units; parameters: the expression, the lowest and highest id, then the ids."""
    return _MARKED_SQL.format(ids=",".join("?" * count))


def unmark(marked: str) -> Highlighted:
    """Turn the marker characters into plain text plus (start, length) spans."""
    if _MARK_START not in marked:
        return Highlighted(marked.replace(_MARK_END, ""))
    text: list[str] = []
    spans: list[tuple[int, int]] = []
    length = 0
    for number, piece in enumerate(_MARKS.split(marked)):
        if number % 2 and piece:  # odd pieces sit between a start and an end mark
            spans.append((length, len(piece)))
        text.append(piece)
        length += len(piece)
    return Highlighted("".join(text), tuple(spans))


def title_and_snippet(
    title: str | None, names: str | None, body_snippet: str | None
) -> tuple[Highlighted, Highlighted]:
    """The marked title, and the body's best fragment, or the names when only they matched
    (a brand typed), so the user sees why the result is there."""
    snippet = unmark(body_snippet or "")
    if not snippet.spans and names and _MARK_START in names:
        matched_names = unmark(names)
        shift = len(ALSO_KNOWN_AS)
        snippet = Highlighted(
            ALSO_KNOWN_AS + matched_names.text,
            tuple((start + shift, length) for start, length in matched_names.spans),
        )
    return unmark(title or ""), snippet
