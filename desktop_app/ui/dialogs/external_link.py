"""Shows an outside link so it can be copied; the app itself never opens it."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class ExternalLinkDialog(QDialog):
    """The address in a selectable field, with Copy and Close."""

    def __init__(self, url: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Outside link")
        self.setAccessibleName("Outside link")
        explanation = QLabel(
            "This link leads outside SERM Reference. The app never opens network"
            " connections, so it will not open the link; copy it to open it yourself."
        )
        explanation.setWordWrap(True)
        self.field = QLineEdit(url)
        self.field.setReadOnly(True)
        self.field.setAccessibleName("Link address")
        self.field.selectAll()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = QPushButton("&Copy Address")
        copy.setAccessibleName("Copy the link address")
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(self.copy)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.field)
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.field.text())
