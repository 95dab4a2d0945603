"""The bookmarks panel and the Bookmarks menu, both over one BookmarksModel.

Keyboard first: Enter opens (Ctrl+Enter in a new tab), F2 renames, Delete
removes (Ctrl+Z puts it back), Alt+Up / Alt+Down move; the mouse can drag rows
to reorder them. Every change is one transaction in the personal store; when
the store refuses one (disk full, read-only folder) the message is shown in the
panel and emitted, and the list shows what is really saved.

Signals (BookmarksPanel and BookmarksMenu):
    open_requested(str, bool): open this address (in a new tab when True).
    error_occurred(str): a change could not be saved; a readable message.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QListView,
    QMenu,
    QPushButton,
    QWidget,
)

from desktop_app.models.bookmarks_model import BookmarksModel
from desktop_app.models.roles import Role
from desktop_app.ui.personal.address_list import AddressListPanel, OpensItemsOnClick
from desktop_app.userdata import Bookmark

EMPTY_TEXT = "No bookmarks yet.\nOpen a page and press Ctrl+D to keep it here."


class BookmarksList(OpensItemsOnClick, QListView):
    """A list view that turns keys and clicks into open / remove / move requests."""

    item_opened = Signal(QModelIndex, bool)
    remove_requested = Signal()
    move_requested = Signal(int)
    undo_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Bookmarks")
        self.setAccessibleDescription(
            "Enter opens, Ctrl+Enter opens in a new tab, F2 renames, Delete removes,"
            " Alt+Up and Alt+Down move, Ctrl+Z undoes a removal."
        )
        self.setUniformItemSizes(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDragDropOverwriteMode(False)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, modifiers = event.key(), event.modifiers()
        editing = self.state() == QAbstractItemView.State.EditingState
        if not editing:
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
                new_tab = bool(modifiers & Qt.KeyboardModifier.ControlModifier)
                self.item_opened.emit(self.currentIndex(), new_tab)
                return
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.remove_requested.emit()
                return
            if modifiers & Qt.KeyboardModifier.AltModifier and key in (
                Qt.Key.Key_Up,
                Qt.Key.Key_Down,
            ):
                self.move_requested.emit(-1 if key == Qt.Key.Key_Up else 1)
                return
            if event.matches(QKeySequence.StandardKey.Undo):
                self.undo_requested.emit()
                return
        super().keyPressEvent(event)


class BookmarksPanel(AddressListPanel):
    """The user's bookmarks, in their order, with rename, remove (and undo) and reorder."""

    model: BookmarksModel
    view: BookmarksList

    def __init__(self, model: BookmarksModel, parent: QWidget | None = None) -> None:
        view = BookmarksList()
        super().__init__(model, view, EMPTY_TEXT, parent)
        self.setAccessibleName("Bookmarks panel")
        self.status.setAccessibleName("Bookmarks status")
        self.undo_button = QPushButton("Undo")
        self.undo_button.setToolTip("Put back the bookmarks just removed (Ctrl+Z)")
        self.undo_button.hide()
        self.up_button = QPushButton("Move Up")
        self.up_button.setToolTip("Alt+Up")
        self.down_button = QPushButton("Move Down")
        self.down_button.setToolTip("Alt+Down")
        self.remove_button = QPushButton("Remove")
        self.remove_button.setToolTip("Delete")
        buttons = QHBoxLayout()
        for button in (self.up_button, self.down_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        status_row = QHBoxLayout()
        status_row.addWidget(self.status, 1)
        status_row.addWidget(self.undo_button)
        self.panel_layout.addLayout(buttons)
        self.panel_layout.addLayout(status_row)
        self._removed: list[Bookmark] = []

        self.view.item_opened.connect(self._open_index)
        self.view.remove_requested.connect(self.remove_selected)
        self.view.move_requested.connect(self.move_current)
        self.view.undo_requested.connect(self.undo_remove)
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(1))
        self.remove_button.clicked.connect(self.remove_selected)
        self.undo_button.clicked.connect(self.undo_remove)
        model.error_occurred.connect(self._show_error)
        self.view.selectionModel().currentChanged.connect(self._update_state)
        self._update_state()

    # -- actions --------------------------------------------------------------------------

    def select_address(self, uri: str) -> bool:
        row = self.model.row_for_address(uri)
        if row < 0:
            return False
        self.view.setCurrentIndex(self.model.index(row, 0))
        return True

    def rename_current(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            self.view.edit(index)

    def move_current(self, delta: int) -> None:
        index = self.view.currentIndex()
        if not index.isValid():
            return
        row = self.model.move(index.row(), delta)
        self.view.setCurrentIndex(self.model.index(row, 0))

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        if not rows and self.view.currentIndex().isValid():
            rows = [self.view.currentIndex().row()]
        removed = self.model.remove(rows)
        if not removed:
            return
        self._removed = removed
        names = f"“{removed[0].title}”" if len(removed) == 1 else f"{len(removed)} bookmarks"
        self.status.setText(f"Removed {names}.")
        self.undo_button.show()
        if self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(min(rows[0], self.model.rowCount() - 1), 0))

    def undo_remove(self) -> None:
        if not self._removed:
            return
        restored, self._removed = self._removed, []
        self.model.restore(restored)
        self.undo_button.hide()
        self.status.setText("")
        self.select_address(restored[0].uri)

    def add_menu_actions(self, menu: QMenu) -> None:
        menu.addSeparator()
        menu.addAction("Rename", self.rename_current).setShortcut(QKeySequence("F2"))
        menu.addAction("Move Up", lambda: self.move_current(-1)).setShortcut(QKeySequence("Alt+Up"))
        menu.addAction("Move Down", lambda: self.move_current(1)).setShortcut(
            QKeySequence("Alt+Down")
        )
        menu.addAction("Remove", self.remove_selected).setShortcut(QKeySequence.StandardKey.Delete)

    # -- internals ------------------------------------------------------------------------

    def _show_error(self, message: str) -> None:
        self.undo_button.hide()
        super()._show_error(message)

    def _update_state(self) -> None:
        super()._update_state()
        count = self.model.rowCount()
        has_current = self.view.currentIndex().isValid()
        self.remove_button.setEnabled(has_current)
        self.up_button.setEnabled(has_current and self.view.currentIndex().row() > 0)
        self.down_button.setEnabled(has_current and self.view.currentIndex().row() < count - 1)


