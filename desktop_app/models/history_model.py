"""Recently viewed pages with the time of the last visit, newest first."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal

from desktop_app.models.roles import AnyIndex
from desktop_app.models.user_items import (
    MISSING_EXPLANATION,
    NOT_IN_EDITION,
    local_time,
    plain_tooltip,
)
from desktop_app.models.user_table_model import UserTableModel
from desktop_app.userdata import UserDataError, UserStore, Visit

HEADERS = ("Page", "Viewed")


class HistoryModel(UserTableModel[Visit]):
    """One row per address (its latest visit); follows the store as pages are opened.

    Signals:
        error_occurred(str): clearing the history could not be saved.
    """

    error_occurred = Signal(str)
    headers = HEADERS
    change_kind = "history"
    item_kind = "history"

    def __init__(
        self,
        store: UserStore,
        exists: Callable[[str], bool],
        parent: QObject | None = None,
        limit: int = 500,
    ) -> None:
        super().__init__(store, exists, parent)
        self._limit = limit
        self._rows = list(self._fetch())

    def _fetch(self) -> tuple[Visit, ...]:
        return self._store.history(self._limit)

    def _uri(self, row: Visit) -> str:
        return row.uri

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        visit = self.row_at(index.row()) if index.isValid() else None
        if visit is None:
            return None
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
        return self.shared_data(visit, missing, index.column(), role)

    def clear(self) -> bool:
        """Forget every visit (one transaction); False, with error_occurred, if refused."""
        try:
            self._store.clear_history()
        except UserDataError as error:
            self.error_occurred.emit(error.message)
            return False
        return True
