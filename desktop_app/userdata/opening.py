"""Open the personal database safely: check it, recover it, or fall back to read-only.

Start-up is where data is most easily lost by accident, so the rules are strict:

* only definite evidence (SQLite says "corrupt" / "not a database", integrity_check
  fails, or the file is not ours) counts as damage; a locked, unreadable or
  read-only file is never treated as damaged;
* a damaged file is copied aside with its -wal/-shm companions (kept, never
  deleted), the newest backup that passes integrity_check is restored, and a
  Notice tells the user exactly what happened and where the damaged file is,
  at every start until they acknowledge it; a crash at any step of that is
  finished by the next start (``recovery.py``);
* a missing file with backups or set-aside copies beside it is a loss to
  recover from, not a first start;
* a folder that cannot be written, a full disk, or a file made by a newer
  version gives a read-only store (an in-memory copy of what was saved) plus a
  Notice, never a crash and never an empty store that might later overwrite data.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from desktop_app.userdata import recovery
from desktop_app.userdata.backups import backups
from desktop_app.userdata.errors import (
    UserDataError,
    UserDataReadOnlyError,
    from_os_error,
    is_corruption,
    translate,
)
from desktop_app.userdata.files import PARTIAL_SUFFIX, set_aside_stamp, sidecars
from desktop_app.userdata.records import Notice
from desktop_app.userdata.schema import (
    create_schema,
    ensure_identity,
    file_state,
    fts_is_consistent,
    identity,
    rebuild_fts,
)

log = logging.getLogger(__name__)

PRIVATE_FILE = 0o600
BUSY_TIMEOUT_MS = 5000  # another running copy may be saving; wait this long for it
NEWER_VERSION_ADVICE = (
    "They were saved by a newer version of SERM Reference. They are shown, but changes "
    "cannot be saved until you use that newer version again."
)


@dataclass
class OpenedDatabase:
    connection: sqlite3.Connection
    writable: bool
    notices: list[Notice] = field(default_factory=list)
    read_only_reason: UserDataError | None = None


def connect_durably(path: Path, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> sqlite3.Connection:
    """A read-write connection in WAL mode where every commit reaches the disk."""
    connection = sqlite3.connect(path, isolation_level=None, timeout=busy_timeout_ms / 1000)
    try:
        connection.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        mode = connection.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise sqlite3.OperationalError(f"could not switch to WAL (journal_mode={mode})")
        connection.execute("PRAGMA synchronous = FULL")
        connection.execute("PRAGMA fullfsync = ON")  # macOS: really reach the platter
        connection.execute("PRAGMA checkpoint_fullfsync = ON")
        connection.execute("PRAGMA secure_delete = ON")  # cleared history is overwritten
        connection.execute("PRAGMA journal_size_limit = 4194304")  # the log shrinks back
        connection.execute("PRAGMA foreign_keys = ON")
    except BaseException:
        connection.close()
        raise
    return connection


def open_database(
    path: Path, now: datetime, busy_timeout_ms: int = BUSY_TIMEOUT_MS
) -> OpenedDatabase:
    path = path.absolute()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        return _read_only(path, from_os_error(error, path.parent), [])
    if path.is_symlink() and not path.exists():
        # Following it would create the store wherever the link points.
        target = os.readlink(path)
        reason = UserDataReadOnlyError(path, f"it is a link to {target}, which does not exist")
        return _read_only(path, reason, recovery.pending_notices(path))
    if not _can_write(path):
        reason = UserDataReadOnlyError(path, "the folder or the file is not writable")
        return _read_only(path, reason, recovery.pending_notices(path))
    notices: list[Notice] = []
    try:
        _remove_partial_files(path)
        recovery.resume(path, now)
        verdict = _inspect(path)
        if verdict == "newer":
            reason = UserDataReadOnlyError(path, "newer file format", NEWER_VERSION_ADVICE)
            return _read_only(path, reason, recovery.pending_notices(path))
        if verdict == "missing" and recovery.has_traces(path):
            recovery.recover(path, "the file was missing", now)
            verdict = "missing" if not path.exists() else "good"
        elif verdict not in ("missing", "good"):
            recovery.recover(path, verdict, now)
            verdict = "missing" if not path.exists() else "good"
        if verdict == "missing":
            _set_aside_orphans(path, now)
            path.touch(mode=PRIVATE_FILE)  # notes are private; -wal/-shm inherit this mode
        foreign_log = _set_aside_foreign_log(path, now)
        notices = recovery.pending_notices(path) + ([foreign_log] if foreign_log else [])
        connection = connect_durably(path, busy_timeout_ms)
        try:
            _prepare(connection)
        except BaseException:
            connection.close()
            raise
    except sqlite3.Error as error:
        translated = translate(error, path)
        if translated is None:
            raise
        return _read_only(path, translated, notices)
    except OSError as error:
        return _read_only(path, from_os_error(error, path), notices)
    return OpenedDatabase(connection, True, notices)


def _can_write(path: Path) -> bool:
    if not os.access(path.parent, os.W_OK | os.X_OK):
        return False
    return not path.exists() or os.access(path, os.R_OK | os.W_OK)


def _inspect(path: Path) -> str:
    """'missing', 'good', 'newer', or a short description of the damage."""
    if not path.exists():
        return "missing"
    if path.stat().st_size == 0 and backups(path):
        return "the file is empty"
    try:
        # Read-only: closing the last read-write connection would checkpoint or delete the
        # -wal file, destroying the very evidence (and committed changes) it may hold.
        connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=5.0)
    except sqlite3.Error as error:
        if is_corruption(error):
            return str(error)
        raise
    try:
        state = file_state(connection)
        if state == "foreign":
            return "it is not a SERM Reference personal database"
        if state == "newer":
            return "newer"
        rows = connection.execute("PRAGMA integrity_check(20)").fetchall()
        if rows != [("ok",)]:
            return "integrity check: " + "; ".join(str(r[0]) for r in rows[:3])
    except sqlite3.DatabaseError as error:
        if is_corruption(error):
            return str(error)
        raise
    finally:
        connection.close()
    return "good"


def _prepare(connection: sqlite3.Connection) -> None:
    state = file_state(connection)
    if state == "empty":
        create_schema(connection)
    ensure_identity(connection)
    if state != "empty" and not fts_is_consistent(connection):
        log.warning("note search index disagreed with the notes; rebuilding it")
        connection.execute("BEGIN IMMEDIATE")
        rebuild_fts(connection)
        connection.execute("COMMIT")


def _set_aside_foreign_log(path: Path, now: datetime) -> Notice | None:
    """A -wal from another store would replace this one's data at the next checkpoint."""
    wal, shm = sidecars(path)
    if not wal.exists() or wal.stat().st_size == 0:
        return None
    uri = path.absolute().as_uri()
    ids = []
    for query in ("?immutable=1", "?mode=ro"):  # the file alone, then the file with its log
        connection = sqlite3.connect(uri + query, uri=True, timeout=5.0)
        try:
            ids.append(identity(connection))
        finally:
            connection.close()
    own, seen = ids
    if own is None or own == seen:
        return None
    stamp = set_aside_stamp(now)
    kept = path.with_name(f"{path.stem}.foreign-log-{stamp}{path.suffix}-wal")
    os.replace(wal, kept)
    shm.unlink(missing_ok=True)
    log.error("%s belongs to another personal database; kept as %s", wal, kept)
    return Notice(
        "warning",
        "A file from another copy of your data was set aside",
        f"Beside your bookmarks and notes there was a change log ({wal.name}) that belongs "
        "to a different copy of them (for example one copied in by a sync tool or a "
        "backup program). Applying it would have replaced your data, so it was not used.\n"
        f"It has been kept as:\n{kept}\nYour bookmarks and notes are as you last saved them.",
    )


