"""Every note the user wrote, as a table: page, the note's first line, when it changed.

Read-only here: notes are edited in the NotesPane; this model lists them so a
note on an address the installed edition no longer has is still found, marked
as such, instead of disappearing with its page.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt

from desktop_app.models.roles import AnyIndex
from desktop_app.models.user_items import (
    MISSING_EXPLANATION,
    NOT_IN_EDITION,
    local_time,
    plain_tooltip,
)
from desktop_app.models.user_table_model import UserTableModel
from desktop_app.userdata import Note, UserStore

HEADERS = ("Page", "Note", "Changed")
PREVIEW_CHARACTERS = 400


def first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return ""


class NotesModel(UserTableModel[Note]):
    """One row per note, most recently changed first; follows the store."""

    headers = HEADERS
    change_kind = "notes"
    item_kind = "note"

    def __init__(
        self, store: UserStore, exists: Callable[[str], bool], parent: QObject | None = None
    ) -> None:
        super().__init__(store, exists, parent)
        self._rows = list(self._fetch())

    def _fetch(self) -> tuple[Note, ...]:
        return self._store.notes()

    def _uri(self, row: Note) -> str:
        return row.uri

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        note = self.row_at(index.row()) if index.isValid() else None
        if note is None:
            return None
        missing = self._existence.missing(note.uri)
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == 0:
                return f"{note.title} ({NOT_IN_EDITION})" if missing else note.title
            if column == 1:
                return first_line(note.text)
            return local_time(note.updated)
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(
                note.title,
                note.uri,
                note.text[:PREVIEW_CHARACTERS]
                + ("…" if len(note.text) > PREVIEW_CHARACTERS else ""),
                MISSING_EXPLANATION * missing,
            )
        return self.shared_data(note, missing, column, role)

    def note_at(self, row: int) -> Note | None:
        return self.row_at(row)
