"""Help → Verify Installation: every step reported, in the background, cancellable on close."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from desktop_app.content.database import manifest_path
from desktop_app.content.verification import (
    FAILED,
    NOT_CHECKED,
    PASSED,
    Cancelled,
    Progress,
    VerificationCancelled,
    VerificationReport,
    verify_installation,
)
from desktop_app.ui.dialogs.verify import VerifyInstallationDialog
from desktop_app.ui.main_window import MainWindow
from tests.reader_helpers import (  # noqa: F401 (fixtures)
    OFFSCREEN_LIMITS,
    make_window_fixture,
    user_dir_fixture,
    window_fixture,
)

pytestmark = [pytest.mark.gui, *OFFSCREEN_LIMITS]

STEPS = ["file", "checksum", "integrity", "contents", "records"]


def _copy(database_path: Path, tmp_path: Path, manifest: bool = True) -> Path:
    target = tmp_path / "serm-reference.sqlite"
    shutil.copyfile(database_path, target)
    if manifest:
        shutil.copyfile(manifest_path(database_path), manifest_path(target))
    return target


def _statuses(report: VerificationReport) -> dict[str, str]:
    return {step.name: step.status for step in report.steps}


def test_an_intact_installation_passes_every_step(database_path: Path) -> None:
    heard: list[str] = []
    report = verify_installation(database_path, heard.append)
    assert heard == STEPS
    assert _statuses(report) == dict.fromkeys(STEPS, PASSED)
    assert report.passed and report.verdict == "The installation is intact."
    text = report.as_text()
    assert f"Content database: {database_path}" in text
    assert "quick_check ok" in text and "matches serm-reference.manifest.json" in text


def test_a_changed_byte_fails_the_checksum_and_the_other_steps_still_run(
    database_path: Path, tmp_path: Path
) -> None:
    path = _copy(database_path, tmp_path)
    data = bytearray(path.read_bytes())
    data[-700] ^= 0x01  # inside the last page's cells: SQLite itself may not notice
    path.write_bytes(bytes(data))
    report = verify_installation(path)
    statuses = _statuses(report)
    assert statuses["file"] == PASSED and statuses["checksum"] == FAILED
    assert statuses.keys() == set(STEPS)  # integrity and contents were still checked
    checksum = next(s for s in report.steps if s.name == "checksum")
    assert "SHA-256 differs from the manifest" in checksum.detail
    assert not report.passed and "Reinstall SERM Reference" in report.verdict


def test_an_unreadable_file_stops_after_the_first_step(tmp_path: Path) -> None:
    path = tmp_path / "serm-reference.sqlite"
    path.write_bytes(b"SQLite format 3\x00" + bytes(1000))  # not whole pages
    report = verify_installation(path)
    assert [(s.name, s.status) for s in report.steps] == [
        ("file", FAILED),
        ("checksum", NOT_CHECKED),
        ("integrity", NOT_CHECKED),
        ("contents", NOT_CHECKED),
        ("records", NOT_CHECKED),
    ]
    assert "not whole pages" in report.steps[0].detail


def test_without_a_manifest_the_checksum_is_reported_as_not_checked(
    database_path: Path, tmp_path: Path
) -> None:
    report = verify_installation(_copy(database_path, tmp_path, manifest=False))
    assert _statuses(report)["checksum"] == NOT_CHECKED
    assert not report.passed
    assert report.verdict.startswith("No damage was found, but this content is unverified")


def test_the_shipped_file_without_its_manifest_fails_the_check(
    database_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Deleting the manifest and editing a caution must never read "No problem was found"."""
    import desktop_app.content.database as database

    shipped = _copy(database_path, tmp_path, manifest=False)
    monkeypatch.delenv("SERM_REFERENCE_DB", raising=False)
    monkeypatch.setattr(database, "default_database_path", lambda: shipped)
    report = verify_installation(shipped)
    assert _statuses(report)["checksum"] == FAILED
    assert "manifest" in next(s.detail for s in report.steps if s.name == "checksum")
    assert not report.passed and "Reinstall SERM Reference" in report.verdict


def test_cancelling_stops_between_steps(database_path: Path) -> None:
    heard: list[str] = []
    with pytest.raises(VerificationCancelled):
        verify_installation(database_path, heard.append, lambda: len(heard) >= 2)
    assert heard == ["file", "checksum"]


