"""What each start checks of the database, and what it leaves to the build and the installer.

Loading OpenSSL for SHA-256 cost 2 ms of every start, so the start compares the
manifest's BLAKE2b-256 digest (Python's own ``_blake2``). These tests hold the
three readers of a manifest to their jobs: the start, a manifest written before
BLAKE2b was recorded, and the thorough check of "Verify installation" and the
self-test, which compares both digests. A file its manifest vouches for is the
one the build (or the edition installer) scanned whole, so the start does not
scan it again; any other file is scanned.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from desktop_app.content import ContentRepository
from desktop_app.content.database import (
    START_DIGEST,
    file_blake2b,
    manifest_path,
    open_content_database,
    read_manifest,
)
from desktop_app.content.errors import DatabaseTamperedError
from desktop_app.editions.startup import editions_context
from tests.editions_helpers import (  # noqa: F401 (fixtures)
    Packs,
    packs_fixture,
    trusted_policy_fixture,
)
from tests.start_helpers import printing_at_first_paint, start_window


def _copy_with_manifest(database_path: Path, folder: Path) -> Path:
    target = folder / database_path.name
    shutil.copyfile(database_path, target)
    shutil.copyfile(manifest_path(database_path), manifest_path(target))
    return target


def _edit_manifest(database: Path, **changes: object) -> None:
    recorded = json.loads(manifest_path(database).read_text(encoding="utf-8"))
    for key, value in changes.items():
        if value is None:
            del recorded[key]
        else:
            recorded[key] = value
    manifest_path(database).write_text(json.dumps(recorded), encoding="utf-8")


def _flip_a_byte(database: Path) -> None:
    data = bytearray(database.read_bytes())
    data[len(data) // 2] ^= 0x01
    database.write_bytes(bytes(data))


def test_the_build_records_the_blake2b_256_of_the_file(database_path: Path) -> None:
    recorded = json.loads(manifest_path(database_path).read_text(encoding="utf-8"))
    expected = hashlib.blake2b(database_path.read_bytes(), digest_size=32).hexdigest()
    assert recorded[START_DIGEST] == expected == file_blake2b(database_path)


def test_a_manifest_without_blake2b_is_checked_by_sha256(
    database_path: Path, tmp_path: Path
) -> None:
    """An edition installed by an earlier version has only SHA-256 beside it."""
    database = _copy_with_manifest(database_path, tmp_path)
    _edit_manifest(database, **{START_DIGEST: None})
    repository = ContentRepository.open(database)
    try:
        assert repository.verified is True
    finally:
        repository.close()
    _flip_a_byte(database)
    with pytest.raises(DatabaseTamperedError) as caught:
        ContentRepository.open(database)
    assert "SHA-256 differs from the manifest" in caught.value.message


def test_the_thorough_check_also_compares_sha256(database_path: Path, tmp_path: Path) -> None:
    database = _copy_with_manifest(database_path, tmp_path)
    _edit_manifest(database, sha256="0" * 64)
    assert read_manifest(database) is not None  # the start compares BLAKE2b only
    with pytest.raises(DatabaseTamperedError, match="SHA-256 differs"):
        read_manifest(database, thorough=True)


@pytest.mark.parametrize("value", [12, ["a"], {"b": 1}])
def test_a_blake2b_that_is_not_text_makes_the_manifest_unreadable(
    database_path: Path, tmp_path: Path, value: object
) -> None:
    database = _copy_with_manifest(database_path, tmp_path)
    _edit_manifest(database, **{START_DIGEST: value})
    with pytest.raises(DatabaseTamperedError, match="unreadable"):
        read_manifest(database)


def test_an_installed_edition_records_the_blake2b_of_the_checked_bytes(
    packs: Packs, trusted_policy: Path, tmp_path: Path
) -> None:
    store = editions_context(tmp_path).store
    store.install(packs.second)
    installed = store.active().database
    recorded = json.loads(manifest_path(installed).read_text(encoding="utf-8"))
    assert recorded[START_DIGEST] == file_blake2b(installed)
    assert read_manifest(installed, thorough=True) is not None


SCANS = ("PRAGMA quick_check", "PRAGMA foreign_key_check")


def _scans_run(monkeypatch: pytest.MonkeyPatch, path: Path, **options: bool) -> list[str]:
    """The whole-file scans among the statements run while opening ``path``."""
    statements: list[str] = []
    real_connect = sqlite3.connect

    def connect(name: str, uri: bool, check_same_thread: bool) -> sqlite3.Connection:
        connection = real_connect(name, uri=uri, check_same_thread=check_same_thread)
        connection.set_trace_callback(statements.append)
        return connection

    monkeypatch.setattr(sqlite3, "connect", connect)
    open_content_database(path, **options).close()
    return [scan for scan in SCANS if any(s.startswith(scan) for s in statements)]


def test_a_file_its_manifest_vouches_for_is_not_scanned_again(
    database_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _scans_run(monkeypatch, database_path) == []


def test_a_file_without_a_manifest_is_scanned_whole(
    database_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "no-manifest.sqlite"
    shutil.copyfile(database_path, copy)
    assert _scans_run(monkeypatch, copy, require_manifest=False) == list(SCANS)


def test_signing_or_installing_a_pack_scans_the_file_whole(
    database_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _scans_run(monkeypatch, database_path, thorough=True) == list(SCANS)


def test_the_build_scans_the_very_bytes_it_ships(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The start relies on it: the scans see the file as shipped, after VACUUM."""
    from db import build

    scanned: list[bytes] = []
    real_verify = build._verify

    def verify(connection: sqlite3.Connection) -> None:
        real_verify(connection)
        (_, _, file_name) = connection.execute("PRAGMA database_list").fetchone()
        scanned.append(Path(file_name).read_bytes())

    monkeypatch.setattr(build, "_verify", verify)
    shipped = build.build(tmp_path / "serm-reference.sqlite")
    assert scanned == [shipped.read_bytes()]


# The real start, to its first paint: which digest libraries are loaded by then.
WINDOW_SCRIPT = printing_at_first_paint(
    "loaded at first paint:", 'sorted({"_blake2", "_hashlib", "hashlib"} & set(sys.modules))'
)


@pytest.mark.gui
def test_the_start_verifies_without_loading_openssl(database_path: Path, tmp_path: Path) -> None:
    result = start_window(WINDOW_SCRIPT, database_path, tmp_path / "p")
    assert result.returncode == 0, result.stderr
    assert "loaded at first paint: ['_blake2']" in result.stdout, result.stdout + result.stderr
