"""The results of one search as a flat list model.

A thin wrapper over the engine's frozen ``SearchResponse``: ``set_response``
swaps the whole list (beginResetModel/endResetModel), as results change all at
once with every keystroke. Views read the title and the address through the
shared roles, and the full ``SearchResult`` (text plus match spans) through
``Role.RESULT`` to draw the matched words.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, Qt

from desktop_app.content.search.records import (
    CAUTION_MARK,
    KIND_LABELS,
    SearchResponse,
    SearchResult,
)
from desktop_app.models.roles import AnyIndex, Role

# Roles of this model only, kept clear of the shared ones in roles.py.

PART_LABELS = {
    "takeaway": "key takeaway",
    "table": "table",
    "list_item": "list",
    "heading": "heading",
}


def kind_label(result: SearchResult) -> str:
    """What the result is, in words: "Agent", "Section · key takeaway"."""
    label = KIND_LABELS.get(result.kind, result.kind.title())
    part = PART_LABELS.get(result.part) if result.kind == "section" else None
    if result.part == "caution":
        part = "editorial caution"
    words = f"{label} · {part}" if part else label
    return f"{words} · {CAUTION_MARK}" if result.cautioned else words


class SearchResultsModel(QAbstractListModel):
    """One row per result address, in the engine's order."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._response = SearchResponse(query="")

    @property
    def response(self) -> SearchResponse:
        return self._response

    def set_response(self, response: SearchResponse) -> None:
        self.beginResetModel()
        self._response = response
        self.endResetModel()

    def clear(self) -> None:
        self.set_response(SearchResponse(query=""))

    def result(self, row: int) -> SearchResult | None:
        results = self._response.results
        return results[row] if 0 <= row < len(results) else None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._response.results)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        result = self.result(index.row()) if index.isValid() else None
        if result is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return result.title.text
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{kind_label(result)}: {result.title.text}. {result.snippet.text}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return result.uri
        if role == Role.ADDRESS:
            return result.uri
        if role == Role.KIND:
            return result.kind
        if role == Role.RESULT:
            return result
        if role == Role.SNIPPET:
            return result.snippet.text
        if role == Role.MATCH:
            return result.match
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )
