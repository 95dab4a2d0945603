"""Take the README's lookup screenshots at 1366×768 under Xvfb (needs Xvfb, xdotool, imagemagick).

    .venv/bin/python docs/screenshots/take_lookup.py

Each shot starts the real app with a fresh profile in a 1366×768 X screen (the
clinic screen of issue 15), so the window sizes itself as on first launch and
lands on the home page with the focus in the search field; keys are then typed
with xdotool into whatever has the focus, and the whole screen is grabbed, so
the shot shows what fits on such a screen.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parent
DISPLAY = ":158"

# (file, theme, keys typed after launch: text, or "key:<xdotool key name>")
SHOTS = [
    ("home-light.png", "light", []),
    ("home-dark.png", "dark", []),
    ("lookup-light.png", "light", ["which serm is safest for the endometrium"]),
    ("lookup-dark.png", "dark", ["endometrium", "key:Return"]),
]


def shoot(name: str, theme: str, keys: list[str], env: dict[str, str]) -> None:
    with tempfile.TemporaryDirectory() as profile:
        base = Path(profile)
        (base / "settings.ini").write_text(f"[appearance]\ntheme={theme}\nzoom=100\n")
        app = subprocess.Popen(
            [sys.executable, "-m", "desktop_app", "--basedir", str(base)], cwd=ROOT, env=env
        )
        try:
            for _ in range(200):
                found = subprocess.run(
                    ["xdotool", "search", "--onlyvisible", "--pid", str(app.pid)],
                    env=env,
                    capture_output=True,
                    text=True,
                    check=False,
                )
                if found.stdout.strip():
                    break
                time.sleep(0.05)
            time.sleep(2.0)  # the second stage (search, personal layer) and the first paints
            for key in keys:
                if key.startswith("key:"):
                    subprocess.run(["xdotool", "key", key[4:]], env=env, check=True)
                else:
                    subprocess.run(["xdotool", "type", "--delay", "30", key], env=env, check=True)
                time.sleep(0.8)
            time.sleep(1.0)
            subprocess.run(["import", "-window", "root", str(OUT / name)], env=env, check=True)
            print("saved", OUT / name)
        finally:
            app.terminate()
            app.wait(timeout=10)


def main() -> int:
    server = subprocess.Popen(
        ["Xvfb", DISPLAY, "-screen", "0", "1366x768x24", "-nolisten", "tcp", "-noreset"]
    )
    try:
        time.sleep(1)
        env = dict(os.environ, DISPLAY=DISPLAY, QT_QPA_PLATFORM="xcb")
        for name, theme, keys in SHOTS:
            shoot(name, theme, keys, env)
    finally:
        server.terminate()
        server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
