"""Full-text search over the user's own notes, Qt-free, shaped like content results.

User text never reaches MATCH raw: each word is quoted and prefix-matched,
the expression is bound as a parameter, and the result count is limited.
Snippets come back as plain text with (start, length) highlight spans, so no
markup from a note can ever be interpreted by a label or a browser.
"""

from __future__ import annotations

import re
import sqlite3

from desktop_app.content.search.records import Highlighted, SearchResult
from desktop_app.userdata.records import NoteHit

MAX_TERMS = 16
_WORD = re.compile(r"\w+")
# Private-use characters nobody types: they mark matches inside FTS5 snippets.
_OPEN, _CLOSE = "\ue000", "\ue001"


def match_expression(query: str) -> str | None:
    """An FTS5 expression that finds notes containing every word of ``query`` (as prefixes)."""
    words = _WORD.findall(query)[:MAX_TERMS]
    if not words:
        return None
    return " ".join(f'"{word}"*' for word in words)


def search_notes(
    connection: sqlite3.Connection, query: str, limit: int = 50
) -> tuple[NoteHit, ...]:
    expression = match_expression(query)
    if expression is None or limit <= 0:
        return ()
    rows = connection.execute(
        f"SELECT n.uri, highlight(notes_fts, 0, '{_OPEN}', '{_CLOSE}'),"
        f" snippet(notes_fts, 1, '{_OPEN}', '{_CLOSE}', '…', 16)"
        " FROM notes_fts JOIN notes n ON n.id = notes_fts.rowid"
        " WHERE notes_fts MATCH ? ORDER BY rank, n.id LIMIT ?",
        (expression, limit),
    ).fetchall()
    hits = []
    for uri, marked_title, marked_snippet in rows:
        title, title_spans = _split_marks(marked_title)
        snippet, spans = _split_marks(marked_snippet)
        hits.append(NoteHit(uri, title, snippet, spans, title_spans))
    return tuple(hits)


def as_search_results(hits: tuple[NoteHit, ...]) -> tuple[SearchResult, ...]:
    """Note hits as the content search engine's results, kind "note", for one merged list.

    Scores are not comparable across the two indexes, so notes are meant to be
    shown as their own group (e.g. "My notes") rather than interleaved by score.
    """
    return tuple(
        SearchResult(
            uri=hit.uri,
            kind=hit.kind,
            title=Highlighted(hit.title, hit.title_highlights),
            snippet=Highlighted(hit.snippet, hit.highlights),
            score=0.0,
            match="exact",
            part="note",
        )
        for hit in hits
    )


def _split_marks(marked: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    text: list[str] = []
    spans: list[tuple[int, int]] = []
    length = 0
    start: int | None = None
    for char in marked:
        if char == _OPEN:
            start = length
        elif char == _CLOSE:
            if start is not None and length > start:
                spans.append((start, length - start))
            start = None
        else:
            text.append(" " if char in "\r\n\t" else char)  # one line, same offsets
            length += 1
    return "".join(text), tuple(spans)
