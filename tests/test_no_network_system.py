"""No network, proof 2 of 3: the real process, C libraries and all, opens no internet socket.

The app runs as its own process, in a network namespace of its own (``unshare
-n``: only a loopback that is down, so nothing could leave even by mistake),
under ``strace -f -e trace=socket,connect``, which records every socket any
thread or child creates and every connect, whoever asks (Python, Qt, fontconfig,
D-Bus, the C library's resolver). Any ``AF_INET``/``AF_INET6`` socket fails the
test; the local ``AF_UNIX`` sockets a desktop process may open are listed in the
failure message for context. A control run of a one-line Python script that
does open an internet socket proves the harness would notice.

Two runs: ``--self-test`` (every page rendered, search, SQLite and Qt checks),
and the window through the normal start, driven through a whole session by
tests/session_driver.py. Slow (a few seconds each under strace): marked
``slow``; ``.ci/run`` runs it, with strace installed.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = [pytest.mark.slow]

INTERNET = re.compile(r"\b(AF_INET6?|PF_INET6?)\b")
SYSCALL = re.compile(r"^\d+\s+(socket|connect)\(")


def _wrapper() -> list[str]:
    missing = [tool for tool in ("unshare", "strace") if shutil.which(tool) is None]
    if missing:
        pytest.fail(f"needs {' and '.join(missing)} (apt-get install strace; .ci/run does)")
    # As root a new network namespace is enough; otherwise map root in a user namespace.
    return ["unshare", "-n"] if os.geteuid() == 0 else ["unshare", "-r", "-n"]


def traced(command: list[str], trace: Path, timeout: int = 300) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("http_", "https_", "HTTP"))}
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.pop("SERM_REFERENCE_DB", None)
    full = [*_wrapper(), "strace", "-f", "-qq", "-e", "trace=socket,connect", "-o", str(trace)]
    return subprocess.run(
        [*full, *command], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )


def socket_calls(trace: Path) -> list[str]:
    return [line for line in trace.read_text(encoding="utf-8").splitlines() if SYSCALL.match(line)]


def internet(calls: list[str]) -> list[str]:
    return [line for line in calls if INTERNET.search(line)]


def test_the_harness_sees_an_internet_socket(tmp_path: Path) -> None:
    trace = tmp_path / "control.strace"
    code = "import socket; socket.socket(socket.AF_INET6, socket.SOCK_DGRAM); print('opened')"
    done = traced([sys.executable, "-c", code], trace)
    assert done.returncode == 0 and done.stdout.strip() == "opened", done.stderr
    assert len(internet(socket_calls(trace))) == 1


def test_the_self_test_opens_no_internet_socket(database_path: Path, tmp_path: Path) -> None:
    trace = tmp_path / "self-test.strace"
    done = traced(
        [sys.executable, "-m", "desktop_app", "--db", str(database_path), "--self-test"], trace
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "self-test passed" in done.stdout
    calls = socket_calls(trace)
    assert internet(calls) == [], "\n".join(calls)


def test_a_whole_window_session_opens_no_internet_socket(
    database_path: Path, tmp_path: Path
) -> None:
    trace = tmp_path / "session.strace"
    command = [
        sys.executable,
        str(ROOT / "tests" / "session_driver.py"),
        str(tmp_path / "out"),
        "--db",
        str(database_path),
        "--basedir",
        str(tmp_path / "user"),
        "--no-err-windows",
    ]
    done = traced(command, trace)
    assert done.returncode == 0, done.stdout + done.stderr
    summary = done.stdout.strip().splitlines()[-1]
    assert re.fullmatch(
        r"session: \d{2,} pages, 7 searches, 4 files, verified=True, personal=True", summary
    )
    calls = socket_calls(trace)
    assert internet(calls) == [], "\n".join(calls)
    log = (tmp_path / "user" / "logs" / "serm-reference.log").read_text(encoding="utf-8")
    assert "refused to load resource http://203.0.113.7/" in log


PRINT = """
import sys
from pathlib import Path
from desktop_app.app import create_application
from desktop_app.content import ContentRepository
from desktop_app.ui.main_window import MainWindow
from tests.session_driver import print_current_page_to_pdf

