"""The tab strip: open, close, reopen, cycle and reorder tabs.

Closing a tab keeps its history on a stack, so Ctrl+Shift+T brings it back as
it was; the window builds the tab from that saved state.

Signals:
    reopen_requested(dict): the saved state of the last closed tab, to rebuild.
    new_tab_requested(): the tab bar's context menu asked for a new tab.
    emptied(): the last tab was closed.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QMenu, QTabWidget, QWidget

from desktop_app.qt_namespace import Qt, set_enum_property
from desktop_app.ui.reader.tab import TabContent
from desktop_app.ui.reader.tab_history import TabState

MAX_CLOSED = 20
MAX_TITLE = 28


class DocumentTabs(QTabWidget):
    """QTabWidget with middle-click close, a context menu and a closed-tab stack."""

    reopen_requested = Signal(dict)
    new_tab_requested = Signal()
    emptied = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Open pages")
        self.setMovable(True)
        self.setTabsClosable(True)
        self.setDocumentMode(True)
        self.setUsesScrollButtons(True)
        set_enum_property(self, "elideMode", "ElideRight")
        self.tabBar().setAccessibleName("Tabs")
        self.tabBar().installEventFilter(self)
        set_enum_property(self.tabBar(), "contextMenuPolicy", "CustomContextMenu")
        self.tabBar().customContextMenuRequested.connect(self._context_menu)
        self.tabCloseRequested.connect(self.close_tab)
        self._closed: list[TabState] = []

    def tab(self, index: int) -> TabContent | None:
        widget = self.widget(index)
        return widget if isinstance(widget, TabContent) else None

    def tabs(self) -> list[TabContent]:
        return [t for t in (self.tab(i) for i in range(self.count())) if t is not None]

    def current(self) -> TabContent | None:
        return self.tab(self.currentIndex())

    def add(self, tab: TabContent, focus: bool = True, after_current: bool = True) -> int:
        index = self.currentIndex() + 1 if after_current and self.count() else self.count()
        index = self.insertTab(index, tab, self._short(tab.title()))
        tab.title_changed.connect(lambda _title, t=tab: self._retitle(t))
        self._retitle(tab)
        if focus:
            self.setCurrentIndex(index)
        return index

    def _retitle(self, tab: TabContent) -> None:
        index = self.indexOf(tab)
        if index >= 0:
            title = tab.title() or "Page"
            self.setTabText(index, self._short(title))
            self.setTabToolTip(index, f"{title}\n{tab.current_address()}")
            self.setTabWhatsThis(index, title)

    @staticmethod
    def _short(title: str) -> str:
        title = (title or "Page").replace("&", "&&")
        return title if len(title) <= MAX_TITLE else title[: MAX_TITLE - 1] + "…"

    def close_tab(self, index: int) -> None:
        tab = self.tab(index)
        if tab is None:
            return
        self._closed.append(tab.state())
        del self._closed[:-MAX_CLOSED]
        self.removeTab(index)
        tab.deleteLater()
        if self.count() == 0:
            self.emptied.emit()

    def close_others(self, keep: int) -> None:
        kept = self.widget(keep)
        for index in reversed(range(self.count())):
            if self.widget(index) is not kept:
                self.close_tab(index)

    def can_reopen(self) -> bool:
        return bool(self._closed)

    def forget_closed(self) -> None:
        """Clear History: closed tabs (with their histories) cannot be reopened."""
        self._closed.clear()

    def reopen_last(self) -> None:
        if self._closed:
            self.reopen_requested.emit(self._closed.pop())

    def cycle(self, step: int) -> None:
        if self.count() > 1:
            self.setCurrentIndex((self.currentIndex() + step) % self.count())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.tabBar()
            and isinstance(event, QMouseEvent)
            and event.type() == QEvent.Type.MouseButtonRelease
            and event.button() == Qt.MouseButton.MiddleButton
        ):
            index = self.tabBar().tabAt(event.position().toPoint())
            if index >= 0:
                self.close_tab(index)
                return True
        return super().eventFilter(watched, event)

    def _context_menu(self, pos: QPoint) -> None:
        menu = self.context_menu(self.tabBar().tabAt(pos))
        menu.exec(self.tabBar().mapToGlobal(pos))
        menu.deleteLater()

    def context_menu(self, index: int) -> QMenu:
        menu = QMenu(self)
        menu.addAction("New Tab", self.new_tab_requested.emit)
        if index >= 0:
            menu.addAction("Close Tab", lambda: self.close_tab(index))
            other = menu.addAction("Close Other Tabs", lambda: self.close_others(index))
            other.setEnabled(self.count() > 1)
        reopen = menu.addAction("Reopen Closed Tab", self.reopen_last)
        reopen.setEnabled(self.can_reopen())
        return menu
