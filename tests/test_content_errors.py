"""Every way the content file can be wrong gives a typed error with a readable message."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from desktop_app.content import ContentDatabaseError, ContentRepository
from desktop_app.content.database import (
    file_blake2b,
    file_sha256,
    manifest_path,
    open_content_database,
)
from desktop_app.content.errors import (
    DatabaseCorruptError,
    DatabaseEmptyError,
    DatabaseMissingError,
    DatabaseTamperedError,
    DatabaseUnreadableError,
    SchemaVersionError,
)


def _copy(database_path: Path, tmp_path: Path, with_manifest: bool = False) -> Path:
    target = tmp_path / "copy.sqlite"
    shutil.copyfile(database_path, target)
    if with_manifest:
        shutil.copyfile(manifest_path(database_path), manifest_path(target))
    return target


def _assert_error(path: Path, kind: type[ContentDatabaseError], words: str) -> None:
    with pytest.raises(kind) as caught:
        ContentRepository.open(path)
    message = caught.value.message
    assert words in message
    assert str(path) in message
    assert "Reinstall" in message or "Install" in message


def test_missing_file_is_not_created(tmp_path: Path) -> None:
    path = tmp_path / "absent.sqlite"
    _assert_error(path, DatabaseMissingError, "missing")
    assert not path.exists()


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite"
    path.write_bytes(b"")
    _assert_error(path, DatabaseEmptyError, "empty")


def test_random_bytes(tmp_path: Path) -> None:
    path = tmp_path / "random.sqlite"
    path.write_bytes(os.urandom(8192))
    _assert_error(path, DatabaseCorruptError, "SQLite file header")


def test_truncated(database_path: Path, tmp_path: Path) -> None:
    path = _copy(database_path, tmp_path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(DatabaseCorruptError):
        ContentRepository.open(path)


def test_truncated_mid_page(database_path: Path, tmp_path: Path) -> None:
    path = _copy(database_path, tmp_path)
    path.write_bytes(path.read_bytes()[:10000])
    _assert_error(path, DatabaseCorruptError, "truncated")


def test_bit_flip_caught_by_the_manifest(database_path: Path, tmp_path: Path) -> None:
    path = _copy(database_path, tmp_path, with_manifest=True)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x40
    path.write_bytes(bytes(data))
    _assert_error(path, DatabaseTamperedError, "BLAKE2b-256 differs")


def test_damaged_page_structure_without_manifest(database_path: Path, tmp_path: Path) -> None:
    path = _copy(database_path, tmp_path)
    data = bytearray(path.read_bytes())
    page_size = 4096
    for page in range(2, len(data) // page_size):  # scribble over every b-tree page header
        data[page * page_size] = 0x77
    path.write_bytes(bytes(data))
    with pytest.raises(DatabaseCorruptError):
        ContentRepository.open(path)


def test_wrong_schema_version(database_path: Path, tmp_path: Path) -> None:
    path = _copy(database_path, tmp_path)
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA user_version = 99")
    connection.commit()
    connection.close()
    with pytest.raises(SchemaVersionError) as caught:
        ContentRepository.open(path)
    assert "newer" in caught.value.message


def test_not_a_regular_file(tmp_path: Path) -> None:
    _assert_error(tmp_path, DatabaseUnreadableError, "not a regular file")


def test_opening_never_writes(database_path: Path, tmp_path: Path) -> None:
    path = _copy(database_path, tmp_path, with_manifest=True)
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    connection = open_content_database(path)
    connection.execute("SELECT count(*) FROM blocks").fetchone()
    with pytest.raises(sqlite3.OperationalError):
        connection.execute("DELETE FROM blocks")
    connection.close()
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [path.name, manifest_path(path).name]
    )


def _edit(path: Path, *statements: str) -> None:
    connection = sqlite3.connect(path)
    for statement in statements:
        connection.execute(statement)
    connection.commit()
    connection.close()


def _turn_a_caution(path: Path) -> None:
    _edit(
        path,
        "UPDATE cautions SET note = replace(note, 'not', 'now') WHERE id = "
        "(SELECT min(id) FROM cautions WHERE note LIKE '%not%')",
    )


def test_the_shipped_file_without_its_manifest_is_refused(
    database_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Delete the manifest, change a caution: the shipped file must not open as if verified."""
    import desktop_app.content.database as database

    shipped = _copy(database_path, tmp_path)
    _turn_a_caution(shipped)
    monkeypatch.delenv("SERM_REFERENCE_DB", raising=False)
    monkeypatch.setattr(database, "default_database_path", lambda: shipped)
    for path in (None, shipped):
        with pytest.raises(DatabaseTamperedError) as caught:
            ContentRepository.open(path)
        assert "manifest" in caught.value.message and "missing" in caught.value.message


def test_a_named_file_without_a_manifest_opens_marked_unverified(
    database_path: Path, tmp_path: Path
) -> None:
    path = _copy(database_path, tmp_path)
    _turn_a_caution(path)
    repository = ContentRepository.open(path)
    try:
        assert repository.verified is False
    finally:
        repository.close()
    intact = ContentRepository.open(database_path)
    try:
        assert intact.verified is True
    finally:
        intact.close()


def test_a_manifest_from_another_edition_is_refused(database_path: Path, tmp_path: Path) -> None:
    path = _copy(database_path, tmp_path)
    _edit(path, "UPDATE meta SET value = 'not the one' WHERE key = 'content_checksum'")
    import json

    manifest = json.loads(manifest_path(database_path).read_text(encoding="utf-8"))
    manifest["size"] = path.stat().st_size
    manifest["sha256"] = file_sha256(path)
    manifest["blake2b"] = file_blake2b(path)
    manifest_path(path).write_text(json.dumps(manifest), encoding="utf-8")
    _assert_error(path, DatabaseTamperedError, "content checksum differs")


@pytest.mark.parametrize(
    ("statements", "words"),
    [
        (["UPDATE meta SET value = 'one' WHERE key = 'schema_version'"], "schema_version"),
        (["UPDATE article_tables SET columns = '[not json'"], "bad JSON"),
        (["UPDATE insertions SET alternatives = '{\"a\": 1}'"], "not a list"),
        (["DELETE FROM cautions WHERE id = (SELECT min(id) FROM cautions)"], "point at rows"),
        (["DELETE FROM meta WHERE key = 'disclaimer'"], "no disclaimer"),
    ],
)
def test_well_formed_but_wrong_content_is_damaged_not_a_crash(
    database_path: Path, tmp_path: Path, statements: list[str], words: str
) -> None:
    path = _copy(database_path, tmp_path)
    _edit(path, *statements)
    _assert_error(path, DatabaseCorruptError, words)


def test_the_cli_reports_wrong_content_with_exit_3(database_path: Path, tmp_path: Path) -> None:
    import subprocess
    import sys

    path = _copy(database_path, tmp_path)
    _edit(path, "UPDATE meta SET value = 'x1' WHERE key = 'schema_version'")
    result = subprocess.run(
        [sys.executable, "-m", "desktop_app", "--db", str(path), "show", "serm://compare/vte"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 3, result.stderr
    assert "Traceback" not in result.stderr and "schema_version" in result.stderr
