"""Unexpected errors: logged in full, shown once (or on stderr), never a silent or looping crash."""

from __future__ import annotations

import io
import logging
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desktop_app.exit_codes import ExitCode
from desktop_app.reliability.crash import FAULT_FILE_NAME, CrashHandler, CrashReport
from desktop_app.ui.dialogs.crash import CrashDialog, CrashPresenter
from tests.reader_helpers import OFFSCREEN_LIMITS

ROOT = Path(__file__).resolve().parent.parent

# The handler takes over sys.excepthook; pytest-qt's own capture must not take the error first.
pytestmark = [pytest.mark.gui, pytest.mark.qt_no_exception_capture, *OFFSCREEN_LIMITS]


@pytest.fixture
def presenter() -> Iterator[CrashPresenter]:
    shown = CrashPresenter()
    yield shown
    if shown.dialog is not None:
        shown.dialog.close()


@pytest.fixture
def handler(tmp_path: Path, presenter: CrashPresenter) -> Iterator[CrashHandler]:
    crash = CrashHandler(tmp_path / "serm-reference.log", presenter)
    crash.install()
    yield crash
    crash.uninstall()


def fail_in_a_slot() -> None:
    raise ValueError("the grid has no row 42")


def test_an_exception_in_a_slot_is_logged_and_shown_with_copyable_details(
    handler: CrashHandler,
    presenter: CrashPresenter,
    qtbot: QtBot,
    caplog: pytest.LogCaptureFixture,
    tmp_path: Path,
) -> None:
    assert handler.exit_code == 0
    QTimer.singleShot(0, fail_in_a_slot)
    qtbot.waitUntil(lambda: presenter.dialog is not None)
    dialog = presenter.dialog
    assert isinstance(dialog, CrashDialog) and dialog.isVisible()
    assert dialog.summary.text() == "What happened: ValueError: the grid has no row 42"
    details = dialog.details.toPlainText()
    assert "Traceback (most recent call last)" in details and "in fail_in_a_slot" in details
    assert dialog.log_path.text() == str(tmp_path / "serm-reference.log")
    assert dialog.log_path.isReadOnly() and dialog.details.isReadOnly()
    dialog.copy_button.click()
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith("ValueError: the grid has no row 42")
    assert f"Log file: {tmp_path / 'serm-reference.log'}" in copied and "fail_in_a_slot" in copied
    [record] = [r for r in caplog.records if r.levelno == logging.CRITICAL]
    assert "ValueError: the grid has no row 42" in record.getMessage()
    assert record.exc_info is not None and record.exc_info[0] is ValueError
    assert handler.exit_code == ExitCode.UNEXPECTED_ERROR


def test_later_errors_update_the_open_dialog_instead_of_stacking_windows(
    handler: CrashHandler, presenter: CrashPresenter, qtbot: QtBot
) -> None:
    QTimer.singleShot(0, fail_in_a_slot)
    qtbot.waitUntil(lambda: presenter.dialog is not None)
    first = presenter.dialog
    assert first is not None and first.count.isHidden()

    def another() -> None:
        raise KeyError("ospemifene")

    QTimer.singleShot(0, another)
    qtbot.waitUntil(lambda: len(first.reports) == 2)
    assert presenter.dialog is first
    assert [w for w in QGuiApplication.topLevelWindows() if w.isVisible()].count(
        first.windowHandle()
    ) == 1
    assert first.summary.text() == "What happened: KeyError: 'ospemifene'"
    assert first.count.text().startswith("2 errors in this session")
    with qtbot.waitSignal(first.finished):
        first.continue_button.click()
    assert presenter.dialog is None  # the next error gets a fresh dialog


