"""A damaged personal database is kept aside, the newest good backup restored, the user told.

Also: rotating backups, and files that must never be "repaired" (another
program's file is kept; a newer version's file is opened read-only).
"""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from desktop_app.userdata import UserDataReadOnlyError, UserStore
from desktop_app.userdata.backups import backup_folder, is_good_backup
from desktop_app.userdata.schema import SCHEMA_VERSION


class FakeClock:
    def __init__(self) -> None:
        self.now = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _fill(path: Path, clock: FakeClock, count: int = 60) -> None:
    """A store with enough rows to span several pages, closed (so a backup is taken)."""
    with UserStore.open(path, clock=clock) as store:
        for n in range(1, count + 1):
            store.add_bookmark(f"serm://reference/{n}", f"Reference {n} " + "x" * 80)
        store.save_note("serm://agent/raloxifene", "Raloxifene", "my note " * 200)


def _damaged_files(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f"{path.stem}.damaged-*{path.suffix}"))


def _header_garbage(path: Path) -> None:
    with open(path, "r+b") as handle:
        handle.write(b"this is not a database at all" * 4)


def _page_garbage(path: Path) -> None:
    data = bytearray(path.read_bytes())
    page = 4096
    assert len(data) >= 4 * page
    data[2 * page : 3 * page] = bytes((i * 37 + 11) % 256 for i in range(page))
    path.write_bytes(bytes(data))


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2 + 100])


def _empty(path: Path) -> None:
    path.write_bytes(b"")


@pytest.mark.parametrize("damage", [_header_garbage, _page_garbage, _truncate, _empty])
def test_damaged_file_is_kept_and_the_newest_good_backup_restored(tmp_path: Path, damage) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "userdata.sqlite"
    clock = FakeClock()
    _fill(path, clock)
    damage(path)
    damaged_digest = _digest(path)

    with UserStore.open(path, clock=clock) as store:
        assert store.writable
        [notice] = store.notices
        assert notice.severity == "warning"
        assert "restored from a backup" in notice.title
        [kept] = _damaged_files(path)
        assert str(kept) in notice.message
        assert "2025-03-01" in notice.message  # when the restored backup was made
        assert len(store.bookmarks()) == 60
        assert store.note("serm://agent/raloxifene").text == "my note " * 200  # type: ignore[union-attr]
        store.add_bookmark("serm://agent/tamoxifen", "Tamoxifen")  # and it works again
        assert store.integrity_ok()
    assert _digest(kept) == damaged_digest  # kept, byte for byte
    with UserStore.open(path, clock=clock) as store:
        assert [n.title for n in store.notices] == [notice.title]  # until acknowledged
        assert len(store.bookmarks()) == 61
        store.acknowledge_notices()
    with UserStore.open(path, clock=clock) as store:
        assert store.notices == ()


def test_a_damaged_newest_backup_is_skipped_for_an_older_good_one(tmp_path: Path) -> None:
    path = tmp_path / "userdata.sqlite"
    clock = FakeClock()
    with UserStore.open(path, clock=clock) as store:
        store.add_bookmark("serm://agent/raloxifene", "Raloxifene")
        store.backup()
        store.add_bookmark("serm://agent/tamoxifen", "Tamoxifen")
    newest, older = UserStore.open(path, clock=clock).backups()[:2]  # closing adds none
    _header_garbage(newest)
    _header_garbage(path)
    with UserStore.open(path, clock=clock) as store:
        assert [b.uri for b in store.bookmarks()] == ["serm://agent/raloxifene"]
        assert "restored" in store.notices[0].title
    assert not is_good_backup(newest) and is_good_backup(older)


def test_no_usable_backup_starts_empty_keeps_the_file_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "userdata.sqlite"
    _fill(path, FakeClock(), count=5)
    for backup in backup_folder(path).iterdir():
        backup.unlink()
    _header_garbage(path)
    damaged = _digest(path)
    with UserStore.open(path) as store:
        [notice] = store.notices
        assert notice.severity == "error"
        assert "could not be restored" in notice.title
        assert "No usable backup" in notice.message
        assert store.writable and store.bookmarks() == ()
    [kept] = _damaged_files(path)
    assert _digest(kept) == damaged
    assert str(kept) in notice.message


