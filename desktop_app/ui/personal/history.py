"""Recently viewed pages, with the time of the last visit, and a way to clear them.

Signals: those of ``AddressListPanel`` (error_occurred: clearing was not saved).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QWidget,
)

from desktop_app.models.history_model import HistoryModel
from desktop_app.ui.personal.address_list import AddressListPanel, AddressTreeView


class HistoryPanel(AddressListPanel):
    """Recently viewed pages, newest first; "Clear History…" asks once, then forgets all."""

    model: HistoryModel
    view: AddressTreeView
    cleared = Signal()  # the store's history is gone; the window forgets its tabs' too

    def __init__(self, model: HistoryModel, parent: QWidget | None = None) -> None:
        view = AddressTreeView()
        super().__init__(model, view, "Pages you open are listed here, newest first.", parent)
        self.setAccessibleName("History panel")
        view.setAccessibleName("Recently viewed")
        view.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.clear_button = QPushButton("Clear History…")
        self.confirmation: QMessageBox | None = None
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.clear_button)
        self.panel_layout.addLayout(row)
        view.item_opened.connect(self._open_index)
        self.clear_button.clicked.connect(self.ask_to_clear)
        model.error_occurred.connect(self._show_error)
        self._update_state()

    def ask_to_clear(self) -> None:
        """A window-modal question (not a nested event loop); clearing happens on Yes."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Clear history",
            "Forget every page in the history? Bookmarks and notes are not affected.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.finished.connect(self._confirmation_finished)
        self.confirmation = box
        box.open()

    def _confirmation_finished(self, result: int) -> None:
        box, self.confirmation = self.confirmation, None
        if box is not None:
            box.deleteLater()
        if result == QMessageBox.StandardButton.Yes and self.model.clear():
            self.status.setText("History cleared.")
            self.cleared.emit()

    def _update_state(self) -> None:
        super()._update_state()
        self.clear_button.setEnabled(self.model.rowCount() > 0)
