"""Run something right after a widget's first paint: the hinge of the staged start.

Kept apart from ``ui.assembly`` (which pulls in search, the personal store and
their dependencies) so that the start-up path can schedule its second stage
without importing any of that before the window has painted.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class AfterFirstPaint(QObject):
    """Runs a callback once, in the event loop turn after the widget first paints.

    Qt activates the event filter installed last first, so of two callbacks on
    the same widget, the one registered last is queued (and runs) first.
    """

    def __init__(self, widget: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(widget)
        self._callback: Callable[[], None] | None = callback
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._callback is not None:
            callback, self._callback = self._callback, None
            watched.removeEventFilter(self)
            QTimer.singleShot(0, callback)
        return False
