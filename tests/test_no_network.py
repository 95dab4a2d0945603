"""No network, proof 1 of 3: the app's flows run with Python's sockets blocked and try none.

The real app starts through its command line (``run_gui``: logging, settings,
crash handling, the content checks), then a whole session is driven in its
window (tests/session_driver.py: every page, search, compare and its CSV/PDF
exports, Export PDF, Print to a PDF file, a page with remote images and style
sheets, Help → Verify Installation), with every way Python code could reach
the network replaced by a tripwire that records the attempt and raises.

Proof 2 is test_no_network_system.py (the whole process under ``strace`` in a
network namespace: Qt and C libraries included). Proof 3, QtNetwork left out of
the bundle, is test_packaging.py: ``test_rules_drop_the_listed_qt_parts_and_keep_the_rest``
(the rules, fast) and ``test_bundle_leaves_out_what_it_must_and_keeps_what_it_needs``
(the built bundle). Below, the import side: no module of the app imports a
network library, and QtNetwork is never loaded during a session.
"""

from __future__ import annotations

import _socket
import ast
import socket
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer

from desktop_app.app import run_gui
from desktop_app.cli import build_parser
from desktop_app.content import ContentRepository
from tests.reader_helpers import OFFSCREEN_LIMITS
from tests.session_driver import (
    SessionSummary,
    drive_full_session,
    visible_main_window,
    wait_for_second_stage,
)

ROOT = Path(__file__).resolve().parent.parent
pytestmark = [pytest.mark.gui, pytest.mark.qt_no_exception_capture, *OFFSCREEN_LIMITS]

TRIPWIRES = {
    socket: ("socket", "create_connection", "create_server", "getaddrinfo", "gethostbyname",
             "gethostbyname_ex", "gethostbyaddr", "getnameinfo", "fromfd"),
    _socket: ("socket", "getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr",
              "getnameinfo"),
}  # fmt: skip
NETWORK_MODULES = (
    "socket",
    "_socket",
    "ssl",
    "http",
    "urllib.request",
    "ftplib",
    "smtplib",
    "imaplib",
    "poplib",
    "xmlrpc",
    "asyncio",
    "webbrowser",
    "PySide6.QtNetwork",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
)


class NetworkAttempt(OSError):
    """Raised by a tripwire: this app must never reach for the network."""


@pytest.fixture
def network_attempts(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    attempts: list[str] = []

    def tripwire(name: str) -> object:
        def refuse(*args: object, **kwargs: object) -> object:
            attempts.append(f"{name}{args!r}")
            raise NetworkAttempt(f"{name} called: the app must not use the network")

        return refuse

    for module, names in TRIPWIRES.items():
        for name in names:
            monkeypatch.setattr(module, name, tripwire(f"{module.__name__}.{name}"))
    yield attempts


def test_the_tripwires_catch_an_attempt(network_attempts: list[str]) -> None:
    with pytest.raises(OSError, match="the app must not use the network"):
        urllib.request.urlopen("http://203.0.113.7/", timeout=1)  # wraps it in URLError
    with pytest.raises(NetworkAttempt):
        socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
    assert network_attempts[0].startswith("socket.create_connection")
    assert len(network_attempts) == 2


def test_a_whole_session_through_the_real_start_tries_no_network(
    network_attempts: list[str], database_path: Path, tmp_path: Path
) -> None:
    done: list[SessionSummary] = []

    def when_up() -> None:
        window = visible_main_window()
        try:
            wait_for_second_stage(window)
            done.append(drive_full_session(window, tmp_path / "out"))
        finally:
            window.close()

    QTimer.singleShot(0, when_up)
    args = ["--db", str(database_path), "--basedir", str(tmp_path / "user"), "--no-err-windows"]
    assert run_gui(build_parser().parse_args(args)) == 0
    assert network_attempts == []
    [summary] = done
    assert summary.pages == len(window_addresses(database_path))  # every page of the content
    assert summary.searches == 7 and summary.results_opened >= 4
    assert summary.verified  # Help → Verify Installation ran and passed
    assert summary.personal  # a bookmark, a note, the docks, export and import
    names = ["bookmarks-and-notes.json", "grid.csv", "grid.pdf", "page.pdf", "printed.pdf"]
    assert [p.name for p in summary.files] == names
    for path in summary.files[2:]:
        assert path.read_bytes().startswith(b"%PDF-") and path.stat().st_size > 1000
    assert "Check lipids yearly" in summary.files[0].read_text(encoding="utf-8")
    assert "vte" in summary.files[1].read_text(encoding="utf-8")
    log = (tmp_path / "user" / "logs" / "serm-reference.log").read_text(encoding="utf-8")
    assert "refused to load resource http://203.0.113.7/" in log  # remote markup was seen
    assert "PySide6.QtNetwork" not in sys.modules


def window_addresses(database: Path) -> list[str]:
    repository = ContentRepository.open(database)
    try:
        return repository.all_addresses()
    finally:
        repository.close()


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_no_module_of_the_app_imports_a_network_library() -> None:
    found = [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in sorted((ROOT / "desktop_app").rglob("*.py"))
        for name in _imports(path)
        if any(name == banned or name.startswith(banned + ".") for banned in NETWORK_MODULES)
    ]
    assert found == []