def test_damaged_file_with_its_write_ahead_log_is_kept_as_a_set(tmp_path: Path) -> None:
    path = tmp_path / "userdata.sqlite"
    clock = FakeClock()
    _fill(path, clock, count=5)
    wal = path.with_name(path.name + "-wal")
    wal.write_bytes(b"leftover log")
    _header_garbage(path)
    UserStore.open(path, clock=clock).close()
    [kept] = _damaged_files(path)
    assert kept.with_name(kept.name + "-wal").read_bytes() == b"leftover log"


def test_another_programs_database_is_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "userdata.sqlite"
    other = sqlite3.connect(path)
    other.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    other.execute("INSERT INTO invoices (total) VALUES (12.5)")
    other.commit()
    other.close()
    original = _digest(path)
    with UserStore.open(path) as store:
        assert "not a SERM Reference personal database" in store.notices[0].message
        assert store.writable
    [kept] = _damaged_files(path)
    assert _digest(kept) == original


def test_a_newer_versions_file_opens_read_only_and_is_not_touched(tmp_path: Path) -> None:
    path = tmp_path / "userdata.sqlite"
    with UserStore.open(path) as store:
        store.add_bookmark("serm://agent/raloxifene", "Raloxifene")
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.commit()
    connection.close()
    before = _digest(path)
    with UserStore.open(path) as store:
        assert not store.writable
        assert "newer version" in store.notices[-1].message
        assert [b.uri for b in store.bookmarks()] == ["serm://agent/raloxifene"]
        with pytest.raises(UserDataReadOnlyError) as refused:
            store.add_bookmark("serm://agent/tamoxifen", "Tamoxifen")
        assert "newer version" in refused.value.message
    assert _digest(path) == before
    assert _damaged_files(path) == []


def test_backups_rotate_and_keep_only_the_last_few(tmp_path: Path) -> None:
    path = tmp_path / "userdata.sqlite"
    with UserStore.open(path, clock=FakeClock(), keep_backups=3) as store:
        made = []
        for n in range(5):
            store.add_bookmark(f"serm://reference/{n + 1}", "r")
            made.append(store.backup())
        assert store.backups() == tuple(reversed(made[-3:]))  # newest first
    for backup in made[-3:]:
        copy = sqlite3.connect(backup)
        assert copy.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        copy.close()
        assert is_good_backup(backup)
    last = sqlite3.connect(made[-1])
    assert last.execute("SELECT count(*) FROM bookmarks").fetchone() == (5,)
    last.close()


def test_backups_are_taken_when_due_and_after_a_session_with_changes(tmp_path: Path) -> None:
    path = tmp_path / "userdata.sqlite"
    clock = FakeClock()
    UserStore.open(path, clock=clock).close()
    assert len(UserStore.open(path, clock=clock).backups()) == 1  # the first opening
    with UserStore.open(path, clock=clock) as store:
        pass  # no changes: closing adds no backup
    assert len(store.backups()) == 1
    with UserStore.open(path, clock=clock) as store:
        store.record_visit("serm://agent/raloxifene", "Raloxifene")
    assert len(store.backups()) == 2
    clock.now += timedelta(hours=25)
    with UserStore.open(path, clock=clock) as store:
        assert len(store.backups()) == 3  # a day later, one more on opening


def test_a_half_written_backup_is_never_mistaken_for_one(tmp_path: Path) -> None:
    path = tmp_path / "userdata.sqlite"
    with UserStore.open(path, clock=FakeClock()) as store:
        folder = backup_folder(path)
        partial = folder / "userdata-20250301T100000000000Z.sqlite.partial"
        partial.write_bytes(b"SQLite format 3\x00 but cut short")
        assert partial not in store.backups()
        store.backup()
        assert not partial.exists()


def test_files_are_private_and_backups_leave_the_history_out(tmp_path: Path) -> None:
    path = tmp_path / "userdata.sqlite"
    with UserStore.open(path, clock=FakeClock()) as store:
        store.add_bookmark("serm://agent/raloxifene", "Raloxifene")
        store.save_note("serm://agent/raloxifene", "Raloxifene", "kept in backups")
        store.record_visit("serm://reference/9", "Reference 9")
        backup = store.backup()
    assert path.stat().st_mode & 0o777 == 0o600
    assert backup.stat().st_mode & 0o777 == 0o600
    assert backup.parent.stat().st_mode & 0o777 == 0o700
    copy = sqlite3.connect(backup)
    assert copy.execute("SELECT count(*) FROM history").fetchone() == (0,)
    assert copy.execute("SELECT text FROM notes").fetchone() == ("kept in backups",)
    copy.close()
    assert b"Reference 9" not in backup.read_bytes()  # not even in a free page


