"""Table models for the content editions dialog and the "What changed" page.

Both are a fixed header over a tuple of records, one row each; the shared base
keeps the row, column and header answers in one place, and each model says only
what a cell shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt
from PySide6.QtGui import QFont

from desktop_app.editions.diff import Change
from desktop_app.editions.startup import EditionsContext
from desktop_app.editions.store import Edition
from desktop_app.models.roles import AnyIndex

Row = TypeVar("Row")


class RecordTableModel(QAbstractTableModel, Generic[Row]):
    """Rows of records under ``HEADERS``; subclasses give ``text(record, column)``."""

    HEADERS: tuple[str, ...] = ()

    def __init__(self, rows: Sequence[Row] = (), parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: tuple[Row, ...] = tuple(rows)

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        self.endResetModel()

    def record(self, row: int) -> Row:
        return self._rows[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.text(self._rows[index.row()], index.column())
        return None

    def text(self, record: Row, column: int) -> str:
        raise NotImplementedError


class EditionsModel(RecordTableModel[Edition]):
    """One row per edition, oldest first: number, date, where from, in use."""

    HEADERS = ("Edition", "Date", "Origin", "Status", "What changed")

    def __init__(self, context: EditionsContext, parent: QObject | None = None) -> None:
        super().__init__((), parent)
        self._context = context
        self.reload()

    def reload(self) -> None:
        self.set_rows(self._context.store.editions())

    def edition(self, row: int) -> Edition:
        return self.record(row)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and role == Qt.ItemDataRole.FontRole and self.record(index.row()).active:
            font = QFont()
            font.setBold(True)  # with the word "in use": never by weight alone
            return font
        return super().data(index, role)

    def text(self, record: Edition, column: int) -> str:
        opened = self._context.opened
        if column == 0:
            return record.edition
        if column == 1:
            return record.date
        if column == 2:
            return "bundled with the app" if record.bundled else "installed"
        if column == 3:
            now = opened is not None and opened.id == record.id
            if record.active and now:
                return "in use"
            if record.active:
                return "in use from the next start"
            return "open now" if now else ""
        return " ".join(record.changes.split())


class ChangesModel(RecordTableModel[Change]):
    """One row per address added, removed or changed between two editions."""

    HEADERS = ("Change", "Kind", "Address")

    @property
    def changes(self) -> tuple[Change, ...]:
        return self._rows

    def text(self, record: Change, column: int) -> str:
        return (record.change, record.kind, record.address)[column]
