"""Garbage collection is paused only for the start: back on for commands, and after the paint."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from desktop_app.cli import run
from tests.start_helpers import start_window

# Started as __main__ does (collector paused), then reports the collector's state when
# the second stage builds search and the personal layer, just after the first paint.
WINDOW_SCRIPT = """
import gc, sys
gc.disable()
import desktop_app.ui.assembly as assembly
built = assembly.complete_window
def complete_window(*args):
    print("second-stage gc", gc.isenabled(), flush=True)
    return built(*args)
assembly.complete_window = complete_window
from desktop_app.cli import run
code = run(sys.argv[1:])
print("after gc", gc.isenabled(), flush=True)
sys.exit(code)
"""


def test_a_command_resumes_garbage_collection(database_path: Path) -> None:
    gc.disable()
    try:
        assert run(["--db", str(database_path), "show", "serm://agent/raloxifene"]) == 0
        assert gc.isenabled()
    finally:
        gc.enable()


@pytest.mark.gui
def test_the_window_resumes_garbage_collection_after_its_first_paint(
    database_path: Path, tmp_path: Path
) -> None:
    result = start_window(WINDOW_SCRIPT, database_path, tmp_path / "p")
    assert result.returncode == 0, result.stderr
    assert "second-stage gc True" in result.stdout
    assert "after gc True" in result.stdout
