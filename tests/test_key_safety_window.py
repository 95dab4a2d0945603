"""The Key safety block in the real window: first on the page, and its links open the cells."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QUrl
from pytestqt.qtbot import QtBot

from desktop_app.content import ContentRepository
from desktop_app.ui.compare.view import CompareWidget
from desktop_app.ui.main_window import MainWindow
from tests.reader_helpers import (  # noqa: F401 (fixtures)
    OFFSCREEN_LIMITS,
    make_window_fixture,
    user_dir_fixture,
    window_fixture,
)
from tests.test_reader_navigation import link_point

pytestmark = [
    pytest.mark.gui,
    *OFFSCREEN_LIMITS,
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]


def test_agent_page_opens_with_key_safety_and_its_links_open_the_cells(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.open_address("serm://agent/tamoxifen")
    page = window.current_page()
    assert page is not None
    text = page.toPlainText()
    assert text.index("Key safety") < text.index("Profile") < text.index("Safety at a glance")
    block = text[text.index("Key safety") : text.index("Profile")]
    assert "a history of deep vein thrombosis or pulmonary embolism" in block
    assert "strong CYP2D6 inhibitors" in block and "anastrozole" not in block
    target = "serm://compare/contraindications/tamoxifen"
    qtbot.mouseClick(page.viewport(), Qt.MouseButton.LeftButton, pos=link_point(page, target))
    assert window.current_address() == target  # the Compare tab, on that cell


def test_the_vte_cells_detail_links_to_the_contraindications(
    qtbot: QtBot, repository: ContentRepository
) -> None:
    """The GP's question, in the Compare tab: raloxifene's VTE cell says a past VTE is a
    contraindication, and its link selects the contraindications cell."""
    compare = CompareWidget(repository)
    qtbot.addWidget(compare)
    compare.resize(1400, 850)
    compare.show()
    qtbot.waitExposed(compare)
    compare.select_address("serm://compare/vte/raloxifene")
    text = compare.detail.toPlainText()
    assert "active or past history of venous thromboembolism" in text
    target = "serm://compare/contraindications/raloxifene"
    assert f'href="{target}"' in compare.detail.toHtml()
    compare.detail.anchorClicked.emit(QUrl(target))  # what a click on the link sends
    assert compare.current_address() == target
    assert compare.detail.toPlainText().startswith("Raloxifene — Contraindications")
