"""Start the real window in a child process, reporting from inside its start.

The child runs a script given as ``python -c`` with the real command line
(``--db``, ``--basedir``, ``--no-err-windows``) and the first-paint probe on,
so the window quits by itself in the event-loop turn after its first paint,
once the second stage has been scheduled.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from desktop_app.app import FIRST_PAINT_PROBE

ROOT = Path(__file__).resolve().parent.parent


def start_window(script: str, database: Path, profile: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **{FIRST_PAINT_PROBE: "1"})
    env.pop("SERM_REFERENCE_DB", None)
    options = ["--db", str(database), "--basedir", str(profile), "--no-err-windows"]
    return subprocess.run(
        [sys.executable, "-c", script, *options],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def printing_at_first_paint(label: str, expression: str) -> str:
    """A script for ``start_window``: the real start, printing ``label`` and ``expression``'s
    value in the probe's report of the first paint (``expression`` may use ``sys``)."""
    return f"""
import sys
import desktop_app.app as app_module
report = app_module._report_first_paint
def report_with_value():
    print({label!r}, {expression}, flush=True)
    report()
app_module._report_first_paint = report_with_value
from desktop_app.cli import run
sys.exit(run(sys.argv[1:]))
"""
