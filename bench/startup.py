"""Start-up benchmark: process start to first painted main window, and memory after start.

Measured in the same run, interleaved, on the same X display:

* **first paint** (ours and a bare PySide6 window with one label): the process
  prints ``first-paint`` from its first paint event (``SERM_REFERENCE_FIRST_PAINT_PROBE``);
  the figure is the parent's wall time from just before ``Popen`` to that line,
  so interpreter start-up and imports are included. Resident memory (VmRSS) is
  read by the process itself at that moment.
* **the same first screen in plain PySide6** (``bench/_skeleton_window.py``): the
  app's first screen (menus, toolbar, contents tree, home page, status bar)
  rebuilt from a fixture by a short PySide6 script, with none of the app's own
  code. What the app takes beyond it is the cost of its own code; what it takes
  beyond the bare window is what that screen costs in PySide6.
* **window visible** (every program, including ``zeal`` and ``goldendict`` when
  installed): the parent polls ``xdotool search --onlyvisible --pid`` every 10 ms
  from just before ``Popen``; VmRSS is read from ``/proc/<pid>/status`` at that
  moment. Other programs cannot be instrumented, so this is the like-for-like
  comparison with them.

With ``--bundle PATH`` (the frozen app: ``dist/serm-reference/serm-reference``
or the installed ``/opt/serm-reference/serm-reference``) the bundle is measured
in the same run, interleaved with the others, with the same probe, profile
options and content database.

Each program gets one warm-up run (not counted) and then ``--runs`` runs; the
median is reported. Without ``$DISPLAY`` (or with ``--xvfb``) an Xvfb server is
started for the run and stopped afterwards. Prints figures; asserts nothing.

    python bench/startup.py [--runs 10] [--xvfb] [--markdown] [--bundle PATH]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROBE = "SERM_REFERENCE_FIRST_PAINT_PROBE"
SKELETON = "same first screen, plain PySide6"
TIMEOUT = 30.0


@dataclass
class Program:
    name: str
    command: list[str]
    probe: bool  # reports its own first paint
    ours: bool = True  # False for the baselines (bare window, skeleton) and the peers
    env: dict[str, str] = field(default_factory=dict)
    paint_ms: list[float] = field(default_factory=list)
    paint_rss_kb: list[int] = field(default_factory=list)
    visible_ms: list[float] = field(default_factory=list)
    visible_rss_kb: list[int] = field(default_factory=list)


@contextmanager
def display(force_xvfb: bool) -> Iterator[str]:
    if os.environ.get("DISPLAY") and not force_xvfb:
        yield os.environ["DISPLAY"]
        return
    number = 140 + os.getpid() % 50
    name = f":{number}"
    server = subprocess.Popen(
        ["Xvfb", name, "-screen", "0", "1600x1000x24", "-nolisten", "tcp", "-noreset"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            probe = subprocess.run(
                ["xdotool", "getdisplaygeometry"],
                env=dict(os.environ, DISPLAY=name),
                capture_output=True,
                check=False,
            )
            if probe.returncode == 0:
                break
            time.sleep(0.05)
        yield name
    finally:
        server.terminate()
        server.wait(timeout=10)


def resident_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            return int(next(line for line in status if line.startswith("VmRSS:")).split()[1])
    except (OSError, StopIteration, ValueError):
        return 0


def run_paint(program: Program, env: dict[str, str]) -> tuple[float, int]:
    started = time.perf_counter()
    process = subprocess.Popen(
        program.command,
        env=dict(env, **program.env, **{PROBE: "1"}),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        cwd=ROOT,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    elapsed = (time.perf_counter() - started) * 1000
    process.wait(timeout=TIMEOUT)
    parts = line.split()
    if len(parts) < 4 or parts[0] != "first-paint":
        raise RuntimeError(f"{program.name}: no first-paint line (got {line!r})")
    return elapsed, int(parts[3])


def run_visible(program: Program, env: dict[str, str]) -> tuple[float, int]:
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        process = subprocess.Popen(
            program.command,
            env=dict(env, **program.env),
            stdout=subprocess.DEVNULL,
            stderr=errors,
            cwd=ROOT,
        )
        try:
            while time.perf_counter() - started < TIMEOUT:
                found = subprocess.run(
                    ["xdotool", "search", "--onlyvisible", "--pid", str(process.pid)],
                    env=env,
                    capture_output=True,
                    check=False,
                )
                if found.returncode == 0 and found.stdout.strip():
                    return (time.perf_counter() - started) * 1000, resident_kb(process.pid)
                if process.poll() is not None:
                    errors.seek(0)
                    tail = errors.read().decode("utf-8", "replace")[-800:]
                    raise RuntimeError(f"{program.name} exited before showing a window:\n{tail}")
                time.sleep(0.01)
            raise RuntimeError(f"{program.name}: no visible window within {TIMEOUT} s")
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def database() -> Path:
    bundled = ROOT / "desktop_app" / "data" / "serm-reference.sqlite"
    if bundled.is_file():
        return bundled
    built = subprocess.run(
        [sys.executable, str(ROOT / "db" / "build.py")],
        capture_output=True,
        text=True,
        check=True,
    )
    return Path(built.stdout.strip().splitlines()[-1])


def source_command() -> list[str]:
    """How ``./run-app`` starts the app from source: the virtual environment's
    ``serm-reference`` script (``python -m desktop_app`` where there is none)."""
    script = Path(sys.executable).parent / "serm-reference"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "desktop_app"]


def make_skeleton_fixture(workdir: Path, content: str) -> str:
    """What the app's first screen holds, written once for bench/_skeleton_window.py."""
    fixture = workdir / "skeleton.json"
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "_skeleton_window.py"),
            "--make-fixture",
            str(fixture),
            "--db",
            content,
        ],
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT)),
        capture_output=True,
        check=True,
    )
    return str(fixture)


