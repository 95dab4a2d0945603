"""Open the bundled content database read-only, and refuse a file we cannot trust.

A plain ``sqlite3.connect`` would silently create an empty database where the
file is missing and then fail later with "no such table"; opening through a
``file:...?mode=ro&immutable=1`` URI never creates or writes anything, and the
checks here turn every way a file can be wrong into one typed, readable error.
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from desktop_app.bundled import data_file
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

if TYPE_CHECKING:
    from _blake2 import blake2b as Blake2b
    from _hashlib import HASH

SCHEMA_VERSION = 2
DATABASE_FILENAME = "serm-reference.sqlite"
ENVIRONMENT_VARIABLE = "SERM_REFERENCE_DB"
SQLITE_HEADER = b"SQLite format 3\x00"
MANIFEST_SUFFIX = ".manifest.json"
START_DIGEST = "blake2b"  # the manifest key of the digest each start compares (BLAKE2b-256)
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
    return data_file(DATABASE_FILENAME)


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


def new_sha256(data: bytes = b"") -> HASH:
    """A SHA-256 digest from OpenSSL, through ``_hashlib``, the binding ``hashlib`` wraps.

    ``hashlib``'s own import asks OpenSSL for each of its fourteen algorithms
    (~0.5 ms of every start, which needs only this one), so the app's hashing goes
    through here; a Python built without OpenSSL has no ``_hashlib`` and gets
    ``hashlib``'s fallback.
    """
    try:
        from _hashlib import openssl_sha256 as sha256
    except ImportError:  # pragma: no cover - CPython without OpenSSL
        from hashlib import sha256
    return sha256(data)


def new_blake2b(data: bytes = b"") -> Blake2b:
    """A BLAKE2b-256 digest from Python's own ``_blake2``: the one every start computes.

    Checking the database with SHA-256 meant loading OpenSSL's libcrypto first,
    2 ms of every start before the file was even read; BLAKE2b is built into
    Python, as strong a check, and about 2.5 times faster than SHA-256 in
    software, so it verifies the file in a third of the time. The manifest keeps
    SHA-256 too, for signed editions and the full check in "Verify installation".
    """
    try:
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover - a CPython built without _blake2
        from hashlib import blake2b
    return blake2b(data, digest_size=32)


def _file_digests(path: Path, *digests: HASH | Blake2b) -> list[str]:
    """The digests' hex values over the whole file, read once however many there are."""
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 16):
            for digest in digests:
                digest.update(chunk)
    return [digest.hexdigest() for digest in digests]


def file_sha256(path: Path) -> str:
    return _file_digests(path, new_sha256())[0]


def file_blake2b(path: Path) -> str:
    return _file_digests(path, new_blake2b())[0]


def read_manifest(path: Path, thorough: bool = False) -> dict[str, object] | None:
    """The build manifest beside ``path``, checked against the file; None when absent.

    Each start compares the BLAKE2b-256 digest; a manifest written before it was
    recorded (an edition installed by an older version) is checked by SHA-256.
    ``thorough`` compares both. Raises ``DatabaseTamperedError`` when the manifest
    is unreadable or the file differs.
    """
    manifest = manifest_path(path)
    if not manifest.is_file():
        return None
    try:
        recorded = json.loads(manifest.read_text(encoding="utf-8"))
        size, sha256 = int(recorded["size"]), str(recorded["sha256"])
        blake2b = recorded.get(START_DIGEST)
        if blake2b is not None and not isinstance(blake2b, str):
            raise TypeError(f"{START_DIGEST} is not text")
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise DatabaseTamperedError(path, f"its manifest {manifest.name} is unreadable") from error
    actual_size = path.stat().st_size
    if actual_size != size:
        raise DatabaseTamperedError(path, f"size {actual_size} bytes, expected {size}")
    checks: list[tuple[str, str, HASH | Blake2b]] = []
    if thorough or blake2b is None:
        checks.append(("SHA-256", sha256, new_sha256()))
    if blake2b is not None:
        checks.append(("BLAKE2b-256", blake2b, new_blake2b()))
    found = _file_digests(path, *(digest for _, _, digest in checks))
    for (name, expected, _), actual in zip(checks, found, strict=True):
        if actual != expected:
            raise DatabaseTamperedError(path, f"{name} differs from the manifest")
    return dict(recorded)


