"""A brief notice over the bottom of the page: where the eye is, and read out.

The status bar's message area was filled by the permanent disclaimer, so
"Bookmarked", "Copied" or "Saved 2 pages" were set but never seen. The notice
floats above the status bar (which keeps the disclaimer in view), fades after a
few seconds, never takes the focus, and is announced to screen readers
(QAccessibleAnnouncementEvent, polite) so it is not a visual-only cue.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QLabel, QWidget

from desktop_app.qt_namespace import Qt

MARGIN = 12  # from the bottom right corner of the watched area
DEFAULT_MS = 3000


STYLE = (
    "QLabel#notice { background: palette(tooltip-base); color: palette(tooltip-text);"
    " border: 1px solid palette(mid); border-radius: 4px; padding: 6px 12px; }"
)


class Notice(QLabel):
    """A transient label over ``area``'s bottom right corner (``area`` is watched for resizes)."""

    def __init__(self, area: QWidget, parent: QWidget) -> None:
        super().__init__(parent)
        self._area = area
        self.setObjectName("notice")
        self.setAccessibleName("Notice")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        area.installEventFilter(self)
        self.hide()

    def _set_up(self) -> None:
        """Style and behaviour, given when first shown: parsing the style sheet delayed the
        first paint, and the enums below are in the Qt namespace (qt_namespace.py)."""
        self.setStyleSheet(STYLE)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def show_text(self, text: str, milliseconds: int = DEFAULT_MS) -> None:
        if not self.styleSheet():  # set up when first shown, not on the way to the first paint
            self._set_up()
        self.setText(text)
        self.adjustSize()
        self._place()
        self.show()
        self.raise_()
        self._timer.start(max(milliseconds, 1000))
        # Imported here: creating the QAccessible class (its enums) costs ~1.4 ms, and no
        # notice is shown before the window's first paint.
        from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent

        if QAccessible.isActive():
            event = QAccessibleAnnouncementEvent(self, text)
            QAccessible.updateAccessibility(event)

    def _place(self) -> None:
        parent = self.parentWidget()
        if parent is None:
            return
        corner = self._area.mapTo(parent, self._area.rect().bottomRight())
        self.setMaximumWidth(max(self._area.width() - 2 * MARGIN, 100))
        self.adjustSize()
        self.move(corner.x() - self.width() - MARGIN, corner.y() - self.height() - MARGIN)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        moved = event.type() in (QEvent.Type.Resize, QEvent.Type.Move)
        if watched is self._area and moved and self.isVisible():
            self._place()
        return False