def test_an_error_on_another_thread_is_shown_on_the_gui_thread(
    presenter: CrashPresenter, qtbot: QtBot, tmp_path: Path
) -> None:
    shown_on: list[str] = []

    def recording(report: CrashReport, count: int) -> None:
        shown_on.append(threading.current_thread().name)
        presenter(report, count)

    crash = CrashHandler(tmp_path / "app.log", recording)
    crash.install()

    def work() -> None:
        raise OSError("disk went away")

    try:
        worker = threading.Thread(target=work, name="exporter")
        worker.start()
        worker.join()
        qtbot.waitUntil(lambda: presenter.dialog is not None)
    finally:
        crash.uninstall()
    assert shown_on == [threading.main_thread().name]
    dialog = presenter.dialog
    assert dialog is not None and dialog.reports[0].thread == "exporter"
    assert dialog.summary.text() == "What happened: OSError: disk went away"


def test_quit_closes_the_windows_so_they_can_save(
    handler: CrashHandler,
    presenter: CrashPresenter,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    closed: list[bool] = []
    exits: list[int] = []
    # Recorded, not done: a real exit() outside exec() would leave this test process's
    # event loop quitting, and later tests' timers would never fire.
    monkeypatch.setattr(QCoreApplication, "exit", staticmethod(exits.append))

    class Window(QWidget):
        def closeEvent(self, event: object) -> None:
            closed.append(True)

    window = Window()
    qtbot.addWidget(window)
    window.show()
    QTimer.singleShot(0, fail_in_a_slot)
    qtbot.waitUntil(lambda: presenter.dialog is not None)
    presenter.dialog.quit_button.click()  # type: ignore[union-attr]
    assert closed == [True]
    assert not window.isVisible()
    assert exits == [70]


def test_without_windows_the_error_goes_to_stderr_with_the_log_path(tmp_path: Path) -> None:
    stream = io.StringIO()
    crash = CrashHandler(tmp_path / "app.log", None, stream)
    crash.install()
    try:
        try:
            fail_in_a_slot()
        except ValueError:
            sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]
    finally:
        crash.uninstall()
    written = stream.getvalue()
    assert written.startswith(
        "serm-reference: unexpected error: ValueError: the grid has no row 42"
    )
    assert "in fail_in_a_slot" in written
    assert f"Details are in the log: {tmp_path / 'app.log'}" in written
    assert crash.exit_code == ExitCode.UNEXPECTED_ERROR
    assert sys.excepthook is not crash._excepthook  # uninstalled