create_application(["serm-reference"])
window = MainWindow(ContentRepository.open(Path(sys.argv[1])))
window.open_address("serm://agent/raloxifene")
print_current_page_to_pdf(window, Path(sys.argv[2]))
print("printed", flush=True)
"""
CUPS = re.compile(
    r'connect\(\d+, \{sa_family=AF_INET6?, sin6?_port=htons\(631\), .*(127\.0\.0\.1|"::1")'
)


def test_printing_reaches_only_the_local_print_service(database_path: Path, tmp_path: Path) -> None:
    """File → Print: the only internet-family sockets are libcups looking for a local CUPS.

    Qt's print support asks libcups for printers as soon as a QPrinter exists;
    libcups uses CUPS's local socket when there is one, otherwise it tries
    ``localhost:631``. Nothing else, and never another host.
    """
    trace = tmp_path / "print.strace"
    target = tmp_path / "printed.pdf"
    code = f"import sys; sys.path.insert(0, {str(ROOT)!r});" + PRINT
    done = traced([sys.executable, "-c", code, str(database_path), str(target)], trace)
    assert done.returncode == 0 and done.stdout.strip() == "printed", done.stderr
    assert target.read_bytes().startswith(b"%PDF-")
    calls = internet(socket_calls(trace))
    connects = [line for line in calls if line.split()[1].startswith("connect(")]
    assert all(CUPS.search(line) for line in connects), "\n".join(connects)
    assert len(calls) == 2 * len(connects)  # each such socket made only for that connect


def test_a_session_bus_named_over_tcp_is_never_reached(tmp_path: Path) -> None:
    """DBUS_SESSION_BUS_ADDRESS=tcp:... made Qt's D-Bus open an AF_INET socket (xcb window).

    A real window on Xvfb for a few seconds, ended by SIGTERM (a normal quit).
    """
    if shutil.which("xvfb-run") is None:
        pytest.fail("needs xvfb-run (apt-get install xvfb; .ci/run does)")
    trace = tmp_path / "bus.strace"
    app = [sys.executable, "-m", "desktop_app", "--basedir", str(tmp_path / "user")]
    command = [
        "xvfb-run",
        "-a",
        "env",
        "QT_QPA_PLATFORM=xcb",
        "QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1",  # the accessibility bridge wants the bus
        "DBUS_SESSION_BUS_ADDRESS=tcp:host=203.0.113.9,port=55555",
        "DBUS_SYSTEM_BUS_ADDRESS=tcp:host=203.0.113.9,port=55556",
        "timeout",
        "--preserve-status",  # the app's own exit status after SIGTERM
        "6",
        *app,
        "--no-err-windows",
    ]
    done = traced(command, trace)
    assert done.returncode == 0, done.stdout + done.stderr  # SIGTERM: a normal quit
    calls = socket_calls(trace)
    assert any("AF_UNIX" in call for call in calls)  # the X connection: the trace works
    assert internet(calls) == [], "\n".join(calls)


def test_only_local_bus_transports_are_kept() -> None:
    from desktop_app.reliability.local_bus import keep_only_local_buses

    environ = {
        "DBUS_SESSION_BUS_ADDRESS": "tcp:host=10.0.0.2,port=1;unix:path=/run/user/1/bus",
        "DBUS_SYSTEM_BUS_ADDRESS": "nonce-tcp:host=example.org,port=2",
    }
    changed = keep_only_local_buses(environ)
    assert changed == ["DBUS_SESSION_BUS_ADDRESS", "DBUS_SYSTEM_BUS_ADDRESS"]
    assert environ == {"DBUS_SESSION_BUS_ADDRESS": "unix:path=/run/user/1/bus"}