class BookmarksMenu(QMenu):
    """A Bookmarks menu for the menu bar, rebuilt from the model each time it opens.

    ``add_action`` (Ctrl+D) and ``show_panel_action`` are plain actions for the
    main window to connect: it knows the current page; this menu does not.
    """

    open_requested = Signal(str, bool)

    def __init__(
        self, model: BookmarksModel, parent: QWidget | None = None, title: str = "&Bookmarks"
    ) -> None:
        super().__init__(title, parent)
        self.model = model
        self.add_action = QAction("&Bookmark This Page", self)
        self.add_action.setShortcut(QKeySequence("Ctrl+D"))
        self.show_panel_action = QAction("Show All &Bookmarks", self)
        self.show_panel_action.setShortcut(QKeySequence("Ctrl+Shift+B"))
        self._listed: list[QAction] = []
        self.aboutToShow.connect(self.rebuild)
        self.rebuild()

    def rebuild(self) -> None:
        for action in self._listed:  # not clear(): that would delete the two fixed actions
            self.removeAction(action)
            action.deleteLater()
        self._listed = []
        if not self.actions():
            self.addAction(self.add_action)
            self.addAction(self.show_panel_action)
            self.addSeparator()
        if not self.model.rowCount():
            self._listed.append(self.addAction("(no bookmarks yet)"))
            self._listed[-1].setEnabled(False)
        for row in range(self.model.rowCount()):
            index = self.model.index(row, 0)
            address = str(index.data(Role.ADDRESS))
            label = str(index.data(Qt.ItemDataRole.DisplayRole)).replace("&", "&&")
            action = self.addAction(label)
            action.setToolTip(address)
            action.setData(address)
            action.setEnabled(not index.data(Role.MISSING))
            action.triggered.connect(
                lambda _checked=False, uri=address: self.open_requested.emit(uri, False)
            )
            self._listed.append(action)
