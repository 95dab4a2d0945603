"""One tab: a page (or the references list) with its own back/forward history.

Signals (on every tab kind, see ``TabContent``):
    address_changed(str): the tab now shows another address (a visit: history).
    position_changed(str): it shows another address after a mere move (arrow keys in the
        grid): the window follows it, history does not record it.
    title_changed(str): the tab's title changed.
    open_requested(str, bool): a link asks to open an address (True = new tab).
    external_link_requested(str): an outside link was clicked; show it, never open it.
    history_changed(): back/forward availability may have changed.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from desktop_app.content.addresses import AddressError
from desktop_app.content.repository import UnknownAddressError
from desktop_app.rendering import PageColours, RenderedPage
from desktop_app.rendering.pages import PageRenderer, missing_page
from desktop_app.ui.reader.page_view import READING_SCALE, PageView
from desktop_app.ui.reader.tab_history import PageTabState, TabHistory, TabState

if TYPE_CHECKING:
    from desktop_app.ui.reader.references import ReferencesView

log = logging.getLogger(__name__)


class TabContent(QWidget):
    """What every tab offers the window, whatever it shows."""

    address_changed = Signal(str)
    position_changed = Signal(str)
    title_changed = Signal(str)
    open_requested = Signal(str, bool)
    external_link_requested = Signal(str)
    history_changed = Signal()

    def current_address(self) -> str:
        raise NotImplementedError

    def title(self) -> str:
        raise NotImplementedError

    def navigate(self, address: str) -> bool:
        raise NotImplementedError

    def can_go_back(self) -> bool:
        return False

    def can_go_forward(self) -> bool:
        return False

    def back(self) -> None:
        """Nothing to go back to unless a subclass keeps a history."""

    def forward(self) -> None:
        """Nothing to go forward to unless a subclass keeps a history."""

    def page_view(self) -> PageView | None:
        """The text page, when the tab shows one (find, highlight, copy)."""
        return None

    def apply_appearance(self, colours: PageColours, zoom: int) -> None:
        """Follow the window's theme and zoom."""

    def state(self) -> TabState:
        """What the window saves to bring this tab back (settings, Reopen Closed Tab)."""
        raise NotImplementedError


