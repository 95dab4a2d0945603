"""The single "Compare" tab, hosting the comparison grid widget.

Every ``serm://compare/...`` address opens (or focuses) this one tab and asks
the grid to select the row or cell. The window imports this module on the first
such address, so the grid costs nothing at start-up.
"""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from desktop_app.content.addresses import AddressError
from desktop_app.content.repository import ContentRepository, UnknownAddressError
from desktop_app.rendering import PageColours
from desktop_app.ui.compare.view import CompareWidget
from desktop_app.ui.reader.tab import TabContent
from desktop_app.ui.reader.tab_history import CompareTabState


class CompareTab(TabContent):
    """Wraps a CompareWidget so the window treats it like any other tab."""

    def __init__(self, repository: ContentRepository, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.widget = CompareWidget(repository, self)
        self._address = ""
        self._navigating = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.widget)
        self.setFocusProxy(self.widget)
        self.widget.open_requested.connect(self.open_requested)
        self.widget.external_link_requested.connect(self.external_link_requested)
        self.widget.address_changed.connect(self._widget_moved)
        self.widget.grid_view.details_requested.connect(self._visited)

    def current_address(self) -> str:
        return self.widget.current_address() or self._address

    def title(self) -> str:
        return "Compare"

    def navigate(self, address: str) -> bool:
        """Select a row or cell; False when the grid has no such address."""
        self._navigating = True
        try:
            self.widget.select_address(address)
        except (AddressError, UnknownAddressError):
            return False
        finally:
            self._navigating = False
        self._address = address
        self.title_changed.emit(self.title())
        self.address_changed.emit(address)
        return True

    def _widget_moved(self, address: str) -> None:
        """The user moved in the grid: follow it (bookmark star, note, title), no history.

        Only a deliberate navigation is a visit (a link, the sidebar, search, or
        Return on a cell), as in the contents tree where arrow keys only move.
        """
        if self._navigating or not address or address == self._address:
            return
        self._address = address
        self.position_changed.emit(address)

    def _visited(self) -> None:
        """Return on a cell: reading its details is a visit."""
        if self.current_address():
            self.address_changed.emit(self.current_address())

    def apply_appearance(self, colours: PageColours, zoom: int) -> None:
        """A theme change reaches the detail pane (its page is re-rendered in the colours)."""
        self.widget.set_colours(colours)

    def state(self) -> CompareTabState:
        return {"kind": "compare", "address": self.current_address()}