def test_the_help_menu_runs_the_check_and_reports(window: MainWindow, qtbot: QtBot) -> None:
    help_menu = next(
        a.menu() for a in window.menuBar().actions() if a.text() == "&Help" and a.menu()
    )
    assert window.verify_action in help_menu.actions()
    window.verify_action.trigger()
    dialog = window.findChild(VerifyInstallationDialog)
    assert dialog is not None and dialog.isVisible()
    if dialog.report is None:
        with qtbot.waitSignal(dialog.checked, timeout=20_000):
            pass
    assert dialog.report is not None and dialog.report.passed
    assert dialog.status.text() == "The installation is intact."
    assert dialog.text.toPlainText() == dialog.report.as_text()
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == dialog.report.as_text()
    dialog.close()


def test_the_check_runs_off_the_gui_thread_and_the_dialog_stays_live(
    database_path: Path, tmp_path: Path, qtbot: QtBot
) -> None:
    path = _copy(database_path, tmp_path)
    gate = threading.Event()
    ran_on: list[threading.Thread] = []

    def held(
        target: Path, progress: Progress | None, cancelled: Cancelled | None
    ) -> VerificationReport:
        ran_on.append(threading.current_thread())
        gate.wait(30)
        return verify_installation(target, progress, cancelled)

    dialog = VerifyInstallationDialog(path, verify=held)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.start()
    qtbot.waitUntil(lambda: bool(ran_on))
    assert ran_on[0] is not threading.main_thread()
    assert dialog.running() and dialog.status.text() == "Checking…"
    assert not dialog.copy_button.isEnabled() and not dialog.again_button.isEnabled()
    with qtbot.waitSignal(dialog.checked, timeout=20_000) as checked:
        gate.set()
    assert isinstance(checked.args[0], VerificationReport) and checked.args[0].passed
    assert dialog.again_button.isEnabled()

    path.write_bytes(path.read_bytes()[:-512])  # the file changes; "Check Again" notices
    with qtbot.waitSignal(dialog.checked, timeout=20_000):
        dialog.again_button.click()
    assert dialog.report is not None and not dialog.report.passed
    assert dialog.status.text().startswith("The content database is damaged or has been changed")


def test_closing_the_dialog_cancels_a_running_check(database_path: Path, qtbot: QtBot) -> None:
    started = threading.Event()
    outcome: list[str] = []

    def slow(
        target: Path, progress: Progress | None, cancelled: Cancelled | None
    ) -> VerificationReport:
        assert cancelled is not None
        started.set()
        while not cancelled():  # a long check that looks at the flag, as the real one does
            threading.Event().wait(0.01)
        try:
            return verify_installation(target, progress, cancelled)
        except VerificationCancelled:
            outcome.append("cancelled")
            raise

    dialog = VerifyInstallationDialog(database_path, verify=slow)
    qtbot.addWidget(dialog)
    heard: list[object] = []
    dialog.checked.connect(heard.append)
    dialog.show()
    dialog.start()
    assert started.wait(20)
    dialog.close()  # returns once the worker has left
    assert outcome == ["cancelled"] and not dialog.running()
    QCoreApplication.processEvents()  # deliver any queued signal: there must be none
    assert heard == [] and dialog.report is None


def test_a_window_over_unverified_content_says_so_on_every_page(
    database_path: Path, tmp_path: Path, qtbot: QtBot, user_dir: Path
) -> None:
    from desktop_app.content import ContentRepository
    from desktop_app.ui.settings import Preferences, WindowStateStore

    repository = ContentRepository.open(_copy(database_path, tmp_path, manifest=False))
    try:
        window = MainWindow(
            repository,
            Preferences(user_dir / "settings.ini"),
            WindowStateStore(user_dir / "window-state.ini"),
        )
        qtbot.addWidget(window)
        window.show()
        assert window.unverified_label is not None and window.unverified_label.isVisible()
        assert "Unverified content" in window.unverified_label.text()
        for address in ("serm://agent/raloxifene", "serm://compare/vte"):
            window.open_address(address)
            assert "(unverified content)" in window.windowTitle()
        window.close()
    finally:
        repository.close()


def test_a_window_over_the_verified_content_shows_no_warning(window: MainWindow) -> None:
    assert window.unverified_label is None
    assert "unverified" not in window.windowTitle()
