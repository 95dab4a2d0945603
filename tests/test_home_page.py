"""The home page: a lookup start built from the data, with the focus in the search field."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop_app.content import ContentRepository
from desktop_app.content.records import ComparisonGrid
from desktop_app.rendering.home import (
    HOME_ADDRESS,
    home_body,
    key_safety_cells,
    search_address,
    search_query,
)
from desktop_app.rendering.pages import PageRenderer
from desktop_app.ui.assembly import AssembledWindow
from tests.reader_helpers import OFFSCREEN_LIMITS, assembled_fixture  # noqa: F401 (fixture)


def _levels(repository: ContentRepository) -> list:  # type: ignore[type-arg]
    return [e for e in repository.table_of_contents() if e.depth == 0]


def test_home_lists_every_agent_and_row_from_the_repository(
    repository: ContentRepository,
) -> None:
    grid = repository.comparison()
    page = PageRenderer(repository).render(HOME_ADDRESS)
    assert page.kind == "home" and page.title == "Home"
    for agent in grid.agents:
        assert f'href="{agent.uri}"' in page.body
    for attribute in grid.attributes:
        assert f'href="{attribute.uri}"' in page.body
    for cell in key_safety_cells(grid, "raloxifene"):
        assert f'href="{cell.uri}"' in page.body and cell.short in page.body
    assert repository.meta.edition in page.body
    assert "the article’s “Fundamentals”" in page.body  # the level keeps its own name


def test_key_safety_follows_the_markers_of_the_data(repository: ContentRepository) -> None:
    """A row the content adds (a Contraindications row marked "restriction") shows first."""
    grid = repository.comparison()
    first = grid.cells[0]
    extra = tuple(
        c._replace(
            uri=f"serm://compare/contraindications/{c.agent}",
            effect="restriction",
            attribute="contraindications",
            attribute_label="Contraindications",
            short=f"listed items {c.agent}",
        )
        for c in first
    )
    grown = ComparisonGrid(
        (
            *grid.attributes,
            grid.attributes[0]._replace(
                key="contraindications",
                uri="serm://compare/contraindications",
                label="Contraindications",
            ),
        ),
        grid.agents,
        (*grid.cells, extra),
    )
    cells = key_safety_cells(grown, "tamoxifen")
    assert cells[0].attribute == "contraindications"
    body = home_body(grown, repository.meta, _levels(repository))
    assert "serm://compare/contraindications/tamoxifen" in body
    assert "serm://compare/contraindications" in body
    neutral = [c for c in grid.cells[0] if c.effect == "neutral"]
    for cell in neutral:
        assert cell not in key_safety_cells(grid, cell.agent)


def test_example_questions_are_search_links() -> None:
    address = search_address("which SERM is safest for the endometrium")
    assert search_query(address) == "which SERM is safest for the endometrium"
    assert search_query("serm://agent/raloxifene") is None


pytestmark_gui = [pytest.mark.gui, *OFFSCREEN_LIMITS]


@pytest.mark.gui
@pytest.mark.qt_log_ignore(
    "This plugin does not support propagateSizeHints", "This plugin does not support raise"
)
def test_typing_at_launch_searches(qtbot: QtBot, assembled: AssembledWindow) -> None:
    window, search = assembled.window, assembled.search
    assert window.current_address() == HOME_ADDRESS
    assert QApplication.focusWidget() is search.search_field
    qtbot.keyClicks(QApplication.focusWidget(), "raloxifene")
    qtbot.waitUntil(lambda: bool(search.response().results))
    assert search.response().results[0].uri == "serm://agent/raloxifene"


@pytest.mark.gui
@pytest.mark.qt_log_ignore(
    "This plugin does not support propagateSizeHints", "This plugin does not support raise"
)
def test_home_shows_bookmarks_and_recent_pages_and_runs_questions(
    qtbot: QtBot, assembled: AssembledWindow
) -> None:
    window, personal, search = assembled.window, assembled.personal, assembled.search
    window.open_address("serm://agent/ospemifene")
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    window.open_address("serm://section/endometrial-health")
    qtbot.keyClick(window, Qt.Key.Key_Home, Qt.KeyboardModifier.AltModifier)
    assert window.current_address() == HOME_ADDRESS
    page = window.current_page()
    assert page is not None
    text = page.toPlainText()
    bookmarks, recent = text.split("Latest bookmarks", 1)[1].split("Recent pages", 1)
    assert "Ospemifene" in bookmarks and "Endometrial Health" not in bookmarks
    assert "Endometrial Health" in recent
    assert personal.store.history()[0].uri != HOME_ADDRESS  # home is not a visit
    page.follow_link(search_address("does ospemifene cause hot flushes"), new_tab=False)
    assert search.search_field.text() == "does ospemifene cause hot flushes"
    assert search.response().results and search.search_field.hasFocus()
    assert window.current_address() == HOME_ADDRESS  # a question searches, opens nothing