class DocumentTab(TabContent):
    """Sections, agents, comparison pages and the references list, with history."""

    def __init__(
        self,
        renderer: PageRenderer,
        colours: PageColours,
        zoom: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._renderer = renderer
        self._colours = colours
        self._zoom = zoom
        self.history = TabHistory()
        self._title = ""
        self.stack = QStackedWidget()
        self.page = PageView()
        self.page.set_zoom(zoom)
        self.page.open_requested.connect(self.open_requested)
        self.page.external_link_requested.connect(self.external_link_requested)
        self.page.history_button_pressed.connect(self._history_button)
        self.stack.addWidget(self.page)
        self._references: ReferencesView | None = None
        self._pending: tuple[str, int | None] | None = None  # restored, not rendered yet
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.setFocusProxy(self.page)

    # -- navigation -----------------------------------------------------------------------

    def current_address(self) -> str:
        current = self.history.current
        return current.address if current is not None else ""

    def title(self) -> str:
        return self._title

    def navigate(self, address: str) -> bool:
        """Open ``address`` here; False (and a "not found" page) when it names nothing."""
        if address == self.current_address():
            self._show(address, None)
            return True
        self._remember_scroll()
        self.history.visit(address)
        return self._show(address, None)

    def back(self) -> None:
        self._remember_scroll()
        entry = self.history.back()
        if entry is not None:
            self._show(entry.address, entry.scroll)

    def forward(self) -> None:
        self._remember_scroll()
        entry = self.history.forward()
        if entry is not None:
            self._show(entry.address, entry.scroll)

    def can_go_back(self) -> bool:
        return self.history.can_go_back()

    def can_go_forward(self) -> bool:
        return self.history.can_go_forward()

    def reload(self) -> None:
        if self.current_address():
            self._remember_scroll()
            entry = self.history.current
            self._show(self.current_address(), entry.scroll if entry else None)

    def _history_button(self, forward: bool) -> None:
        if forward:
            self.forward()
        else:
            self.back()

    def _remember_scroll(self) -> None:
        # Not for a new tab's first page: nothing to remember, and the scroll bar's
        # first use from Python creates its class's enums before the first paint.
        if self.history.current is not None and self.stack.currentWidget() is self.page:
            self.history.remember_scroll(self.page.verticalScrollBar().value())

    def _show(self, address: str, scroll: int | None) -> bool:
        self._pending = None
        found = True
        try:
            rendered = self._renderer.render(address)
        except (AddressError, UnknownAddressError) as error:
            log.info("cannot open %s: %s", address, error)
            rendered = missing_page(address, str(error))
            found = False
        if rendered.kind == "references":
            view = self.references_view()
            self.stack.setCurrentWidget(view)
            if not view.select_address(address):
                view.list.scrollToTop()
            self.setFocusProxy(view.list)
        else:
            self.page.show_page(rendered, self._colours)
            if scroll is not None:
                self.page.scroll_to(scroll)
            self.stack.setCurrentWidget(self.page)
            self.setFocusProxy(self.page)
        self._title = rendered.title
        self.title_changed.emit(rendered.title)
        self.address_changed.emit(address)
        self.history_changed.emit()
        return found

    def references_view(self) -> ReferencesView:
        if self._references is None:
            from desktop_app.ui.reader.references import ReferencesView  # first use only

            self._references = ReferencesView(self._renderer.repository.references())
            self._references.set_point_size(self._point_size())
            self._references.history_button_pressed.connect(self._history_button)
            self.stack.addWidget(self._references)
        return self._references

    def showing_references(self) -> bool:
        self._render_pending()
        return self._references is not None and self.stack.currentWidget() is self._references

    # -- appearance, printing, state ------------------------------------------------------

    def page_view(self) -> PageView | None:
        return None if self.showing_references() else self.page

    def _point_size(self) -> float:
        return self.page.document().defaultFont().pointSizeF() / READING_SCALE

    def apply_appearance(self, colours: PageColours, zoom: int) -> None:
        changed_colours = colours != self._colours
        self._colours = colours
        self._zoom = zoom
        self.page.set_zoom(zoom)
        if changed_colours:
            self.page.set_colours(colours)
        if self._references is not None:
            self._references.set_point_size(self._point_size())

    def printable_page(self) -> RenderedPage:
        """What Print and Export PDF put on paper for this tab."""
        self._render_pending()
        if self.showing_references():
            return self._renderer.references_page()
        if self.page.page is not None:
            return self.page.page
        return missing_page("", "nothing is open in this tab")

    def state(self) -> PageTabState:
        self._remember_scroll()
        return {"kind": "page", "history": self.history.to_state()}

    def restore(self, state: PageTabState, show: bool = True) -> None:
        """Rebuild history from saved state and show its current entry.

        With ``show=False`` the page is rendered the first time the tab is shown:
        a restored session of many tabs then costs one page, not one per tab.
        """
        self.history = TabHistory.from_state(state["history"])
        entry = self.history.current
        if entry is None:
            return
        if show:
            self._show(entry.address, entry.scroll)
            return
        self._pending = (entry.address, entry.scroll)
        self._title = _label_from_address(entry.address)
        self.title_changed.emit(self._title)
        self.history_changed.emit()

    def showEvent(self, event: QShowEvent) -> None:
        self._render_pending()
        super().showEvent(event)

    def _render_pending(self) -> None:
        """Render a restored page now: it is shown, or something asks what it shows."""
        if self._pending is not None:
            address, scroll = self._pending
            self._pending = None
            self._show(address, scroll)


def _label_from_address(address: str) -> str:
    """A tab's label until its page is first rendered (".../agent/raloxifene": "Raloxifene")."""
    last = address.rstrip("/").rsplit("/", 1)[-1]
    return last.replace("-", " ").capitalize() or address
