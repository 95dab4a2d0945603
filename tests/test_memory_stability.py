"""What keeps a long session's memory flat, checked by counting, not by measuring.

bench/long_session.py measures the resident size over 1,000 tabs and 10,000
searches; these tests pin down the causes it found or ruled out: closed tabs
(the comparison grid's too) are deleted, not kept hidden, and every legend of
the grid shares its icons, so opening the grid again adds nothing to
QPixmapCache (a fresh icon per legend grew memory until the cache's 10 MB).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop_app.ui.compare.legend import legend_model
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.reader.tab import TabContent
from tests.reader_helpers import (  # noqa: F401 (fixtures)
    OFFSCREEN_LIMITS,
    make_window_fixture,
    user_dir_fixture,
    window_fixture,
)

pytestmark = [pytest.mark.gui, *OFFSCREEN_LIMITS]


def _deferred_deletes() -> None:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()


def test_closed_tabs_are_deleted_not_hidden(window: MainWindow, qtbot: QtBot) -> None:
    addresses = window.repository.all_addresses()
    for address in [*addresses[:40], "serm://compare/vte/raloxifene"]:  # the grid too
        window.open_address(address, new_tab=True)
        assert window.tabs.count() == 2
        window.close_current_tab()
        _deferred_deletes()  # as the event loop does between two user actions
    assert len(window.findChildren(TabContent)) == window.tabs.count() == 1
    window.open_address("serm://compare/bmd")  # a new grid tab, not a kept one
    assert window.tabs.count() == 2


def test_every_legend_shares_its_icons(qapp: QApplication) -> None:
    first, second = legend_model(), legend_model()
    assert first.rowCount() == second.rowCount() > 5
    for row in range(first.rowCount()):
        one, other = first.item(row).icon(), second.item(row).icon()
        assert not one.isNull()
        assert one.cacheKey() == other.cacheKey()  # same icon: no new pixmap cache entries
