"""Every note the user wrote, as a table: page, the note's first line, when it changed.

Read-only here: notes are edited in the NotesPane; this model lists them so a
note on an address the installed edition no longer has is still found, marked
as such, instead of disappearing with its page.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from desktop_app.models.roles import ADDRESS_ROLE, KIND_ROLE, MISSING_ROLE
from desktop_app.models.user_items import (
    MISSING_EXPLANATION,
    NOT_IN_EDITION,
    ExistenceCache,
    local_time,
    plain_tooltip,
)
from desktop_app.userdata import ChangeKind, Note, UserStore

AnyIndex = QModelIndex | QPersistentModelIndex
HEADERS = ("Page", "Note", "Changed")
PREVIEW_CHARACTERS = 400


def first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return ""


class NotesModel(QAbstractTableModel):
    """One row per note, most recently changed first; follows the store."""

    def __init__(
        self, store: UserStore, exists: Callable[[str], bool], parent: object = None
    ) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._store = store
        self._existence = ExistenceCache(exists)
        self._rows: list[Note] = list(store.notes())
        store.add_listener(self._store_changed)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(HEADERS)
        ):
            return HEADERS[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        note = self._rows[index.row()]
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
        if role == Qt.ItemDataRole.FontRole and missing and column == 0:
            font = QFont()
            font.setItalic(True)
            return font
        if role == ADDRESS_ROLE:
            return note.uri
        if role == KIND_ROLE:
            return "note"
        if role == MISSING_ROLE:
            return missing
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def note_at(self, row: int) -> Note | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def refresh_existence(self) -> None:
        self._existence.forget()
        self._reload()

    def _store_changed(self, kind: ChangeKind) -> None:
        if kind == "notes":
            self._reload()

    def _reload(self) -> None:
        self.beginResetModel()
        self._rows = list(self._store.notes())
        self.endResetModel()
