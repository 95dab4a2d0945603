"""What the user is told when the app cannot start, or starts without something it had.

The start-up failure dialog answers the three questions a user or an IT person
has, each on its own line: what is wrong, where the file is, what to do; and
where the log is, for whoever comes next. The notice is for a start that
went ahead with defaults (a damaged settings file set aside, a previous start
that never finished): it says what was reset and where the old file is kept,
and does not block the window.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop_app.content.errors import ContentDatabaseError
from desktop_app.version import APP_NAME


def startup_failure_text(error: ContentDatabaseError, log_file: Path | None) -> tuple[str, str]:
    """(headline, explanation) for a content database that cannot be used."""
    lines = []
    if error.detail:
        lines.append(f"What is wrong: {error.detail}.")
    lines.append(f"Where the file is: {error.path}")
    lines.append(f"What to do: {error.advice}")
    if log_file is not None:
        lines.append(f"\nThe reason is also written to the log: {log_file}")
    return error.problem, "\n".join(lines)


class StartupFailureDialog(QMessageBox):
    """Critical message box; its details hold the whole message for copying."""

    def __init__(
        self, error: ContentDatabaseError, log_file: Path | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        headline, explanation = startup_failure_text(error, log_file)
        self.setIcon(QMessageBox.Icon.Critical)
        self.setWindowTitle(f"{APP_NAME} cannot start")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setText(headline)
        self.setInformativeText(explanation)
        self.setDetailedText(f"{headline}\n{explanation}")
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setStandardButtons(QMessageBox.StandardButton.Close)


class StartupNotice(QMessageBox):
    """Information box, opened without blocking, listing what was reset and why."""

    def __init__(self, notices: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Information)
        self.setWindowTitle(APP_NAME)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setText(f"{APP_NAME} started with some settings reset.")
        self.setInformativeText("\n\n".join(notices))
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setStandardButtons(QMessageBox.StandardButton.Ok)
