"""A keyboard focus ring that can be seen, in both themes, in every list, tree and grid.

Qt's styles mark the current item of a focused view with a one-pixel, pale
frame that disappears on the blue selection of the light theme and is absent in
some trees: a keyboard user (and a clinician who has just pressed Tab) cannot
tell where they are. This proxy style draws that frame two pixels wide in the
palette's text colour, which contrasts with both the base and the selection in
the light and the dark palette, and leaves everything else to the real style.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QPainter, QPalette, QPen
from PySide6.QtWidgets import QAbstractItemView, QProxyStyle, QStyle, QStyleOption, QWidget

RING_WIDTH = 2


class FocusRingStyle(QProxyStyle):
    """The platform style, with a focus frame wide and dark (or light) enough to see."""

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        if element == QStyle.PrimitiveElement.PE_FrameFocusRect and _in_item_view(widget):
            draw_focus_ring(painter, option.rect, option.palette)
            return
        super().drawPrimitive(element, option, painter, widget)


def draw_focus_ring(painter: QPainter, rect: QRect, palette: QPalette) -> None:
    """Two rings: the text colour outside, the base colour inside.

    One of the two contrasts with whatever lies under it — the base, the
    selection, a tinted grid cell — in the light and the dark palette alike.
    """
    painter.save()
    painter.setBrush(Qt.BrushStyle.NoBrush)
    outer = QPen(palette.color(QPalette.ColorRole.Text), RING_WIDTH)
    outer.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    painter.setPen(outer)
    painter.drawRect(rect.adjusted(1, 1, -RING_WIDTH, -RING_WIDTH))
    inner = QPen(palette.color(QPalette.ColorRole.Base), 1)
    painter.setPen(inner)
    painter.drawRect(
        rect.adjusted(RING_WIDTH + 1, RING_WIDTH + 1, -RING_WIDTH - 2, -RING_WIDTH - 2)
    )
    painter.restore()


def _in_item_view(widget: QWidget | None) -> bool:
    while widget is not None:
        if isinstance(widget, QAbstractItemView):
            return True
        widget = widget.parentWidget()
    return False
