"""A full disk or a read-only folder: a clear message, no crash, nothing saved is lost.

Both are real conditions, made in a child process with its own mount namespace
(``unshare``; as a normal user, ``unshare -rm`` maps you to root inside it):

* full disk: a 1 MB tmpfs mounted over the store's folder, filled by the store
  itself until SQLite reports SQLITE_FULL;
* read-only folder: a read-only bind mount of the folder, which even root cannot
  write through (chmod would not stop root). As a normal user a plain
  ``chmod 0555`` gives the same refusal, so that is used instead.

The child prints a JSON report; the data itself is then checked again here.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from desktop_app.userdata import UserStore

ROOT = Path(__file__).resolve().parent.parent
AS_ROOT = os.geteuid() == 0
NAMESPACE = ["unshare", "--mount"] if AS_ROOT else ["unshare", "--map-root-user", "--mount"]

FULL_DISK_CHILD = r"""
import json, os, sys
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from desktop_app.userdata import UserDataError, UserStore

path = Path(sys.argv[2]) / "userdata.sqlite"
report = {}
store = UserStore.open(path)
for n in range(1, 21):
    store.add_bookmark(f"serm://reference/{n}", f"Reference {n}")
store.save_note("serm://agent/raloxifene", "Raloxifene", "a note saved before the disk filled")
failure = None
for n in range(1, 1000):
    try:
        store.save_note(f"serm://section/filler-{n}", "Filler", os.urandom(20000).hex())
    except UserDataError as error:
        failure = error
        break
report["error"] = type(failure).__name__
report["message"] = failure.message
report["failed_note_absent"] = store.note(f"serm://section/filler-{n}") is None
report["fillers"] = n - 1
report["bookmarks"] = [b.title for b in store.bookmarks()]
report["note"] = store.note("serm://agent/raloxifene").text
report["integrity"] = store.integrity_ok()
store.close()  # the closing backup cannot be written either: logged, not raised
again = UserStore.open(path)
report["reopened_bookmarks"] = [b.title for b in again.bookmarks()]
report["reopened_note"] = again.note("serm://agent/raloxifene").text
report["reopened_notes"] = len(again.notes())
report["reopened_integrity"] = again.integrity_ok()
again.close()
print(json.dumps(report))
"""

READ_ONLY_CHILD = r"""
import json, os, sys
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from desktop_app.userdata import UserDataReadOnlyError, UserStore

path = Path(sys.argv[2])
store = UserStore.open(path)
note = store.note("serm://agent/raloxifene")
report = {
    "writable": store.writable,
    "notices": [[n.title, n.message] for n in store.notices],
    "bookmarks": [b.uri for b in store.bookmarks()],
    "note": note.text if note else None,
    "search": [h.uri for h in store.search_notes("thrombo")],
}
refusals = []
for attempt in (
    lambda: store.add_bookmark("serm://agent/tamoxifen", "Tamoxifen"),
    lambda: store.save_note("serm://agent/raloxifene", "Raloxifene", "changed"),
    lambda: store.record_visit("serm://agent/raloxifene", "Raloxifene"),
    lambda: store.clear_history(),
    lambda: store.backup(),
):
    try:
        attempt()
        refusals.append("saved?!")
    except UserDataReadOnlyError as error:
        refusals.append(error.message)