def _set_aside_orphans(path: Path, now: datetime) -> None:
    """A -wal left without its database must not be replayed into a new, empty one."""
    stamp = set_aside_stamp(now)
    for companion in sidecars(path):
        if companion.exists():
            kept = companion.with_name(f"{path.stem}.orphaned-{stamp}{path.suffix}")
            kept = kept.with_name(kept.name + companion.name.removeprefix(path.name))
            log.warning("%s had no database; kept as %s", companion, kept)
            os.replace(companion, kept)


def _remove_partial_files(path: Path) -> None:
    """Half-written copies a killed process left (backups, restores, SQLite journals).

    They can hold history the user cleared since; nothing ever reads them.
    """
    for folder in (path.parent, path.parent / "backups"):
        if not folder.is_dir():
            continue
        for partial in folder.glob(f"*{PARTIAL_SUFFIX}*"):
            with contextlib.suppress(OSError):
                partial.unlink()
                log.info("removed %s, left by an interrupted copy", partial)


def _read_only(path: Path, reason: UserDataError, notices: list[Notice]) -> OpenedDatabase:
    """An in-memory copy of the newest readable data; the store refuses every change."""
    log.warning("personal data opened read-only: %s", reason.message)
    memory = sqlite3.connect(":memory:", isolation_level=None)
    for candidate in (path, *backups(path)):
        if _copy_into(candidate, memory):
            if candidate != path:
                notices.append(
                    Notice(
                        "warning",
                        "Showing your bookmarks and notes from a backup",
                        f"{path} could not be read, so the backup {candidate.name} is shown.",
                    )
                )
            break
    else:
        create_schema(memory)
    notices.append(
        Notice("warning", "Changes to bookmarks and notes cannot be saved", reason.message)
    )
    return OpenedDatabase(memory, False, notices, reason)


def _copy_into(candidate: Path, memory: sqlite3.Connection) -> bool:
    """Copy a readable, intact store into memory; try the WAL-aware way before immutable."""
    if not candidate.is_file() or not os.access(candidate, os.R_OK):
        return False
    uri = candidate.absolute().as_uri()
    for query in ("?mode=ro", "?immutable=1"):
        try:
            source = sqlite3.connect(uri + query, uri=True)
        except sqlite3.Error:
            continue
        try:
            if file_state(source) not in ("current", "newer"):
                return False
            if source.execute("PRAGMA quick_check").fetchall() != [("ok",)]:
                return False
            source.backup(memory)
            return True
        except sqlite3.Error:
            continue
        finally:
            with contextlib.suppress(sqlite3.Error):
                source.close()
    return False
