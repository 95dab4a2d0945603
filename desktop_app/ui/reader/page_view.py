"""The page a reader reads: a QTextBrowser that never touches the network.

Links are handled here, not by Qt: ``serm://`` addresses become
``open_requested`` (current tab, or a new tab on Ctrl+click / middle-click /
Ctrl+Enter), in-page ``#anchors`` scroll, ``http(s)`` links are reported with
``external_link_requested`` so the window can show them for copying, and
``loadResource`` refuses everything (pages embed their style sheet and use no
images), so no page can make the app read a file or open a connection.

Signals:
    open_requested(str, bool): a ``serm://`` link was followed; True = new tab.
    external_link_requested(str): an outside link was clicked; never opened.
    history_button_pressed(bool): a mouse back (False) / forward (True) button.
    find_changed(int, int): current match (1-based, 0 = none) and number of matches.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QPointF, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QGuiApplication,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QResizeEvent,
    QShowEvent,
    QTextDocument,
)
from PySide6.QtWidgets import QMenu, QTextBrowser, QTextEdit, QToolTip, QWidget

from desktop_app.qt_namespace import Qt, set_enum_property
from desktop_app.rendering import LIGHT, PageColours, RenderedPage, html_document

if TYPE_CHECKING:  # imported where used: creating their classes' enums slows the first paint
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QTextCursor

log = logging.getLogger(__name__)

MATCH_BACKGROUND = {"light": "#ffe27a", "dark": "#6b5a00"}
CURRENT_BACKGROUND = {"light": "#ff9d3c", "dark": "#b35c00"}
READING_SCALE = 1.15  # body text a little larger than the interface font
WRAP_SLACK = 2


class PageView(QTextBrowser):
    """One rendered page, with find-in-page, search-term highlighting and zoom."""

    open_requested = Signal(str, bool)
    external_link_requested = Signal(str)
    history_button_pressed = Signal(bool)
    find_changed = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setAccessibleName("Page")
        self.setAccessibleDescription("The page being read; Tab moves between its links")
        set_enum_property(self, "textInteractionFlags", "TextBrowserInteraction")
        self.document().setDocumentMargin(18)
        # Wrapped to the viewport until its first resize (_fit_wrap_width): a fixed width
        # set now would be 0 px, and the first page would be laid out a word to a line.
        self.anchorClicked.connect(self._follow)
        self._page: RenderedPage | None = None
        self._colours = LIGHT
        self._zoom = 100
        app_font = QGuiApplication.font()
        self._base_point_size = max(app_font.pointSizeF(), 9.0) * READING_SCALE
        self._matches: list[QTextCursor] = []
        self._current = -1
        self._pending_scroll: int | None = None
        self._apply_zoom()

    # -- content --------------------------------------------------------------------------

    @property
    def page(self) -> RenderedPage | None:
        return self._page

    def show_page(self, page: RenderedPage, colours: PageColours | None = None) -> None:
        """Show a page and scroll to its anchor (or the top)."""
        first_page = self._page is None
        self._page = page
        if colours is not None:
            self._colours = colours
        self._clear_matches()
        self._pending_scroll = None
        self.setHtml(html_document(page.body, self._colours, page.title))
        if page.anchor:
            self.scrollToAnchor(page.anchor)
        elif not first_page:
            # A new view is already at the top; its scroll bar (the class, its enums) is
            # left alone until needed, which is after the first paint.
            self.verticalScrollBar().setValue(0)

    def scroll_to(self, value: int) -> None:
        """Scroll to ``value``; before the view is shown (restoring tabs), once it is laid out."""
        if self.isVisible():
            self.verticalScrollBar().setValue(value)
            self._pending_scroll = None
        else:
            self._pending_scroll = value

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._pending_scroll is not None:
            value, self._pending_scroll = self._pending_scroll, None
            QTimer.singleShot(0, lambda: self.verticalScrollBar().setValue(value))

    def set_colours(self, colours: PageColours) -> None:
        """Re-render the current page in another palette, keeping the scroll position."""
        self._colours = colours
        if self._page is not None:
            scroll = self.verticalScrollBar().value()
            self.setHtml(html_document(self._page.body, colours, self._page.title))
            self.verticalScrollBar().setValue(scroll)
            self._apply_highlights()

    def loadResource(self, kind: int, url: QUrl | str) -> object:
        """Pages carry no images or linked style sheets: refuse every resource.

        The answer must be an empty value, not None: when a QTextBrowser returns
        nothing, QTextDocument falls back to reading local files (and decoding
        ``data:`` URLs) itself.
        """
        from PySide6.QtCore import QByteArray, QUrl

        log.info("refused to load resource %s (type %s)", QUrl(url).toString(), kind)
        if kind == QTextDocument.ResourceType.ImageResource.value:
            from PySide6.QtGui import QImage  # pages have no images: not at start-up

            return QImage()
        if kind == QTextDocument.ResourceType.StyleSheetResource.value:
            return ""
        return QByteArray()

    def _fit_wrap_width(self, viewport_width: int) -> None:
        """Lay text out 2 px narrower than the viewport.

        Qt's table layout can round a full-width table one pixel past the edge,
        which shows a useless scroll bar. The width comes from the viewport's
        resize event: the first ``self.viewport()`` call from Python costs
        ~11 ms (PySide6 loads a dozen scroll-area classes to type the widget),
        and it would fall before the first paint.

        The fixed width starts here, at the first resize, not in ``__init__``:
        until the view has a size, a widget-width view leaves a new page unlaid
        out, while a fixed width of 0 px laid the first page out a word to a
        line (~5 ms before the first paint), only to lay it out again here.
        """
        width = max(viewport_width - WRAP_SLACK, 100)
        if self.lineWrapMode() != QTextEdit.LineWrapMode.FixedPixelWidth:
            # The width first: switching the mode at the stored 0 px would lay any page
            # already set out a word to a line.
            self.setLineWrapColumnOrWidth(width)
            self.setLineWrapMode(QTextEdit.LineWrapMode.FixedPixelWidth)
        elif self.lineWrapColumnOrWidth() != width:
            self.setLineWrapColumnOrWidth(width)

    # -- zoom -----------------------------------------------------------------------------

    @property
    def zoom(self) -> int:
        return self._zoom

    def set_zoom(self, percent: int) -> None:
        self._zoom = percent
        self._apply_zoom()

    def _apply_zoom(self) -> None:
        font = self.document().defaultFont()
        font.setPointSizeF(self._base_point_size * self._zoom / 100)
        self.document().setDefaultFont(font)

    # -- links ----------------------------------------------------------------------------

    def _follow(self, url: QUrl) -> None:
        self.follow_link(url.toString(), new_tab=False)

    def follow_link(self, href: str, new_tab: bool) -> None:
        if href.startswith("#"):
            self.scrollToAnchor(href[1:])
        elif href.lower().startswith("serm://"):
            self.open_requested.emit(href, new_tab)
        elif href:
            self.external_link_requested.emit(href)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() in (Qt.MouseButton.BackButton, Qt.MouseButton.ForwardButton):
            self.history_button_pressed.emit(event.button() == Qt.MouseButton.ForwardButton)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        anchor = self.anchorAt(event.position().toPoint())
        new_tab = event.button() == Qt.MouseButton.MiddleButton or (
            event.button() == Qt.MouseButton.LeftButton
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        )
        if anchor and new_tab and not anchor.startswith("#"):
            self.follow_link(anchor, new_tab=True)
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            href = self.textCursor().charFormat().anchorHref()
            if href:
                self.follow_link(href, new_tab=True)
                return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.context_menu(self.viewport().mapFrom(self, event.pos()))
        menu.exec(event.globalPos())
        menu.deleteLater()

    def context_menu(self, viewport_pos: QPoint) -> QMenu:
        """The menu for a point of the page: link actions first, then copy."""
        menu = QMenu(self)
        anchor = self.anchorAt(viewport_pos)
        if anchor.lower().startswith("serm://"):
            menu.addAction("Open Link", lambda: self.follow_link(anchor, False))
            menu.addAction("Open Link in New Tab", lambda: self.follow_link(anchor, True))
            menu.addAction("Copy Link Address", lambda: _copy(anchor))
            menu.addSeparator()
        elif anchor and not anchor.startswith("#"):
            menu.addAction("Show Link…", lambda: self.external_link_requested.emit(anchor))
            menu.addAction("Copy Link Address", lambda: _copy(anchor))
            menu.addSeparator()
        copy = menu.addAction("Copy", self.copy)
        copy.setEnabled(self.textCursor().hasSelection())
        menu.addAction("Select All", self.selectAll)
        return menu

    # -- tooltips -------------------------------------------------------------------------

    def tooltip_at(self, viewport_pos: QPoint) -> str:
        """The tooltip of the character under a point of the viewport, or "".

        Qt's own lookup takes the character *before* the nearest cursor position,
        so the tooltip of a marked word flickers at its edges; this asks for the
        character actually under the pointer.
        """
        offset = QPointF(self.horizontalScrollBar().value(), self.verticalScrollBar().value())
        layout = self.document().documentLayout()
        if layout.hitTest(QPointF(viewport_pos) + offset, Qt.HitTestAccuracy.ExactHit) < 0:
            return ""
        from PySide6.QtGui import QTextCursor

        cursor = self.cursorForPosition(viewport_pos)
        if viewport_pos.x() < self.cursorRect(cursor).x() and cursor.position() > 0:
            cursor.movePosition(QTextCursor.MoveOperation.PreviousCharacter)
        cursor.movePosition(QTextCursor.MoveOperation.NextCharacter)
        return cursor.charFormat().toolTip()

    def viewportEvent(self, event: object) -> bool:
        if isinstance(event, QResizeEvent):  # also when a scroll bar comes or goes
            self._fit_wrap_width(event.size().width())
        if isinstance(event, QHelpEvent) and event.type() == QHelpEvent.Type.ToolTip:
            text = self.tooltip_at(event.pos())
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)  # type: ignore[arg-type]

    # -- find and highlight ---------------------------------------------------------------

    def find_all(self, text: str, case_sensitive: bool = False) -> int:
        """Highlight every match of ``text``; make the first one after the view's top current."""
        self._matches = self._collect([text] if text else [], case_sensitive)
        top = self.cursorForPosition(QPoint(0, 0)).position()
        self._current = next(
            (i for i, c in enumerate(self._matches) if c.selectionStart() >= top),
            0 if self._matches else -1,
        )
        self._apply_highlights(scroll=True)
        return len(self._matches)

    def highlight_terms(self, terms: list[str]) -> int:
        """Highlight every match of any of ``terms``, scroll to the first; return the count."""
        self._matches = self._collect([t for t in terms if t.strip()], False)
        self._current = 0 if self._matches else -1
        self._apply_highlights(scroll=True)
        return len(self._matches)

    def find_next(self, backward: bool = False) -> tuple[int, int]:
        """Move to the next (previous) match, wrapping; return (current, count)."""
        if self._matches:
            step = -1 if backward else 1
            self._current = (self._current + step) % len(self._matches)
            self._apply_highlights(scroll=True)
        return self.match_position()

    def match_position(self) -> tuple[int, int]:
        return (self._current + 1 if self._matches else 0, len(self._matches))

    def clear_highlights(self) -> None:
        self._clear_matches()
        self.setExtraSelections([])
        self.find_changed.emit(0, 0)

    def highlighted_texts(self) -> list[str]:
        """The text of every highlighted match, in page order (for tests and screen readers)."""
        return [c.selectedText() for c in self._matches]

    def _clear_matches(self) -> None:
        self._matches = []
        self._current = -1

    def _collect(self, terms: list[str], case_sensitive: bool) -> list[QTextCursor]:
        flags = QTextDocument.FindFlag(0)
        if case_sensitive:
            flags |= QTextDocument.FindFlag.FindCaseSensitively
        found: dict[int, QTextCursor] = {}
        document = self.document()
        for term in terms:
            cursor = document.find(term, 0, flags)
            while not cursor.isNull():
                start = cursor.selectionStart()
                if start not in found or found[start].selectionEnd() < cursor.selectionEnd():
                    found[start] = cursor
                cursor = document.find(term, cursor, flags)
        ordered = [found[k] for k in sorted(found)]
        merged: list[QTextCursor] = []
        for cursor in ordered:  # drop matches inside a longer earlier one
            if merged and cursor.selectionStart() < merged[-1].selectionEnd():
                continue
            merged.append(cursor)
        return merged

    def _apply_highlights(self, scroll: bool = False) -> None:
        from PySide6.QtGui import QTextCharFormat  # its enums cost ~1.5 ms of every start

        theme = self._colours.name
        selections = []
        for index, cursor in enumerate(self._matches):
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            fmt = QTextCharFormat()
            current = index == self._current
            fmt.setBackground(QColor((CURRENT_BACKGROUND if current else MATCH_BACKGROUND)[theme]))
            fmt.setForeground(QColor(self._colours.text))
            if current:  # not by colour alone: the current match is also underlined
                fmt.setFontUnderline(True)
            selection.format = fmt
            selections.append(selection)
        self.setExtraSelections(selections)
        if scroll and 0 <= self._current < len(self._matches):
            # One highlight style: the caret goes to the match (screen readers follow it)
            # without selecting it, so the selection's blue never paints over the tint.
            from PySide6.QtGui import QTextCursor

            caret = QTextCursor(self.document())
            caret.setPosition(self._matches[self._current].selectionStart())
            self.setTextCursor(caret)
            self.ensureCursorVisible()
        self.find_changed.emit(*self.match_position())


def _copy(text: str) -> None:
    QGuiApplication.clipboard().setText(text)
