"""The keyboard focus ring is drawn, two pixels in the text colour, in both themes.

Rendered offscreen and read back pixel by pixel: the current item of a focused
tree (the contents sidebar's kind of view, through ``FocusRingStyle``) and the
focused cell of the comparison grid (its delegate) carry a ring in the
palette's text colour, which contrasts with the selection in light and dark.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QColor, QImage, QPalette, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QTreeView
from pytestqt.qtbot import QtBot

from desktop_app.content import ContentRepository
from desktop_app.ui import theme
from desktop_app.ui.compare.view import CompareWidget
from desktop_app.ui.focus_ring import FocusRingStyle
from tests.reader_helpers import OFFSCREEN_LIMITS

pytestmark = [pytest.mark.gui, *OFFSCREEN_LIMITS]


def _ring_pixels(image: QImage, rect: QRect) -> list[QColor]:
    """The pixels one in from the item's left and top edges, where the ring runs."""
    middle = rect.center()
    return [
        image.pixelColor(QPoint(rect.left() + 1, middle.y())),
        image.pixelColor(QPoint(middle.x(), rect.top() + 1)),
    ]


@pytest.mark.parametrize("name", ["light", "dark"])
def test_the_current_item_of_a_focused_tree_has_a_visible_ring(qtbot: QtBot, name: str) -> None:
    palette = theme.light_palette() if name == "light" else theme.dark_palette()
    model = QStandardItemModel()
    for text in ("Overview", "Agents and safety topics", "Mechanisms and evidence"):
        model.appendRow(QStandardItem(text))
    tree = QTreeView()
    qtbot.addWidget(tree)
    style = FocusRingStyle("fusion")
    tree.setStyle(style)
    tree.viewport().setStyle(style)
    tree.setPalette(palette)
    tree.setModel(model)
    tree.resize(300, 200)
    tree.show()
    qtbot.waitExposed(tree)
    tree.setFocus()
    tree.setCurrentIndex(model.index(1, 0))
    qtbot.waitUntil(tree.hasFocus)
    image = tree.viewport().grab().toImage()
    rect = tree.visualRect(model.index(1, 0))
    text = palette.color(QPalette.ColorRole.Text)
    assert all(pixel == text for pixel in _ring_pixels(image, rect))
    # An item without focus has none: the ring means "you are here".
    other = tree.visualRect(model.index(2, 0))
    assert not all(pixel == text for pixel in _ring_pixels(image, other))


@pytest.mark.parametrize("name", ["light", "dark"])
def test_the_focused_grid_cell_has_the_same_ring(
    qtbot: QtBot, name: str, repository: ContentRepository
) -> None:
    palette = theme.light_palette() if name == "light" else theme.dark_palette()
    compare = CompareWidget(repository)
    qtbot.addWidget(compare)
    compare.setPalette(palette)
    compare.resize(1100, 700)
    compare.show()
    qtbot.waitExposed(compare)
    view = compare.grid_view
    index = view.model().index(2, 1)
    view.setFocus()
    view.setCurrentIndex(index)
    qtbot.waitUntil(view.hasFocus)
    image = view.viewport().grab().toImage()
    rect = view.visualRect(index)
    text = palette.color(QPalette.ColorRole.Text)
    assert all(pixel == text for pixel in _ring_pixels(image, rect))


REAL_START = """
import sys
sys.path.insert(0, sys.argv[1])
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from desktop_app.app import create_application, run_gui
from desktop_app.cli import build_parser

app = create_application()
seen = []

def look():
    seen.append(type(app.style()).__name__)
    seen.append("icon" if not app.windowIcon().isNull() else "no icon")
    QApplication.closeAllWindows()

QTimer.singleShot(1500, look)
run_gui(build_parser().parse_args(["--temp-basedir", "--no-err-windows"]))
print(" ".join(seen) if seen else "none")
"""


def test_the_real_start_gives_the_app_the_focus_ring_style_and_its_icon() -> None:
    """Both are set in the second stage of the real start, after the first paint."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    done = subprocess.run(
        [sys.executable, "-c", REAL_START, str(root)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.stdout.strip().splitlines()[-1] == "FocusRingStyle icon", done.stderr
