"""The window opens on the real database; a missing database exits with a message."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.content import ContentRepository
from desktop_app.ui.main_window import MainWindow
from tests.reader_helpers import (  # noqa: F401 (fixtures)
    OFFSCREEN_LIMITS,
    make_window_fixture,
    user_dir_fixture,
    window_fixture,
)

pytestmark = [pytest.mark.gui, *OFFSCREEN_LIMITS]


def test_window_starts_on_the_home_page(window: MainWindow, repository: ContentRepository) -> None:
    assert window.current_address() == "serm://home"
    page = window.current_page()
    assert page is not None and "Agents and their key safety" in page.toPlainText()
    assert window.windowTitle().startswith("Home")
    assert repository.meta.edition in window.disclaimer_label.text()
    assert repository.meta.disclaimer in window.disclaimer_label.text()


def test_missing_database_exits_with_a_message(tmp_path: Path, qapp: object) -> None:
    from desktop_app.app import run_gui
    from desktop_app.cli import build_parser

    args = build_parser().parse_args(
        ["--db", str(tmp_path / "none.sqlite"), "--temp-basedir", "--no-err-windows"]
    )
    assert run_gui(args) == 3
