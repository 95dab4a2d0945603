"""Open the bundled content database read-only, and refuse a file we cannot trust.

A plain ``sqlite3.connect`` would silently create an empty database where the
file is missing and then fail later with "no such table"; opening through a
``file:...?mode=ro&immutable=1`` URI never creates or writes anything, and the
checks here turn every way a file can be wrong into one typed, readable error.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from importlib import resources
from pathlib import Path
from urllib.parse import quote

from desktop_app.content.errors import (
    ContentDatabaseError,
    DatabaseCorruptError,
    DatabaseEmptyError,
    DatabaseMissingError,
    DatabaseTamperedError,
    DatabaseUnreadableError,
    FullTextSearchUnavailableError,
    SchemaVersionError,
)

SCHEMA_VERSION = 2
DATABASE_FILENAME = "serm-reference.sqlite"
ENVIRONMENT_VARIABLE = "SERM_REFERENCE_DB"
SQLITE_HEADER = b"SQLite format 3\x00"
MANIFEST_SUFFIX = ".manifest.json"
REQUIRED_TABLES = frozenset(
    {"meta", "sections", "blocks", "agents", "cells", "references", "search_units_fts"}
    | {"search_units", "synonyms", "search_vocabulary"}  # the search engine reads these
    | {"cell_items", "cell_item_sources"}  # contraindications and interactions (schema 2)
)


def default_database_path() -> Path:
    """The database shipped with the package, the same lookup from source and frozen."""
    override = os.environ.get(ENVIRONMENT_VARIABLE)
    if override:
        return Path(override)
    return Path(str(resources.files("desktop_app") / "data" / DATABASE_FILENAME))


def _read_only_uri(path: Path) -> str:
    return f"file:{quote(str(path.resolve()))}?mode=ro&immutable=1"


def _check_file(path: Path) -> None:
    if not path.exists():
        raise DatabaseMissingError(path)
    if not path.is_file():
        raise DatabaseUnreadableError(path, "it is not a regular file")
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise DatabaseUnreadableError(path, error.strerror or str(error)) from error
    if size == 0:
        raise DatabaseEmptyError(path)
    if header != SQLITE_HEADER:
        raise DatabaseCorruptError(path, "it does not start with the SQLite file header")
    if size % 512:
        raise DatabaseCorruptError(path, f"its size ({size} bytes) is not whole pages: truncated?")


def manifest_path(database: Path) -> Path:
    """The build writes size and SHA-256 of the database beside it, in this file."""
    return database.with_name(database.stem + MANIFEST_SUFFIX)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


def verify_manifest(path: Path) -> bool:
    """Compare the file with its build manifest; False when there is no manifest to check.

    A database given with ``--db`` may come without one; the bundled file always
    has one, so a changed byte in a shipped file is caught before anything is read.
    """
    manifest = manifest_path(path)
    if not manifest.is_file():
        return False
    try:
        recorded = json.loads(manifest.read_text(encoding="utf-8"))
        size, sha256 = int(recorded["size"]), str(recorded["sha256"])
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise DatabaseTamperedError(path, f"its manifest {manifest.name} is unreadable") from error
    actual_size = path.stat().st_size
    if actual_size != size:
        raise DatabaseTamperedError(path, f"size {actual_size} bytes, expected {size}")
    if file_sha256(path) != sha256:
        raise DatabaseTamperedError(path, "SHA-256 differs from the manifest")
    return True


def open_content_database(path: Path | None = None) -> sqlite3.Connection:
    """Open, verify and return a read-only connection; raise ContentDatabaseError if unusable."""
    path = Path(path) if path is not None else default_database_path()
    _check_file(path)
    verify_manifest(path)
    try:
        connection = sqlite3.connect(_read_only_uri(path), uri=True, check_same_thread=False)
    except sqlite3.Error as error:
        raise DatabaseUnreadableError(path, str(error)) from error
    try:
        _check_contents(connection, path)
    except ContentDatabaseError:
        connection.close()
        raise
    except sqlite3.DatabaseError as error:
        connection.close()
        raise DatabaseCorruptError(path, str(error)) from error
    return connection


def _check_contents(connection: sqlite3.Connection, path: Path) -> None:
    problems = [row[0] for row in connection.execute("PRAGMA quick_check(5)")]
    if problems != ["ok"]:
        raise DatabaseCorruptError(path, "; ".join(problems)[:300])
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    if version != SCHEMA_VERSION:
        newer = "newer" if version > SCHEMA_VERSION else "older"
        raise SchemaVersionError(
            path,
            f"file schema {version} is {newer} than the {SCHEMA_VERSION} this app reads",
            "Install the SERM Reference release that matches this content file.",
        )
    tables = {
        name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
    }
    missing = REQUIRED_TABLES - tables
    if missing:
        raise DatabaseCorruptError(path, "missing tables: " + ", ".join(sorted(missing)))
    try:
        connection.execute(
            "SELECT rowid FROM search_units_fts WHERE search_units_fts MATCH 'serm' LIMIT 1"
        ).fetchall()
    except sqlite3.OperationalError as error:
        if "no such module" in str(error):
            raise FullTextSearchUnavailableError(path, str(error)) from error
        raise DatabaseCorruptError(path, f"full-text index: {error}") from error
    (count,) = connection.execute("SELECT count(*) FROM sections").fetchone()
    if count == 0:
        raise DatabaseCorruptError(path, "it holds no sections")