def programs(workdir: Path, include_others: bool, bundle: Path | None = None) -> list[Program]:
    content = str(database())
    skeleton_fixture = make_skeleton_fixture(workdir, content)
    found = [
        Program(
            "SERM Reference (from source)",
            [
                *source_command(),
                "--basedir",
                str(workdir / "serm-profile"),
                "--db",
                content,
            ],
            probe=True,
        ),
        Program(
            "bare PySide6 window",
            [sys.executable, str(ROOT / "bench" / "_bare_window.py")],
            probe=True,
            ours=False,
        ),
        Program(
            SKELETON,
            [sys.executable, str(ROOT / "bench" / "_skeleton_window.py"), skeleton_fixture],
            probe=True,
            ours=False,
        ),
    ]
    if bundle is not None:
        found.append(
            Program(
                f"SERM Reference (bundle {bundle})",
                [str(bundle), "--basedir", str(workdir / "bundle-profile"), "--db", content],
                probe=True,
            )
        )
    if include_others:
        for name in ("zeal", "goldendict"):
            path = shutil.which(name)
            if path:
                home = workdir / f"{name}-home"
                home.mkdir()
                found.append(
                    Program(
                        name,
                        [path],
                        probe=False,
                        ours=False,
                        env={
                            "HOME": str(home),
                            "XDG_CONFIG_HOME": str(home / ".config"),
                            # zeal embeds QtWebEngine, which refuses to run as root sandboxed
                            "QTWEBENGINE_CHROMIUM_FLAGS": "--no-sandbox",
                        },
                    )
                )
    return found


def median(values: list[float] | list[int]) -> float:
    return statistics.median(values) if values else float("nan")


def paired_ratio(ours: list[float], baseline: list[float]) -> float:
    """Median of the ratios of runs made in the same round (seconds apart).

    A shared machine speeds up and slows down over minutes; both programs of one
    round see the same speed, so this ratio moves less than the ratio of medians.
    """
    return median([a / b for a, b in zip(ours, baseline, strict=True)])


