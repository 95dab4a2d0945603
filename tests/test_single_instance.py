"""One window per profile: a second start hands its address to the running window.

Two real processes on one user folder: the first runs the real start
(``run_gui``, offscreen) and reports the address its window shows; the second
is ``python -m desktop_app --basedir SAME serm://compare/vte``, as a desktop's
URL handler or another program would start it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop_app.exit_codes import ExitCode
from desktop_app.reliability.instance import InstanceLock, send_request, take_requests

ROOT = Path(__file__).resolve().parent.parent

FIRST = r"""
import os, sys
sys.path.insert(0, sys.argv[1])
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from desktop_app.app import create_application, run_gui
from desktop_app.cli import build_parser
from desktop_app.ui.main_window import MainWindow

app = create_application()
state = {"ready": False}

def watch():
    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
    if windows and not state["ready"]:
        state["ready"] = True
        print("ready", flush=True)
    if windows and windows[0].current_address() == sys.argv[3]:
        shown = windows[0].current_address()
        print(f"showing {shown} in {windows[0].tabs.count()} tabs", flush=True)
        windows[0].close()
        return
    QTimer.singleShot(20, watch)

QTimer.singleShot(0, watch)
code = run_gui(build_parser().parse_args(["--basedir", sys.argv[2], "--no-err-windows"]))
print(f"exit {code}", flush=True)
"""


def _second(user: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "desktop_app",
            "--basedir",
            str(user),
            "--no-err-windows",
            *arguments,
        ],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )


def _start_first(user: Path, expected: str) -> subprocess.Popen[str]:
    first = subprocess.Popen(
        [sys.executable, "-c", FIRST, str(ROOT), str(user), expected],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert first.stdout is not None
    assert first.stdout.readline().strip() == "ready"
    return first


def test_a_second_start_opens_its_address_in_the_running_window(tmp_path: Path) -> None:
    user = tmp_path / "user"
    first = _start_first(user, "serm://compare/vte")
    try:
        second = _second(user, "serm://compare/vte")
        assert second.returncode == ExitCode.OK, second.stderr
        out, err = first.communicate(timeout=60)
    finally:
        first.kill()
    lines = out.strip().splitlines()
    assert lines[-2] == "showing serm://compare/vte in 2 tabs", err  # a new tab, start page kept
    assert lines[-1] == "exit 0"
    assert not list((user / "inbox").glob("*"))


@pytest.mark.slow
def test_a_running_window_that_does_not_answer_gets_a_clear_message(tmp_path: Path) -> None:
    user = tmp_path / "user"
    first = _start_first(user, "never")
    try:
        first.send_signal(signal.SIGSTOP)  # hung: holds the lock, reads nothing
        started = time.monotonic()
        second = _second(user, "--open", "serm://agent/raloxifene")
        waited = time.monotonic() - started
        first.send_signal(signal.SIGCONT)
    finally:
        first.kill()
        first.communicate(timeout=60)
    assert second.returncode == ExitCode.ALREADY_RUNNING
    assert "already running with this profile" in second.stderr
    assert "does not answer" in second.stderr
    assert waited < 30
    assert not list((user / "inbox").glob("*.request.json"))  # the request was withdrawn


def test_the_lock_is_free_again_after_the_holder_is_killed(tmp_path: Path) -> None:
    """SIGKILL leaves no stale lock: the OS drops it with the process."""
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; sys.path.insert(0, sys.argv[1]);"
            "from pathlib import Path;"
            "from desktop_app.reliability.instance import InstanceLock;"
            "assert InstanceLock(Path(sys.argv[2])).acquire(); print('held', flush=True);"
            "time.sleep(60)",
            str(ROOT),
            str(tmp_path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    assert not InstanceLock(tmp_path).acquire()
    holder.kill()
    holder.wait(timeout=30)
    holder.stdout.close()
    lock = InstanceLock(tmp_path)
    assert lock.acquire()
    lock.release()


def test_requests_are_taken_whole_and_oldest_first(tmp_path: Path) -> None:
    send_request(tmp_path, "serm://agent/tamoxifen")
    send_request(tmp_path, None)
    (tmp_path / "inbox" / "junk.request.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "inbox" / "half.request.json.partial").write_text("{", encoding="utf-8")
    assert take_requests(tmp_path) == ["serm://agent/tamoxifen", None]
    assert [p.name for p in (tmp_path / "inbox").iterdir()] == ["half.request.json.partial"]


def test_a_start_marker_of_a_live_process_is_not_a_crashed_start(tmp_path: Path) -> None:
    from desktop_app.reliability.startup_guard import StartupGuard

    guard = StartupGuard(tmp_path)
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        guard.marker.write_text(f"pid {live.pid} started now\n", encoding="utf-8")
        assert not guard.previous_start_failed()  # another window is starting, not a crash
    finally:
        live.kill()
        live.wait(timeout=30)
    assert guard.previous_start_failed()  # its process is gone: that start died
    guard.marker.write_text("garbage", encoding="utf-8")
    assert guard.previous_start_failed()


def test_requests_left_by_a_killed_start_are_dropped(tmp_path: Path) -> None:
    stale = send_request(tmp_path, "serm://agent/tamoxifen")
    an_hour_ago = time.time() - 3600
    os.utime(stale, (an_hour_ago, an_hour_ago))
    send_request(tmp_path, "serm://compare/vte")
    assert take_requests(tmp_path, not_before=time.time() - 60) == ["serm://compare/vte"]
    assert not stale.exists()
