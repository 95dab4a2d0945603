"""Rotating backups of the personal database, made with SQLite's online backup API.

A backup holds the bookmarks and notes; the history of viewed pages is left out
(cheap to lose, and "Clear History" must not survive in five older copies).

The backup API copies a consistent snapshot even while the store is open, so
no copy ever catches a half-written transaction. Each backup is written under
a temporary name and renamed into place, so a crash mid-backup leaves the
previous backups untouched and no half file that looks like a backup.
"""

from __future__ import annotations

import contextlib
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from desktop_app.userdata.files import PARTIAL_SUFFIX, fsync_file, fsync_folder
from desktop_app.userdata.schema import file_state

KEEP_BACKUPS = 5
_STAMP = "%Y%m%dT%H%M%S%fZ"


def backup_folder(database: Path) -> Path:
    return database.parent / "backups"


def _prefix(database: Path) -> str:
    return database.stem + "-"


def backups(database: Path) -> tuple[Path, ...]:
    """Existing backups of ``database``, newest first."""
    folder = backup_folder(database)
    if not folder.is_dir():
        return ()
    found = [
        path
        for path in folder.glob(f"{_prefix(database)}*.sqlite")
        if backup_time(database, path) is not None
    ]
    return tuple(sorted(found, key=lambda p: p.name, reverse=True))


def backup_time(database: Path, backup: Path) -> datetime | None:
    stamp = backup.name.removeprefix(_prefix(database)).removesuffix(".sqlite")
    try:
        return datetime.strptime(stamp, _STAMP).replace(tzinfo=UTC)
    except ValueError:
        return None


def make_backup(
    connection: sqlite3.Connection, database: Path, now: datetime, keep: int = KEEP_BACKUPS
) -> Path:
    """Snapshot the open database into the backup folder and drop the oldest beyond ``keep``."""
    folder = backup_folder(database)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    for stale in folder.glob(f"*{PARTIAL_SUFFIX}"):  # left by a crash mid-backup
        with contextlib.suppress(OSError):
            stale.unlink()
    target = folder / f"{_prefix(database)}{now.astimezone(UTC).strftime(_STAMP)}.sqlite"
    partial = target.with_name(target.name + PARTIAL_SUFFIX)
    try:
        partial.touch(mode=0o600)
        copy = sqlite3.connect(partial, isolation_level=None)
        try:
            connection.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")  # a self-contained single file
            # Backups protect bookmarks and notes; history is not worth keeping five copies
            # of, and leaving it out means "Clear History" leaves none behind in backups.
            copy.execute("DELETE FROM history")
            copy.execute("VACUUM")
        finally:
            copy.close()
        fsync_file(partial)
        partial.replace(target)
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise
    fsync_folder(folder)
    for old in backups(database)[keep:]:
        with contextlib.suppress(OSError):
            old.unlink()
    return target


def is_good_backup(path: Path) -> bool:
    """A backup worth restoring: ours, readable and passing integrity_check."""
    try:
        connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return False
    try:
        if file_state(connection) != "current":
            return False
        rows = connection.execute("PRAGMA integrity_check").fetchall()
        return rows == [("ok",)]
    except sqlite3.Error:
        return False
    finally:
        connection.close()
