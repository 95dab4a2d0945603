"""A one-line label that shortens its text with "…" instead of cutting it off."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

ELLIPSIS = "…"
# Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter as the int QPainter.drawText
# takes: the label paints in the first frame, before the Qt namespace exists
# (desktop_app/qt_namespace.py; tests/test_first_paint_enums.py checks the value).
ALIGN_LEFT_VCENTER = 0x0001 | 0x0080


def elide_right(text: str, metrics: QFontMetrics, width: int) -> str:
    """The longest start of ``text`` that fits ``width`` with "…" after it (all of it if it fits).

    QFontMetrics.elidedText would do this, but its mode argument is a Qt-namespace
    enum; the label's text is one line of the app's own plain text.
    """
    if metrics.horizontalAdvance(text) <= width:
        return text
    fits, too_long = 0, len(text)  # a binary search over the length of the kept start
    while too_long - fits > 1:
        middle = (fits + too_long) // 2
        if metrics.horizontalAdvance(text[:middle].rstrip() + ELLIPSIS) <= width:
            fits = middle
        else:
            too_long = middle
    kept = text[:fits].rstrip()
    if kept or metrics.horizontalAdvance(ELLIPSIS) <= width:
        return kept + ELLIPSIS
    return ""


class ElidedLabel(QWidget):
    """Shows as much of its text as fits; the whole text is its tooltip and accessible name."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = text
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setToolTip(text)

    def text(self) -> str:
        return self._text

    def shown_text(self) -> str:
        """What the label draws at its current width."""
        return elide_right(self._text, self.fontMetrics(), self.width())

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        return QSize(metrics.horizontalAdvance(self._text), metrics.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(40, self.fontMetrics().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        QPainter(self).drawText(self.rect(), ALIGN_LEFT_VCENTER, self.shown_text())
