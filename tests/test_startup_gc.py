"""Garbage collection is paused only for the start: back on for commands, and after the paint."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.app import FIRST_PAINT_PROBE
from desktop_app.cli import run

ROOT = Path(__file__).resolve().parent.parent

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
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **{FIRST_PAINT_PROBE: "1"})
    env.pop("SERM_REFERENCE_DB", None)
    options = ["--db", str(database_path), "--basedir", str(tmp_path / "p"), "--no-err-windows"]
    result = subprocess.run(
        [sys.executable, "-c", WINDOW_SCRIPT, *options],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "second-stage gc True" in result.stdout
    assert "after gc True" in result.stdout
