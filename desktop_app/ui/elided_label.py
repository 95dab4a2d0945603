"""A one-line label that shortens its text with "…" instead of cutting it off."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from desktop_app.qt_namespace import set_enum_property

ELLIPSIS = "…"


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


class ElidedLabel(QLabel):
    """Shows as much of its text as fits; the whole text is its tooltip and accessible name.

    A QLabel that is given the shortened text whenever its width changes, so the
    label paints itself in C++ like any other (no QPainter from Python in the
    first frame).
    """

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = text
        set_enum_property(self, "textFormat", "PlainText")
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setToolTip(text)

    def text(self) -> str:
        """The whole text (what is shown may be shortened: ``shown_text``)."""
        return self._text

    def shown_text(self) -> str:
        return super().text()

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        return QSize(metrics.horizontalAdvance(self._text), metrics.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(40, self.fontMetrics().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().setText(elide_right(self._text, self.fontMetrics(), self.width()))
        super().resizeEvent(event)
