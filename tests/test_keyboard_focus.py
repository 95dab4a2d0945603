"""Keyboard and focus on the lookup path: notes, the grid, F1, history, theme, dock widths."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop_app import paths
from desktop_app.content import ContentRepository
from desktop_app.rendering import DARK, LIGHT
from desktop_app.ui.assembly import AssembledWindow
from desktop_app.ui.compare.tab import CompareTab
from desktop_app.ui.view_keys import GRID, keys_of
from tests.reader_helpers import (  # noqa: F401 (fixtures)
    OFFSCREEN_LIMITS,
    assemble_shown,
    assembled_fixture,
)

pytestmark = [pytest.mark.gui, *OFFSCREEN_LIMITS]


def test_ctrl_shift_n_puts_the_keyboard_in_the_note(
    qtbot: QtBot, assembled: AssembledWindow
) -> None:
    window, notes = assembled.window, assembled.personal.notes_pane
    window.open_address("serm://agent/raloxifene")
    window.current_tab().setFocus()  # type: ignore[union-attr]
    qtbot.keyClick(
        window,
        Qt.Key.Key_N,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert assembled.personal.docks["notes"].isVisible()
    assert notes.editor.hasFocus()
    qtbot.keyClicks(QApplication.focusWidget(), "check lipids")
    assert notes.editor.toPlainText() == "check lipids"


def test_the_compare_tab_takes_the_focus_to_the_grid_and_arrows_write_no_history(
    qtbot: QtBot, assembled: AssembledWindow
) -> None:
    window, store = assembled.window, assembled.personal.store
    window.open_address("serm://compare/vte/raloxifene")
    tab = window.current_tab()
    assert isinstance(tab, CompareTab)
    grid = tab.widget.grid_view
    assert grid.hasFocus()
    before = len(store.history())
    for _ in range(3):
        qtbot.keyClick(grid, Qt.Key.Key_Right)
    for _ in range(3):
        qtbot.keyClick(grid, Qt.Key.Key_Down)
    moved_to = window.current_address()
    assert moved_to != "serm://compare/vte/raloxifene"  # the window follows the move...
    assert window.windowTitle().startswith("Compare")
    assert len(store.history()) == before  # ...but six arrow presses are no visit
    qtbot.keyClick(grid, Qt.Key.Key_Return)  # reading the details is one
    assert store.history()[0].uri == moved_to and len(store.history()) == before + 1
    window.open_address("serm://agent/tamoxifen")  # into the lookup tab, not a new one
    assert window.tabs.count() == 2
    qtbot.keyClick(window, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert window.current_tab() is tab and grid.hasFocus()


def test_five_lookups_leave_one_page_tab_and_the_compare_tab(
    assembled: AssembledWindow,
) -> None:
    window = assembled.window
    for address in (
        "serm://compare/endometrium",
        "serm://agent/raloxifene",
        "serm://compare/vte/ospemifene",
        "serm://section/endometrial-health",
        "serm://compare/vasomotor",
    ):
        window.open_address(address)
    assert window.tabs.count() == 2
    window.open_address("serm://agent/tamoxifen", new_tab=True)  # Ctrl+Enter: a new one
    assert window.tabs.count() == 3


def test_the_theme_reaches_the_compare_detail_pane(assembled: AssembledWindow) -> None:
    window = assembled.window
    window.set_theme_preference("light")
    window.open_address("serm://compare/vte/raloxifene")
    tab = window.current_tab()
    assert isinstance(tab, CompareTab)
    assert LIGHT.text.lower() in tab.widget.detail.toHtml().lower()
    window.set_theme_preference("dark")
    html = tab.widget.detail.toHtml().lower()
    assert DARK.text.lower() in html and DARK.link.lower() in html


def test_f1_lists_every_shortcut_of_the_window_and_the_grid_keys(
    assembled: AssembledWindow,
) -> None:
    window = assembled.window
    dialog = window.show_shortcuts()
    text = dialog.text.toPlainText()  # type: ignore[attr-defined]
    for keys in ("Ctrl+D", "Ctrl+Shift+N", "Ctrl+Shift+B"):
        assert keys in text
    for action in window.findChildren(QAction):
        for key in action.shortcuts():
            assert key.toString(QKeySequence.SequenceFormat.NativeText) in text, action.text()
    for key in keys_of(GRID):
        assert key.keys in text and key.does in text
    dialog.close()


def test_the_note_pane_comes_back_wide_enough(
    qtbot: QtBot, repository: ContentRepository, tmp_path: Path
) -> None:
    paths.configure(tmp_path / "user")
    first = assemble_shown(repository, qtbot)
    first.personal.show_dock("notes")
    first.window.resizeDocks([first.personal.docks["notes"]], [80], Qt.Orientation.Horizontal)
    first.window.close()
    first.personal.close()
    again = assemble_shown(repository, qtbot)
    dock = again.personal.docks["notes"]
    assert dock.isVisible() and dock.width() >= 240
    again.personal.close()
