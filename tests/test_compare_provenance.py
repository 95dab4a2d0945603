"""Provenance kept, but compact: a mark in the cell, the full words in the legend, the
accessible text and the detail pane, after the clinical content and its cautions."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop_app.content import ContentRepository
from desktop_app.content.compare.wording import ADDED
from desktop_app.models.roles import Role
from desktop_app.rendering.compare_detail import cell_detail_html
from desktop_app.ui.compare.delegate import _footer
from desktop_app.ui.compare.legend import LegendView
from desktop_app.ui.compare.view import CompareWidget

pytestmark = [
    pytest.mark.gui,
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]


@pytest.fixture
def widget(qtbot: QtBot, repository: ContentRepository) -> Iterator[CompareWidget]:
    compare = CompareWidget(repository)
    qtbot.addWidget(compare)
    compare.resize(1000, 700)
    compare.show()
    qtbot.waitExposed(compare)
    yield compare


def test_cells_carry_a_mark_not_a_sentence(widget: CompareWidget) -> None:
    model = widget.model
    added = seed = 0
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            cell = index.data(Role.CELL)
            footer = _footer(index)
            assert ADDED not in footer
            if cell.provenance == "added":
                added += 1
                assert footer == "+ added"
                assert ADDED in str(index.data(Qt.ItemDataRole.AccessibleTextRole))
            elif cell.provenance == "seed":
                seed += 1
                assert footer == "§ article"
    assert added and seed
    legend = widget.findChild(LegendView)
    assert legend is not None
    texts = [legend.model().index(r, 0).data() for r in range(legend.model().rowCount())]
    assert any(t.startswith("+ added — “") for t in texts)
    assert any(t.startswith("§ article — “") for t in texts)


def test_the_detail_pane_puts_provenance_after_the_content_and_cautions(
    repository: ContentRepository,
) -> None:
    grid = repository.comparison()
    cautioned = next(c for row in grid.cells for c in row if c.all_cautions and c.has_data)
    html = cell_detail_html(cautioned, repository)
    where = html.index("Where it comes from")
    assert html.index(cautioned.text.split()[0]) < where
    assert html.index("aution") < where  # the caution notes come before provenance
