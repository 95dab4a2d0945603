"""Recently viewed pages with the time of the last visit, newest first."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont

from desktop_app.models.roles import ADDRESS_ROLE, KIND_ROLE, MISSING_ROLE
from desktop_app.models.user_items import (
    MISSING_EXPLANATION,
    NOT_IN_EDITION,
    ExistenceCache,
    local_time,
    plain_tooltip,
)
from desktop_app.userdata import ChangeKind, UserDataError, UserStore, Visit

AnyIndex = QModelIndex | QPersistentModelIndex
HEADERS = ("Page", "Viewed")


class HistoryModel(QAbstractTableModel):
    """One row per address (its latest visit); follows the store as pages are opened.

    Signals:
        error_occurred(str): clearing the history could not be saved.
    """

    error_occurred = Signal(str)

    def __init__(
        self,
        store: UserStore,
        exists: Callable[[str], bool],
        parent: object = None,
        limit: int = 500,
    ) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._store = store
        self._limit = limit
        self._existence = ExistenceCache(exists)
        self._rows: list[Visit] = list(store.history(limit))
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
        visit = self._rows[index.row()]
        missing = self._existence.missing(visit.uri)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if index.column() == 0:
                return f"{visit.title} ({NOT_IN_EDITION})" if missing else visit.title
            return local_time(visit.visited)
        if role == Qt.ItemDataRole.ToolTipRole:
            times = "once" if visit.count == 1 else f"{visit.count} times"
            return plain_tooltip(
                visit.title, visit.uri, f"Opened {times}", MISSING_EXPLANATION * missing
            )
        if role == Qt.ItemDataRole.FontRole and missing and index.column() == 0:
            font = QFont()
            font.setItalic(True)
            return font
        if role == ADDRESS_ROLE:
            return visit.uri
        if role == KIND_ROLE:
            return "history"
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

    def visit_at(self, row: int) -> Visit | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def clear(self) -> bool:
        """Forget every visit (one transaction); False, with error_occurred, if refused."""
        try:
            self._store.clear_history()
        except UserDataError as error:
            self.error_occurred.emit(error.message)
            return False
        return True

    def refresh_existence(self) -> None:
        self._existence.forget()
        self._reload()

    def _store_changed(self, kind: ChangeKind) -> None:
        if kind == "history":
            self._reload()

    def _reload(self) -> None:
        self.beginResetModel()
        self._rows = list(self._store.history(self._limit))
        self.endResetModel()