def is_bundled(path: Path | None) -> bool:
    """The file shipped with the app (not one named with --db or $SERM_REFERENCE_DB)."""
    if os.environ.get(ENVIRONMENT_VARIABLE):
        return False
    shipped = default_database_path()
    return path is None or Path(path).resolve() == shipped.resolve()


def open_content_database(
    path: Path | None = None, require_manifest: bool | None = None, thorough: bool = False
) -> sqlite3.Connection:
    """Open, verify and return a read-only connection; raise ContentDatabaseError if unusable."""
    return open_and_verify(path, require_manifest, thorough)[0]


def open_and_verify(
    path: Path | None = None, require_manifest: bool | None = None, thorough: bool = False
) -> tuple[sqlite3.Connection, bool]:
    """A checked read-only connection, and whether a manifest vouched for the file.

    The shipped file must come with its manifest (``require_manifest`` defaults to
    that): without one a changed caution would be shown as if verified. A file
    named by the user may come without; the flag is then False and the window
    says so on every page.

    A file whose digest matches its manifest is, byte for byte, the file the
    build passed through ``integrity_check`` and ``foreign_key_check`` (or an
    edition installed after its pack passed the ``thorough`` checks), so the
    start skips the two scans of the whole file (~0.7 ms) that could only repeat
    that verdict. A file without a manifest is always scanned; ``thorough`` (a
    pack being signed or installed) compares both digests and scans as well.
    """
    must_have_manifest = is_bundled(path) if require_manifest is None else require_manifest
    path = Path(path) if path is not None else default_database_path()
    _check_file(path)
    manifest = read_manifest(path, thorough)
    if manifest is None and must_have_manifest:
        raise DatabaseTamperedError(
            path, f"its manifest {manifest_path(path).name} is missing, so it cannot be verified"
        )
    try:
        connection = sqlite3.connect(_read_only_uri(path), uri=True, check_same_thread=False)
    except sqlite3.Error as error:
        raise DatabaseUnreadableError(path, str(error)) from error
    try:
        scan = thorough or manifest is None
        _check_contents(connection, path, scan)
        _check_records(connection, path, manifest, scan)
    except ContentDatabaseError:
        connection.close()
        raise
    except sqlite3.DatabaseError as error:
        connection.close()
        raise DatabaseCorruptError(path, str(error)) from error
    return connection, manifest is not None


def _check_records(
    connection: sqlite3.Connection,
    path: Path,
    manifest: dict[str, object] | None,
    scan: bool = True,
) -> None:
    """Well-formed SQLite can still hold content the reader would trip over.

    A non-numeric schema version, a JSON column that does not parse, or a row
    pointing at one that is gone would surface as a traceback in the middle of
    a session; here they are one "damaged" message before anything is shown.
    ``scan`` adds the foreign-key scan of every table (see ``open_and_verify``).
    """
    meta = dict(connection.execute("SELECT key, value FROM meta").fetchall())
    for key in ("title", "edition", "date", "disclaimer", "schema_version", "content_checksum"):
        if not str(meta.get(key, "")).strip():
            raise DatabaseCorruptError(path, f"its meta table has no {key}")
    if not str(meta["schema_version"]).isdigit() or int(meta["schema_version"]) != SCHEMA_VERSION:
        raise DatabaseCorruptError(path, f"meta schema_version is {meta['schema_version']!r}")
    if manifest is not None and manifest.get("content_checksum") not in (
        None,
        meta["content_checksum"],
    ):
        raise DatabaseTamperedError(path, "its content checksum differs from the manifest")
    for table, column in (("insertions", "alternatives"), ("article_tables", "columns")):
        for (value,) in connection.execute(f'SELECT "{column}" FROM "{table}"'):
            try:
                parsed = json.loads(value)
            except (TypeError, ValueError) as error:
                raise DatabaseCorruptError(path, f"{table}.{column} holds bad JSON") from error
            if not isinstance(parsed, list):
                raise DatabaseCorruptError(path, f"{table}.{column} is not a list")
    dangling = connection.execute("PRAGMA foreign_key_check").fetchmany(3) if scan else []
    if dangling:
        tables = ", ".join(sorted({f"{row[0]} -> {row[2]}" for row in dangling}))
        raise DatabaseCorruptError(path, f"rows point at rows that are gone ({tables})")


def _check_contents(connection: sqlite3.Connection, path: Path, scan: bool = True) -> None:
    """Sound SQLite (``scan``: every page read), this schema, the tables and the search index."""
    problems = [row[0] for row in connection.execute("PRAGMA quick_check(5)")] if scan else ["ok"]
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
