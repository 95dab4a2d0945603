"""Draws one search result: kind, title and snippet, with the matched words in bold.

Rows have one fixed height (a title line and two snippet lines), so the list
lays out in constant time however many results come back; a longer snippet is
clipped. Every piece of text is HTML-escaped before it is wrapped in <b>: the
only markup in a row is the delegate's own, never the content's or the user's.
Bold carries the match (colour alone would not), with a light tint as a second
cue on unselected rows.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
    QTextDocument,
)
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from desktop_app.content.search.records import Highlighted, SearchResult
from desktop_app.models.roles import AnyIndex, Role
from desktop_app.models.search_results_model import kind_label

PADDING = 5
LINES = 3  # title line + two snippet lines
MATCH_TINT = QColor(255, 214, 0, 70)


def marked_html(highlighted: Highlighted, tint: str = "") -> str:
    """Escaped text with each matched span in <b> (and a tint, when given)."""
    style = f' style="background-color:{tint}"' if tint else ""
    pieces: list[str] = []
    cursor = 0
    for start, length in sorted(highlighted.spans):
        if start < cursor:
            continue  # overlapping spans: keep the first
        pieces.append(html.escape(highlighted.text[cursor:start]))
        pieces.append(f"<b{style}>{html.escape(highlighted.text[start : start + length])}</b>")
        cursor = start + length
    pieces.append(html.escape(highlighted.text[cursor:]))
    return "".join(pieces)


def elided(highlighted: Highlighted, metrics: QFontMetrics, width: int) -> Highlighted:
    """The text cut to fit ``width`` on one line, with an ellipsis; spans kept where they fit."""
    text = highlighted.text
    if metrics.horizontalAdvance(text) <= width:
        return highlighted
    shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, max(width, 0))
    keep = max(len(shown) - 1, 0)  # the characters before the ellipsis
    spans = tuple(
        (start, min(length, keep - start)) for start, length in highlighted.spans if start < keep
    )
    return Highlighted(text[:keep] + "…", spans)


def result_html(
    result: SearchResult,
    text: QColor,
    muted: QColor,
    tint: str = "",
    title: Highlighted | None = None,
) -> str:
    """The row's document: a small kind label, the title (``title`` if elided), the snippet."""
    return (
        f'<div style="color:{text.name()}">'
        f'<span style="color:{muted.name()}; font-size:small">'
        f"{html.escape(kind_label(result).upper())}</span>&nbsp; "
        f'<span style="font-size:large">{marked_html(title or result.title, tint)}</span>'
        f"<br>{marked_html(result.snippet, tint)}</div>"
    )


def _title_width(font: QFont, kind: str, width: int) -> tuple[QFont, int]:
    """The title's font (Qt's "large") and the width left for it after the kind label."""
    small, large = QFont(font), QFont(font)
    size = font.pointSizeF() if font.pointSizeF() > 0 else 10.0
    small.setPointSizeF(size * 0.8)
    large.setPointSizeF(size * 1.2)
    label = QFontMetrics(small).horizontalAdvance(kind + "\u00a0 ") + 4
    return large, width - label


class SearchResultDelegate(QStyledItemDelegate):
    """Paints ``Role.RESULT`` with a QTextDocument; the view stays a plain QListView."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = QTextDocument()
        self._document.setDocumentMargin(0)

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        line = option.fontMetrics.lineSpacing()
        return QSize(200, int(line * (LINES + 0.4)) + 2 * PADDING)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        result = index.data(Role.RESULT)
        if not isinstance(result, SearchResult):
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        widget = option.widget
        style = widget.style() if widget is not None else None
        option.text = ""
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette: QPalette = option.palette
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        text = palette.color(role)
        muted = text if selected else palette.color(QPalette.ColorRole.PlaceholderText)
        tint = "" if selected else MATCH_TINT.name(QColor.NameFormat.HexArgb)
        rect = option.rect.adjusted(PADDING, PADDING, -PADDING, -PADDING)
        document = self._document
        document.setDefaultFont(option.font)
        large, room = _title_width(option.font, kind_label(result).upper(), rect.width())
        title = elided(result.title, QFontMetrics(large), room)
        document.setHtml(result_html(result, text, muted, tint, title))
        document.setTextWidth(rect.width())
        painter.save()
        painter.translate(rect.topLeft())
        clip = QRectF(0, 0, rect.width(), _whole_lines_height(document, rect.height()))
        painter.setClipRect(clip)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.clip = clip
        context.palette.setColor(QPalette.ColorRole.Text, text)
        document.documentLayout().draw(painter, context)
        painter.restore()


def _whole_lines_height(document: QTextDocument, available: float) -> float:
    """Height of the lines that fit entirely, so a clipped row never shows half a line."""
    layout = document.documentLayout()
    bottom = 0.0
    block = document.begin()
    while block.isValid():
        top = layout.blockBoundingRect(block).top()
        text_layout = block.layout()
        for number in range(text_layout.lineCount()):
            line = text_layout.lineAt(number)
            line_bottom = top + line.y() + line.height()
            if line_bottom > available:
                return bottom
            bottom = line_bottom
        block = block.next()
    return max(bottom, available)
