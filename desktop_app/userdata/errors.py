"""Typed errors for the personal store, in words a user can act on.

SQLite reports trouble as numeric result codes; the few that mean "your disk
or folder is the problem" (read-only, full, I/O error, damaged file, another
copy busy) become one of these errors so the GUI can show a sentence instead
of a traceback. Anything else is a bug and is left to propagate as it is.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

NOTHING_LOST = "Nothing you saved before has been changed."

# Primary SQLite result codes (the low byte of an extended code).
SQLITE_PERM = 3
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_NOTADB = 26


class UserDataError(Exception):
    """Bookmarks, notes or history could not be read or written."""

    problem = "Your bookmarks and notes could not be saved."
    advice = NOTHING_LOST

    def __init__(self, path: Path | str | None, detail: str = "", advice: str | None = None):
        self.path = Path(path) if path is not None else None
        self.detail = detail
        if advice is not None:
            self.advice = advice
        super().__init__(self.message)

    @property
    def message(self) -> str:
        detail = f" ({self.detail})" if self.detail else ""
        where = f"\nFile: {self.path}" if self.path is not None else ""
        return f"{self.problem}{detail}{where}\n{self.advice}"


class UserDataReadOnlyError(UserDataError):
    problem = "Your bookmarks, notes and history cannot be saved: the folder is read-only."
    advice = (
        f"{NOTHING_LOST} Start SERM Reference with --basedir DIR to keep them in a folder "
        "you can write to, or make this folder writable."
    )


class UserDataFullError(UserDataError):
    problem = "The disk is full: the last change could not be saved."
    advice = f"{NOTHING_LOST} Free some disk space and try again."


class UserDataWriteError(UserDataError):
    problem = "The disk reported an error: the last change could not be saved."
    advice = f"{NOTHING_LOST} Check the disk (or that it is still connected) and try again."


class UserDataBusyError(UserDataError):
    problem = "Another copy of SERM Reference is saving at the same moment."
    advice = f"{NOTHING_LOST} Try again in a moment."


class UserDataCorruptError(UserDataError):
    problem = "The file holding your bookmarks and notes has been damaged."
    advice = (
        "Restart SERM Reference: it keeps the damaged file aside and restores the newest "
        "good backup."
    )


class ImportFileError(UserDataError):
    """An import file that cannot be used; raised before anything is changed."""

    problem = "This file cannot be imported."
    advice = "Nothing was imported and nothing was changed."


class ImportCancelled(UserDataError):
    """The user stopped an import; the transaction was rolled back."""

    problem = "The import was cancelled."
    advice = "Nothing was imported and nothing was changed."


def primary_code(error: sqlite3.Error) -> int | None:
    code = getattr(error, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def is_corruption(error: sqlite3.Error) -> bool:
    """Only definite evidence of a damaged file counts; a locked or unreadable file does not."""
    return primary_code(error) in (SQLITE_CORRUPT, SQLITE_NOTADB)


LOW_SPACE_BYTES = 1024 * 1024


def disk_nearly_full(folder: Path) -> bool:
    """SQLite reports a full disk met while creating a file as "cannot open" or "I/O error"."""
    try:
        return shutil.disk_usage(folder).free < LOW_SPACE_BYTES
    except OSError:
        return False


def translate(error: sqlite3.Error, path: Path | None) -> UserDataError | None:
    """The user-facing error for a SQLite failure, or None when it is a bug."""
    code = primary_code(error)
    detail = str(error)
    if code in (SQLITE_IOERR, SQLITE_CANTOPEN) and path and disk_nearly_full(path.parent):
        return UserDataFullError(path, detail)
    if code in (SQLITE_READONLY, SQLITE_PERM, SQLITE_CANTOPEN):
        return UserDataReadOnlyError(path, detail)
    if code == SQLITE_FULL:
        return UserDataFullError(path, detail)
    if code == SQLITE_IOERR:
        return UserDataWriteError(path, detail)
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        return UserDataBusyError(path, detail)
    if code in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return UserDataCorruptError(path, detail)
    return None


def from_os_error(error: OSError, path: Path | None) -> UserDataError:
    """The same mapping for file operations done outside SQLite (backups, exports)."""
    import errno

    if error.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG) or (
        path is not None and disk_nearly_full(path if path.is_dir() else path.parent)
    ):
        return UserDataFullError(path, error.strerror or str(error))
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return UserDataReadOnlyError(path, error.strerror or str(error))
    return UserDataWriteError(path, error.strerror or str(error))
