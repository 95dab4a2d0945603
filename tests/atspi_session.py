"""One accessibility session: a virtual screen, the app, and the AT-SPI walker.

Run by tests/test_atspi.py under ``dbus-run-session`` (so the app, the AT-SPI
bus launcher and registry, and the walker share a private unix: session bus):
starts Xvfb on a free display, starts the real app on it with Qt's AT-SPI
bridge forced on, runs tests/atspi_walker.py with the system python3 (where
Debian's pyatspi lives), prints the walker's JSON, and stops what it started.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SYSTEM_PYTHON = "/usr/bin/python3"
REPORT_PREFIX = "ATSPI-REPORT "


def main(query: str, address: str) -> int:
    read, write = os.pipe()
    screen = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as displays:
        display = displays.readline().strip()
    env = dict(os.environ, DISPLAY=f":{display}", QT_QPA_PLATFORM="xcb")
    env["QT_LINUX_ACCESSIBILITY_ALWAYS_ON"] = "1"
    with tempfile.TemporaryDirectory() as user:
        app = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "desktop_app",
                "--basedir",
                user,
                "--no-err-windows",
                "--open",
                address,
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            walker = subprocess.run(
                [SYSTEM_PYTHON, str(ROOT / "tests" / "atspi_walker.py"), query],
                env=env,
                capture_output=True,
                text=True,
                timeout=150,
            )
        finally:
            app.terminate()
            _, app_errors = app.communicate(timeout=30)
            screen.terminate()
            screen.wait(timeout=30)
    # Its own line: services the bus starts (the AT-SPI registry) share this stdout.
    sys.stdout.write(f"\n{REPORT_PREFIX}{walker.stdout.strip()}\n")
    sys.stderr.write(walker.stderr + app_errors[-4000:])
    return walker.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