report["refusals"] = refusals
store.close()
print(json.dumps(report))
"""


def _run(setup: str, code: str, *args: str, prefix: list[str] = NAMESPACE) -> dict[str, Any]:
    command = [*prefix, "sh", "-ec", setup + '\nexec "$@"', "sh", sys.executable, "-c", code]
    done = subprocess.run(
        [*command, str(ROOT), *args], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    report: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return report


def test_a_full_disk_refuses_the_change_clearly_and_loses_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "profile"
    folder.mkdir()
    report = _run(f"mount -t tmpfs -o size=1m tmpfs '{folder}'", FULL_DISK_CHILD, str(folder))
    assert report["error"] == "UserDataFullError"
    assert "disk is full" in report["message"]
    assert "Nothing you saved before has been changed" in report["message"]
    assert report["failed_note_absent"]  # the refused change left no trace
    assert report["fillers"] > 3  # the disk really filled up from the store's own writes
    expected = [f"Reference {n}" for n in range(1, 21)]
    assert report["bookmarks"] == report["reopened_bookmarks"] == expected
    assert report["note"] == report["reopened_note"] == "a note saved before the disk filled"
    assert report["reopened_notes"] == report["fillers"] + 1
    assert report["integrity"] and report["reopened_integrity"]


@contextmanager
def _read_only(folder: Path) -> Iterator[tuple[str, list[str]]]:
    """(setup command, process prefix) that make ``folder`` read-only for the child."""
    if AS_ROOT:
        yield f"mount --bind '{folder}' '{folder}'; mount -o remount,bind,ro '{folder}'", NAMESPACE
        return
    folder.chmod(0o555)
    try:
        yield "true", []
    finally:
        folder.chmod(0o755)


def _saved_store(folder: Path) -> UserStore:
    store = UserStore.open(folder / "userdata.sqlite")
    store.add_bookmark("serm://agent/raloxifene", "Raloxifene")
    store.add_bookmark("serm://reference/4", "Reference 4")
    store.save_note("serm://agent/raloxifene", "Raloxifene", "thrombosis risk: ask")
    return store


def _assert_read_only_report(report: dict[str, Any], folder: Path) -> None:
    assert report["writable"] is False
    titles = [title for title, _ in report["notices"]]
    assert "Changes to bookmarks and notes cannot be saved" in titles
    message = report["notices"][-1][1]
    assert "read-only" in message and str(folder) in message and "--basedir" in message
    assert report["note"] == "thrombosis risk: ask"
    assert report["search"] == ["serm://agent/raloxifene"]
    assert len(report["refusals"]) == 5
    assert all("cannot be saved: the folder is read-only" in r for r in report["refusals"])


def _assert_intact(database: Path, bookmarks: list[str]) -> None:
    raw = sqlite3.connect(database)
    assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert [u for (u,) in raw.execute("SELECT uri FROM bookmarks ORDER BY position")] == bookmarks
    raw.close()


def test_a_read_only_folder_shows_what_was_saved_and_refuses_changes(tmp_path: Path) -> None:
    folder = tmp_path / "profile"
    folder.mkdir()
    _saved_store(folder).close()
    before = sorted(p.name for p in folder.rglob("*"))
    with _read_only(folder) as (setup, prefix):
        report = _run(setup, READ_ONLY_CHILD, str(folder / "userdata.sqlite"), prefix=prefix)
    _assert_read_only_report(report, folder)
    assert report["bookmarks"] == ["serm://agent/raloxifene", "serm://reference/4"]
    assert sorted(p.name for p in folder.rglob("*")) == before
    _assert_intact(folder / "userdata.sqlite", report["bookmarks"])


def test_a_read_only_folder_still_shows_changes_waiting_in_the_log(tmp_path: Path) -> None:
    folder = tmp_path / "profile"
    folder.mkdir()
    store = _saved_store(folder)  # left open: its last changes live only in the -wal file
    try:
        store.add_bookmark("serm://compare/vte/raloxifene", "VTE — raloxifene")
        assert (folder / "userdata.sqlite-wal").stat().st_size > 0
        with _read_only(folder) as (setup, prefix):
            report = _run(setup, READ_ONLY_CHILD, str(folder / "userdata.sqlite"), prefix=prefix)
    finally:
        store.close()
    _assert_read_only_report(report, folder)
    assert report["bookmarks"][-1] == "serm://compare/vte/raloxifene"
    _assert_intact(folder / "userdata.sqlite", report["bookmarks"])


def test_a_folder_that_cannot_be_created_gives_an_empty_read_only_store(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    with _read_only(folder) as (setup, prefix):
        report = _run(
            setup, READ_ONLY_CHILD, str(folder / "new" / "userdata.sqlite"), prefix=prefix
        )
    assert report["writable"] is False and report["bookmarks"] == []
    assert all("cannot be saved" in r for r in report["refusals"])
    assert not (folder / "new").exists()


CLOSE_ON_FULL_DISK_CHILD = r"""
import json, os, sys
sys.path.insert(0, sys.argv[1])
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from desktop_app.content import ContentRepository
from desktop_app.ui.assembly import complete_window
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.settings import Preferences, WindowStateStore
from desktop_app.userdata import UserDataError, UserStore

