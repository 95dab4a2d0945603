"""The window's place for the search panel: shortcuts reach it, results open and highlight."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop_app.content import ContentRepository
from desktop_app.ui.main_window import MainWindow
from tests.reader_helpers import (  # noqa: F401 (fixtures)
    OFFSCREEN_LIMITS,
    make_window_fixture,
    user_dir_fixture,
    window_fixture,
)

pytestmark = [pytest.mark.gui, *OFFSCREEN_LIMITS]


def test_search_panel_drops_into_the_sidebar(
    qtbot: QtBot, window: MainWindow, repository: ContentRepository
) -> None:
    from desktop_app.content.search.engine import SearchEngine
    from desktop_app.ui.search.panel import SearchPanel

    panel = SearchPanel(SearchEngine.from_repository(repository))
    window.install_search_panel(panel)
    for key, modifier in (
        (Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_F6, Qt.KeyboardModifier.NoModifier),
    ):
        window.current_tab().setFocus()  # type: ignore[union-attr]
        qtbot.keyClick(window, key, modifier)
        assert panel.search_field.hasFocus()
    page = window.current_page()
    assert page is not None
    page.setFocus()
    qtbot.keyClick(page, Qt.Key.Key_Slash)
    assert panel.search_field.hasFocus()
    qtbot.keyClicks(panel.search_field, "thermoregulatory center")
    qtbot.waitUntil(lambda: panel.response() is not None and bool(panel.response().results))
    with qtbot.waitSignal(window.address_opened):
        qtbot.keyClick(panel.search_field, Qt.Key.Key_Return)
    page = window.current_page()
    assert page is not None and window.current_address() != window.start_address
    assert page.extraSelections(), "the query's words are highlighted on the page"
    assert "thermoregulatory" in {t.lower() for t in page.highlighted_texts()}
    panel.search_field.clear()
    panel.search_field.setFocus()
    qtbot.keyClick(panel.search_field, Qt.Key.Key_Escape)
    qtbot.keyClick(QApplication.focusWidget() or panel.search_field, Qt.Key.Key_Escape)
    assert not panel.search_field.hasFocus()
