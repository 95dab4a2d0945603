"""The dialog for an unexpected error: what happened in one line, details to copy, the log.

A clinician seeing it needs three things: that the app can keep going (notes
and bookmarks are saved as they are made), what to send to whoever supports
them (one button copies it), and where the log is. It is application-modal
but not blocking, so it also appears above another dialog, and only one is
ever open: later errors update its count instead of stacking windows.

Signals (CrashDialog):
    quit_requested(): the user chose to quit.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from desktop_app.exit_codes import ExitCode
from desktop_app.reliability.crash import CrashReport
from desktop_app.version import APP_NAME

INTRO = (
    f"Something went wrong inside {APP_NAME}. You can keep working: bookmarks and notes"
    " are saved as you make them. If it happens again, copy the details and send them"
    " to whoever supports your installation; they stay on this computer unless you do."
)


def report_text(report: CrashReport) -> str:
    """What "Copy Details" puts on the clipboard."""
    where = f"\nLog file: {report.log_file}" if report.log_file else ""
    return f"{report.summary}\n{where}\n\n{report.details}".replace("\n\n\n", "\n\n")


class CrashDialog(QDialog):
    """One error shown; ``add_report`` folds later ones into it."""

    quit_requested = Signal()

    def __init__(self, report: CrashReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{APP_NAME}: unexpected error")
        self.setAccessibleName("Unexpected error")
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self._reports = [report]
        icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize)
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical).pixmap(size)
        )
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.setAccessibleName("What happened")
        self.count = QLabel()
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        self.count.hide()
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setAccessibleName("Error details")
        self.details.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.log_path = QLineEdit(str(report.log_file) if report.log_file else "(no log file)")
        self.log_path.setReadOnly(True)
        self.log_path.setAccessibleName("Log file")
        buttons = QDialogButtonBox()
        self.copy_button = QPushButton("&Copy Details")
        self.continue_button = QPushButton("C&ontinue")
        self.quit_button = QPushButton("&Quit")
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.quit_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(self.continue_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.continue_button.setDefault(True)
        self.copy_button.clicked.connect(self.copy_details)
        self.continue_button.clicked.connect(self.accept)
        self.quit_button.clicked.connect(self._quit)
        layout = QVBoxLayout(self)
        layout.addWidget(icon, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(intro)
        layout.addWidget(self.summary)
        layout.addWidget(self.count)
        layout.addWidget(QLabel("Details:"))
        layout.addWidget(self.details, 1)
        layout.addWidget(QLabel("Log file:"))
        layout.addWidget(self.log_path)
        layout.addWidget(buttons)
        self.resize(640, 460)
        self._refresh()

    @property
    def reports(self) -> list[CrashReport]:
        return list(self._reports)

    def add_report(self, report: CrashReport, errors_in_session: int) -> None:
        self._reports.append(report)
        self.count.setText(
            f"{errors_in_session} errors in this session; the latest is shown. All are in the log."
        )
        self.count.show()
        self._refresh()

    def _refresh(self) -> None:
        latest = self._reports[-1]
        self.summary.setText(f"What happened: {latest.summary}")
        self.details.setPlainText(latest.details)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(report_text(self._reports[-1]))

    def _quit(self) -> None:
        self.quit_requested.emit()
        self.accept()


class CrashPresenter:
    """``CrashHandler``'s presenter: one dialog at a time; Quit closes the windows, then exits.

    Closing the windows (rather than just leaving the event loop) lets the main
    window save its state and the note pane save what is being typed.
    """

    def __init__(self) -> None:
        self.dialog: CrashDialog | None = None

    def __call__(self, report: CrashReport, errors_in_session: int) -> None:
        if self.dialog is not None:
            self.dialog.add_report(report, errors_in_session)
            return
        dialog = CrashDialog(report)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.quit_requested.connect(self.quit_application)
        dialog.finished.connect(self._closed)
        self.dialog = dialog
        dialog.show()
        dialog.activateWindow()

    def _closed(self) -> None:
        self.dialog = None

    @staticmethod
    def quit_application() -> None:
        QApplication.closeAllWindows()
        QCoreApplication.exit(ExitCode.UNEXPECTED_ERROR)
