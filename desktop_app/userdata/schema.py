"""The personal database's schema and the checks that say whether a file is ours.

``PRAGMA application_id`` marks the file as a SERM Reference personal store and
``PRAGMA user_version`` its schema version, so a file made by a newer version
is opened read-only instead of being "repaired" into data loss, and a file that
is not ours is never mistaken for an empty store.
"""

from __future__ import annotations

import secrets
import sqlite3
from typing import Literal

APPLICATION_ID = 0x5345524D  # "SERM"
SCHEMA_VERSION = 1

SCHEMA = """
CREATE TABLE bookmarks (
    uri      TEXT PRIMARY KEY,
    title    TEXT NOT NULL,
    position INTEGER NOT NULL,
    created  TEXT NOT NULL
);
CREATE TABLE notes (
    id      INTEGER PRIMARY KEY,
    uri     TEXT NOT NULL UNIQUE,
    title   TEXT NOT NULL,
    text    TEXT NOT NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL
);
CREATE VIRTUAL TABLE notes_fts USING fts5(
    title, text, content='notes', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER notes_after_insert AFTER INSERT ON notes BEGIN
    INSERT INTO notes_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER notes_after_delete AFTER DELETE ON notes BEGIN
    INSERT INTO notes_fts(notes_fts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text);
END;
CREATE TRIGGER notes_after_update AFTER UPDATE ON notes BEGIN
    INSERT INTO notes_fts(notes_fts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text);
    INSERT INTO notes_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TABLE history (
    uri          TEXT PRIMARY KEY,
    title        TEXT NOT NULL,
    last_visited TEXT NOT NULL,
    visits       INTEGER NOT NULL,
    sequence     INTEGER NOT NULL
);
CREATE INDEX history_by_sequence ON history(sequence);
"""

# A random id made with the file, and a counter bumped at every writable open, so the
# identity page is in every write-ahead log: a -wal copied in from another store (a
# sync tool, a restored backup) shows another id and is set aside, not replayed.
IDENTITY = """
CREATE TABLE IF NOT EXISTS store_identity (
    id     TEXT NOT NULL,
    opened INTEGER NOT NULL
)
"""

FileState = Literal["empty", "current", "newer", "foreign"]


def file_state(connection: sqlite3.Connection) -> FileState:
    """What kind of file this is, read from its header fields and schema."""
    application_id = connection.execute("PRAGMA application_id").fetchone()[0]
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    tables = connection.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0]
    if application_id == 0 and version == 0 and tables == 0:
        return "empty"
    if application_id != APPLICATION_ID:
        return "foreign"
    if version > SCHEMA_VERSION:
        return "newer"
    if version < 1:
        return "foreign"
    return "current"


def create_schema(connection: sqlite3.Connection) -> None:
    """Create every table in one transaction, so a crash leaves either nothing or all."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        for statement in _statements(SCHEMA):
            connection.execute(statement)
        connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise


def _statements(script: str) -> list[str]:
    """Split the schema into statements (triggers contain ';' inside BEGIN ... END)."""
    statements: list[str] = []
    pending = ""
    for line in script.strip().splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            statements.append(pending.strip())
            pending = ""
    return statements


def ensure_identity(connection: sqlite3.Connection) -> None:
    """Give an older file its id, and mark this session in the log (one small write)."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        connection.execute(IDENTITY)
        if connection.execute("SELECT count(*) FROM store_identity").fetchone()[0] == 0:
            connection.execute(
                "INSERT INTO store_identity(id, opened) VALUES (?, 0)", (secrets.token_hex(16),)
            )
        connection.execute("UPDATE store_identity SET opened = opened + 1")
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise


def identity(connection: sqlite3.Connection) -> str | None:
    """The file's id as this connection sees it (None for a file made before ids)."""
    try:
        row = connection.execute("SELECT id FROM store_identity").fetchone()
    except sqlite3.OperationalError:
        return None
    return str(row[0]) if row else None


def fts_is_consistent(connection: sqlite3.Connection) -> bool:
    """The note search index agrees with the notes (it can be rebuilt if not)."""
    try:
        connection.execute("INSERT INTO notes_fts(notes_fts, rank) VALUES ('integrity-check', 1)")
    except sqlite3.DatabaseError:
        return False
    return True


def rebuild_fts(connection: sqlite3.Connection) -> None:
    connection.execute("INSERT INTO notes_fts(notes_fts) VALUES ('rebuild')")
