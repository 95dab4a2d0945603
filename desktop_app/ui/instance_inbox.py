"""The running window's side of single-instance: it takes requests from the inbox folder.

``QFileSystemWatcher`` (inotify, ReadDirectoryChangesW) wakes it when a request
arrives. A second start runs on this same machine, and a watcher sees local
writes even on a network home folder, so no polling is needed.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject
from PySide6.QtWidgets import QWidget

from desktop_app.reliability.instance import inbox, take_requests

STALE_SECONDS = 60.0


class InstanceInbox(QObject):
    """Opens each requested address in ``window`` and brings the window forward."""

    def __init__(
        self, folder: Path, window: QWidget, open_address: Callable[[str], object]
    ) -> None:
        super().__init__(window)
        self._folder = folder
        self._window = window
        self._open = open_address
        inbox(folder).mkdir(mode=0o700, exist_ok=True)
        self._watcher = QFileSystemWatcher([str(inbox(folder))], self)
        self._watcher.directoryChanged.connect(self.take)
        # Built after the first paint: a second start may already be waiting. Older
        # requests come from starts that were killed while waiting, and are dropped.
        self.take(not_before=time.time() - STALE_SECONDS)

    def take(self, _changed: str = "", not_before: float | None = None) -> None:
        requests = take_requests(self._folder, not_before)
        for address in requests:
            if address:
                self._open(address)
        if requests:
            if self._window.isMinimized():
                self._window.showNormal()
            self._window.raise_()
            self._window.activateWindow()
