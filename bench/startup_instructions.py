"""Start-up in instructions: what each program executes from its start to its first paint.

``bench/startup.py`` times the start on the wall clock, which on a shared
two-core machine drifts by several per cent between runs, more than one change
to the start-up path is worth. This counts the instructions instead, under
valgrind's callgrind, which gives the same count for the same program and
input to within 0.1 %, whatever else the machine is doing. The app, the bare
PySide6 window and the plain-PySide6 first screen (and the bundle, with
``--bundle``) each run once with ``SERM_REFERENCE_FIRST_PAINT_PROBE=exit``: they
end in the event-loop turn after their first paint, so the count covers the
start up to the first paint and nothing after it.

The ratio of counts tracks the ratio of wall-clock times closely (measured the
same day: 1.56 against 1.58 for the app over the bare window), except where
the CPU has instructions valgrind does not model: OpenSSL's SHA-256 uses the
SHA extensions on the machine, not under valgrind, so hashing weighs more here
than in seconds. Use it to compare two versions of the code; report seconds
from ``bench/startup.py``.

Needs valgrind (``apt-get install valgrind``) and a display (an Xvfb server is
started as in ``bench/startup.py``). Takes about a minute. Prints figures;
asserts nothing.

    python bench/startup_instructions.py [--bundle PATH]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import startup  # this folder's start-up benchmark: display, fixture, commands

COLLECTED = re.compile(r"^==(\d+)== Collected : ([\d,]+)", re.M)


def instructions(command: list[str], env: dict[str, str]) -> int:
    """Instructions the process executed (its threads included), start to first paint.

    callgrind follows a fork (Qt's D-Bus lookup forks once): the count taken is
    that of the process started here (an exec keeps its pid), the lowest pid.
    """
    valgrind = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"]
    valgrind.append("--trace-children=yes")  # the bundle's bootloader starts the app by exec
    result = subprocess.run(
        [*valgrind, *command],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if "first-paint" not in result.stdout:
        raise RuntimeError(f"{command[0]}: no first paint\n{result.stderr[-2000:]}")
    found = COLLECTED.findall(result.stderr)
    counts = sorted((int(pid), int(count.replace(",", ""))) for pid, count in found)
    if not counts:
        raise RuntimeError(f"{command[0]}: callgrind reported no count")
    return counts[0][1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bundle", type=Path, help="also count this frozen app (its executable)")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (apt-get install valgrind)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="serm-instructions-") as folder:
        workdir = Path(folder)
        items = startup.programs(workdir, include_others=False, bundle=args.bundle)
        with startup.display(force_xvfb=not os.environ.get("DISPLAY")) as name:
            env = dict(os.environ, DISPLAY=name, **{startup.PROBE: "exit"})
            env.pop("QT_QPA_PLATFORM", None)
            counts = {item.name: instructions(item.command, env | item.env) for item in items}
    bare = counts["bare PySide6 window"]
    width = max(len(name) for name in counts)
    print(f"{'program':{width}}  instructions to first paint  / bare window")
    for name, count in counts.items():
        print(f"{name:{width}}  {count / 1e6:20.1f} M  {count / bare:12.3f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
