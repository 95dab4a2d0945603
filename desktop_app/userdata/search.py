"""Full-text search over the user's own notes, Qt-free, shaped like content results.

User text never reaches MATCH raw: each word is quoted and prefix-matched,
the expression is bound as a parameter, and the result count is limited.
Snippets come back as plain text with (start, length) highlight spans, so no
markup from a note can ever be interpreted by a label or a browser.
"""

from __future__ import annotations

import re
import sqlite3

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
        "SELECT n.uri, n.title,"
        f" snippet(notes_fts, -1, '{_OPEN}', '{_CLOSE}', '…', 16)"
        " FROM notes_fts JOIN notes n ON n.id = notes_fts.rowid"
        " WHERE notes_fts MATCH ? ORDER BY rank, n.id LIMIT ?",
        (expression, limit),
    ).fetchall()
    return tuple(NoteHit(uri, title, *_split_marks(snippet)) for uri, title, snippet in rows)


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
