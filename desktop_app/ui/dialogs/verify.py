"""Help → Verify Installation: the full check of the content database, off the GUI thread.

Recomputing the checksum and reading every page takes a moment on a slow or
network disk; it runs as a QRunnable in the dialog's own thread pool so the
window keeps answering, and the dialog shows each step as it starts. Closing
the dialog cancels the check (SQLite is interrupted) and waits for the worker,
so no thread outlives the dialog. The report is plain text, copyable for IT.

Signals:
    checked(object): the VerificationReport, or None when the check itself failed.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.content.verification import (
    Cancelled,
    Progress,
    VerificationCancelled,
    VerificationReport,
    verify_installation,
)

log = logging.getLogger(__name__)

Verify = Callable[[Path, Progress | None, Cancelled | None], VerificationReport]

STEP_NAMES = {
    "file": "the file",
    "checksum": "the checksum (SHA-256 against the manifest)",
    "integrity": "every page of the database (quick_check)",
    "contents": "the schema, tables and full-text index",
}


class _Signals(QObject):
    """Lives on the GUI thread; the worker's emits arrive there queued."""

    progress = Signal(str)
    done = Signal(object)
    failed = Signal(str)


class _VerifyTask(QRunnable):
    def __init__(
        self, verify: Verify, path: Path, signals: _Signals, stop: threading.Event
    ) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._verify = verify
        self._path = path
        self._signals = signals
        self._stop = stop

    def run(self) -> None:
        try:
            report = self._verify(self._path, self._signals.progress.emit, self._stop.is_set)
        except VerificationCancelled:
            return
        except Exception as error:  # reported in the dialog, never lost on a worker thread
            log.exception("verifying %s failed", self._path)
            self._signals.failed.emit(f"{type(error).__name__}: {error}")
            return
        self._signals.done.emit(report)


class VerifyInstallationDialog(QDialog):
    """Runs the check when shown (``start``), reports, and can copy or re-run it."""

    checked = Signal(object)

    def __init__(
        self, database: Path, parent: QWidget | None = None, verify: Verify = verify_installation
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Verify Installation")
        self.setAccessibleName("Verify installation")
        self.database = database
        self.report: VerificationReport | None = None
        self._verify = verify
        self._busy = False
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._stop = threading.Event()
        self._signals = _Signals(self)
        self._signals.progress.connect(self._progress)
        self._signals.done.connect(self._done)
        self._signals.failed.connect(self._failed)
        intro = QLabel(
            "Checks that the content database is the one this version was shipped with"
            " and that every part of it can be read."
        )
        intro.setWordWrap(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setAccessibleName("Result")
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setAccessibleName("Report")
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton("&Copy Report")
        self.again_button = QPushButton("Check &Again")
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.again_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_report)
        self.again_button.clicked.connect(self.start)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.status)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(720, 300)

    def running(self) -> bool:
        # Not the pool's count alone: "done" arrives while the worker thread is still
        # returning, and a "Check Again" clicked in that instant must not be ignored.
        return self._busy and self._pool.activeThreadCount() > 0

    def start(self) -> None:
        """Begin a check in the background (ignored while one runs)."""
        if self.running():
            return
        self.report = None
        self._busy = True
        self._stop.clear()
        self.copy_button.setEnabled(False)
        self.again_button.setEnabled(False)
        self.text.setPlainText(f"Content database: {self.database}")
        self.status.setText("Checking…")
        self._pool.start(_VerifyTask(self._verify, self.database, self._signals, self._stop))

    def _progress(self, step: str) -> None:
        self.status.setText(f"Checking {STEP_NAMES.get(step, step)}…")

    def _done(self, report: VerificationReport) -> None:
        self._busy = False
        self.report = report
        self.status.setText(report.verdict)
        self.text.setPlainText(report.as_text())
        self._finish()
        log.info("installation verified: %s", "intact" if report.passed else "PROBLEMS")
        self.checked.emit(report)

    def _failed(self, message: str) -> None:
        self._busy = False
        self.status.setText(f"The check could not be completed: {message}")
        self._finish()
        self.checked.emit(None)

    def _finish(self) -> None:
        self.copy_button.setEnabled(True)
        self.again_button.setEnabled(True)

    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.text.toPlainText())

    def done(self, result: int) -> None:
        """Closing stops a running check and waits for the worker to leave."""
        self._stop.set()
        self._pool.waitForDone()
        super().done(result)
