"""Take the README screenshots of the reader under Xvfb (needs Xvfb, xdotool, imagemagick).

    .venv/bin/python docs/screenshots/take.py                      # every shot
    .venv/bin/python docs/screenshots/take.py reader-key-safety.png  # some

Each shot starts the real app with a fresh profile (theme and open tabs set in its
settings files), waits for its window, and grabs it with ImageMagick's ``import``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parent
DISPLAY = ":157"

SHOTS = [
    (
        "reader-light.png",
        "light",
        ["serm://section/specific-serm-agents-and-their-profiles", "serm://agent/raloxifene"],
        0,
    ),
    ("reader-dark.png", "dark", ["serm://section/endometrial-health", "serm://reference/5"], 0),
    ("reader-agent.png", "light", ["serm://agent/bazedoxifene@1300"], 0),
    ("reader-references.png", "dark", ["serm://reference/8"], 0),
    # An agent page opens with its Key safety block (issues 13 and 19).
    ("reader-key-safety.png", "light", ["serm://agent/tamoxifen"], 0),
    # compare.png: docs/screenshots/take_compare.py (the Compare tab on its own).
]


def tabs_state(addresses: list[str]) -> str:
    """Saved tabs; "address@300" opens the page scrolled down 300 px."""
    tabs: list[dict[str, object]] = []
    for item in addresses:
        if item.startswith("compare:"):  # the Compare tab, on this cell
            tabs.append({"kind": "compare", "address": item.removeprefix("compare:")})
            continue
        address, _, scroll = item.partition("@")
        entry = {"address": address, "scroll": int(scroll or 0)}
        tabs.append({"kind": "page", "history": {"entries": [entry], "index": 0}})
    return json.dumps(tabs)


def shoot(name: str, theme: str, addresses: list[str], current: int, env: dict[str, str]) -> None:
    with tempfile.TemporaryDirectory() as profile:
        base = Path(profile)
        (base / "settings.ini").write_text(f"[appearance]\ntheme={theme}\nzoom=100\n")
        state = tabs_state(addresses).replace("\\", "\\\\").replace('"', '\\"')
        (base / "window-state.ini").write_text(f'[tabs]\nopen="{state}"\ncurrent={current}\n')
        app = subprocess.Popen(
            [sys.executable, "-m", "desktop_app", "--basedir", str(base)], cwd=ROOT, env=env
        )
        try:
            window = ""
            for _ in range(200):
                found = subprocess.run(
                    ["xdotool", "search", "--onlyvisible", "--pid", str(app.pid)],
                    env=env,
                    capture_output=True,
                    text=True,
                    check=False,
                )
                if found.stdout.strip():
                    window = found.stdout.split()[0]
                    break
                time.sleep(0.05)
            time.sleep(1.5)  # let it paint
            subprocess.run(["import", "-window", window, str(OUT / name)], env=env, check=True)
            print("saved", OUT / name)
        finally:
            app.terminate()
            app.wait(timeout=10)


def main() -> int:
    server = subprocess.Popen(
        ["Xvfb", DISPLAY, "-screen", "0", "1280x860x24", "-nolisten", "tcp", "-noreset"]
    )
    try:
        time.sleep(1)
        env = dict(os.environ, DISPLAY=DISPLAY, QT_QPA_PLATFORM="xcb")
        wanted = set(sys.argv[1:])
        for name, theme, addresses, current in SHOTS:
            if not wanted or name in wanted:
                shoot(name, theme, addresses, current, env)
    finally:
        server.terminate()
        server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
