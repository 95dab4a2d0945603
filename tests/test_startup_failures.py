"""Start-up: a content file that cannot be used, or a start that crashed, never loops or lies.

Each way the content database can be wrong gives the start-up dialog (what is
wrong, where the file is, what to do, where the log is) or one stderr message,
exit code 3, the reason in the log, and the same again at the next start. A
window that crashes while being built exits with 70, and the next start does
not restore what it was restoring.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox

from desktop_app.app import run_gui
from desktop_app.cli import build_parser
from desktop_app.content.database import manifest_path
from desktop_app.exit_codes import ExitCode
from desktop_app.reliability.startup_guard import MARKER_NAME
from desktop_app.ui.dialogs.crash import CrashDialog
from desktop_app.ui.dialogs.startup import StartupFailureDialog
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.settings import WindowStateStore
from tests.reader_helpers import OFFSCREEN_LIMITS

pytestmark = [pytest.mark.gui, pytest.mark.qt_no_exception_capture, *OFFSCREEN_LIMITS]


def _copy(database: Path, target: Path, manifest: bool) -> Path:
    shutil.copyfile(database, target)
    if manifest:
        shutil.copyfile(manifest_path(database), manifest_path(target))
    return target


def _missing(database: Path, folder: Path) -> Path:
    return folder / "serm-reference.sqlite"


def _empty(database: Path, folder: Path) -> Path:
    path = folder / "serm-reference.sqlite"
    path.write_bytes(b"")
    return path


def _a_folder(database: Path, folder: Path) -> Path:
    path = folder / "serm-reference.sqlite"
    path.mkdir()
    return path


def _random_bytes(database: Path, folder: Path) -> Path:
    path = folder / "serm-reference.sqlite"
    path.write_bytes(os.urandom(64 * 1024))
    return path


def _truncated(database: Path, folder: Path) -> Path:
    path = _copy(database, folder / "serm-reference.sqlite", manifest=False)
    with path.open("r+b") as handle:
        handle.truncate(path.stat().st_size // 2 + 100)  # mid-page, as a copy cut short
    return path


def _tampered(database: Path, folder: Path) -> Path:
    path = _copy(database, folder / "serm-reference.sqlite", manifest=True)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x20  # one changed letter somewhere in the content
    path.write_bytes(bytes(data))
    return path


def _newer_schema(database: Path, folder: Path) -> Path:
    path = _copy(database, folder / "serm-reference.sqlite", manifest=False)
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA user_version = 99")
    connection.close()
    return path


BROKEN: dict[str, tuple[Callable[[Path, Path], Path], str, str]] = {
    # name: (make the file, the headline, words of "what is wrong")
    "missing": (_missing, "The content database file is missing.", ""),
    "empty": (_empty, "The content database file is empty.", ""),
    "not a file": (_a_folder, "cannot be read", "it is not a regular file"),
    "random bytes": (_random_bytes, "is damaged", "SQLite file header"),
    "truncated": (_truncated, "is damaged", "truncated"),
    "tampered": (_tampered, "does not match the checksum", "BLAKE2b-256 differs"),
    "newer schema": (_newer_schema, "different version", "file schema 99 is newer"),
}


def start(*arguments: str) -> int:
    return run_gui(build_parser().parse_args(list(arguments)))


def when_the_loop_runs(action: Callable[[], None]) -> None:
    """Run ``action`` on the first turn of the next event loop (a dialog's, or the app's)."""
    QTimer.singleShot(0, action)


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_content_file_gives_the_dialog_exit_3_and_the_log(
    case: str,
    database_path: Path,
    tmp_path: Path,
    qapp: QApplication,
    capsys: pytest.CaptureFixture[str],
) -> None:
    make, headline, what = BROKEN[case]
    (tmp_path / "install").mkdir()
    path = make(database_path, tmp_path / "install")
    before = sorted(p.name for p in (tmp_path / "install").iterdir())
    user = tmp_path / "user"
    seen: list[tuple[str, str, str]] = []

    def read_and_close() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, StartupFailureDialog):
            seen.append((dialog.windowTitle(), dialog.text(), dialog.informativeText()))
            dialog.button(QMessageBox.StandardButton.Close).click()
        elif dialog is not None:  # never leave a test blocked on a dialog
            seen.append((type(dialog).__name__, "", ""))
            dialog.close()

    for _attempt in range(2):  # and the same again at the next start: no loop, no new state
        when_the_loop_runs(read_and_close)
        assert start("--db", str(path), "--basedir", str(user)) == 3
    assert seen[0] == seen[1]
    title, text, explanation = seen[0]
    assert title == "SERM Reference cannot start"
    assert headline in text
    if what:
        assert explanation.startswith("What is wrong: ") and what in explanation.splitlines()[0]
    else:  # the headline says it all
        assert "What is wrong" not in explanation
    assert f"Where the file is: {path}" in explanation
    assert "What to do: Reinstall SERM Reference" in explanation or "What to do: Install" in (
        explanation
    )
    log_file = user / "logs" / "serm-reference.log"
    assert f"The reason is also written to the log: {log_file}" in explanation
    logged = log_file.read_text(encoding="utf-8")
    assert logged.count(f"ERROR   desktop_app.ui.session_safety: content database: {text}") == 2
    assert capsys.readouterr().err == ""  # no traceback anywhere
    assert not (user / MARKER_NAME).exists()
    assert sorted(p.name for p in (tmp_path / "install").iterdir()) == before  # nothing created


@pytest.mark.parametrize("case", ["missing", "tampered", "newer schema"])
def test_without_windows_the_reason_goes_to_stderr(
    case: str, database_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make, headline, what = BROKEN[case]
    (tmp_path / "install").mkdir()
    path = make(database_path, tmp_path / "install")
    code = start("--db", str(path), "--temp-basedir", "--no-err-windows")
    assert code == 3
    err = capsys.readouterr().err
    assert err.startswith(f"serm-reference: {headline}" if headline.startswith("The") else "ser")
    assert headline in err and what in err and f"File: {path}" in err
    assert "Traceback" not in err


def _save_a_window_state(user: Path) -> bytes:
    store = WindowStateStore(user / "window-state.ini")
    history = {"entries": [{"address": "serm://agent/raloxifene", "scroll": 0}], "index": 0}
    store.save(
        QByteArray(), QByteArray(), QByteArray(), True, [{"kind": "page", "history": history}], 0
    )
    return (user / "window-state.ini").read_bytes()


def test_a_window_that_crashes_while_starting_exits_70_and_is_not_restored_next_time(
    database_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    user = tmp_path / "user"
    user.mkdir()
    saved = _save_a_window_state(user)

    def broken_restore(self: MainWindow) -> None:
        raise RuntimeError("a saved tab the window cannot rebuild")

    with monkeypatch.context() as patch:
        patch.setattr(MainWindow, "restore_tabs", broken_restore)
        code = start("--db", str(database_path), "--basedir", str(user), "--no-err-windows")
    assert code == ExitCode.UNEXPECTED_ERROR
    err = capsys.readouterr().err
    assert "unexpected error: RuntimeError: a saved tab the window cannot rebuild" in err
    assert (user / MARKER_NAME).is_file()  # that start never finished

    opened: list[str] = []

    def look_and_quit() -> None:
        windows = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        ]
        opened.extend(w.current_address() for w in windows if w.isVisible())
        QApplication.closeAllWindows()

    when_the_loop_runs(look_and_quit)
    assert start("--db", str(database_path), "--basedir", str(user), "--no-err-windows") == 0
    err = capsys.readouterr().err
    assert "The last start did not finish" in err
    kept = sorted(user.glob("window-state.damaged-*.ini"))
    assert len(kept) == 1 and kept[0].read_bytes() == saved  # set aside, byte for byte
    assert f"The previous layout is kept as {kept[0]}" in err
    assert opened == ["serm://home"]  # the home page, not the saved tab
    assert not (user / MARKER_NAME).exists()

    when_the_loop_runs(QApplication.closeAllWindows)  # a third start is an ordinary one
    assert start("--db", str(database_path), "--basedir", str(user), "--no-err-windows") == 0
    assert capsys.readouterr().err == ""


def test_a_crash_while_starting_shows_the_crash_dialog_without_a_continue(
    database_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_init(self: MainWindow, *args: object, **kwargs: object) -> None:
        QMainWindow.__init__(self)
        raise LookupError("no such dock")

    monkeypatch.setattr(MainWindow, "__init__", broken_init)
    seen: list[tuple[str, str, bool, str]] = []

    def read_and_close() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, CrashDialog):
            hidden, label = dialog.quit_button.isHidden(), dialog.continue_button.text()
            seen.append((type(dialog).__name__, dialog.summary.text(), hidden, label))
            dialog.continue_button.click()
        elif dialog is not None:  # never leave a test blocked on a dialog
            seen.append((type(dialog).__name__, "", False, ""))
            dialog.close()

    when_the_loop_runs(read_and_close)
    assert (
        start("--db", str(database_path), "--basedir", str(tmp_path)) == ExitCode.UNEXPECTED_ERROR
    )
    assert seen == [("CrashDialog", "What happened: LookupError: no such dock", True, "&Close")]
    log = (tmp_path / "logs" / "serm-reference.log").read_text(encoding="utf-8")
    assert "LookupError: no such dock" in log


def test_a_user_folder_that_cannot_be_made_stops_with_a_message_and_exit_4(
    database_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    in_the_way = tmp_path / "not-a-folder"
    in_the_way.write_text("a file where the user folder should be", encoding="utf-8")
    arguments = ("--db", str(database_path), "--basedir", str(in_the_way))
    assert start(*arguments, "--no-err-windows") == 4
    err = capsys.readouterr().err
    assert err.startswith("serm-reference: SERM Reference cannot create or write its folder")
    assert "What is wrong: a file is in the way of the folder." in err
    assert f"Where: {in_the_way}" in err and "--basedir" in err and "Traceback" not in err

    seen: list[str] = []

    def read_and_close() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QMessageBox):
            seen.append(dialog.informativeText())
        if dialog is not None:
            dialog.close()

    when_the_loop_runs(read_and_close)
    assert start(*arguments) == 4
    assert len(seen) == 1 and f"Where: {in_the_way}" in seen[0]
    assert in_the_way.read_text(encoding="utf-8").startswith("a file where")  # left alone


def test_everything_a_session_writes_is_private_to_the_user(
    database_path: Path, tmp_path: Path
) -> None:
    """Notes, history, window state and logs: 0600 files in 0700 folders, whatever the umask."""
    user = tmp_path / "new-profile"
    before = os.umask(0o022)
    try:
        when_the_loop_runs(QApplication.closeAllWindows)
        assert start("--db", str(database_path), "--basedir", str(user), "--no-err-windows") == 0
        assert os.umask(0o022) == 0o022  # the test process's mask is given back
    finally:
        os.umask(before)
    written = list(user.rglob("*"))
    assert {"window-state.ini", "logs"} <= {p.name for p in written}, written
    for path in [user, *written]:
        expected = 0o700 if path.is_dir() else 0o600
        assert path.stat().st_mode & 0o777 == expected, path
