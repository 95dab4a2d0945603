"""The article's numbered references as a list model, filterable through a proxy."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QSortFilterProxyModel,
    Qt,
)

from desktop_app.content.records import Reference
from desktop_app.models.roles import AnyIndex, Role


class ReferencesModel(QAbstractListModel):
    """One row per reference: "12. citation"; "[12] citation" for copying."""

    def __init__(self, references: tuple[Reference, ...], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._references = references

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._references)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._references):
            return None
        reference = self._references[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{reference.number}. {reference.citation}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"Reference {reference.number}: {reference.citation}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return reference.uri
        if role == Role.CITATION:  # as pasted into notes: "[12] “Title.” Journal, 2003."
            return f"[{reference.number}] {reference.citation}"
        if role == Role.FILTER_TEXT:
            return f"{reference.number} {reference.citation} {reference.uri}"
        if role == Role.ADDRESS:
            return reference.uri
        if role == Role.KIND:
            return "reference"
        return None

    def row_for_address(self, address: str) -> int:
        for row, reference in enumerate(self._references):
            if reference.uri == address:
                return row
        return -1


class ReferencesFilterModel(QSortFilterProxyModel):
    """Case-insensitive filter on number, title, container and date; keeps the order."""

    def __init__(self, source: ReferencesModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSourceModel(source)
        self.setFilterRole(Role.FILTER_TEXT)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def set_filter_text(self, text: str) -> None:
        self.setFilterFixedString(text.strip())
