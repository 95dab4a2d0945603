"""The "What changed" page: every address added, removed or changed between two editions.

A table of the changes (kind, address, change) over a Qt model; selecting a
changed row shows the old and the new text side by side. Under it, the
user's bookmarks and notes whose address the new edition no longer has: they
are kept and listed, never dropped.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.editions.diff import EditionDiff
from desktop_app.models.editions import ChangesModel


class WhatChangedDialog(QDialog):
    def __init__(self, diff: EditionDiff, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("WhatChangedDialog")
        self.setWindowTitle(f"What Changed: {diff.old_edition} → {diff.new_edition}")
        self.diff = diff
        self.model = ChangesModel(diff.changes, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Changes by address")
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.old_text, self.new_text = QPlainTextEdit(), QPlainTextEdit()
        sides = QHBoxLayout()
        for title, editor in ((diff.old_edition, self.old_text), (diff.new_edition, self.new_text)):
            editor.setReadOnly(True)
            editor.setAccessibleName(f"Text in edition {title}")
            column = QVBoxLayout()
            column.addWidget(QLabel(f"Edition {title}"))
            column.addWidget(editor)
            sides.addLayout(column)
        summary = QLabel(
            f"{len(diff.changes)} change(s) from edition {diff.old_edition} to {diff.new_edition}."
            if diff.changes
            else "The two editions hold the same content."
        )
        self.orphans = QLabel(self._orphans_text())
        self.orphans.setWordWrap(True)
        self.orphans.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.orphans.setAccessibleName("Bookmarks and notes not in the new edition")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.view, 2)
        layout.addLayout(sides, 1)
        layout.addWidget(self.orphans)
        layout.addWidget(buttons)
        self.view.selectionModel().currentRowChanged.connect(self._show)
        if diff.changes:
            self.view.selectRow(0)
        self.resize(900, 620)

    def _orphans_text(self) -> str:
        if not self.diff.orphaned:
            return "All your bookmarks and notes are still in the new edition."
        lines = [
            "Your bookmarks and notes whose address the new edition does not have (kept,"
            " shown as “not in this edition”):"
        ]
        lines += [f"• {item.kind}: {item.title} ({item.address})" for item in self.diff.orphaned]
        return "\n".join(lines)

    def _show(self, current: QModelIndex, _previous: QModelIndex) -> None:
        change = self.model.changes[current.row()] if current.isValid() else None
        self.old_text.setPlainText(change.old if change else "")
        self.new_text.setPlainText(change.new if change else "")
