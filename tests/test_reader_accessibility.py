"""Accessibility: names on every control, keyboard paths, focus shortcuts, not colour alone."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.ui.main_window import MainWindow
from tests.reader_helpers import (  # noqa: F401 (fixtures)
    OFFSCREEN_LIMITS,
    make_window_fixture,
    user_dir_fixture,
    window_fixture,
)

pytestmark = [pytest.mark.gui, *OFFSCREEN_LIMITS]


def accessible_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name) if interface is not None else ""


def unnamed_controls(window: MainWindow) -> list[str]:
    missing = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window) or widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
            continue
        if type(widget).__name__ in ("QScrollBar", "QSplitterHandle"):
            continue
        if not accessible_name(widget).strip():
            missing.append(f"{type(widget).__name__} {widget.objectName()!r}")
    return missing


def test_every_focusable_control_has_an_accessible_name(window: MainWindow) -> None:
    window.open_address("serm://reference/2", new_tab=True)
    window.open_find()
    window.open_address("serm://compare/vte", new_tab=True)
    assert unnamed_controls(window) == []


def test_toolbar_buttons_say_what_they_do(window: MainWindow) -> None:
    names = [accessible_name(b) for b in window.toolbar.findChildren(QAbstractButton)]
    for expected in ("Back", "Forward", "Zoom In", "Zoom Out", "Find in Page", "Print"):
        assert any(expected in name for name in names), expected


def test_focus_shortcuts_reach_every_area(qtbot: QtBot, window: MainWindow) -> None:
    page = window.current_page()
    assert page is not None
    page.setFocus()
    qtbot.keyClick(page, Qt.Key.Key_Slash)
    assert window.sidebar.filter_field.hasFocus()  # "/" goes to search
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    qtbot.keyClick(window, Qt.Key.Key_F6)
    assert window.sidebar.filter_field.hasFocus()
    qtbot.keyClick(window, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    assert window.sidebar.tree.hasFocus()
    qtbot.keyClick(window.sidebar.tree, Qt.Key.Key_Tab)
    focused = QApplication.focusWidget()
    assert focused is not None and focused is not window.sidebar.tree


def test_slash_types_a_slash_inside_text_fields(qtbot: QtBot, window: MainWindow) -> None:
    window.open_find()
    qtbot.keyClicks(window.find_bar.field, "CE/BZA")
    assert window.find_bar.field.text() == "CE/BZA"
    window.open_address("serm://section/references")
    tab = window.current_tab()
    view = tab.references_view()  # type: ignore[union-attr]
    view.filter_field.setFocus()
    qtbot.keyClicks(view.filter_field, "a/b")
    assert view.filter_field.text() == "a/b"


def test_links_are_reachable_with_the_keyboard(qtbot: QtBot, window: MainWindow) -> None:
    window.open_address("serm://section/intermediate")
    page = window.current_page()
    assert page is not None
    page.setFocus()
    qtbot.keyClick(page, Qt.Key.Key_Tab)
    href = page.textCursor().charFormat().anchorHref()
    assert href.startswith("serm://")
    qtbot.keyClick(page, Qt.Key.Key_Return)
    assert window.current_address() == href


def test_markers_do_not_rely_on_colour(window: MainWindow) -> None:
    window.open_address("serm://section/specific-serm-agents-and-their-profiles")
    page = window.current_page()
    assert page is not None
    text = page.toPlainText()
    assert "⚠ caution 1" in text and "⚠ Editorial caution 1" in text  # symbol and words
    window.open_address("serm://section/intermediate")
    page = window.current_page()
    assert page is not None
    assert "[SERMs]" in page.toPlainText()  # insertions are bracketed, not just tinted
    window.open_address("serm://agent/ospemifene")
    page = window.current_page()
    assert page is not None
    assert "○ no data" in page.toPlainText() or "● neutral" in page.toPlainText()
