"""The table shape the history and all-notes lists share, over the personal store.

Both list one row per address from the store, follow the store's change
notices, and mark an address the installed edition lacks in italics; only their
columns and what a cell says differ, which the subclasses give.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt
from PySide6.QtGui import QFont

from desktop_app.models.roles import AnyIndex, Role
from desktop_app.models.user_items import ExistenceCache
from desktop_app.userdata import ChangeKind, UserStore

Row = TypeVar("Row")


class UserTableModel(QAbstractTableModel, Generic[Row]):
    """Rows fetched from the store, reloaded when its ``change_kind`` changes."""

    headers: Sequence[str] = ()
    change_kind: ChangeKind
    item_kind = ""  # Role.KIND

    def __init__(
        self, store: UserStore, exists: Callable[[str], bool], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._existence = ExistenceCache(exists)
        self._rows: list[Row] = []
        store.add_listener(self._store_changed)

    def _fetch(self) -> Sequence[Row]:
        raise NotImplementedError

    def _uri(self, row: Row) -> str:
        raise NotImplementedError

    def row_at(self, row: int) -> Row | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.headers)
        ):
            return self.headers[section]
        return None

    def shared_data(self, row: Row, missing: bool, column: int, role: int) -> object:
        """The roles every user table answers the same way (font, address, kind, missing)."""
        if role == Qt.ItemDataRole.FontRole and missing and column == 0:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Role.ADDRESS:
            return self._uri(row)
        if role == Role.KIND:
            return self.item_kind
        if role == Role.MISSING:
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

    def _store_changed(self, kind: ChangeKind) -> None:
        if kind == self.change_kind:
            self._reload()

    def _reload(self) -> None:
        self.beginResetModel()
        self._rows = list(self._fetch())
        self.endResetModel()
