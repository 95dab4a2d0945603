"""The window's start drops PySide6's ``__feature__`` import hook, and only that hook."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from desktop_app.qt_import import drop_feature_import_hook
from tests.start_helpers import start_window

ROOT = Path(__file__).resolve().parent.parent


def _named(name: str) -> object:
    def function(*args: object) -> None:
        return None

    function.__name__ = name
    return function


def test_the_feature_hook_gives_way_to_the_import_it_replaced() -> None:
    original = _named("__lazy_import__")
    namespace = SimpleNamespace(__import__=_named("__feature_import__"), __orig_import__=original)
    assert drop_feature_import_hook(namespace)
    assert namespace.__import__ is original


def test_any_other_import_function_is_left_alone() -> None:
    debugger = _named("traced_import")
    namespace = SimpleNamespace(__import__=debugger, __orig_import__=_named("__import__"))
    assert not drop_feature_import_hook(namespace)
    assert namespace.__import__ is debugger
    hook = _named("__feature_import__")
    without_original = SimpleNamespace(__import__=hook)
    assert not drop_feature_import_hook(without_original)
    assert without_original.__import__ is hook


# The installed PySide6: the hook is there after its import and gone after load_qt, and
# a module imported afterwards is no longer read by it (it would enter the feature table).
LOAD_SCRIPT = """
import builtins, sys
import PySide6.QtCore
print("hooked", builtins.__import__.__name__)
from desktop_app.qt_import import load_qt
load_qt()
print("after", builtins.__import__.__name__)
import desktop_app.ui.reader.page_view
table = sys.modules["shibokensupport.feature"].pyside_feature_dict
print("read", "desktop_app.ui.reader.page_view" in table)
"""


def _run_offscreen(script: str) -> subprocess.CompletedProcess[str]:
    """``script`` in a fresh interpreter (PySide6 not yet imported), from the checkout."""
    return subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_load_qt_removes_the_installed_pyside6_hook() -> None:
    result = _run_offscreen(LOAD_SCRIPT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:3] == [
        "hooked __feature_import__",
        "after __lazy_import__",
        "read False",
    ], result.stdout


# The real start, reporting from the second stage (just after the first paint).
WINDOW_SCRIPT = """
import builtins, sys
import desktop_app.ui.assembly as assembly
built = assembly.complete_window
def complete_window(*args):
    print("second-stage import", builtins.__import__.__name__, flush=True)
    return built(*args)
assembly.complete_window = complete_window
from desktop_app.cli import run
sys.exit(run(sys.argv[1:]))
"""


@pytest.mark.gui
def test_the_window_starts_without_the_feature_hook(database_path: Path, tmp_path: Path) -> None:
    result = start_window(WINDOW_SCRIPT, database_path, tmp_path / "p")
    assert result.returncode == 0, result.stderr
    assert "second-stage import __lazy_import__" in result.stdout, result.stdout


# As in the bundle, where PyInstaller's run-time hook imports PySide6.QtCore before the
# app's entry point runs: the entry point drops the hook before the command line and
# the content layer are imported, so the feature table never reads them.
FROZEN_ENTRY_SCRIPT = """
import builtins, sys
import PySide6.QtCore
sys.argv = ["serm-reference", "--version"]
from desktop_app.__main__ import main
try:
    main()
except SystemExit:
    pass
table = sys.modules["shibokensupport.feature"].pyside_feature_dict
print("after", builtins.__import__.__name__)
print("read", "desktop_app.cli" in table or "desktop_app.content.records" in table)
"""


def test_the_entry_point_drops_a_hook_installed_before_it() -> None:
    result = _run_offscreen(FROZEN_ENTRY_SCRIPT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-2:] == ["after __lazy_import__", "read False"], (
        result.stdout + result.stderr
    )
