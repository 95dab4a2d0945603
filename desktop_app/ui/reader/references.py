"""The references page: the article's numbered list, a filter box and copy-citation.

Signals:
    history_button_pressed(bool): a mouse back (False) / forward (True) button.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.content.records import Reference
from desktop_app.models.references_model import ReferencesFilterModel, ReferencesModel
from desktop_app.models.roles import Role


class ReferencesView(QWidget):
    """A filterable list of the references; Ctrl+C copies the selected citations."""

    history_button_pressed = Signal(bool)

    def __init__(self, references: tuple[Reference, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("References")
        self.model = ReferencesModel(references, self)
        self.proxy = ReferencesFilterModel(self.model, self)

        heading = QLabel("<h2>References</h2>")
        heading.setAccessibleName("References")
        intro = QLabel(
            "The article’s references, numbered as in the article. The scraped copy"
            " carries no authors or links, and none are invented."
        )
        intro.setWordWrap(True)
        self.filter_field = QLineEdit()
        self.filter_field.setPlaceholderText("Filter references (title, journal, year, number)")
        self.filter_field.setAccessibleName("Filter references")
        self.filter_field.setClearButtonEnabled(True)
        self.count_label = QLabel()
        self.count_label.setAccessibleName("Number of references shown")
        self.list = QListView()
        self.list.setModel(self.proxy)
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setSpacing(2)
        self.list.setUniformItemSizes(False)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setAccessibleName("Reference list")
        self.list.viewport().installEventFilter(self)
        self.list.installEventFilter(self)
        self.copy_button = QPushButton("&Copy Citation")
        self.copy_button.setAccessibleName("Copy the selected citations")
        self.copy_button.setToolTip("Copy the selected citations (Ctrl+C)")

        top = QHBoxLayout()
        top.addWidget(self.filter_field, 1)
        top.addWidget(self.count_label)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.copy_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 8, 18, 12)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(top)
        layout.addWidget(self.list, 1)
        layout.addLayout(bottom)

        self.filter_field.textChanged.connect(self._filter)
        self.filter_field.returnPressed.connect(self.list.setFocus)
        self.copy_button.clicked.connect(self.copy_selected)
        self.list.selectionModel().selectionChanged.connect(self._update_buttons)
        self._filter("")

    def _filter(self, text: str) -> None:
        self.proxy.set_filter_text(text)
        self.count_label.setText(f"{self.proxy.rowCount()} of {self.model.rowCount()}")
        if self.proxy.rowCount() and not self.list.selectionModel().hasSelection():
            self.list.setCurrentIndex(self.proxy.index(0, 0))
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.copy_button.setEnabled(bool(self.list.selectionModel().selectedIndexes()))

    def select_address(self, address: str) -> bool:
        """Select and show one reference (``serm://reference/<n>``); clears the filter."""
        row = self.model.row_for_address(address)
        if row < 0:
            return False
        self.filter_field.clear()
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.list.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.list.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtTop)
        return True

    def selected_citations(self) -> list[str]:
        rows = sorted(self.list.selectionModel().selectedIndexes(), key=QModelIndex.row)
        return [str(index.data(Role.CITATION)) for index in rows]

    def copy_selected(self) -> None:
        citations = self.selected_citations()
        if citations:
            QGuiApplication.clipboard().setText("\n".join(citations))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The list's own Ctrl+C copies "12. citation"; a citation is what people paste.
        if (
            watched is self.list
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.matches(QKeySequence.StandardKey.Copy)
        ):
            self.copy_selected()
            return True
        if (
            isinstance(event, QMouseEvent)
            and event.type() == QEvent.Type.MouseButtonPress
            and event.button() in (Qt.MouseButton.BackButton, Qt.MouseButton.ForwardButton)
        ):
            self.history_button_pressed.emit(event.button() == Qt.MouseButton.ForwardButton)
            return True
        return super().eventFilter(watched, event)

    def set_point_size(self, size: float) -> None:
        font = self.list.font()
        font.setPointSizeF(size)
        self.list.setFont(font)
