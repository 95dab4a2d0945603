"""Draws one search result: kind, title and snippet, with the matched words in bold.

Rows are as tall as their content needs at the list's width: the title wraps
instead of being cut, and the snippet (for a comparison cell: its marker and
value; the engine already trims a long snippet) is shown whole, so an answer is
never hidden by a narrow sidebar. The list holds at most a few dozen rows, so measuring each is
cheap. Every piece of text is HTML-escaped before it is wrapped in <b>: the
only markup in a row is the delegate's own, never the content's or the user's.
Bold carries the match (colour alone would not), with a light tint as a second
cue on unselected rows.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QPainter,
    QPalette,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from desktop_app.content.search.records import Highlighted, SearchResult
from desktop_app.models.roles import AnyIndex, Role
from desktop_app.models.search_results_model import kind_label

PADDING = 5
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


def result_html(
    result: SearchResult,
    text: QColor,
    muted: QColor,
    tint: str = "",
    title: Highlighted | None = None,
    marker: str = "",
) -> str:
    """The row's document: a small kind label, the title, the marker (cells), the snippet."""
    shown_marker = f"<b>{html.escape(marker)}</b> · " if marker else ""
    return (
        f'<div style="color:{text.name()}">'
        f'<span style="color:{muted.name()}; font-size:small">'
        f"{html.escape(kind_label(result).upper())}</span>&nbsp; "
        f'<span style="font-size:large">{marked_html(title or result.title, tint)}</span>'
        f"<br>{shown_marker}{marked_html(result.snippet, tint)}</div>"
    )


class SearchResultDelegate(QStyledItemDelegate):
    """Paints ``Role.RESULT`` with a QTextDocument; the view stays a plain QListView."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = QTextDocument()
        self._document.setDocumentMargin(0)
        self.markers: dict[str, str] = {}  # a comparison cell's address -> its marker

    def _layout(self, option: QStyleOptionViewItem, result: SearchResult, width: int) -> float:
        """Lay the row out at ``width`` in the shared document; return the height to show."""
        palette: QPalette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        text = palette.color(role)
        muted = text if selected else palette.color(QPalette.ColorRole.PlaceholderText)
        tint = "" if selected else MATCH_TINT.name(QColor.NameFormat.HexArgb)
        document = self._document
        document.setDefaultFont(option.font)
        marker = self.markers.get(result.uri, "")
        document.setHtml(result_html(result, text, muted, tint, marker=marker))
        document.setTextWidth(width)
        return document.size().height()

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        result = index.data(Role.RESULT)
        widget = option.widget
        width = widget.viewport().width() if isinstance(widget, QAbstractScrollArea) else 240
        if not isinstance(result, SearchResult):
            return QSize(width, option.fontMetrics.lineSpacing() + 2 * PADDING)
        height = self._layout(option, result, max(width - 2 * PADDING, 80))
        return QSize(width, int(height + 0.99) + 2 * PADDING)

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
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        text = option.palette.color(role)
        rect = option.rect.adjusted(PADDING, PADDING, -PADDING, -PADDING)
        document = self._document
        self._layout(option, result, rect.width())
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
