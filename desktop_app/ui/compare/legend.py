"""The grid's legend: every marker with its icon, word and meaning, and the provenance words.

A list view rather than a picture, so it reads with arrow keys and a screen
reader, and it cannot disagree with the icons the grid paints.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon, QPixmap, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget

from desktop_app.content.compare.wording import (
    EFFECT_LABELS,
    EFFECT_MEANINGS,
    PROVENANCE_LABELS,
    VERDICTS,
)
from desktop_app.models.compare.markers import caution_icon, effect_icon
from desktop_app.rendering.effects import PROVENANCE_MEANINGS, provenance_mark


@cache
def _blank_icon() -> QIcon:
    """Keeps the words in line with the icons above; one for every legend.

    A fresh QIcon per legend would put new pixmaps in QPixmapCache each time the
    grid tab is opened, growing memory until the cache's 10 MB limit.
    """
    blank = QPixmap(16, 16)
    blank.fill(Qt.GlobalColor.transparent)
    return QIcon(blank)


def legend_model(parent: QWidget | None = None) -> QStandardItemModel:
    model = QStandardItemModel(parent)
    for effect, label in EFFECT_LABELS.items():
        item = QStandardItem(effect_icon(effect), f"{label}: {EFFECT_MEANINGS[effect]}")
        model.appendRow(item)
    verdicts = ", ".join(f"“{v}”" for v in VERDICTS)
    model.appendRow(
        QStandardItem(
            caution_icon(),
            f"Caution: the editors flag the article's statement ({verdicts}); the note and "
            "its sources are in the details",
        )
    )
    for key, label in PROVENANCE_LABELS.items():
        mark = provenance_mark(key)
        shown = f"{mark} — “{label}”" if mark else f"“{label}”"
        model.appendRow(QStandardItem(_blank_icon(), f"{shown}: {PROVENANCE_MEANINGS[key]}"))
    for row in range(model.rowCount()):
        item = model.item(row)
        item.setEditable(False)
        item.setToolTip(item.text())
        item.setData(item.text(), Qt.ItemDataRole.AccessibleTextRole)
    return model


class LegendView(QListView):
    """Read-only, focusable (arrow keys read it), wraps its lines."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(legend_model(self))
        self.setWordWrap(True)
        self.setUniformItemSizes(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setAccessibleName("Legend of the grid's markers")
