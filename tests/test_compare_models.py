"""The comparison grid's Qt models, checked with qtmodeltester and through their roles."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush, QIcon
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from desktop_app.content import ContentRepository
from desktop_app.content.compare.layout import GridLayout
from desktop_app.models.compare.article_tables import ArticleTableModel
from desktop_app.models.compare.filters import ChoiceListModel
from desktop_app.models.compare.model import ComparisonModel
from desktop_app.models.roles import Role

pytestmark = pytest.mark.gui


@pytest.fixture
def model(qtbot: QtBot, repository: ContentRepository) -> ComparisonModel:
    return ComparisonModel(repository.comparison())


def test_model_passes_qtmodeltester_in_every_layout(
    qtmodeltester: ModelTester, model: ComparisonModel
) -> None:
    qtmodeltester.check(model)
    model.set_transposed(True)
    qtmodeltester.check(model)
    model.set_visible(("ospemifene",), ("vte", "stroke", "breast"))
    qtmodeltester.check(model)
    assert (model.rowCount(), model.columnCount()) == (1, 3)  # transposed: one agent row


def test_every_cell_shows_a_value_marker_and_words(model: ComparisonModel) -> None:
    assert (model.rowCount(), model.columnCount()) == (13, 4)
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            cell = index.data(Role.CELL)
            assert index.data(Qt.ItemDataRole.DisplayRole) == cell.short != ""
            assert isinstance(index.data(Qt.ItemDataRole.DecorationRole), QIcon)
            assert not index.data(Qt.ItemDataRole.DecorationRole).isNull()
            assert isinstance(index.data(Qt.ItemDataRole.BackgroundRole), QBrush)
            assert index.data(Role.EFFECT) == cell.effect
            assert index.data(Role.PROVENANCE) == cell.provenance
            assert index.data(Role.PROVENANCE_TEXT) in (
                "from the article",
                "added — not from the source article",
                "not covered by the source",
            )
            assert index.data(Role.ADDRESS) == cell.uri
            assert cell.agent_name in index.data(Qt.ItemDataRole.AccessibleTextRole)
            tooltip = index.data(Qt.ItemDataRole.ToolTipRole)
            assert cell.agent_name in tooltip and "Select the cell" in tooltip


def test_accessible_text_reads_agent_attribute_value_and_origin(model: ComparisonModel) -> None:
    index = model.index_for_address("serm://compare/vte/raloxifene")
    assert (index.row(), index.column()) == (2, 1)
    assert index.data(Qt.ItemDataRole.AccessibleTextRole).startswith(
        "Raloxifene, venous thromboembolism: Increased risk (DVT, PE, stroke), from the article."
    )
    assert index.data(Role.CAUTION_COUNT) == 1
    assert "partly" in index.data(Qt.ItemDataRole.ToolTipRole)


def test_headers_name_agents_and_attributes_with_addresses(model: ComparisonModel) -> None:
    horizontal, vertical = Qt.Orientation.Horizontal, Qt.Orientation.Vertical
    assert model.headerData(0, horizontal) == "Tamoxifen"
    assert model.headerData(0, horizontal, Role.ADDRESS) == "serm://agent/tamoxifen"
    assert model.headerData(12, vertical) == "Other common adverse effects"
    assert model.header_address(0, vertical) == "serm://compare/contraindications"
    assert model.header_address(2, vertical) == "serm://compare/vte"
    model.set_transposed(True)
    assert model.headerData(0, vertical) == "Tamoxifen"
    assert model.headerData(1, horizontal) == "Interactions"
    assert model.attribute_line("endometrium") == (horizontal, 3)
    assert model.headerData(13, horizontal) is None


def test_layout_changes_reset_and_keep_grid_order(qtbot: QtBot, model: ComparisonModel) -> None:
    with qtbot.waitSignals([model.modelReset, model.layout_changed]):
        model.set_visible(("ospemifene", "tamoxifen"), ("breast", "vte"))
    assert model.grid_layout == GridLayout(("tamoxifen", "ospemifene"), ("vte", "breast"))
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Ospemifene"
    assert not model.index_for_address("serm://compare/vte/raloxifene").isValid()
    assert model.cell(QModelIndex()) is None


def test_choice_list_is_checkable_and_never_empty(qtmodeltester: ModelTester, qtbot: QtBot) -> None:
    choices = ChoiceListModel((("a", "Alpha", "serm://x/a"), ("b", "Beta", "serm://x/b")), "item")
    qtmodeltester.check(choices)
    first, second = choices.index(0), choices.index(1)
    assert first.flags() & Qt.ItemFlag.ItemIsUserCheckable
    with qtbot.waitSignal(choices.chosen_changed) as blocker:
        assert choices.setData(first, Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    assert blocker.args == [("b",)]
    assert first.data(Qt.ItemDataRole.AccessibleTextRole) == "Alpha, hidden in the grid"
    # The last shown item cannot be hidden: the grid always shows something.
    assert not choices.setData(second, Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    assert choices.chosen() == ("b",)
    choices.set_chosen(("a", "b"))
    assert choices.chosen() == ("a", "b")


def test_article_table_model_keeps_the_articles_words(
    qtmodeltester: ModelTester, qtbot: QtBot, repository: ContentRepository
) -> None:
    table = repository.article_table("endometrial")
    model = ArticleTableModel(table)
    qtmodeltester.check(model)
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)] == list(table.columns)
    assert model.headerData(0, Qt.Orientation.Vertical) is None  # no row numbers
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row):
            index = model.index(r, c)
            assert index.data() == cell.text
            assert (index.data(Qt.ItemDataRole.DecorationRole) is not None) == bool(cell.cautions)
    flagged = model.index(2, 2)  # bazedoxifene: "can reduce thickness"
    assert "30–40 mg" in flagged.data(Qt.ItemDataRole.ToolTipRole)
    assert "Editorial caution, partly" in flagged.data(Qt.ItemDataRole.AccessibleTextRole)
