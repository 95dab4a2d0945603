"""Effect marker icons and tints for the comparison grid (QtGui only).

Each marker differs in shape and symbol as well as colour, so it still reads
in greyscale, for colour-blind users and on paper; the word always appears
beside it. Tints are translucent so they sit on light and dark palettes alike.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPainterPath, QPen, QPixmap, QPolygonF

from desktop_app.content.compare.wording import EFFECT_SYMBOLS

EFFECT_COLOURS = {
    "adverse": "#c62828",
    "favourable": "#2e7d32",
    "neutral": "#546e7a",
    "mixed": "#b26a00",
    "no data": "#757575",
    "restriction": "#6a1b9a",
    "fact": "#1565c0",
}
# Drawn as an outline, not filled: "no data" (dashed) and "fact" (solid), neither a harm
# nor a benefit, so neither gets a wash of colour behind its words.
HOLLOW = ("no data", "fact")
CAUTION_COLOUR = "#b26a00"
TINT_ALPHA = 38  # of 255: a wash of colour behind the words, never instead of them


def effect_tint(effect: str) -> QColor:
    colour = QColor(EFFECT_COLOURS[effect])
    colour.setAlpha(0 if effect in HOLLOW else TINT_ALPHA)
    return colour


def _shape(effect: str, box: QRectF) -> QPainterPath:
    path = QPainterPath()
    if effect == "adverse":  # warning triangle
        path.addPolygon(
            QPolygonF(
                [
                    QPointF(box.center().x(), box.top()),
                    QPointF(box.right(), box.bottom()),
                    QPointF(box.left(), box.bottom()),
                    QPointF(box.center().x(), box.top()),
                ]
            )
        )
    elif effect == "mixed":  # diamond
        c = box.center()
        path.addPolygon(
            QPolygonF(
                [
                    QPointF(c.x(), box.top()),
                    QPointF(box.right(), c.y()),
                    QPointF(c.x(), box.bottom()),
                    QPointF(box.left(), c.y()),
                    QPointF(c.x(), box.top()),
                ]
            )
        )
    elif effect == "neutral":  # square
        path.addRoundedRect(box.adjusted(1, 1, -1, -1), 2, 2)
    elif effect == "restriction":  # octagon, as a stop sign
        cut = box.width() * 0.29
        path.addPolygon(
            QPolygonF(
                [
                    QPointF(box.left() + cut, box.top()),
                    QPointF(box.right() - cut, box.top()),
                    QPointF(box.right(), box.top() + cut),
                    QPointF(box.right(), box.bottom() - cut),
                    QPointF(box.right() - cut, box.bottom()),
                    QPointF(box.left() + cut, box.bottom()),
                    QPointF(box.left(), box.bottom() - cut),
                    QPointF(box.left(), box.top() + cut),
                    QPointF(box.left() + cut, box.top()),
                ]
            )
        )
    else:  # favourable and no data: circle
        path.addEllipse(box)
    return path


@cache
def effect_pixmap(effect: str, size: int = 32) -> QPixmap:
    """The marker drawn at ``size`` device pixels: filled shape, white symbol; 'no data' (dashed)
    and 'fact' (solid) drawn as an outline with the symbol in colour; 'restriction' a stop
    sign with a white bar."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = QColor(EFFECT_COLOURS[effect])
    box = QRectF(1.5, 1.5, size - 3, size - 3)
    path = _shape(effect, box)
    hollow = effect in HOLLOW
    dashed = effect == "no data"
    painter.setPen(
        QPen(colour, max(1.5, size / 14), Qt.PenStyle.DashLine if dashed else Qt.PenStyle.SolidLine)
    )
    painter.setBrush(Qt.BrushStyle.NoBrush if hollow else colour)
    painter.drawPath(path)
    if effect == "restriction":  # a white bar across, like a no-entry sign
        bar = QRectF(
            box.left() + size * 0.2, box.center().y() - size * 0.08, size * 0.54, size * 0.16
        )
        painter.fillRect(bar, QColor("white"))
        painter.end()
        return pixmap
    font = QFont()
    font.setBold(True)
    font.setPixelSize(int(size * (0.5 if effect == "adverse" else 0.62)))
    painter.setFont(font)
    painter.setPen(colour if hollow else QColor("white"))
    symbol = {"adverse": "!", "no data": "?", "fact": "i"}.get(effect, EFFECT_SYMBOLS[effect])
    text_box = box.adjusted(0, size * 0.22, 0, 0) if effect == "adverse" else box
    painter.drawText(text_box, Qt.AlignmentFlag.AlignCenter, symbol)
    painter.end()
    return pixmap


@cache
def effect_icon(effect: str) -> QIcon:
    icon = QIcon()
    for size in (16, 24, 32, 48):
        icon.addPixmap(effect_pixmap(effect, size))
    return icon


@cache
def caution_pixmap(size: int = 32) -> QPixmap:
    """An amber exclamation badge for editorial cautions (shape differs from every marker)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = QColor(CAUTION_COLOUR)
    painter.setPen(QPen(colour, max(1.5, size / 12)))
    painter.setBrush(QColor("#fff3cd"))
    painter.drawRoundedRect(QRectF(1.5, 1.5, size - 3, size - 3), size / 5, size / 5)
    font = QFont()
    font.setBold(True)
    font.setPixelSize(int(size * 0.7))
    painter.setFont(font)
    painter.setPen(colour)
    painter.drawText(QRectF(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, "!")
    painter.end()
    return pixmap


@cache
def caution_icon() -> QIcon:
    icon = QIcon()
    for size in (16, 24, 32):
        icon.addPixmap(caution_pixmap(size))
    return icon