def report(items: list[Program], runs: int, markdown: bool) -> None:
    ours, bare = items[0], items[1]
    rows = []
    for p in items:
        rows.append(
            (
                p.name,
                f"{median(p.paint_ms):.0f}" if p.paint_ms else "–",
                f"{median(p.visible_ms):.0f}",
                f"{median(p.paint_rss_kb or p.visible_rss_kb) / 1024:.0f}",
            )
        )
    header = ("program", "start → first paint, ms", "start → window visible, ms", "RSS, MiB")
    if markdown:
        print("| " + " | ".join(header) + " |")
        print("| --- | ---: | ---: | ---: |")
        for row in rows:
            print("| " + " | ".join(row) + " |")
    else:
        widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(4)]
        for row in [header, *rows]:
            print("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)))
    print(f"\nmedians of {runs} runs; goals: first paint and memory <= 1.5x the bare window")
    ours_builds = [p for p in items if p.ours]
    skeleton = next(p for p in items if p.name == SKELETON)
    floor = median(skeleton.paint_ms)
    print(
        f"the same first screen in plain PySide6 / bare window: first paint"
        f" {floor / median(bare.paint_ms):.2f}x"
        f" (median of per-round ratios {paired_ratio(skeleton.paint_ms, bare.paint_ms):.2f}x),"
        f" memory {median(skeleton.paint_rss_kb) / median(bare.paint_rss_kb):.2f}x"
    )
    for build in ours_builds:
        own = median(build.paint_ms) - floor
        print(f"{build.name}: {own:.0f} ms beyond the plain-PySide6 first screen (its own code)")
    for build in ours_builds:
        paint = median(build.paint_ms) / median(bare.paint_ms)
        memory = median(build.paint_rss_kb) / median(bare.paint_rss_kb)
        paired = paired_ratio(build.paint_ms, bare.paint_ms)
        print(
            f"{build.name} / bare window: first paint {paint:.2f}x"
            f" (median of per-round ratios {paired:.2f}x), memory {memory:.2f}x"
        )
    for build in ours_builds[1:]:  # the bundle must start at least as fast as the source run
        ratio = median(build.paint_ms) / median(ours.paint_ms)
        verdict = "at least as fast" if ratio <= 1 else "SLOWER"
        paired = paired_ratio(build.paint_ms, ours.paint_ms)
        print(
            f"{build.name} / from source: first paint {ratio:.2f}x ({verdict};"
            f" median of per-round ratios {paired:.2f}x)"
        )
    for other in (p for p in items if not p.probe and not p.ours):
        for build in ours_builds:
            faster = median(build.visible_ms) < median(other.visible_ms)
            print(
                f"window visible: {build.name} {median(build.visible_ms):.0f} ms vs {other.name} "
                f"{median(other.visible_ms):.0f} ms ({'sooner' if faster else 'NOT sooner'})"
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--xvfb", action="store_true", help="always use a private Xvfb")
    parser.add_argument("--no-others", action="store_true", help="skip zeal and goldendict")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    parser.add_argument("--bundle", type=Path, help="also measure this frozen app (its executable)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="serm-startup-") as folder, display(args.xvfb) as name:
        env = dict(os.environ, DISPLAY=name, QT_QPA_PLATFORM="xcb")
        env.pop("SERM_REFERENCE_DB", None)
        bundle = args.bundle.resolve() if args.bundle else None
        items = programs(Path(folder), not args.no_others, bundle)
        print(
            f"display {name}; {os.cpu_count()} CPUs; runs {args.runs} (+1 warm-up each);"
            f" load average before {os.getloadavg()[0]:.2f}"
        )
        for run in range(args.runs + 1):
            for program in items:
                if program.probe:
                    ms, rss = run_paint(program, env)
                    if run:
                        program.paint_ms.append(ms)
                        program.paint_rss_kb.append(rss)
                ms, rss = run_visible(program, env)
                if run:
                    program.visible_ms.append(ms)
                    program.visible_rss_kb.append(rss)
        report(items, args.runs, args.markdown)
        print(f"load average after: {os.getloadavg()[0]:.2f} (1 minute)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
