"""The search panel driven like a user: typing, arrows, Enter, Escape, filters, clicks."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.content import ContentRepository
from desktop_app.content.search.engine import SearchEngine
from desktop_app.content.search.records import Highlighted, SearchResponse, SearchResult
from desktop_app.models.roles import Role
from desktop_app.models.search_results_model import SearchResultsModel, kind_label
from desktop_app.ui.search.delegate import marked_html, result_html
from desktop_app.ui.search.panel import HINT, SUGGESTIONS, SearchPanel
from desktop_app.userdata import UserStore
from desktop_app.userdata.search import as_search_results

# The offscreen platform cannot pass size hints and says so once per window.
pytestmark = [
    pytest.mark.gui,
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]


@pytest.fixture(scope="module")
def engine(repository: ContentRepository) -> Iterator[SearchEngine]:
    yield SearchEngine.from_repository(repository)


@pytest.fixture
def panel(engine: SearchEngine, qtbot: QtBot) -> SearchPanel:
    widget = SearchPanel(engine)
    qtbot.addWidget(widget)
    widget.resize(360, 600)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    widget.focus_search()
    return widget


def type_query(qtbot: QtBot, panel: SearchPanel, text: str) -> None:
    """Type like a user and wait until the results for the whole text are shown."""
    qtbot.keyClicks(panel.search_field, text)
    qtbot.waitUntil(lambda: panel.response().query == panel.search_field.text())


def shown_uris(panel: SearchPanel) -> list[str]:
    model = panel.model
    return [model.index(row, 0).data(Role.ADDRESS) for row in range(model.rowCount())]


# -- the model ------------------------------------------------------------------------------


def test_model_passes_the_model_tester(engine: SearchEngine, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = SearchResultsModel()
    qtmodeltester.check(model)
    model.set_response(engine.search("raloxifene", limit=30))
    qtmodeltester.check(model)
    assert model.rowCount() == 30
    first = model.index(0, 0)
    result = first.data(Role.RESULT)
    assert isinstance(result, SearchResult)
    assert first.data() == result.title.text
    assert first.data(Role.ADDRESS) == result.uri and first.data(Role.KIND) == result.kind
    assert first.data(Role.SNIPPET) == result.snippet.text
    assert first.data(Role.MATCH) == "exact"
    assert first.data(Qt.ItemDataRole.AccessibleTextRole).startswith(kind_label(result))
    assert model.data(QModelIndex()) is None
    model.clear()
    assert model.rowCount() == 0


def test_kind_label_names_takeaways() -> None:
    takeaway = SearchResult(
        "serm://section/fundamentals", "section", Highlighted("F"), Highlighted(""), 1, "exact",
        "takeaway", 7,
    )  # fmt: skip
    assert kind_label(takeaway) == "Section · key takeaway"


# -- drawing --------------------------------------------------------------------------------


def test_row_markup_escapes_every_text_and_bolds_matches() -> None:
    hostile = Highlighted('<img src="x"> & <b>co-repressor</b>', ((19, 12),))
    assert marked_html(hostile) == (
        "&lt;img src=&quot;x&quot;&gt; &amp; &lt;b&gt;<b>co-repressor</b>&lt;/b&gt;"
    )
    result = SearchResult(
        "serm://agent/x", "agent", hostile, Highlighted("a<b"), 1.0, "exact", "profile"
    )
    markup = result_html(result, QColor("black"), QColor("gray"))
    assert "<img" not in markup and "a&lt;b" in markup and "AGENT" in markup


def test_results_paint_without_warnings(qtbot: QtBot, panel: SearchPanel) -> None:
    type_query(qtbot, panel, "hot flush")
    image = panel.results_view.viewport().grab().toImage()
    assert not image.isNull()
    distinct = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, 120, 3)}
    assert len(distinct) > 2  # text was drawn, not a blank view


# -- typing and the status line -------------------------------------------------------------


def test_typing_shows_results_as_you_type(qtbot: QtBot, panel: SearchPanel) -> None:
    assert panel.status.text() == HINT
    type_query(qtbot, panel, "Evis")  # the brand, half typed
    assert shown_uris(panel)[0] == "serm://agent/raloxifene"
    assert panel.results_view.currentIndex().row() == 0
    count = panel.model.rowCount()
    assert panel.status.text() == f"{count} result{'' if count == 1 else 's'}"
    panel.search_field.clear()
    type_query(qtbot, panel, "ta")
    assert panel.status.text() == f"{panel.model.rowCount()} results"


def test_correction_is_shown(qtbot: QtBot, panel: SearchPanel) -> None:
    type_query(qtbot, panel, "tamoxifan ")
    assert panel.status.text().splitlines()[0] == "Showing results for tamoxifen"
    assert shown_uris(panel)[0] == "serm://agent/tamoxifen"


def test_empty_result_says_so_and_suggests(qtbot: QtBot, panel: SearchPanel) -> None:
    type_query(qtbot, panel, "qwxzv")
    assert panel.model.rowCount() == 0
    assert panel.status.text() == "No results for “qwxzv”.\n" + SUGGESTIONS


def test_status_is_plain_text(qtbot: QtBot, panel: SearchPanel) -> None:
    type_query(qtbot, panel, "<b>zzqq</b>")
    assert panel.status.textFormat() == Qt.TextFormat.PlainText
    assert "“<b>zzqq</b>”" in panel.status.text()


def test_last_query_terms_hold_the_matched_forms(qtbot: QtBot, panel: SearchPanel) -> None:
    type_query(qtbot, panel, "hot flush")
    terms = panel.last_query_terms()
    assert "hot" in terms and "flush" in terms and "flushes" in terms


# -- kind filters ---------------------------------------------------------------------------


def test_kind_filters_restrict_and_explain(qtbot: QtBot, panel: SearchPanel) -> None:
    type_query(qtbot, panel, "raloxifene")
    assert {panel.model.index(r, 0).data(Role.KIND) for r in range(panel.model.rowCount())} == {
        "agent",
        "comparison",
        "section",
        "reference",
    }
    with qtbot.waitSignal(panel.results_changed):
        qtbot.mouseClick(panel.filter_buttons["reference"], Qt.MouseButton.LeftButton)
    assert panel.selected_kinds() == ("reference",)
    kinds = {panel.model.index(r, 0).data(Role.KIND) for r in range(panel.model.rowCount())}
    assert kinds == {"reference"}
    panel.search_field.clear()
    type_query(qtbot, panel, "Osphena")
    assert panel.model.rowCount() == 0
    assert panel.status.text().splitlines()[1] == (
        "There are results among sections, agents, comparison: choose them or clear the filters."
    )
    assert panel.filter_buttons["agent"].accessibleName() == "Only agents"


# -- keyboard -------------------------------------------------------------------------------


def test_arrows_move_in_results_while_focus_stays_in_the_field(
    qtbot: QtBot, panel: SearchPanel
) -> None:
    type_query(qtbot, panel, "tamoxifen")
    assert QApplication.focusWidget() is panel.search_field
    qtbot.keyClick(panel.search_field, Qt.Key.Key_Down)
    qtbot.keyClick(panel.search_field, Qt.Key.Key_Down)
    assert panel.results_view.currentIndex().row() == 2
    qtbot.keyClick(panel.search_field, Qt.Key.Key_Up)
    assert panel.results_view.currentIndex().row() == 1
    for _ in range(5):
        qtbot.keyClick(panel.search_field, Qt.Key.Key_Up)
    assert panel.results_view.currentIndex().row() == 0
    qtbot.keyClick(panel.search_field, Qt.Key.Key_PageDown)
    assert panel.results_view.currentIndex().row() > 1
    assert QApplication.focusWidget() is panel.search_field
    assert panel.search_field.text() == "tamoxifen"


def test_enter_opens_in_this_tab_and_ctrl_enter_in_a_new_one(
    qtbot: QtBot, panel: SearchPanel
) -> None:
    type_query(qtbot, panel, "cataracts")
    qtbot.keyClick(panel.search_field, Qt.Key.Key_Down)
    second = shown_uris(panel)[1]
    with qtbot.waitSignal(panel.open_requested) as opened:
        qtbot.keyClick(panel.search_field, Qt.Key.Key_Return)
    assert opened.args == [second, False]
    with qtbot.waitSignal(panel.open_requested) as opened:
        qtbot.keyClick(panel.search_field, Qt.Key.Key_Enter, Qt.KeyboardModifier.ControlModifier)
    assert opened.args == [second, True]


def test_enter_before_the_debounce_fires_opens_the_new_best(
    qtbot: QtBot, panel: SearchPanel
) -> None:
    panel.last_search_ms = 100.0  # as if searches were slow: the debounce is now 150 ms
    assert panel.debounce_ms() == 150
    with qtbot.waitSignal(panel.open_requested, timeout=1000) as opened:
        qtbot.keyClicks(panel.search_field, "Nolvadex")
        qtbot.keyClick(panel.search_field, Qt.Key.Key_Return)
    assert opened.args == ["serm://agent/tamoxifen", False]


def test_escape_clears_then_hands_focus_back(qtbot: QtBot, panel: SearchPanel) -> None:
    type_query(qtbot, panel, "bone")
    qtbot.keyClick(panel.search_field, Qt.Key.Key_Escape)
    assert panel.search_field.text() == "" and panel.model.rowCount() == 0
    assert panel.status.text() == HINT
    with qtbot.waitSignal(panel.dismissed):
        qtbot.keyClick(panel.search_field, Qt.Key.Key_Escape)


def test_keys_in_the_list(qtbot: QtBot, panel: SearchPanel) -> None:
    type_query(qtbot, panel, "cataracts")
    panel.results_view.setFocus()
    with qtbot.waitSignal(panel.open_requested) as opened:
        qtbot.keyClick(panel.results_view, Qt.Key.Key_Return)
    assert opened.args == [shown_uris(panel)[0], False]
    qtbot.keyClick(panel.results_view, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is panel.search_field
    assert panel.search_field.selectedText() == "cataracts"


def test_focus_search_selects_the_last_query(qtbot: QtBot, panel: SearchPanel) -> None:
    type_query(qtbot, panel, "womb lining")
    panel.results_view.setFocus()
    panel.focus_search()
    assert QApplication.focusWidget() is panel.search_field
    assert panel.search_field.selectedText() == "womb lining"


# -- mouse ----------------------------------------------------------------------------------


def test_click_opens_and_middle_or_ctrl_click_opens_in_a_new_tab(
    qtbot: QtBot, panel: SearchPanel
) -> None:
    type_query(qtbot, panel, "Duavee")
    view = panel.results_view
    second = view.visualRect(panel.model.index(1, 0)).center()
    with qtbot.waitSignal(panel.open_requested) as opened:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=second)
    assert opened.args == [shown_uris(panel)[1], False]
    with qtbot.waitSignal(panel.open_requested) as opened:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.MiddleButton, pos=second)
    assert opened.args == [shown_uris(panel)[1], True]
    with qtbot.waitSignal(panel.open_requested) as opened:
        qtbot.mouseClick(
            view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier, second
        )
    assert opened.args == [shown_uris(panel)[1], True]


# -- placement ------------------------------------------------------------------------------


def test_field_keeps_working_when_moved_into_a_toolbar(qtbot: QtBot, panel: SearchPanel) -> None:
    toolbar = QWidget()
    qtbot.addWidget(toolbar)
    QVBoxLayout(toolbar).addWidget(panel.search_field)
    toolbar.show()
    qtbot.waitExposed(toolbar)
    panel.search_field.setFocus()
    type_query(qtbot, panel, "Evista")
    qtbot.keyClick(panel.search_field, Qt.Key.Key_Down)
    with qtbot.waitSignal(panel.open_requested) as opened:
        qtbot.keyClick(panel.search_field, Qt.Key.Key_Return)
    assert opened.args == [shown_uris(panel)[1], False]


def test_set_query_searches_at_once(panel: SearchPanel) -> None:
    panel.set_query("PE")
    assert panel.response() != SearchResponse(query="")
    assert shown_uris(panel)[0].startswith("serm://compare/vte")


def test_searching_keeps_the_reference_count_of_true(panel: SearchPanel) -> None:
    """PySide6 6.12.0 lost a reference to True per Python emit (see test_qt_binding.py)."""
    panel.set_query("bone")
    before = sys.getrefcount(True)
    for _ in range(500):
        panel.search_now()
    assert abs(sys.getrefcount(True) - before) < 50


# -- the user's notes -----------------------------------------------------------------------


def test_notes_are_listed_after_the_content(
    qtbot: QtBot, panel: SearchPanel, tmp_path: Path
) -> None:
    store = UserStore.open(tmp_path / "user.sqlite")
    store.save_note("serm://agent/raloxifene", "Raloxifene", "Asked about leg cramps at night")
    panel.set_extra_results(
        lambda query, limit: as_search_results(store.search_notes(query, limit))
    )
    notes_button = panel.filter_buttons["note"]
    assert notes_button.isVisibleTo(panel) and notes_button.text() == "My notes"
    type_query(qtbot, panel, "leg cramps")
    kinds = [panel.model.index(r, 0).data(Role.KIND) for r in range(panel.model.rowCount())]
    assert kinds[-1] == "note" and "note" not in kinds[:-1] and len(kinds) > 1
    assert panel.model.index(len(kinds) - 1, 0).data(Role.ADDRESS) == "serm://agent/raloxifene"
    with qtbot.waitSignal(panel.results_changed):
        notes_button.click()
    assert panel.model.rowCount() == 1
    assert panel.model.index(0, 0).data(Role.KIND) == "note"
    panel.set_extra_results(None)
    assert not notes_button.isVisibleTo(panel) and not notes_button.isChecked()
    store.close()