folder, outside, database = (Path(arg) for arg in sys.argv[2:5])
choice = sys.argv[5]
app = QApplication([])
repository = ContentRepository.open(database)
window = MainWindow(
    repository, Preferences(outside / "settings.ini"), WindowStateStore(outside / "state.ini")
)
store = UserStore.open(folder / "userdata.sqlite")
assembled = complete_window(window, repository, store)
window.show()
window.open_address("serm://agent/raloxifene")
n = 0
for size in (20000, 2000, 200, 20):  # fill the disk down to its last bytes
    while True:
        n += 1
        try:
            store.save_note(f"serm://section/filler-{n}", "Filler", os.urandom(size // 2).hex())
        except UserDataError:
            break
typed = "ALLERGY to X, typed while the disk was full. " * 40
assembled.personal.notes_pane.editor.setPlainText(typed)
rescued = outside / "rescued.txt"
guard = assembled.personal.unsaved_guard
guard._choose_path = lambda parent: rescued
report = {"questions": []}

def answer():
    box = guard.box
    if box is None:
        QTimer.singleShot(10, answer)
        return
    report["questions"].append(box.text())
    wanted = {"save": "Save Text", "cancel": "Don't Close"}[choice]
    next(b for b in box.buttons() if b.text().startswith(wanted)).click()

QTimer.singleShot(0, answer)
report["closed"] = window.close()
report["visible"] = window.isVisible()
report["rescued"] = rescued.read_text(encoding="utf-8") if rescued.exists() else None
report["typed"] = typed
print(json.dumps(report), flush=True)  # os._exit below skips the usual flush
os._exit(0)
"""


def _close_on_full_disk(tmp_path: Path, database_path: Path, answer: str) -> dict[str, Any]:
    """A window whose store sits on a full 1 MB tmpfs, closed with a note typed; the
    child answers the question with ``answer`` ("save" or "cancel")."""
    folder, outside = tmp_path / "profile", tmp_path / "outside"
    folder.mkdir()
    outside.mkdir()
    setup = f"mount -t tmpfs -o size=1m tmpfs '{folder}'"
    arguments = (str(folder), str(outside), str(database_path), answer)
    return _run(setup, CLOSE_ON_FULL_DISK_CHILD, *arguments)


def test_closing_with_a_note_the_full_disk_refused_asks_and_can_save_it_elsewhere(
    tmp_path: Path, database_path: Path
) -> None:
    """Once, closing dropped the refused text silently (exit 0, the old note on disk)."""
    report = _close_on_full_disk(tmp_path, database_path, "save")
    assert report["questions"] == ["1 note(s) could not be saved: the disk refused them."]
    assert report["closed"] is True and report["visible"] is False
    assert report["rescued"] is not None and report["typed"].rstrip() in report["rescued"]
    assert "serm://agent/raloxifene" in report["rescued"]


def test_dont_close_keeps_the_window_and_the_typed_text(
    tmp_path: Path, database_path: Path
) -> None:
    report = _close_on_full_disk(tmp_path, database_path, "cancel")
    assert report["closed"] is False and report["visible"] is True
    assert report["rescued"] is None
