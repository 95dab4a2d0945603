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
