"""The window opens on the real database and lists the table of contents."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop_app.content import ContentRepository
from desktop_app.models.roles import ADDRESS_ROLE
from desktop_app.models.toc_model import TocModel

pytestmark = pytest.mark.gui


def test_toc_model_passes_the_model_tester(repository: ContentRepository, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = TocModel(repository.table_of_contents())
    qtmodeltester.check(model)
    assert model.rowCount() == 5  # the five levels
    intermediate = model.index(1, 0)
    assert intermediate.data() == "Intermediate"
    addressing = model.index(2, 0, intermediate)
    assert model.rowCount(addressing) == 4
    assert model.index_for_address("serm://section/endometrial-health").data() == (
        "Endometrial Health"
    )


def test_selecting_a_heading_shows_its_page(repository: ContentRepository, qtbot: QtBot) -> None:
    from desktop_app.ui.main_window import MainWindow

    window = MainWindow(repository)
    qtbot.addWidget(window)
    index = window.toc_model.index_for_address("serm://section/endometrial-health")
    window.toc_view.setCurrentIndex(index)
    assert window.toc_view.currentIndex().data(ADDRESS_ROLE) == "serm://section/endometrial-health"
    assert "ENDOMETRIAL HEALTH" in window.page.toPlainText()
    assert repository.meta.edition in window.windowTitle()


def test_missing_database_exits_with_a_message(tmp_path: Path, qapp: object) -> None:
    from desktop_app.app import run_gui
    from desktop_app.cli import build_parser

    args = build_parser().parse_args(
        ["--db", str(tmp_path / "none.sqlite"), "--temp-basedir", "--no-err-windows"]
    )
    assert run_gui(args) == 3
