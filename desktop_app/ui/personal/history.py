"""Recently viewed pages, with the time of the last visit, and a way to clear them.

Signals (HistoryPanel):
    open_requested(str, bool): open this address (in a new tab when True).
    error_occurred(str): clearing could not be saved; a readable message.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.models.history_model import HistoryModel
from desktop_app.models.roles import Role
from desktop_app.ui.personal.address_list import OpensItemsOnClick

MISSING_TEXT = (
    "This page is not in the installed content edition, so it cannot be opened. It is kept"
    " in case a later edition brings it back."
)


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


class HistoryPanel(QWidget):
    """Recently viewed pages, newest first; "Clear History…" asks once, then forgets all."""

    open_requested = Signal(str, bool)
    error_occurred = Signal(str)

    def __init__(self, model: HistoryModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("History panel")
        self.model = model
        self.view = AddressTreeView()
        self.view.setAccessibleName("Recently viewed")
        self.view.setModel(model)
        self.view.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.empty_label = QLabel("Pages you open are listed here, newest first.")
        self.empty_label.setTextFormat(Qt.TextFormat.PlainText)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty_label)
        self.clear_button = QPushButton("Clear History…")
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.confirmation: QMessageBox | None = None
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.stack, 1)
        layout.addLayout(row)
        self.view.item_opened.connect(self._open_index)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.clear_button.clicked.connect(self.ask_to_clear)
        model.error_occurred.connect(self._show_error)
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved):
            signal.connect(self._update_state)
        self._update_state()

    def ask_to_clear(self) -> None:
        """A window-modal question (not a nested event loop); clearing happens on Yes."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Clear history",
            "Forget every page in the history? Bookmarks and notes are not affected.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.finished.connect(self._confirmation_finished)
        self.confirmation = box
        box.open()

    def _confirmation_finished(self, result: int) -> None:
        box, self.confirmation = self.confirmation, None
        if box is not None:
            box.deleteLater()
        if result == QMessageBox.StandardButton.Yes and self.model.clear():
            self.status.setText("History cleared.")

    def context_menu(self, index: QModelIndex) -> QMenu | None:
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
        return menu

    def _open_index(self, index: QModelIndex, new_tab: bool) -> None:
        if index.data(Role.MISSING):
            self.status.setText(MISSING_TEXT)
            return
        self.open_requested.emit(str(index.data(Role.ADDRESS)), new_tab)

    def _context_menu(self, pos: QPoint) -> None:
        menu = self.context_menu(self.view.indexAt(pos))
        if menu is not None:
            menu.exec(self.view.viewport().mapToGlobal(pos))
            menu.deleteLater()

    def _show_error(self, message: str) -> None:
        self.status.setText(message)
        self.error_occurred.emit(message)

    def _update_state(self) -> None:
        has_rows = self.model.rowCount() > 0
        self.stack.setCurrentWidget(self.view if has_rows else self.empty_label)
        self.clear_button.setEnabled(has_rows)
