"""Preferences and window state, kept in two files under desktop_app.paths.

Preferences (theme, zoom) are choices a user makes and might copy to another
machine; window state (geometry, splitter, open tabs) is what the window looked
like last time. Each option is declared once with its type and default.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from desktop_app import paths
from desktop_app.ui.reader.tab_history import TabState, read_tab_state

log = logging.getLogger(__name__)

THEMES = ("system", "light", "dark")
ZOOM_STEPS = (50, 67, 80, 90, 100, 110, 125, 150, 175, 200, 250, 300)
DEFAULT_ZOOM = 100


class Preferences:
    """The user's choices: theme (system/light/dark) and page zoom in percent."""

    def __init__(self, path: Path | None = None) -> None:
        self._settings = QSettings(str(path or paths.settings_file()), QSettings.Format.IniFormat)

    @property
    def theme(self) -> str:
        value = self._settings.value("appearance/theme", "system")
        return value if value in THEMES else "system"

    @theme.setter
    def theme(self, value: str) -> None:
        if value not in THEMES:
            raise ValueError(f"unknown theme {value!r}")
        self._settings.setValue("appearance/theme", value)

    @property
    def zoom(self) -> int:
        try:
            value = int(str(self._settings.value("appearance/zoom", DEFAULT_ZOOM)))
        except (TypeError, ValueError):
            return DEFAULT_ZOOM
        return value if value in ZOOM_STEPS else DEFAULT_ZOOM

    @zoom.setter
    def zoom(self, value: int) -> None:
        self._settings.setValue("appearance/zoom", int(value))

    @property
    def restore_session(self) -> bool:
        """Start with last session's tabs (True) or on the home page (False, the default)."""
        return str(self._settings.value("startup/restore_session", "false")).lower() == "true"

    @restore_session.setter
    def restore_session(self, value: bool) -> None:
        self._settings.setValue("startup/restore_session", "true" if value else "false")

    @property
    def print_with_note(self) -> bool:
        """Printouts of a page carry the user's note on it (off by default: notes are private)."""
        return str(self._settings.value("printing/with_note", "false")).lower() == "true"

    @print_with_note.setter
    def print_with_note(self, value: bool) -> None:
        self._settings.setValue("printing/with_note", "true" if value else "false")

    def sync(self) -> None:
        self._settings.sync()


class WindowStateStore:
    """What the window looked like: geometry, dock/toolbar state, splitter, tabs."""

    def __init__(self, path: Path | None = None) -> None:
        self._settings = QSettings(
            str(path or paths.window_state_file()), QSettings.Format.IniFormat
        )

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._settings.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    @property
    def geometry(self) -> QByteArray | None:
        return self._bytes("window/geometry")

    @property
    def window_state(self) -> QByteArray | None:
        return self._bytes("window/state")

    @property
    def splitter(self) -> QByteArray | None:
        return self._bytes("window/splitter")

    @property
    def sidebar_visible(self) -> bool:
        return str(self._settings.value("window/sidebar_visible", "true")).lower() == "true"

    @property
    def tabs(self) -> list[TabState]:
        """Saved tabs; a damaged value gives no tabs (the start page), never an error."""
        raw = self._settings.value("tabs/open", "[]")
        try:
            value = json.loads(str(raw))
        except json.JSONDecodeError:
            log.warning("ignoring unreadable saved tabs in %s", self._settings.fileName())
            return []
        states = (read_tab_state(t) for t in value) if isinstance(value, list) else ()
        return [state for state in states if state is not None]

    @property
    def current_tab(self) -> int:
        try:
            return int(str(self._settings.value("tabs/current", 0)))
        except (TypeError, ValueError):
            return 0

    def save(
        self,
        geometry: QByteArray,
        window_state: QByteArray,
        splitter: QByteArray,
        sidebar_visible: bool,
        tabs: list[TabState],
        current_tab: int,
    ) -> None:
        self._settings.setValue("window/geometry", geometry)
        self._settings.setValue("window/state", window_state)
        self._settings.setValue("window/splitter", splitter)
        self._settings.setValue("window/sidebar_visible", "true" if sidebar_visible else "false")
        self._settings.setValue("tabs/open", json.dumps(tabs))
        self._settings.setValue("tabs/current", current_tab)
        self._settings.sync()
