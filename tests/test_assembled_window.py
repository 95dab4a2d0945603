"""The window users get: reader, toolbar search, bookmarks, notes and history wired together."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop_app import paths
from desktop_app.ui.assembly import AssembledWindow
from tests.reader_helpers import OFFSCREEN_LIMITS, assembled_fixture  # noqa: F401 (fixture)

pytestmark = [pytest.mark.gui, *OFFSCREEN_LIMITS]


def test_the_search_field_sits_in_the_toolbar(qtbot: QtBot, assembled: AssembledWindow) -> None:
    window, search = assembled.window, assembled.search
    field = search.search_field
    assert field.isVisible() and window.toolbar.isAncestorOf(field)
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert field.hasFocus()
    qtbot.keyClicks(field, "evista")
    assert window.left_pane.currentWidget() is search  # results show beside the page
    qtbot.waitUntil(lambda: bool(search.response().results))
    assert search.response().results[0].uri == "serm://agent/raloxifene"
    with qtbot.waitSignal(window.address_opened):
        qtbot.keyClick(field, Qt.Key.Key_Return)
    assert window.current_address() == "serm://agent/raloxifene"


def test_ctrl_d_bookmarks_the_page_and_the_menu_lists_it(
    qtbot: QtBot, assembled: AssembledWindow
) -> None:
    window, personal = assembled.window, assembled.personal
    window.open_address("serm://section/endometrial-health")
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    bookmarks = personal.store.bookmarks()
    assert [b.uri for b in bookmarks] == ["serm://section/endometrial-health"]
    assert bookmarks[0].title == "Endometrial Health"
    assert window.menuBar().actions().count(window.bookmarks_menu.menuAction()) == 1
    window.bookmarks_menu.rebuild()
    labels = [a.text() for a in window.bookmarks_menu.actions()]
    assert "Endometrial Health" in labels


def test_the_note_follows_the_page_and_is_found_by_search(
    qtbot: QtBot, assembled: AssembledWindow
) -> None:
    window, personal, search = assembled.window, assembled.personal, assembled.search
    window.open_address("serm://agent/ospemifene")
    notes = personal.notes_pane
    assert notes.address == "serm://agent/ospemifene"
    notes.editor.setPlainText("Ask about <b>vaginal dryness</b> follow-up")
    assert notes.flush()
    window.open_address("serm://agent/tamoxifen")
    assert notes.address == "serm://agent/tamoxifen"
    assert notes.editor.toPlainText() == ""
    search.set_query("follow-up dryness")
    kinds = [r.kind for r in search.response().results]
    assert "note" in kinds
    window.open_address("serm://agent/ospemifene")
    assert notes.editor.toPlainText() == "Ask about <b>vaginal dryness</b> follow-up"


def test_visits_are_recorded_in_history(assembled: AssembledWindow) -> None:
    window, store = assembled.window, assembled.personal.store
    window.open_address("serm://compare/vte/raloxifene")
    window.open_address("serm://reference/8")
    visited = [visit.uri for visit in store.history()]
    assert "serm://reference/8" in visited
    assert "serm://compare/vte/raloxifene" in visited


def test_the_grid_reopens_right_after_its_tab_is_closed(assembled: AssembledWindow) -> None:
    window = assembled.window
    window.open_address("serm://compare/vte/raloxifene")
    grid_tab = window.tabs.current()
    assert grid_tab is not None
    window.tabs.close_tab(window.tabs.indexOf(grid_tab))
    window.open_address("serm://compare/bmd/tamoxifen")  # same event-loop turn
    reopened = window.tabs.current()
    assert reopened is not None and reopened is not grid_tab
    assert window.tabs.indexOf(reopened) >= 0
    assert window.current_address() == "serm://compare/bmd/tamoxifen"


def test_clear_history_also_forgets_the_tabs_back_lists_and_closed_tabs(
    assembled: AssembledWindow, qtbot: QtBot
) -> None:
    """Once, cleared pages lived on in Back/Forward, Reopen Closed Tab and window-state.ini."""
    from PySide6.QtWidgets import QMessageBox

    window, personal = assembled.window, assembled.personal
    window.open_address("serm://agent/raloxifene")
    window.open_address("serm://section/endometrial-health")
    window.open_address("serm://reference/9", new_tab=True)
    window.close_current_tab()
    tab = window.current_tab()
    assert tab is not None
    assert window.tabs.can_reopen() and tab.can_go_back()
    panel = personal.history_panel
    panel.ask_to_clear()
    assert panel.confirmation is not None
    panel.confirmation.done(QMessageBox.StandardButton.Yes)
    qtbot.waitUntil(lambda: panel.status.text() == "History cleared.")
    assert personal.store.history() == ()
    assert tab.current_address() == "serm://section/endometrial-health"  # still shown
    assert not tab.can_go_back() and not window.tabs.can_reopen()
    saved = (paths.user_data_dir() / "window-state.ini").read_text(encoding="utf-8")
    assert "raloxifene" not in saved and "reference/9" not in saved
