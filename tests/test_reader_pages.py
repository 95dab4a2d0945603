"""Pages as a reader meets them: find, tooltips, links that never leave the app, references."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication, QHelpEvent, QImage, QTextDocument
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot

from desktop_app.content import ContentRepository
from desktop_app.rendering.markup import INSERTION_TOOLTIP
from desktop_app.ui.dialogs.external_link import ExternalLinkDialog
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.reader.page_view import PageView
from desktop_app.ui.reader.tab import DocumentTab
from tests.reader_helpers import (  # noqa: F401 (fixtures)
    OFFSCREEN_LIMITS,
    make_window_fixture,
    user_dir_fixture,
    window_fixture,
)

pytestmark = [pytest.mark.gui, *OFFSCREEN_LIMITS]


def expected_matches(text: str, needle: str) -> int:
    return len(re.findall(re.escape(needle), text, flags=re.IGNORECASE))


def test_find_in_page_counts_steps_and_wraps(qtbot: QtBot, window: MainWindow) -> None:
    window.open_address("serm://section/specific-serm-agents-and-their-profiles")
    page = window.current_page()
    assert page is not None
    total = expected_matches(page.toPlainText(), "raloxifene")
    assert total >= 3
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = window.find_bar
    assert bar.isVisible() and bar.field.hasFocus()
    qtbot.keyClicks(bar.field, "raloxifene")
    assert bar.status.text() == f"1 of {total}"
    assert page.highlighted_texts() == ["Raloxifene"] * 1 + [
        t for t in page.highlighted_texts()[1:]
    ]
    assert len(page.extraSelections()) == total
    qtbot.keyClick(window, Qt.Key.Key_F3)
    assert bar.status.text() == f"2 of {total}"
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    assert bar.status.text() == f"3 of {total}"
    qtbot.keyClick(window, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(window, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(window, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert bar.status.text() == f"{total} of {total}"  # wrapped backwards
    # One highlight style: no blue selection over the current match, the caret at its start.
    assert not page.textCursor().hasSelection()
    last = page.highlighted_texts()
    assert page.textCursor().position() == page.extraSelections()[-1].cursor.selectionStart()
    assert last[-1].lower() == "raloxifene"
    bar.case.setChecked(True)
    assert bar.status.text() == f"1 of {len(re.findall('raloxifene', page.toPlainText()))}"
    bar.field.setText("no such words anywhere")
    assert bar.status.text() == "No matches" and page.extraSelections() == []
    qtbot.keyClick(bar.field, Qt.Key.Key_Escape)
    assert not bar.isVisible() and page.extraSelections() == []


def test_find_follows_the_current_tab(qtbot: QtBot, window: MainWindow) -> None:
    window.open_address("serm://agent/tamoxifen")
    window.open_find()
    qtbot.keyClicks(window.find_bar.field, "tamoxifen")
    page = window.current_page()
    assert page is not None
    first = expected_matches(page.toPlainText(), "tamoxifen")
    assert window.find_bar.status.text() == f"1 of {first}"
    window.open_address("serm://section/endometrial-health", new_tab=True)
    page = window.current_page()
    assert page is not None
    second = expected_matches(page.toPlainText(), "tamoxifen")
    assert second != first
    assert window.find_bar.status.text() == f"1 of {second}"


def test_highlight_terms_marks_every_match_and_scrolls(window: MainWindow) -> None:
    window.open_address("serm://section/fundamentals")
    page = window.current_page()
    assert page is not None
    text = page.toPlainText()
    count = page.highlight_terms(["estrogen", "receptor"])
    assert count == expected_matches(text, "estrogen") + expected_matches(text, "receptor")
    assert len(page.extraSelections()) == count
    assert {t.lower() for t in page.highlighted_texts()} == {"estrogen", "receptor"}
    assert page.highlight_terms(["zzzz"]) == 0 and page.extraSelections() == []


def _point_inside(page: PageView, text: str) -> QPoint:
    cursor = page.document().find(text)
    assert not cursor.isNull(), text
    page.setTextCursor(cursor)
    page.ensureCursorVisible()
    start = page.cursorRect(cursor).center()
    middle = cursor.selectionStart() + len(text) // 2
    cursor.setPosition(middle)
    return QPoint(page.cursorRect(cursor).x() + 2, start.y())


def test_editorial_insertions_show_their_tooltip(
    qtbot: QtBot, window: MainWindow, repository: ContentRepository
) -> None:
    section = repository.section("intermediate")
    block = next(b for b in section.blocks if b.insertions)
    mark = block.insertions[0]
    inserted = block.text[mark.start : mark.start + mark.length]
    window.open_address(section.entry.uri)
    page = window.current_page()
    assert page is not None
    point = _point_inside(page, inserted)
    assert page.tooltip_at(point) == INSERTION_TOOLTIP
    assert page.tooltip_at(QPoint(2, 2)) == ""  # the margin has no tooltip
    event = QHelpEvent(QEvent.Type.ToolTip, point, page.viewport().mapToGlobal(point))
    QApplication.sendEvent(page.viewport(), event)
    assert QToolTip.text() == INSERTION_TOOLTIP
    QToolTip.hideText()


def test_caution_markers_have_the_note_as_tooltip(
    window: MainWindow, repository: ContentRepository
) -> None:
    section = repository.section("specific-serm-agents-and-their-profiles")
    mark = next(m for b in section.blocks for m in b.cautions)
    window.open_address(section.entry.uri)
    page = window.current_page()
    assert page is not None
    point = _point_inside(page, "caution 1")
    assert mark.caution.note in page.tooltip_at(point)
    assert f"Editorial caution 1 ({mark.caution.verdict})" in page.toPlainText()


class _UrlRecorder(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    @Slot(QUrl)
    def record(self, url: QUrl) -> None:
        self.urls.append(url.toString())


def test_outside_links_are_shown_for_copying_never_opened(qtbot: QtBot, window: MainWindow) -> None:
    recorder = _UrlRecorder()
    for scheme in ("http", "https", "file", "mailto"):
        QDesktopServices.setUrlHandler(scheme, recorder, "record")
    try:
        page = window.current_page()
        assert page is not None
        page.anchorClicked.emit(QUrl("https://www.example.org/paper"))
        dialog = window.external_link_dialog
        assert isinstance(dialog, ExternalLinkDialog) and dialog.isVisible()
        assert dialog.field.text() == "https://www.example.org/paper"
        assert dialog.field.isReadOnly()
        dialog.copy()
        assert QGuiApplication.clipboard().text() == "https://www.example.org/paper"
        dialog.close()
        about = window.show_about()
        about.text.anchorClicked.emit(QUrl("https://www.gnu.org/licenses/lgpl-3.0.html"))  # type: ignore[attr-defined]
        shown = about.external_link_dialog  # type: ignore[attr-defined]
        assert shown.field.text() == "https://www.gnu.org/licenses/lgpl-3.0.html"
        shown.close()
        about.close()
        assert recorder.urls == []
    finally:
        for scheme in ("http", "https", "file", "mailto"):
            QDesktopServices.unsetUrlHandler(scheme)


def test_pages_load_no_resources(window: MainWindow, tmp_path) -> None:  # type: ignore[no-untyped-def]
    secret = tmp_path / "secret.png"
    image = QImage(4, 4, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.red)
    assert image.save(str(secret))
    page = window.current_page()
    assert page is not None
    for url in (secret.as_uri(), "https://example.org/tracker.png", "serm://section/fundamentals"):
        loaded = page.loadResource(QTextDocument.ResourceType.ImageResource.value, QUrl(url))
        assert isinstance(loaded, QImage) and loaded.isNull()
    page.setHtml(
        f'<p>x<img src="{secret.as_uri()}"><img src="{secret}"><img src="secret.png">'
        '<img src="data:image/png;base64,iVBORw0KGgo="></p>'
    )
    image_type = QTextDocument.ResourceType.ImageResource.value
    for name in (secret.as_uri(), str(secret), "secret.png"):
        resource = page.document().resource(image_type, QUrl(name))
        assert resource is None or (isinstance(resource, QImage) and resource.isNull()), name


def test_references_page_filters_and_copies(
    qtbot: QtBot, window: MainWindow, repository: ContentRepository
) -> None:
    window.open_address("serm://section/references")
    tab = window.current_tab()
    assert isinstance(tab, DocumentTab) and tab.showing_references()
    view = tab.references_view()
    total = len(repository.references())
    assert view.count_label.text() == f"{total} of {total}"
    qtbot.keyClicks(view.filter_field, "osteoporosis")
    expected = [r for r in repository.references() if "osteoporosis" in r.citation.lower()]
    assert view.proxy.rowCount() == len(expected) > 0
    assert view.count_label.text() == f"{len(expected)} of {total}"
    view.list.setFocus()
    view.list.setCurrentIndex(view.proxy.index(0, 0))
    qtbot.keyClick(view.list, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == f"[{expected[0].number}] {expected[0].citation}"
    view.filter_field.setText("2003")
    assert view.proxy.rowCount() == len([r for r in repository.references() if "2003" in r.date])
    QGuiApplication.clipboard().clear()
    qtbot.mouseClick(view.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == view.selected_citations()[0]
    window.open_address("serm://reference/12")
    assert view.filter_field.text() == ""  # opening one reference shows it, unfiltered
    assert view.selected_citations() == [f"[12] {repository.reference(12).citation}"]


def test_ctrl_f_on_the_references_page_filters_the_list(qtbot: QtBot, window: MainWindow) -> None:
    window.open_address("serm://section/references")
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    tab = window.current_tab()
    assert isinstance(tab, DocumentTab) and tab.references_view().filter_field.hasFocus()
    assert not window.find_bar.isVisible()


def test_pages_fit_the_window_without_a_sideways_scroll_bar(
    qtbot: QtBot, window: MainWindow, repository: ContentRepository
) -> None:
    for width in range(1000, 1300, 7):  # Qt's table layout used to round past the edge
        window.resize(width, 700)
        for summary in repository.agents()[:2]:
            window.open_address(summary.uri)
            page = window.current_page()
            assert page is not None
            qtbot.waitUntil(lambda p=page: p.lineWrapColumnOrWidth() == p.viewport().width() - 2)
            assert page.horizontalScrollBar().maximum() == 0, (width, summary.inn)


def test_comparison_addresses_share_one_compare_tab(window: MainWindow) -> None:
    from desktop_app.ui.compare.tab import CompareTab

    window.open_address("serm://compare/vte")
    assert isinstance(window.current_tab(), CompareTab)
    assert window.current_address() == "serm://compare/vte"
    window.open_address("serm://agent/raloxifene", new_tab=True)
    window.open_address("serm://compare/bmd/raloxifene")
    compare_tabs = [t for t in window.tabs.tabs() if isinstance(t, CompareTab)]
    assert len(compare_tabs) == 1 and window.current_tab() is compare_tabs[0]
    assert window.current_address() == "serm://compare/bmd/raloxifene"
    compare_tabs[0].widget.open_requested.emit("serm://agent/tamoxifen", False)
    assert window.current_address() == "serm://agent/tamoxifen"
    assert isinstance(window.current_tab(), DocumentTab)
    window.open_address("serm://compare/no-such-row")
    page = window.current_page()
    assert page is not None and "Not in this edition" in page.toPlainText()


def test_about_names_versions_checksum_disclaimer_and_licence(
    window: MainWindow, repository: ContentRepository
) -> None:
    from desktop_app.version import __version__

    dialog = window.show_about()
    text = dialog.text.toPlainText()  # type: ignore[attr-defined]
    meta = repository.meta
    for value in (__version__, meta.edition, meta.date, meta.content_checksum, meta.disclaimer):
        assert value in text
    assert "LGPL" in text and "PySide6" in text
    dialog.copy_details()  # type: ignore[attr-defined]
    assert meta.content_checksum in QGuiApplication.clipboard().text()
    dialog.close()


def test_shortcut_list_comes_from_the_actions(window: MainWindow) -> None:
    dialog = window.show_shortcuts()
    text = dialog.text.toPlainText()  # type: ignore[attr-defined]
    for expected in ("Ctrl+F", "Ctrl+Shift+T", "Alt+Left", "Ctrl+K", "F3", "Ctrl+0"):
        assert expected in text
    dialog.close()


def test_the_find_bar_is_made_on_first_use_in_its_place_for_tab(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Not built on the way to the first paint, and once Ctrl+F makes it, Tab goes from
    the tab strip through the bar's controls to the page, as when the window built it."""
    assert window._find_bar is None
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = window.find_bar
    assert bar.isVisible() and bar.field.hasFocus()
    order = []
    widget = window.tabs.tabBar().nextInFocusChain()
    while len(order) < 6 and widget is not window:
        if widget.focusPolicy().value & Qt.FocusPolicy.TabFocus.value and widget.isVisible():
            order.append(widget)
        widget = widget.nextInFocusChain()
    assert order == [*bar.focus_order(), window.current_page()]
    qtbot.keyClick(bar.field, Qt.Key.Key_Tab)
    assert bar.previous_button.hasFocus()
