"""The navigation sidebar: a filter box over a tree of levels, sections, agents, comparison.

Click or Enter opens in the current tab; Ctrl+click, middle-click, Ctrl+Enter
and the context menu open in a new tab. Arrow keys only move the selection, so
browsing the tree from the keyboard never floods the tab's history.

Signals:
    open_requested(str, bool): an item was activated (address, in a new tab).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, QSortFilterProxyModel, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QLineEdit, QMenu, QTreeView, QVBoxLayout, QWidget

from desktop_app.models.navigation_model import NavigationModel
from desktop_app.models.roles import Role
from desktop_app.qt_namespace import Qt, set_enum_property
from desktop_app.ui.clear_button import clear_button_when_typed


class NavigationTree(QTreeView):
    """A tree view that reports how an item was activated (new tab or not)."""

    item_opened = Signal(QModelIndex, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.setExpandsOnDoubleClick(False)
        self.setAccessibleName("Contents")
        self.setAccessibleDescription(
            "Levels, sections, agents, comparison and references. Enter opens; Ctrl+Enter opens"
            " in a new tab."
        )
        set_enum_property(self, "contextMenuPolicy", "CustomContextMenu")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            index = self.currentIndex()
            if index.isValid():
                new_tab = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
                self.item_opened.emit(index, new_tab)
                return
        super().keyPressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        index = self.indexAt(event.position().toPoint())
        in_item = index.isValid() and self.visualRect(index).contains(event.position().toPoint())
        if in_item and event.button() == Qt.MouseButton.MiddleButton:
            self.item_opened.emit(index, True)
            event.accept()
            return
        super().mouseReleaseEvent(event)
        if in_item and event.button() == Qt.MouseButton.LeftButton:
            new_tab = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
            self.item_opened.emit(index, new_tab)


class Sidebar(QWidget):
    """Filter box plus navigation tree."""

    open_requested = Signal(str, bool)

    def __init__(self, model: NavigationModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Navigation sidebar")
        self.model = model
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(model)
        self.proxy.setRecursiveFilteringEnabled(True)
        self.proxy.setAutoAcceptChildRows(True)
        set_enum_property(self.proxy, "filterCaseSensitivity", "CaseInsensitive")
        self.filter_field = QLineEdit()
        self.filter_field.setPlaceholderText("Filter contents")
        self.filter_field.setAccessibleName("Filter contents")
        clear_button_when_typed(self.filter_field)  # its icon costs ~20 ms
        self.tree = NavigationTree()
        self.tree.setModel(self.proxy)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 0, 6)
        layout.setSpacing(4)
        layout.addWidget(self.filter_field)
        layout.addWidget(self.tree, 1)
        self._expand_levels(collapse=False)  # a new tree has nothing open (~2 ms saved)
        self.filter_field.textChanged.connect(self._filter)
        self.filter_field.returnPressed.connect(self._open_first_match)
        self.tree.item_opened.connect(self._open_index)
        self.tree.customContextMenuRequested.connect(self._context_menu)

    def _expand_levels(self, collapse: bool = True) -> None:
        """Levels open, subsections and long lists (references) closed."""
        if collapse:
            self.tree.collapseAll()
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(Role.ADDRESS) != "serm://section/references":
                self.tree.expand(index)

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        if text.strip():
            self.tree.expandAll()
            first = self._first_match(text.strip().lower())
            if first.isValid():
                self.tree.setCurrentIndex(first)
        else:
            self._expand_levels()

    def _first_match(self, needle: str) -> QModelIndex:
        """The first row, in tree order, whose own title contains the filter text."""
        pending = [self.proxy.index(r, 0) for r in range(self.proxy.rowCount())]
        while pending:
            index = pending.pop(0)
            if index.data(Role.ADDRESS) and needle in str(index.data()).lower():
                return index
            pending[:0] = [self.proxy.index(r, 0, index) for r in range(self.proxy.rowCount(index))]
        return QModelIndex()

    def _open_first_match(self) -> None:
        index = self.tree.currentIndex()
        if index.isValid():
            self._open_index(index, False)
        self.tree.setFocus()

    def _open_index(self, index: QModelIndex, new_tab: bool) -> None:
        address = index.data(Role.ADDRESS)
        if address:
            self.open_requested.emit(address, new_tab)
        else:  # a group: toggle it
            self.tree.setExpanded(index, not self.tree.isExpanded(index))

    def _context_menu(self, pos: QPoint) -> None:
        menu = self.context_menu(self.tree.indexAt(pos))
        if menu is not None:
            menu.exec(self.tree.viewport().mapToGlobal(pos))
            menu.deleteLater()

    def context_menu(self, index: QModelIndex) -> QMenu | None:
        address = index.data(Role.ADDRESS) if index.isValid() else ""
        if not address:
            return None
        menu = QMenu(self)
        menu.addAction("Open", lambda: self.open_requested.emit(address, False))
        menu.addAction("Open in New Tab", lambda: self.open_requested.emit(address, True))
        menu.addAction("Copy Address", lambda: QGuiApplication.clipboard().setText(address))
        return menu

    def select_address(self, address: str) -> None:
        """Show where the current page sits, without opening anything."""
        source = self.model.index_for_address(address)
        index = self.proxy.mapFromSource(source) if source.isValid() else QModelIndex()
        if not index.isValid():
            self.tree.clearSelection()
            return
        parent = index.parent()
        while parent.isValid():
            self.tree.expand(parent)
            parent = parent.parent()
        self.tree.setCurrentIndex(index)
        self.tree.scrollTo(index)

    def focus_tree(self) -> None:
        self.tree.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_filter(self) -> None:
        self.filter_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_field.selectAll()