def test_a_repeating_error_is_logged_a_few_times_then_only_counted(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    stream = io.StringIO()
    crash = CrashHandler(tmp_path / "app.log", None, stream)
    for _ in range(1000):  # e.g. a paint event failing on every frame
        try:
            fail_in_a_slot()
        except ValueError as error:
            crash.handle(ValueError, error, error.__traceback__)
    messages = [r.getMessage() for r in caplog.records if r.levelno == logging.CRITICAL]
    assert len(messages) == 3 + 3  # in full three times, then at 10, 100 and 1,000
    assert messages[-1] == (
        "the same error again (1000 times so far): ValueError: the grid has no row 42"
    )
    assert stream.getvalue().count("unexpected error:") == 3
    assert crash.error_count == 1000


def test_errors_in_finalisers_are_logged_not_shown(
    handler: CrashHandler, presenter: CrashPresenter, caplog: pytest.LogCaptureFixture
) -> None:
    class Leaky:
        def __del__(self) -> None:
            raise RuntimeError("closing a file twice")

    Leaky()  # collected at once: the error is "unraisable"
    logged = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert logged and "RuntimeError: closing a file twice" in (logged[-1].exc_text or "")
    assert presenter.dialog is None and handler.exit_code == 0


def _run(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONFAULTHANDLER"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


HARD_CRASH = """
import sys
from pathlib import Path
from desktop_app.reliability.crash import enable_faulthandler, disable_faulthandler
kept = enable_faulthandler(Path(sys.argv[1]))
print(kept or "", flush=True)
if sys.argv[2] == "crash":
    import ctypes
    ctypes.string_at(0)  # a segmentation fault, as a broken driver or library would cause
disable_faulthandler()
"""


def test_a_hard_crash_leaves_its_stacks_and_the_next_start_keeps_them(tmp_path: Path) -> None:
    crashed = _run(HARD_CRASH, str(tmp_path), "crash")
    assert crashed.returncode != 0
    fault = tmp_path / FAULT_FILE_NAME
    written = fault.read_text(encoding="utf-8")
    assert "Fatal Python error: Segmentation fault" in written
    assert "<string>" in written  # the Python stack that led there

    clean = _run(HARD_CRASH, str(tmp_path), "run")
    assert clean.returncode == 0, clean.stderr
    kept = Path(clean.stdout.strip())
    assert kept.parent == tmp_path and kept.name.startswith("hard-crash-")
    assert kept.read_text(encoding="utf-8") == written
    assert not fault.exists()  # a clean session leaves no empty file behind


APP_WITH_A_FAILING_SLOT = """
import sys
from PySide6.QtCore import QTimer, qWarning
from PySide6.QtWidgets import QApplication
from desktop_app.app import create_application
from desktop_app.cli import run

create_application(["serm-reference"])

def fail():
    qWarning("probe: a warning from Qt")
    raise RuntimeError("injected failure")

QTimer.singleShot(0, fail)
QTimer.singleShot(0, QApplication.closeAllWindows)  # then quit, as a user would
sys.exit(run(sys.argv[1:]))
"""


def test_the_real_app_reports_an_unexpected_error_and_exits_with_70(
    tmp_path: Path, database_path: Path
) -> None:
    done = _run(
        APP_WITH_A_FAILING_SLOT,
        "--db",
        str(database_path),
        "--basedir",
        str(tmp_path),
        "--no-err-windows",
    )
    assert done.returncode == ExitCode.UNEXPECTED_ERROR, done.stderr
    assert "serm-reference: unexpected error: RuntimeError: injected failure" in done.stderr
    log = (tmp_path / "logs" / "serm-reference.log").read_text(encoding="utf-8")
    assert "CRITICAL desktop_app.reliability.crash: unexpected error in thread MainThread" in log
    assert ", in fail\nRuntimeError: injected failure" in log  # the traceback is in the log
    assert "WARNING qt: probe: a warning from Qt" in log  # Qt's own messages too
    assert (tmp_path / "window-state.ini").is_file()  # the session still closed and saved
    assert not (tmp_path / "logs" / FAULT_FILE_NAME).exists()


APP_THAT_DIES = """
import ctypes
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from desktop_app.app import create_application
from desktop_app.cli import run

create_application(["serm-reference"])
if sys.argv[1] == "segfault":
    QTimer.singleShot(0, lambda: ctypes.string_at(0))  # a broken library, just after start
else:
    QTimer.singleShot(0, QApplication.closeAllWindows)
sys.exit(run(sys.argv[2:]))
"""


def test_a_hard_crash_at_start_is_reported_next_time_and_not_repeated(
    tmp_path: Path, database_path: Path
) -> None:
    arguments = ["--db", str(database_path), "--basedir", str(tmp_path), "--no-err-windows"]
    died = _run(APP_THAT_DIES, "segfault", *arguments)
    assert died.returncode != 0
    assert "Segmentation fault" in (tmp_path / "logs" / FAULT_FILE_NAME).read_text("utf-8")
    assert (tmp_path / "start-in-progress").is_file()

    again = _run(APP_THAT_DIES, "quit", *arguments)
    assert again.returncode == 0, again.stderr
    [kept] = sorted((tmp_path / "logs").glob("hard-crash-*.log"))
    assert f"The last session ended unexpectedly. What was known about it is kept in {kept}" in (
        again.stderr
    )
    assert "The last start did not finish, so the app opened on the start page" in again.stderr
    assert not (tmp_path / "start-in-progress").exists()
    log = (tmp_path / "logs" / "serm-reference.log").read_text(encoding="utf-8")
    assert f"the previous session ended in a hard crash; its stacks are in {kept}" in log

    third = _run(APP_THAT_DIES, "quit", *arguments)
    assert third.returncode == 0 and third.stderr == ""  # back to normal
