"""The per-user store: bookmarks, notes and history, kept apart from the content.

Qt-free (stdlib sqlite3 only, enforced by tests/test_layering.py) so it can be
used and tested without a window, and driven from a plain subprocess by the
crash test. The bundled content database is never written; this is the only
place user state is stored, in the folder ``desktop_app.paths`` chooses.
"""

from desktop_app.userdata.errors import (
    ImportCancelled,
    ImportFileError,
    UserDataBusyError,
    UserDataCorruptError,
    UserDataError,
    UserDataFullError,
    UserDataReadOnlyError,
    UserDataWriteError,
)
from desktop_app.userdata.records import (
    Bookmark,
    ChangeKind,
    ImportSummary,
    Note,
    NoteHit,
    Notice,
    Visit,
)
from desktop_app.userdata.search import search_notes
from desktop_app.userdata.store import UserStore

__all__ = [
    "Bookmark",
    "ChangeKind",
    "ImportCancelled",
    "ImportFileError",
    "ImportSummary",
    "Note",
    "NoteHit",
    "Notice",
    "UserDataBusyError",
    "UserDataCorruptError",
    "UserDataError",
    "UserDataFullError",
    "UserDataReadOnlyError",
    "UserDataWriteError",
    "UserStore",
    "Visit",
    "search_notes",
]
