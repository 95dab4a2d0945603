"""The single "Compare" tab, hosting the comparison grid widget.

Every ``serm://compare/...`` address opens (or focuses) this one tab and asks
the grid to select the row or cell. The grid widget is built by its own module
(``desktop_app.ui.compare.view``); until that exists the window shows
comparison addresses as read-only HTML pages instead.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QVBoxLayout, QWidget

from desktop_app.content.addresses import AddressError
from desktop_app.content.repository import ContentRepository, UnknownAddressError
from desktop_app.ui.reader.tab import TabContent

log = logging.getLogger(__name__)

COMPARE_PREFIX = "serm://compare/"


def compare_widget_class() -> Callable[[ContentRepository], Any] | None:
    """The grid widget class, or None when its module is not available."""
    try:
        module = importlib.import_module("desktop_app.ui.compare.view")
    except ImportError as error:
        log.info("comparison grid widget not available (%s); using HTML pages", error)
        return None
    widget = getattr(module, "CompareWidget", None)
    return widget if isinstance(widget, type) and issubclass(widget, QWidget) else None


class CompareTab(TabContent):
    """Wraps a CompareWidget so the window treats it like any other tab."""

    def __init__(
        self,
        widget_class: Callable[[ContentRepository], Any],
        repository: ContentRepository,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.widget: Any = widget_class(repository)
        self.widget.setParent(self)
        self._address = ""
        self._navigating = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.widget)
        self.setFocusProxy(self.widget)
        self.widget.open_requested.connect(self.open_requested)
        moved = getattr(self.widget, "address_changed", None)
        if moved is not None:  # the user moved in the grid: follow it (history, bookmarks)
            moved.connect(self._widget_moved)

    def current_address(self) -> str:
        getter = getattr(self.widget, "current_address", None)
        if callable(getter):
            address = getter()
            if isinstance(address, str) and address:
                return address
        return self._address

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
        """The user moved in the grid: follow it (history, bookmarks, window title)."""
        if self._navigating or not address or address == self._address:
            return
        self._address = address
        self.address_changed.emit(address)

    def state(self) -> dict[str, Any]:
        return {"kind": "compare", "address": self.current_address()}
