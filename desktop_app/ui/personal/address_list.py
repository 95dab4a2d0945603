"""Mouse gestures that open an address from a list of them, shared by the personal panels.

Double-click opens (Ctrl for a new tab) and a middle click opens in a new tab,
the same in the bookmarks list and the history and notes tables. The view that
mixes this in declares ``item_opened = Signal(QModelIndex, bool)``.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QMouseEvent


class OpensItemsOnClick:
    """Mix in before a QAbstractItemView subclass: ``class V(OpensItemsOnClick, QListView)``."""

    item_opened: Any  # a Signal(QModelIndex, bool) on the view class
    indexAt: Any

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        index = self.indexAt(event.position().toPoint())
        if index.isValid() and event.button() == Qt.MouseButton.MiddleButton:
            self.item_opened.emit(index, True)
            event.accept()
            return
        super().mouseReleaseEvent(event)  # type: ignore[misc]

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        index = self.indexAt(event.position().toPoint())
        if index.isValid() and event.button() == Qt.MouseButton.LeftButton:
            new_tab = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
            self.item_opened.emit(index, new_tab)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)  # type: ignore[misc]
