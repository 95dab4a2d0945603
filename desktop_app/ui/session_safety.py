"""What the composition root does to keep a session safe, in the order it must happen.

``run_gui`` calls, in turn: ``start`` (exception hooks, faulthandler),
``content_failed`` when the content database cannot be used (dialog or
stderr, exit code 3), ``check_user_state`` before the window reads its
settings (damaged files set aside; a previous start that never finished means
no window state is restored), ``window_shown`` once the window is up (notices
are shown; the start counts as finished once the window has run for
``START_GRACE_MS``, long enough for the first paint and the second stage that
adds search and the personal layer, or when it closes normally before that),
``startup_crashed`` if building the window raised, ``exit_code`` and ``stop``.
With ``show_windows=False`` (``--no-err-windows``) everything that would be a
dialog is one message on stderr, so tests and scripts never block.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from PySide6.QtCore import QTimer

from desktop_app.content.errors import ContentDatabaseError
from desktop_app.exit_codes import ExitCode
from desktop_app.logging_setup import LOG_FILE_NAME
from desktop_app.qt_namespace import Qt
from desktop_app.reliability.crash import (
    CrashHandler,
    CrashReport,
    describe,
    disable_faulthandler,
    enable_faulthandler,
)
from desktop_app.reliability.settings_check import check_settings_files, set_aside
from desktop_app.reliability.startup_guard import StartupGuard

if TYPE_CHECKING:  # dialogs are imported when one is shown: most sessions never need them
    from PySide6.QtWidgets import QMessageBox, QWidget

    from desktop_app.ui.dialogs.crash import CrashPresenter

log = logging.getLogger(__name__)

START_GRACE_MS = 3000  # a hard crash sooner than this after showing counts as a failed start
DEFAULTS_NOTICE = "SERM Reference started with its default settings."


class DeferredCrashPresenter:
    """The crash dialog's presenter, imported with its dialog on the first crash.

    The dialog module and its widgets cost several milliseconds of every start,
    before the first paint, for a dialog almost no session shows.
    """

    def __init__(self) -> None:
        self.presenter: CrashPresenter | None = None

    def __call__(self, report: CrashReport, errors_in_session: int) -> None:
        if self.presenter is None:
            from desktop_app.ui.dialogs.crash import CrashPresenter

            self.presenter = CrashPresenter()
        self.presenter(report, errors_in_session)


class SessionSafety:
    """Crash handling, start-up failure reporting and damaged-state recovery for one run."""

    def __init__(
        self,
        log_dir: Path,
        user_dir: Path,
        show_windows: bool,
        stream: TextIO | None = None,
    ) -> None:
        self.log_dir = log_dir
        self.log_file = log_dir / LOG_FILE_NAME
        self.show_windows = show_windows
        self._stream = stream
        self.presenter = DeferredCrashPresenter() if show_windows else None
        self.crash_handler = CrashHandler(self.log_file, self.presenter, stream)
        self.guard = StartupGuard(user_dir)
        self.notices: list[str] = []
        self.dialog: QMessageBox | None = None
        self.crash_dialog: QWidget | None = None
        self._shown = False

    # -- order of a run -------------------------------------------------------------------

    def start(self) -> None:
        self.crash_handler.install()
        previous = enable_faulthandler(self.log_dir)
        if previous is not None:
            self.notices.append(
                "The last session ended unexpectedly. What was known about it is kept in"
                f" {previous}."
            )

    def content_failed(self, error: ContentDatabaseError) -> int:
        """Report a content database that cannot be used; return the exit code."""
        log.error("content database: %s", error.message)
        if not self.show_windows:
            self._print(f"serm-reference: {error.message}")
            return ExitCode.CONTENT_ERROR
        from desktop_app.ui.dialogs.startup import StartupFailureDialog

        dialog = StartupFailureDialog(error, self.log_file)
        self.dialog = dialog
        dialog.exec()
        return ExitCode.CONTENT_ERROR

    def check_user_state(self, settings_files: list[Path], window_state_file: Path) -> bool:
        """Set damaged settings aside; return False when the saved window must not be restored."""
        damaged = check_settings_files([*settings_files, window_state_file])
        for found in damaged:
            self.notices.append(f"A settings file could not be read. {found.describe()}")
        if damaged:
            self.notices.append(DEFAULTS_NOTICE)
        if not self.guard.begin():
            return True
        kept = ""
        if window_state_file.is_file():
            aside = set_aside(window_state_file, "the last start did not finish")
            kept = f" The previous layout is kept as {aside.kept_as}." if aside.kept_as else ""
        self.notices.append(
            "The last start did not finish, so the app opened on the start page without"
            f" restoring your tabs and window layout.{kept}"
        )
        return False

    def window_shown(self, parent: QWidget | None) -> None:
        self._shown = True
        QTimer.singleShot(START_GRACE_MS, self.guard.finished)
        if not self.notices:
            return
        for notice in self.notices:
            log.warning("start-up notice: %s", notice)
        if not self.show_windows:
            self._print("serm-reference: " + "\nserm-reference: ".join(self.notices))
            return
        from desktop_app.ui.dialogs.startup import StartupNotice

        box = StartupNotice(self.notices, parent)
        box.setWindowModality(Qt.WindowModality.NonModal)  # the window stays usable
        box.finished.connect(box.deleteLater)
        self.dialog = box
        box.show()

    def startup_crashed(self, error: BaseException) -> int:
        """Building the window raised: report it like any crash, then exit (no event loop yet).

        The start marker stays, so the next start does not restore what may have caused it.
        """
        self.crash_handler.handle(type(error), error, error.__traceback__, present=False)
        if self.presenter is not None:
            from desktop_app.ui.dialogs.crash import CrashDialog

            report = describe(type(error), error, error.__traceback__, "MainThread", self.log_file)
            dialog = CrashDialog(report)
            dialog.quit_button.hide()
            dialog.continue_button.setText("&Close")
            self.crash_dialog = dialog
            dialog.exec()
        return ExitCode.UNEXPECTED_ERROR

    def exit_code(self, code: int) -> int:
        return code or self.crash_handler.exit_code

    def stop(self) -> None:
        if self._shown:  # a normal exit, also one before the grace period ended
            self.guard.finished()
        self.crash_handler.uninstall()
        disable_faulthandler()

    def _print(self, text: str) -> None:
        stream = self._stream or sys.stderr
        if stream is not None:
            print(text, file=stream, flush=True)


def user_folder_failed(error: OSError, show_windows: bool, stream: TextIO | None = None) -> int:
    """The folder for settings, notes and logs cannot be made or written: say so, exit 4.

    Nothing can be logged yet (the log lives there), so the message is the record.
    Starting anyway would lose every note typed, so the app does not.
    """
    where = error.filename or "the user-data folder"
    reason = error.strerror or str(error)
    if isinstance(error, FileExistsError | NotADirectoryError):
        reason = "a file is in the way of the folder"
    headline = "SERM Reference cannot create or write its folder for settings, notes and logs."
    explanation = (
        f"What is wrong: {reason}.\nWhere: {where}\n"
        "What to do: free some disk space or fix the folder's permissions, or start with"
        " --basedir pointing at a folder you can write to (--temp-basedir keeps nothing)."
    )
    if not show_windows:
        print(f"serm-reference: {headline}\n{explanation}", file=stream or sys.stderr, flush=True)
        return ExitCode.USER_FOLDER_ERROR
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Critical, "SERM Reference cannot start", headline)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setInformativeText(explanation)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.exec()
    return ExitCode.USER_FOLDER_ERROR
