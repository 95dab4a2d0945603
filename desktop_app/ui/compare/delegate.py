"""Paints one grid cell: marker icon and word, caution badge, wrapped value, provenance.

The standard delegate would draw an icon and one run of text; a clinician
needs four things at a glance, and the row heights must follow the wrapped
text, so this delegate lays them out and reports the height it needs.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from desktop_app.content.compare.wording import EFFECT_LABELS
from desktop_app.models.compare.markers import caution_icon, effect_icon, effect_tint
from desktop_app.models.roles import AnyIndex, Role
from desktop_app.rendering.effects import provenance_mark
from desktop_app.ui.focus_ring import draw_focus_ring

PADDING = 6
GAP = 3
ICON = 16
FALLBACK_WIDTH = 200


@dataclass(frozen=True)
class _Fonts:
    marker: QFont
    value: QFont
    small: QFont


def _fonts(base: QFont) -> _Fonts:
    marker = QFont(base)
    marker.setBold(True)
    small = QFont(base)
    small.setItalic(True)
    if base.pointSizeF() > 0:
        small.setPointSizeF(base.pointSizeF() * 0.88)
    return _Fonts(marker, QFont(base), small)


@dataclass(frozen=True)
class _Layout:
    """Where the parts of one cell go at a given width, and the height they need."""

    fonts: _Fonts
    marker: int
    caution_label: str
    caution_own_line: bool
    value: int
    footer_text: str
    footer: int
    height: int


def _footer(index: AnyIndex) -> str:
    """The provenance line; a 'not covered' value already says so in its own words."""
    cell = index.data(Role.CELL)
    if cell is None:
        return ""
    if cell.provenance == "none":
        return "editors' note in the details" if cell.note else ""
    return provenance_mark(cell.provenance)  # the full words: legend, details, screen readers


class CompareCellDelegate(QStyledItemDelegate):
    """Draws ComparisonModel cells; height grows with the wrapped value at the column width."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)

    def _layout(self, option: QStyleOptionViewItem, index: AnyIndex, width: int) -> _Layout:
        fonts = _fonts(option.font)
        inner = max(40, width - 2 * PADDING)
        marker_metrics = QFontMetrics(fonts.marker)
        marker = max(ICON, marker_metrics.height())
        cautions = int(index.data(Role.CAUTION_COUNT) or 0)
        caution_label = (
            "" if not cautions else ("caution" if cautions == 1 else f"{cautions} cautions")
        )
        effect = index.data(Role.EFFECT)
        word = EFFECT_LABELS.get(effect, "") if isinstance(effect, str) else ""
        needed = ICON + 4 + marker_metrics.horizontalAdvance(word) + 10
        needed += ICON + 3 + marker_metrics.horizontalAdvance(caution_label)
        own_line = bool(caution_label) and needed > inner
        value = (
            QFontMetrics(fonts.value)
            .boundingRect(
                QRect(0, 0, inner, 10_000), int(Qt.TextFlag.TextWordWrap), str(index.data() or "")
            )
            .height()
        )
        footer_text = _footer(index)
        footer = (
            QFontMetrics(fonts.small)
            .boundingRect(QRect(0, 0, inner, 10_000), int(Qt.TextFlag.TextWordWrap), footer_text)
            .height()
            if footer_text
            else 0
        )
        height = 2 * PADDING + marker + (marker if own_line else 0) + GAP + value
        if footer:
            height += GAP + footer
        return _Layout(fonts, marker, caution_label, own_line, value, footer_text, footer, height)

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        # The column's width as it is now: the option's rect may predate a stretch.
        # QTableView paints a cell one pixel narrower than its column when it draws the grid.
        view = self.parent()
        width = 0
        if isinstance(view, QTableView):
            width = view.columnWidth(index.column()) - (1 if view.showGrid() else 0)
        width = width or option.rect.width() or FALLBACK_WIDTH
        return QSize(width, self._layout(option, index, width).height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        effect = index.data(Role.EFFECT)
        if not isinstance(effect, str):
            super().paint(painter, option, index)
            return
        rect = QRect(option.rect)
        palette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        layout = self._layout(option, index, rect.width())
        fonts = layout.fonts
        marker_h = layout.marker
        painter.save()
        painter.setClipRect(rect)
        if selected:
            painter.fillRect(rect, palette.brush(QPalette.ColorRole.Highlight))
            text_colour = palette.color(QPalette.ColorRole.HighlightedText)
        else:
            painter.fillRect(rect, palette.brush(QPalette.ColorRole.Base))
            painter.fillRect(rect, effect_tint(effect))
            text_colour = palette.color(QPalette.ColorRole.Text)
        x = rect.left() + PADDING
        y = rect.top() + PADDING
        inner = rect.width() - 2 * PADDING

        # Marker: icon and word (the meaning never rests on colour).
        effect_icon(effect).paint(painter, QRect(x, y + (marker_h - ICON) // 2, ICON, ICON))
        painter.setPen(text_colour)
        painter.setFont(fonts.marker)
        word_rect = QRect(x + ICON + 4, y, inner - ICON - 4, marker_h)
        painter.drawText(word_rect, int(Qt.AlignmentFlag.AlignVCenter), EFFECT_LABELS[effect])
        if layout.caution_label:
            label_w = QFontMetrics(fonts.marker).horizontalAdvance(layout.caution_label)
            if layout.caution_own_line:
                y += marker_h
                left = x
            else:
                left = rect.right() - PADDING - label_w - ICON - 3
            caution_icon().paint(painter, QRect(left, y + (marker_h - ICON) // 2, ICON, ICON))
            painter.drawText(
                QRect(left + ICON + 3, y, label_w, marker_h),
                int(Qt.AlignmentFlag.AlignVCenter),
                layout.caution_label,
            )
        y += marker_h + GAP

        painter.setFont(fonts.value)
        painter.drawText(
            QRect(x, y, inner, layout.value), int(Qt.TextFlag.TextWordWrap), str(index.data() or "")
        )
        y += layout.value + GAP

        if layout.footer_text:
            painter.setFont(fonts.small)
            muted = QColor(text_colour)
            muted.setAlpha(205)  # quieter than the value, still well above 4.5:1 contrast
            painter.setPen(muted)
            painter.drawText(
                QRect(x, y, inner, layout.footer), int(Qt.TextFlag.TextWordWrap), layout.footer_text
            )

        if option.state & QStyle.StateFlag.State_HasFocus:
            draw_focus_ring(painter, rect, palette)  # the same ring as every list and tree
        painter.restore()
