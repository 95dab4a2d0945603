"""The first window fits a 1366×768 clinic screen: status bar and disclaimer on screen, and
the grid's four agent columns visible without scrolling sideways."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from pytestqt.qtbot import QtBot

from desktop_app import paths
from desktop_app.content import ContentRepository
from desktop_app.ui.assembly import assemble_window
from desktop_app.ui.compare.tab import CompareTab
from desktop_app.ui.main_window import WINDOW_FRAME, first_window_size
from desktop_app.userdata import UserStore
from tests.reader_helpers import OFFSCREEN_LIMITS

pytestmark = [pytest.mark.gui, *OFFSCREEN_LIMITS]

CLINIC = QSize(1366, 768 - 40)  # what a 1366×768 screen leaves beside a 40 px taskbar


def test_the_first_window_fits_the_free_screen() -> None:
    width, height = first_window_size(CLINIC)
    assert width + WINDOW_FRAME[0] <= CLINIC.width()
    assert height + WINDOW_FRAME[1] <= CLINIC.height()
    assert first_window_size(QSize(2560, 1440)) == (1280, 800)  # a large screen: the default


def test_at_1366_the_disclaimer_and_four_agent_columns_are_on_screen(
    qtbot: QtBot, repository: ContentRepository, tmp_path: Path
) -> None:
    paths.configure(tmp_path / "user")
    store = UserStore.open(paths.user_database_file())
    assembled = assemble_window(repository, store)
    window = assembled.window
    qtbot.addWidget(window)
    window.resize(*first_window_size(CLINIC))
    window.restore_state()
    with qtbot.waitActive(window):
        window.show()
    status = window.statusBar()
    assert status.isVisible() and window.disclaimer_label.isVisible()
    bottom = status.mapTo(window, status.rect().bottomLeft()).y()
    assert bottom <= window.height() <= CLINIC.height() - WINDOW_FRAME[1]
    assert window.disclaimer_label.width() > window.width() // 3
    window.open_address("serm://compare/vte")
    tab = window.current_tab()
    assert isinstance(tab, CompareTab)
    grid = tab.widget.grid_view
    qtbot.waitUntil(lambda: grid.viewport().width() > 0)
    header = grid.horizontalHeader()
    assert grid.model().columnCount() == 4
    last = header.sectionViewportPosition(3) + header.sectionSize(3)
    assert last <= grid.viewport().width()  # Ospemifene is not cut off
    qtbot.waitUntil(lambda: not grid.horizontalScrollBar().isVisible())  # once laid out
    assert min(header.sectionSize(c) for c in range(4)) >= header.minimumSectionSize()
    assembled.personal.close()


# The real start; each time the page is fitted to its view before the first paint, it says
# whether the page had text then and at what width.
FIT_SCRIPT = """
import sys
import desktop_app.app as app_module
from desktop_app.ui.reader.page_view import PageView
fit = PageView._fit_wrap_width
def fit_and_say(self, width):
    print("fit", width, "text" if not self.document().isEmpty() else "empty", flush=True)
    fit(self, width)
PageView._fit_wrap_width = fit_and_say
report = app_module._report_first_paint
def report_and_stop_saying():
    PageView._fit_wrap_width = fit
    report()
app_module._report_first_paint = report_and_stop_saying
from desktop_app.cli import run
sys.exit(run(sys.argv[1:]))
"""


def test_the_first_page_is_laid_out_at_one_width_before_the_first_paint(
    database_path: Path, tmp_path: Path
) -> None:
    """The pages come after show(): a page added before was first fitted to the tab
    widget's stale, not yet laid out size, and its whole text laid out at that width."""
    from tests.start_helpers import start_window

    result = start_window(FIT_SCRIPT, database_path, tmp_path / "p")
    assert result.returncode == 0, result.stderr
    fits = [line.split()[1:] for line in result.stdout.splitlines() if line.startswith("fit ")]
    with_text = {int(width) for width, state in fits if state == "text"}
    assert with_text == {int(fits[-1][0])}, fits  # the page's own width, and no other
