"""Find in page: a bar under the page with the query, previous/next and "3 of 7".

Signals:
    query_changed(str, bool): the text or "match case" changed (text, case-sensitive).
    step_requested(bool): go to the next (False) or previous (True) match.
    closed(): the bar was closed (Escape or its close button).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from desktop_app.qt_namespace import Qt
from desktop_app.ui.clear_button import clear_button_when_typed


class FindBar(QWidget):
    """The controls only; the page does the finding."""

    query_changed = Signal(str, bool)
    step_requested = Signal(bool)
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Find in page")
        self.field = QLineEdit()
        self.field.setPlaceholderText("Find in page")
        self.field.setAccessibleName("Find in page")
        clear_button_when_typed(self.field)  # its icon costs ~20 ms
        self.case = QCheckBox("Match &case")
        self.case.setAccessibleName("Match case")
        self.previous_button = QToolButton()
        self.previous_button.setText("↑ Previous")
        self.previous_button.setAccessibleName("Previous match")
        self.previous_button.setToolTip("Previous match (Shift+F3)")
        self.next_button = QToolButton()
        self.next_button.setText("↓ Next")
        self.next_button.setAccessibleName("Next match")
        self.next_button.setToolTip("Next match (F3)")
        self.status = QLabel()
        self.status.setAccessibleName("Matches")
        self.status.setMinimumWidth(90)
        self.close_button = close = QToolButton()
        close.setText("✕")
        close.setAccessibleName("Close find bar")
        close.setToolTip("Close (Escape)")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(QLabel("Find:"))
        layout.addWidget(self.field, 1)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.next_button)
        layout.addWidget(self.case)
        layout.addWidget(self.status)
        layout.addWidget(close)
        self.field.textChanged.connect(self._changed)
        self.case.toggled.connect(self._changed)
        self.previous_button.clicked.connect(lambda: self.step_requested.emit(True))
        self.next_button.clicked.connect(lambda: self.step_requested.emit(False))
        close.clicked.connect(self.close_bar)
        self.hide()

    def focus_order(self) -> list[QWidget]:
        """The controls in the order Tab visits them."""
        return [self.field, self.previous_button, self.next_button, self.case, self.close_button]

    def _changed(self) -> None:
        self.query_changed.emit(self.field.text(), self.case.isChecked())

    def open_bar(self, text: str = "") -> None:
        self.show()
        if text:
            self.field.setText(text)
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.closed.emit()

    def show_result(self, current: int, count: int) -> None:
        if not self.field.text():
            self.status.setText("")
        elif count == 0:
            self.status.setText("No matches")
        else:
            self.status.setText(f"{current} of {count}")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            backward = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            self.step_requested.emit(backward)
            return
        super().keyPressEvent(event)
