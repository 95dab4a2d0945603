"""What the bookmarks, history and notes panels share: a list of addresses to open.

``AddressListPanel`` is the panel: the view, an empty state, a status line, the
Open / Open in New Tab / Copy Address menu and the one "missing page" message;
each panel adds its own buttons and menu entries. ``OpensItemsOnClick`` is the
view's mouse: double-click opens (Ctrl for a new tab) and a middle click opens
in a new tab. The view declares ``item_opened = Signal(QModelIndex, bool)``.

Signals (AddressListPanel):
    open_requested(str, bool): open this address (in a new tab when True).
    error_occurred(str): a change could not be saved; a readable message.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMenu,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.models.roles import Role
from desktop_app.models.user_items import MISSING_EXPLANATION


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


class AddressTreeView(OpensItemsOnClick, QTreeView):
    """A flat table of addresses: Enter or double-click opens; Ctrl or middle button, a new tab."""

    item_opened = Signal(QModelIndex, bool)
    delete_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAllColumnsShowFocus(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.header().setStretchLastSection(False)

    def setModel(self, model: QAbstractItemModel | None) -> None:
        super().setModel(model)
        if model is not None and model.columnCount() > 0:
            self.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            new_tab = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
            self.item_opened.emit(self.currentIndex(), new_tab)
            return
        if event.key() == Qt.Key.Key_Delete:
            self.delete_requested.emit()
            return
        super().keyPressEvent(event)


class AddressListPanel(QWidget):
    """A view of saved addresses with its empty state, status line and context menu."""

    open_requested = Signal(str, bool)
    error_occurred = Signal(str)
    # Right-click makes the row under the mouse current (where the menu acts on it).
    select_on_context_menu = False

    def __init__(
        self,
        model: QAbstractItemModel,
        view: QAbstractItemView,
        empty_text: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.view = view
        self.view.setModel(model)
        self.empty_label = QLabel(empty_text)
        self.empty_label.setTextFormat(Qt.TextFormat.PlainText)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty_label)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.panel_layout = QVBoxLayout(self)
        self.panel_layout.setContentsMargins(6, 6, 6, 6)
        self.panel_layout.addWidget(self.stack, 1)
        self.view.customContextMenuRequested.connect(self._context_menu)
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved):
            signal.connect(self._update_state)

    def context_menu(self, index: QModelIndex) -> QMenu | None:
        """Open, Open in New Tab (both off for a missing page) and Copy Address, then extras."""
        if not index.isValid():
            return None
        address = str(index.data(Role.ADDRESS))
        missing = bool(index.data(Role.MISSING))
        menu = QMenu(self)
        menu.addAction("Open", lambda: self.open_requested.emit(address, False)).setEnabled(
            not missing
        )
        menu.addAction(
            "Open in New Tab", lambda: self.open_requested.emit(address, True)
        ).setEnabled(not missing)
        menu.addAction("Copy Address", lambda: QGuiApplication.clipboard().setText(address))
        self.add_menu_actions(menu)
        return menu

    def add_menu_actions(self, menu: QMenu) -> None:
        """The panel's own entries after the shared ones (none by default)."""

    def _open_index(self, index: QModelIndex, new_tab: bool) -> None:
        if index.data(Role.MISSING):
            self.status.setText(MISSING_EXPLANATION)
            return
        self.open_requested.emit(str(index.data(Role.ADDRESS)), new_tab)

    def _context_menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        if self.select_on_context_menu and index.isValid():
            self.view.setCurrentIndex(index)
        menu = self.context_menu(index)
        if menu is not None:
            menu.exec(self.view.viewport().mapToGlobal(pos))
            menu.deleteLater()

    def _show_error(self, message: str) -> None:
        self.status.setText(message)
        self.error_occurred.emit(message)

    def _update_state(self) -> None:
        self.stack.setCurrentWidget(self.view if self.model.rowCount() else self.empty_label)