def test_a_log_left_without_its_database_is_kept_aside_not_replayed(tmp_path: Path) -> None:
    path = tmp_path / "userdata.sqlite"
    orphan = tmp_path / "userdata.sqlite-wal"
    orphan.write_bytes(b"a write-ahead log whose database is gone")
    with UserStore.open(path) as store:
        assert store.writable and store.bookmarks() == ()
    [kept] = tmp_path.glob("userdata.orphaned-*.sqlite-wal")
    assert kept.read_bytes() == b"a write-ahead log whose database is gone"


def test_a_backup_dated_in_the_future_does_not_outrank_newer_ones(tmp_path: Path) -> None:
    """Clock skew once (2031) must not make that backup the one restored."""
    path = tmp_path / "userdata.sqlite"
    skewed = datetime(2031, 1, 1, tzinfo=UTC)
    with UserStore.open(path, clock=lambda: skewed) as store:
        store.save_note("serm://agent/raloxifene", "Raloxifene", "version 1")
        store.backup()
    # An old-style name (no sequence) from a skewed clock, as earlier versions wrote them.
    old_style = backup_folder(path) / "userdata-20310601T000000000000Z.sqlite"
    old_style.write_bytes(store.backups()[0].read_bytes())
    clock = FakeClock()
    for version in (2, 3, 4):
        with UserStore.open(path, clock=clock) as store:
            store.save_note("serm://agent/raloxifene", "Raloxifene", f"version {version}")
            store.backup()
    _header_garbage(path)
    with UserStore.open(path, clock=clock) as store:
        note = store.note("serm://agent/raloxifene")
        assert note is not None and note.text == "version 4"
        [notice] = store.notices
        assert "2031" not in notice.message
        assert "2025-03-01" in notice.message


def test_a_future_dated_newest_backup_does_not_stop_new_backups(tmp_path: Path) -> None:
    path = tmp_path / "userdata.sqlite"
    with UserStore.open(path, clock=lambda: datetime(2031, 1, 1, tzinfo=UTC)) as store:
        store.add_bookmark("serm://agent/raloxifene", "Raloxifene")
    before = len(UserStore.open(path, clock=lambda: datetime(2031, 1, 1, tzinfo=UTC)).backups())
    clock = FakeClock()  # 2025: the 2031 backup would look 6 years "in the future"
    with UserStore.open(path, clock=clock) as store:
        # Taken on opening: the newest backup's date is unusable, so one is due.
        assert len(store.backups()) == before + 1


def test_a_write_ahead_log_from_another_store_is_set_aside_not_replayed(tmp_path: Path) -> None:
    """A sync tool copies in another copy's -wal: it would silently replace this store's data."""
    mine = tmp_path / "mine" / "userdata.sqlite"
    with UserStore.open(mine) as store:
        store.save_note("serm://agent/raloxifene", "Raloxifene", "ALLERGY to X")
    theirs = tmp_path / "theirs" / "userdata.sqlite"
    other = UserStore.open(theirs)
    other.save_note("serm://agent/raloxifene", "Raloxifene", "an older text")
    wal = theirs.with_name(theirs.name + "-wal")
    assert wal.stat().st_size > 0
    mine.with_name(mine.name + "-wal").write_bytes(wal.read_bytes())  # copied in while open
    other.close()

    with UserStore.open(mine) as store:
        note = store.note("serm://agent/raloxifene")
        assert note is not None and note.text == "ALLERGY to X"
        [notice] = store.notices
        assert "belongs to a different copy" in notice.message
    [kept] = mine.parent.glob("userdata.foreign-log-*.sqlite-wal")
    assert kept.read_bytes() == wal.read_bytes() if wal.exists() else kept.stat().st_size > 0


def test_its_own_write_ahead_log_is_replayed_as_usual(tmp_path: Path) -> None:
    """After a crash the store's own -wal holds committed changes: it must be used."""
    path = tmp_path / "userdata.sqlite"
    store = UserStore.open(path)
    store.save_note("serm://agent/raloxifene", "Raloxifene", "committed before the crash")
    wal = path.with_name(path.name + "-wal")
    saved_log = wal.read_bytes()
    saved_file = path.read_bytes()
    store.close()
    path.write_bytes(saved_file)  # as a crash would leave them: the file and its log
    wal.write_bytes(saved_log)
    with UserStore.open(path) as reopened:
        note = reopened.note("serm://agent/raloxifene")
        assert note is not None and note.text == "committed before the crash"
        assert reopened.notices == ()
