"""SIGTERM (logout, shutdown, kill) is a normal quit: the note typed a moment ago is saved.

The child runs the real start (``run_gui``); once the personal layer is in the
window it types a note (the 700 ms autosave has not fired yet) and says so;
the test sends SIGTERM at once. Before, the process died with the note unsaved
and the next start set the window layout aside as if it had crashed.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.reliability.startup_guard import MARKER_NAME
from desktop_app.userdata import UserStore

ROOT = Path(__file__).resolve().parent.parent
TEXT = "typed a moment before logout: ALLERGY to X"

CHILD = r"""
import os, sys
sys.path.insert(0, sys.argv[1])
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from desktop_app.app import run_gui, create_application
from desktop_app.cli import build_parser
from desktop_app.ui.personal.layer import PersonalLayer

app = create_application()

def type_when_ready():
    windows = QApplication.topLevelWidgets()
    layers = [layer for w in windows for layer in w.findChildren(PersonalLayer)]
    if not layers:
        QTimer.singleShot(20, type_when_ready)
        return
    layers[0].notes_pane.editor.setPlainText(sys.argv[3])
    print("typed", flush=True)

QTimer.singleShot(0, type_when_ready)
args = build_parser().parse_args(
    ["--basedir", sys.argv[2], "--no-err-windows", "--open", "serm://agent/raloxifene"]
)
code = run_gui(args)
print(f"exit {code}", flush=True)
"""


@pytest.mark.skipif(os.name != "posix", reason="SIGTERM is POSIX")
def test_sigterm_saves_the_note_being_typed_and_quits_normally(tmp_path: Path) -> None:
    user = tmp_path / "user"
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(ROOT), str(user), TEXT],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    try:
        assert child.stdout.readline().strip() == "typed"
        child.send_signal(signal.SIGTERM)
        out, err = child.communicate(timeout=60)
    finally:
        child.kill()
    assert child.returncode == 0, err
    assert out.strip().splitlines()[-1] == "exit 0"
    assert not (user / MARKER_NAME).exists()  # a finished start, not a crash
    assert (user / "window-state.ini").is_file()
    with UserStore.open(user / "userdata.sqlite") as store:
        note = store.note("serm://agent/raloxifene")
        assert note is not None and note.text == TEXT


EARLY_CHILD = r"""
import os, signal, sys
sys.path.insert(0, sys.argv[1])
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from desktop_app.app import run_gui, create_application
from desktop_app.cli import build_parser
from desktop_app.ui.main_window import MainWindow

create_application()
show = MainWindow.show

def show_then_terminated(window):
    show(window)
    os.kill(os.getpid(), signal.SIGTERM)  # the window appears; the session ends at once

MainWindow.show = show_then_terminated
code = run_gui(build_parser().parse_args(["--basedir", sys.argv[2], "--no-err-windows"]))
print(f"exit {code}", flush=True)
"""


@pytest.mark.skipif(os.name != "posix", reason="SIGTERM is POSIX")
def test_sigterm_as_the_window_appears_is_a_normal_quit_not_a_failed_start(
    tmp_path: Path,
) -> None:
    """A logout or ``kill`` while the window is still starting (before its first paint
    and second stage) ends it normally: the next start restores the layout as usual
    instead of setting it aside as the remains of a crash."""
    user = tmp_path / "user"
    done = subprocess.run(
        [sys.executable, "-c", EARLY_CHILD, str(ROOT), str(user)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr  # not killed by the signal (-15)
    assert done.stdout.strip().splitlines()[-1] == "exit 0"
    assert not (user / MARKER_NAME).exists()
    assert (user / "window-state.ini").is_file()
