"""Navigation: the sidebar, links on pages, tabs, back/forward, previous/next section."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from desktop_app.content import ContentRepository
from desktop_app.models.roles import Role
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.reader.page_view import PageView
from desktop_app.ui.reader.tab import DocumentTab
from tests.reader_helpers import (  # noqa: F401 (fixtures)
    OFFSCREEN_LIMITS,
    WindowFactory,
    make_window_fixture,
    user_dir_fixture,
    window_fixture,
)

pytestmark = [pytest.mark.gui, *OFFSCREEN_LIMITS]


def link_point(page: PageView, href: str) -> QPoint:
    """Scroll a link into view and return a point on it, in viewport coordinates."""
    document = page.document()
    cursor = QTextCursor(document)
    for position in range(1, document.characterCount()):
        cursor.setPosition(position)
        if cursor.charFormat().anchorHref() == href:
            cursor.setPosition(position - 1)
            cursor.setPosition(position, QTextCursor.MoveMode.KeepAnchor)
            page.setTextCursor(cursor)
            page.ensureCursorVisible()
            rect = page.cursorRect(cursor)
            return QPoint(rect.left() + 2, rect.center().y())
    raise AssertionError(f"no link to {href} on the page")


def open_from_sidebar(qtbot: QtBot, window: MainWindow, address: str, key_modifier=None) -> None:  # type: ignore[no-untyped-def]
    sidebar = window.sidebar
    source = sidebar.model.index_for_address(address)
    assert source.isValid(), address
    index = sidebar.proxy.mapFromSource(source)
    sidebar.select_address(address)
    assert sidebar.tree.currentIndex() == index
    sidebar.tree.setFocus()
    modifier = key_modifier or Qt.KeyboardModifier.NoModifier
    qtbot.keyClick(sidebar.tree, Qt.Key.Key_Return, modifier)


def test_every_section_agent_comparison_row_and_reference_opens_from_the_sidebar(
    qtbot: QtBot, window: MainWindow, repository: ContentRepository
) -> None:
    addresses = window.navigation_model.addresses()
    toc = repository.table_of_contents()
    assert set(e.uri for e in toc) <= set(addresses)
    assert set(a.uri for a in repository.agents()) <= set(addresses)
    assert set(r.uri for r in repository.references()) <= set(addresses)
    assert set(a.uri for a in repository.comparison().attributes) <= set(addresses)
    headings = {e.uri: e.heading for e in toc} | {a.uri: a.name for a in repository.agents()}
    for address in addresses:
        open_from_sidebar(qtbot, window, address)
        assert window.current_address() == address
        tab = window.current_tab()
        assert tab is not None
        if address == "serm://section/references":
            assert isinstance(tab, DocumentTab) and tab.showing_references()
            assert tab.references_view().proxy.rowCount() == len(repository.references())
        elif address in headings:
            page = window.current_page()
            assert page is not None
            assert headings[address] in page.toPlainText()
            assert window.windowTitle().startswith(headings[address])
        elif address.startswith("serm://reference/"):
            assert isinstance(tab, DocumentTab) and tab.showing_references()
            number = int(address.rsplit("/", 1)[1])
            selected = tab.references_view().selected_citations()
            assert selected == [f"[{number}] {repository.reference(number).citation}"]


def test_a_click_opens_and_arrows_only_move(qtbot: QtBot, window: MainWindow) -> None:
    tree = window.sidebar.tree
    index = window.sidebar.proxy.mapFromSource(
        window.navigation_model.index_for_address("serm://agent/ospemifene")
    )
    tree.scrollTo(index)
    qtbot.mouseClick(
        tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualRect(index).center()
    )
    assert window.current_address() == "serm://agent/ospemifene"
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_Up)
    assert tree.currentIndex().data(Role.ADDRESS) == "serm://agent/bazedoxifene"
    assert window.current_address() == "serm://agent/ospemifene"  # not opened by moving


def test_new_tabs_from_the_sidebar(qtbot: QtBot, window: MainWindow) -> None:
    assert window.tabs.count() == 1
    open_from_sidebar(qtbot, window, "serm://agent/tamoxifen", Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.count() == 2
    assert window.current_address() == "serm://agent/tamoxifen"
    tree = window.sidebar.tree
    index = window.sidebar.proxy.mapFromSource(
        window.navigation_model.index_for_address("serm://section/reflection")
    )
    tree.scrollTo(index)
    qtbot.mouseClick(
        tree.viewport(), Qt.MouseButton.MiddleButton, pos=tree.visualRect(index).center()
    )
    assert window.tabs.count() == 3
    assert window.current_address() == "serm://section/reflection"
    menu = window.sidebar.context_menu(index)
    assert menu is not None
    [action] = [a for a in menu.actions() if a.text() == "Open in New Tab"]
    action.trigger()
    assert window.tabs.count() == 4


def test_sidebar_filter_finds_and_opens(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert window.sidebar.filter_field.hasFocus()
    qtbot.keyClicks(window.sidebar.filter_field, "endometrial")
    assert window.sidebar.tree.currentIndex().data(Role.ADDRESS) == (
        "serm://section/endometrial-health"
    )
    qtbot.keyClick(window.sidebar.filter_field, Qt.Key.Key_Return)
    assert window.current_address() == "serm://section/endometrial-health"


def test_links_open_here_or_in_a_new_tab(qtbot: QtBot, window: MainWindow) -> None:
    window.open_address("serm://section/endometrial-health")
    page = window.current_page()
    assert page is not None
    target = "serm://agent/tamoxifen"
    qtbot.mouseClick(
        page.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.ControlModifier,
        link_point(page, target),
    )
    assert window.tabs.count() == 2 and window.current_address() == target
    window.tabs.setCurrentIndex(0)
    page = window.current_page()
    assert page is not None
    qtbot.mouseClick(
        page.viewport(),
        Qt.MouseButton.MiddleButton,
        pos=link_point(page, "serm://compare/endometrium"),
    )
    assert window.tabs.count() == 3
    window.tabs.setCurrentIndex(0)
    page = window.current_page()
    assert page is not None
    qtbot.mouseClick(page.viewport(), Qt.MouseButton.LeftButton, pos=link_point(page, target))
    assert window.tabs.count() == 3
    assert window.tabs.currentIndex() == 0 and window.current_address() == target


def test_link_context_menu_and_keyboard_new_tab(qtbot: QtBot, window: MainWindow) -> None:
    window.open_address("serm://section/specific-serm-agents-and-their-profiles")
    page = window.current_page()
    assert page is not None
    point = link_point(page, "serm://agent/raloxifene")
    menu = page.context_menu(point)
    texts = [a.text() for a in menu.actions() if a.text()]
    assert texts[:3] == ["Open Link", "Open Link in New Tab", "Copy Link Address"]
    menu.actions()[1].trigger()
    assert window.tabs.count() == 2 and window.current_address() == "serm://agent/raloxifene"
    window.tabs.setCurrentIndex(0)
    page = window.current_page()
    assert page is not None
    link_point(page, "serm://agent/bazedoxifene")  # puts the text cursor on the link
    qtbot.keyClick(page, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.count() == 3 and window.current_address() == "serm://agent/bazedoxifene"


def test_close_reopen_and_cycle_tabs(qtbot: QtBot, window: MainWindow) -> None:
    window.open_address("serm://section/intermediate")
    window.open_address("serm://section/academic")  # history: fundamentals, intermediate, ...
    window.open_address("serm://agent/raloxifene", new_tab=True)
    window.open_address("serm://reference/3", new_tab=True)
    assert [t.current_address() for t in window.tabs.tabs()] == [
        "serm://section/academic",
        "serm://agent/raloxifene",
        "serm://reference/3",
    ]
    qtbot.keyClick(window, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == 0  # wraps around
    qtbot.keyClick(window, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == 1
    qtbot.keyClick(window, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == 2
    window.tabs.setCurrentIndex(0)
    qtbot.keyClick(window, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.count() == 2
    assert "serm://section/academic" not in [t.current_address() for t in window.tabs.tabs()]
    qtbot.keyClick(
        window,
        Qt.Key.Key_T,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.tabs.count() == 3
    assert window.current_address() == "serm://section/academic"
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.current_address() == "serm://section/intermediate"  # its history came back
    bar = window.tabs.tabBar()
    index = window.tabs.indexOf(window.tabs.tabs()[-1])
    qtbot.mouseClick(bar, Qt.MouseButton.MiddleButton, pos=bar.tabRect(index).center())
    assert window.tabs.count() == 2


def test_closing_the_last_tab_leaves_the_start_page(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.count() == 1
    assert window.current_address() == window.start_address


def test_tabs_reorder_by_dragging(qtbot: QtBot, window: MainWindow) -> None:
    window.open_address("serm://agent/tamoxifen", new_tab=True)
    window.open_address("serm://agent/raloxifene", new_tab=True)
    bar = window.tabs.tabBar()
    assert bar.isMovable()
    first, last = bar.tabRect(0).center(), bar.tabRect(2).center()
    qtbot.mousePress(bar, Qt.MouseButton.LeftButton, pos=first)
    for step in range(1, 11):
        qtbot.mouseMove(bar, QPoint(first.x() + (last.x() - first.x()) * step // 10, first.y()))
    qtbot.mouseRelease(bar, Qt.MouseButton.LeftButton, pos=last)
    qtbot.waitUntil(lambda: window.tabs.tabs()[-1].current_address() == window.start_address)
    order = [t.current_address() for t in window.tabs.tabs()]
    assert order == ["serm://agent/tamoxifen", "serm://agent/raloxifene", window.start_address]


def test_back_and_forward_are_per_tab(qtbot: QtBot, window: MainWindow) -> None:
    window.open_address("serm://section/intermediate")
    window.open_address("serm://agent/ospemifene")
    window.open_address("serm://section/academic", new_tab=True)
    assert not window.actions_.back.isEnabled()  # the new tab has one page
    window.tabs.setCurrentIndex(0)
    assert window.actions_.back.isEnabled() and not window.actions_.forward.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.current_address() == "serm://section/intermediate"
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.current_address() == window.start_address
    qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert window.current_address() == "serm://section/intermediate"
    page = window.current_page()
    assert page is not None
    qtbot.mousePress(page.viewport(), Qt.MouseButton.ForwardButton, pos=QPoint(50, 50))
    assert window.current_address() == "serm://agent/ospemifene"
    page = window.current_page()
    assert page is not None
    qtbot.mousePress(page.viewport(), Qt.MouseButton.BackButton, pos=QPoint(50, 50))
    assert window.current_address() == "serm://section/intermediate"
    window.open_address("serm://section/reflection")  # a new visit drops the forward list
    assert not window.actions_.forward.isEnabled()
    window.tabs.setCurrentIndex(1)
    assert window.current_address() == "serm://section/academic"


def test_back_restores_the_scroll_position(qtbot: QtBot, window: MainWindow) -> None:
    window.open_address("serm://section/fundamentals")
    page = window.current_page()
    assert page is not None
    bar = page.verticalScrollBar()
    assert bar.maximum() > 200
    bar.setValue(200)
    window.open_address("serm://agent/tamoxifen")
    assert page.verticalScrollBar().value() == 0
    window.go_back()
    assert page.verticalScrollBar().value() == 200


def test_previous_and_next_section(qtbot: QtBot, window: MainWindow, repository) -> None:  # type: ignore[no-untyped-def]
    toc = [e.uri for e in repository.table_of_contents()]
    window.open_address(toc[3])
    qtbot.keyClick(window, Qt.Key.Key_PageDown, Qt.KeyboardModifier.AltModifier)
    assert window.current_address() == toc[4]
    qtbot.keyClick(window, Qt.Key.Key_PageUp, Qt.KeyboardModifier.AltModifier)
    assert window.current_address() == toc[3]
    page = window.current_page()
    assert page is not None
    qtbot.mouseClick(page.viewport(), Qt.MouseButton.LeftButton, pos=link_point(page, toc[4]))
    assert window.current_address() == toc[4]
    window.open_address(toc[-1])
    assert not window.actions_.next_section.isEnabled()


def test_takeaways_scroll_to_their_callout(window: MainWindow, repository) -> None:  # type: ignore[no-untyped-def]
    takeaway = repository.takeaways()[-1]
    window.open_address(takeaway.uri)
    page = window.current_page()
    assert page is not None
    assert takeaway.section.heading in page.toPlainText()
    assert page.verticalScrollBar().value() > 0 or page.verticalScrollBar().maximum() == 0


def test_unknown_address_says_so_and_can_go_back(window: MainWindow) -> None:
    window.open_address("serm://section/withdrawn-in-a-later-edition")
    page = window.current_page()
    assert page is not None
    assert "Not in this edition" in page.toPlainText()
    window.go_back()
    assert window.current_address() == window.start_address


def test_address_opened_follows_navigation(qtbot: QtBot, window: MainWindow) -> None:
    seen: list[str] = []
    window.address_opened.connect(seen.append)
    window.open_address("serm://agent/tamoxifen")
    window.open_address("serm://section/academic", new_tab=True)
    window.go_back()  # nothing to go back to in the new tab
    window.tabs.setCurrentIndex(0)
    window.go_back()
    assert seen == ["serm://agent/tamoxifen", "serm://section/academic", window.start_address]
