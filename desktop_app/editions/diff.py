"""What changed between two editions, by address: sections, cells, cautions, references.

Each edition is read straight from its database (read-only), reduced to
``address -> text`` per kind, and the two maps are compared. A cell's text is
its short value and full text, so a changed marker or wording shows with the
old and the new text side by side. The user's bookmarks and notes whose
address the new edition no longer has are listed too: they are kept, and the
app shows them as "not in this edition".
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from desktop_app.content.database import open_content_database

ADDED, REMOVED, CHANGED = "added", "removed", "changed"
KINDS = ("section", "agent", "comparison cell", "caution", "reference", "takeaway")


@dataclass(frozen=True)
class Change:
    kind: str  # one of KINDS
    address: str  # a serm:// address ("caution N" for a caution, anchored in a section)
    change: str  # ADDED, REMOVED or CHANGED
    old: str
    new: str


@dataclass(frozen=True)
class OrphanedItem:
    kind: str  # "bookmark" or "note"
    address: str
    title: str


@dataclass(frozen=True)
class EditionDiff:
    old_edition: str
    new_edition: str
    changes: tuple[Change, ...]
    orphaned: tuple[OrphanedItem, ...] = ()

    def as_dicts(self) -> list[dict[str, str]]:
        return [vars(change) for change in self.changes]


def edition_texts(connection: sqlite3.Connection) -> dict[str, dict[str, str]]:
    """kind -> address -> comparable text, for one edition."""
    texts: dict[str, dict[str, str]] = {kind: {} for kind in KINDS}
    for uri, heading, body in connection.execute(
        "SELECT s.uri, s.heading, group_concat(b.text, char(10)) FROM sections s"
        " LEFT JOIN (SELECT section_slug, text FROM blocks ORDER BY section_slug, position) b"
        " ON b.section_slug = s.slug GROUP BY s.slug"
    ):
        texts["section"][uri] = f"{heading}\n{body or ''}".strip()
    for uri, name, salt, profile in connection.execute(
        "SELECT a.uri, a.name, a.salt, b.text FROM agents a JOIN blocks b"
        " ON b.id = a.profile_block_id"
    ):
        texts["agent"][uri] = f"{name} {salt}".strip() + f"\n{profile}"
    for uri, effect, short, text, note in connection.execute(
        "SELECT uri, effect, short, text, note FROM cells"
    ):
        texts["comparison cell"][uri] = "\n".join(
            part for part in (f"[{effect}] {short}", text, note) if part
        )
    for caution_id, verdict, note, anchor in connection.execute(
        "SELECT c.id, c.verdict, c.note, (SELECT s.uri FROM caution_anchors a"
        " LEFT JOIN blocks b ON b.id = a.block_id"
        " LEFT JOIN article_tables t ON t.key = a.table_key"
        " JOIN sections s ON s.slug = coalesce(b.section_slug, t.section_slug)"
        " WHERE a.caution_id = c.id LIMIT 1) FROM cautions c"
    ):
        where = f" in {anchor}" if anchor else ""
        texts["caution"][f"caution {caution_id}{where}"] = f"{verdict}: {note}"
    for uri, title, container, date in connection.execute(
        'SELECT uri, title, container, date FROM "references"'
    ):
        texts["reference"][uri] = " · ".join(part for part in (title, container, date) if part)
    for uri, text in connection.execute("SELECT uri, text FROM takeaways"):
        texts["takeaway"][uri] = text
    return texts


def _meta_edition(connection: sqlite3.Connection) -> str:
    row = connection.execute("SELECT value FROM meta WHERE key = 'edition'").fetchone()
    return str(row[0]) if row else "unknown"


def diff_databases(old: Path, new: Path, user_database: Path | None = None) -> EditionDiff:
    """Compare two content databases (each checked as at start-up) and the user's items."""
    old_db, new_db = open_content_database(old), open_content_database(new)
    try:
        before, after = edition_texts(old_db), edition_texts(new_db)
        names = (_meta_edition(old_db), _meta_edition(new_db))
        addresses = _all_addresses(new_db)
    finally:
        old_db.close()
        new_db.close()
    changes: list[Change] = []
    for kind in KINDS:
        old_map, new_map = before[kind], after[kind]
        for address in sorted(old_map.keys() | new_map.keys()):
            was, now = old_map.get(address), new_map.get(address)
            if was is None:
                changes.append(Change(kind, address, ADDED, "", now or ""))
            elif now is None:
                changes.append(Change(kind, address, REMOVED, was, ""))
            elif was != now:
                changes.append(Change(kind, address, CHANGED, was, now))
    orphaned = orphaned_items(user_database, addresses) if user_database else ()
    return EditionDiff(names[0], names[1], tuple(changes), orphaned)


def _all_addresses(connection: sqlite3.Connection) -> frozenset[str]:
    found: set[str] = set()
    for table in ("sections", "agents", "attributes", "cells", '"references"', "takeaways"):
        found.update(uri for (uri,) in connection.execute(f"SELECT uri FROM {table}"))
    return frozenset(found)


def orphaned_items(user_database: Path, addresses: Iterable[str]) -> tuple[OrphanedItem, ...]:
    """Bookmarks and notes (read-only, never changed) whose address the edition lacks."""
    if not user_database.is_file():
        return ()
    known = frozenset(addresses)
    uri = f"file:{user_database.resolve().as_posix()}?mode=ro"
    try:
        connection = sqlite3.connect(uri, uri=True)
        try:
            rows = [
                ("bookmark", address, title)
                for address, title in connection.execute(
                    "SELECT uri, title FROM bookmarks ORDER BY position"
                )
            ] + [
                ("note", address, title)
                for address, title in connection.execute(
                    "SELECT uri, title FROM notes ORDER BY uri"
                )
            ]
        finally:
            connection.close()
    except sqlite3.Error:
        return ()  # an unreadable store is reported by the app's own start-up check
    return tuple(
        OrphanedItem(kind, address, title) for kind, address, title in rows if address not in known
    )
