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
import re
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from desktop_app.userdata.files import PARTIAL_SUFFIX, fsync_file, fsync_folder
from desktop_app.userdata.schema import file_state

KEEP_BACKUPS = 5
_STAMP = "%Y%m%dT%H%M%S%fZ"
# userdata-<sequence>-<UTC stamp>.sqlite. The sequence, one more than the highest
# present, ranks the backups: a clock set wrong once (a stamp in 2031) must not
# make one old backup outrank every newer one. Names without it rank lowest.
_NAME = re.compile(r"\A(?:(\d{1,12})-)?(\d{8}T\d{12}Z)\Z")
FUTURE_TOLERANCE = timedelta(days=1)


def backup_folder(database: Path) -> Path:
    return database.parent / "backups"


def _prefix(database: Path) -> str:
    return database.stem + "-"


def _parts(database: Path, backup: Path) -> tuple[int, datetime] | None:
    """(sequence, time) from a backup's name, or None for a file that is not one."""
    match = _NAME.match(backup.name.removeprefix(_prefix(database)).removesuffix(".sqlite"))
    if not backup.name.startswith(_prefix(database)) or match is None:
        return None
    try:
        made = datetime.strptime(match.group(2), _STAMP).replace(tzinfo=UTC)
    except ValueError:
        return None
    return int(match.group(1) or 0), made


def backups(database: Path) -> tuple[Path, ...]:
    """Existing backups of ``database``, newest first (by sequence, then time)."""
    folder = backup_folder(database)
    if not folder.is_dir():
        return ()
    ranked = []
    for path in folder.glob(f"{_prefix(database)}*.sqlite"):
        parts = _parts(database, path)
        if parts is not None:
            ranked.append((parts, path))
    return tuple(path for _, path in sorted(ranked, reverse=True))


def backup_time(database: Path, backup: Path, now: datetime | None = None) -> datetime | None:
    """When a backup was made, from its name; None when unknown or far in the future."""
    parts = _parts(database, backup)
    if parts is None:
        return None
    made = parts[1]
    if made > (now or datetime.now(UTC)) + FUTURE_TOLERANCE:
        return None  # the clock was wrong when it was made: the date means nothing
    return made


def _next_sequence(database: Path) -> int:
    newest = next(iter(backups(database)), None)
    parts = _parts(database, newest) if newest else None
    return (parts[0] if parts else 0) + 1


def make_backup(
    connection: sqlite3.Connection, database: Path, now: datetime, keep: int = KEEP_BACKUPS
) -> Path:
    """Snapshot the open database into the backup folder and drop the oldest beyond ``keep``."""
    folder = backup_folder(database)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    for stale in folder.glob(f"*{PARTIAL_SUFFIX}"):  # left by a crash mid-backup
        with contextlib.suppress(OSError):
            stale.unlink()
    sequence = _next_sequence(database)
    target = (
        folder / f"{_prefix(database)}{sequence:06d}-{now.astimezone(UTC).strftime(_STAMP)}.sqlite"
    )
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
