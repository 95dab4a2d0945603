"""Search keeps the user's words: real words are never replaced, only offered a "Did you mean".

Also: a question across the agents finds the comparison row, and a result row shows a
comparison cell's agent, topic, marker and value whole at the sidebar's width.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from desktop_app.cli import run
from desktop_app.content import ContentRepository
from desktop_app.content.search.engine import SearchEngine
from desktop_app.content.search.english import is_english_word
from desktop_app.models.roles import Role
from desktop_app.rendering.effects import effect_label
from desktop_app.ui.search.panel import SearchPanel


@pytest.fixture(scope="module")
def engine(repository: ContentRepository) -> Iterator[SearchEngine]:
    yield SearchEngine.from_repository(repository)


def test_the_word_list_tells_words_from_typos() -> None:
    for word in ("safest", "opinion", "which", "flushes"):
        assert is_english_word(word), word
    for typo in ("tamoxifan", "ospemiphene", "endometrum"):
        assert not is_english_word(typo), typo


@pytest.mark.parametrize("query", ["which serm is safest for the endometrium", "Breath"])
def test_real_words_are_kept_and_only_offered_a_correction(
    engine: SearchEngine, query: str
) -> None:
    response = engine.search(query)
    assert response.corrected_query is None and response.corrections == ()
    assert response.suggestion is not None and response.suggestion != query.lower()


def test_a_typo_that_is_no_word_is_still_corrected(engine: SearchEngine) -> None:
    response = engine.search("tamoxifan")
    assert response.corrected_query == "tamoxifen" and response.suggestion is None
    assert response.results[0].uri == "serm://agent/tamoxifen"


def test_which_serm_is_safest_for_the_endometrium_finds_the_answer(engine: SearchEngine) -> None:
    top = [r.uri for r in engine.search("which serm is safest for the endometrium").results[:3]]
    assert {"serm://compare/endometrium", "serm://section/endometrial-health"} & set(top)


def test_a_question_naming_one_agent_keeps_its_cell_first(engine: SearchEngine) -> None:
    results = engine.search("raloxifene endometrium").results
    assert results[0].uri == "serm://compare/endometrium/raloxifene"
    row = engine.search("endometrium").results
    assert row[0].uri == "serm://compare/endometrium"  # the row before its four cells


def test_json_separates_correction_from_suggestion(
    database_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["--db", str(database_path), "search", "--json", "serm safest endometrium"]) == 0
    items = json.loads(capsys.readouterr().out)
    assert items and all(i["correction"] is None for i in items)
    assert all(i["suggestion"] and "safest" not in i["suggestion"] for i in items)
    assert run(["--db", str(database_path), "search", "--json", "tamoxifan"]) == 0
    items = json.loads(capsys.readouterr().out)
    assert all(i["correction"] == "tamoxifen" and i["suggestion"] is None for i in items)


@pytest.mark.gui
@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_did_you_mean_is_offered_and_taken_on_request(qtbot: QtBot, engine: SearchEngine) -> None:
    panel = SearchPanel(engine)
    qtbot.addWidget(panel)
    panel.show()
    panel.set_query("Breath")
    assert panel.search_field.text() == "Breath"  # the user's word stays
    assert panel.suggestion_button.isVisible()
    assert "Did you mean" in panel.suggestion_button.text()
    qtbot.mouseClick(panel.suggestion_button, Qt.MouseButton.LeftButton)
    assert panel.search_field.text() == panel.response().query != "Breath"
    assert not panel.suggestion_button.isVisible()


@pytest.mark.gui
@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_a_comparison_row_shows_agent_topic_marker_and_value(
    qtbot: QtBot, engine: SearchEngine, repository: ContentRepository
) -> None:
    panel = SearchPanel(engine)
    grid = repository.comparison()
    panel.set_cell_markers({c.uri: effect_label(c.effect) for row in grid.cells for c in row})
    qtbot.addWidget(panel)
    panel.resize(300, 700)  # the default sidebar width
    panel.show()
    qtbot.waitExposed(panel)
    panel.set_query("ospemifene hot flushes")
    view, model = panel.results_view, panel.model
    row = next(
        r
        for r in range(model.rowCount())
        if model.index(r, 0).data(Role.ADDRESS) == "serm://compare/vasomotor/ospemifene"
    )
    cell = grid.cell("vasomotor", "ospemifene")
    index = model.index(row, 0)
    rect = view.visualRect(index)
    delegate = panel.delegate
    option = QStyleOptionViewItem()
    view.initViewItemOption(option)
    option.rect = rect
    shown = delegate._layout(option, index.data(Role.RESULT), rect.width() - 10)
    text = delegate._document.toPlainText()
    for part in ("Ospemifene", "Vasomotor symptoms", effect_label(cell.effect), cell.short):
        assert part in text, part
    assert "…" not in text.split("\n")[0]  # the title is whole, not cut
    assert rect.height() >= shown  # the row is as tall as what it shows
    assert shown >= delegate._document.size().height()  # nothing of this cell is clipped


def test_a_row_moves_before_its_cells_only_within_its_match_tier(engine: SearchEngine) -> None:
    """ "AL" (found in the fresh-root run): a prefix-matched row jumped above exact matches."""
    from desktop_app.content.search.records import MATCH_TIERS

    response = engine.search("AL", limit=16)
    tiers = [MATCH_TIERS.index(result.match) for result in response.results]
    assert tiers == sorted(tiers)


def test_rows_moved_before_their_cells_keep_every_result_in_tier_order(
    engine: SearchEngine,
) -> None:
    """ "THE" limited to comparisons (found in the fresh-root run): with several rows
    moved, index arithmetic left an exact row below prefix matches."""
    from desktop_app.content.search.records import MATCH_TIERS

    response = engine.search("THE", limit=33, kinds=["comparison"])
    tiers = [MATCH_TIERS.index(result.match) for result in response.results]
    assert tiers == sorted(tiers)
    uris = [result.uri for result in response.results]
    assert len(uris) == len(set(uris))
    # A row with several of its cells found stands before the first of them.
    for row in (uri for uri in uris if uri.count("/") == 3):
        cells = [i for i, uri in enumerate(uris) if uri.startswith(row + "/")]
        if len(cells) > 1 and uris.index(row) > cells[0]:
            first = response.results[cells[0]]
            assert first.match != response.results[uris.index(row)].match
