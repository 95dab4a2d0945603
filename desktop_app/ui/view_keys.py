"""Keys that views handle themselves (not QActions), declared once for the F1 list.

Window commands are QActions and are listed from the actions; keys a list or a
grid reads in its own key handler have no action, so each such view's keys are
declared here, where the F1 list reads them, and nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ViewKey:
    area: str
    keys: str
    does: str


GRID = "Compare grid"
VIEW_KEYS: tuple[ViewKey, ...] = (
    ViewKey("Page", "Ctrl+click, middle-click, Ctrl+Enter", "Open a link in a new tab"),
    ViewKey("Page", "Tab, Shift+Tab, then Enter", "Move between links and open one"),
    ViewKey("Page", "/", "Search"),
    ViewKey("Page", "mouse back / forward buttons", "Back / forward"),
    ViewKey("Tabs", "middle-click on the tab", "Close a tab"),
    ViewKey("Search", "Up, Down, PgUp, PgDown", "Move in the results while typing"),
    ViewKey("Search", "Enter / Ctrl+Enter", "Open the result here / in a new tab"),
    ViewKey("Search", "Escape", "Clear the field, then back to the page"),
    ViewKey("Contents", "Enter / Ctrl+Enter", "Open here / in a new tab (arrows only move)"),
    ViewKey(GRID, "Arrow keys", "Move between cells (not a visit: no history)"),
    ViewKey(GRID, "Shift+Space", "Select the whole safety topic"),
    ViewKey(GRID, "Return", "Read the details (a visit: kept in history)"),
    ViewKey(GRID, "Ctrl+C", "Copy the selected cells"),
    ViewKey(GRID, "Escape (in the details)", "Back to the grid"),
    ViewKey("Bookmarks", "F2 / Delete / Ctrl+Z", "Rename / remove / put back"),
    ViewKey("Bookmarks", "Alt+Up / Alt+Down", "Move a bookmark"),
)


def keys_of(area: str) -> tuple[ViewKey, ...]:
    return tuple(k for k in VIEW_KEYS if k.area == area)
