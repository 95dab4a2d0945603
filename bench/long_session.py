"""A long session in the real window: does memory stay flat?

Usage::

    .venv/bin/python bench/long_session.py [--db PATH] [--tabs 1000] [--searches 10000]
                                           [--tracemalloc]

Builds the main window offscreen (a throw-away user folder), warms it up, then
opens and closes ``--tabs`` tabs (each on the next address of the content; a
comparison address opens the grid's own tab, as it does for a user) and runs
``--searches`` searches through the search panel (the reference queries,
every keystroke prefix of them, and a few hostile strings, round and round),
with the results list painted. Everything runs inside the application's event
loop, one step per turn, as in real use: deleteLater() and repaints happen as
they would for a user.

Prints the resident set size (VmRSS) after warm-up, at checkpoints, and the
growth of each phase and overall against the warm-up figure; the goal is under
10%. Also prints how many tab widgets are alive at the end (closed tabs must
be deleted, not hidden) and the Python objects tracked by the garbage
collector. ``--tracemalloc`` adds the ten source lines whose Python allocations
grew most (slower). No assertions: the figures are for a person to judge.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop_app import paths  # noqa: E402
from desktop_app.app import create_application  # noqa: E402
from desktop_app.content import ContentRepository  # noqa: E402
from desktop_app.content.search.engine import SearchEngine  # noqa: E402
from desktop_app.ui.main_window import MainWindow  # noqa: E402
from desktop_app.ui.reader.tab import TabContent  # noqa: E402
from desktop_app.ui.search.panel import SearchPanel  # noqa: E402

QUERIES = ROOT / "tests" / "data" / "search_queries.json"
HOSTILE = ('"', "NEAR(", "' OR 1=1 --", "🩸" * 40, "tamoxifen " * 200, "\u200b\u202e")
WARM_UP_TABS = 50
WARM_UP_SEARCHES = 500
CHECKPOINTS = 5


def rss_kb() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        line = next(line for line in status if line.startswith("VmRSS:"))
    return int(line.split()[1])


def search_texts() -> list[str]:
    entries = json.loads(QUERIES.read_text(encoding="utf-8"))["queries"]
    queries = [entry["query"] for entry in entries]
    prefixes = [q[:n] for q in queries for n in range(2, len(q))]
    return queries + prefixes + list(HOSTILE)


def tab_steps(window: MainWindow, count: int) -> Iterator[None]:
    addresses = window.repository.all_addresses()
    for number in range(count):
        address = addresses[number % len(addresses)]
        if address.startswith("serm://compare/"):
            window.open_address(address)  # the comparison grid's own tab, as a user gets it
        else:
            window.new_tab(address)
        yield
        window.close_current_tab()
        yield


def search_steps(panel: SearchPanel, count: int) -> Iterator[None]:
    texts = search_texts()
    for number in range(count):
        panel.set_query(texts[number % len(texts)])
        if number % 10 == 9:
            yield  # let the list paint now and then, as between keystrokes


class Session:
    """Runs generator phases one step per event-loop turn, measuring between phases."""

    def __init__(self, window: MainWindow, panel: SearchPanel, args: argparse.Namespace) -> None:
        self.window = window
        self.panel = panel
        self.args = args
        self.lines: list[str] = []
        self.figures: dict[str, int] = {}
        self._phases: list[tuple[str, Callable[[], Iterator[None]], int]] = [
            ("warm-up tabs", lambda: tab_steps(window, WARM_UP_TABS), 0),
            ("warm-up searches", lambda: search_steps(panel, WARM_UP_SEARCHES), 0),
            ("mark", lambda: iter(()), 0),
            (f"{args.tabs} tabs", lambda: tab_steps(window, args.tabs), args.tabs * 2),
            (
                f"{args.searches} searches",
                lambda: search_steps(panel, args.searches),
                args.searches // 10,
            ),
        ]
        self._current: Iterator[None] | None = None
        self._steps = 0
        self._total = 0
        self._name = ""
        self._started = 0.0
        self._timer = QTimer()
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self._timer.start()

    def _tick(self) -> None:
        if self._current is None:
            if not self._phases:
                self._timer.stop()
                QApplication.quit()
                return
            self._name, make, self._total = self._phases.pop(0)
            self._current, self._steps, self._started = make(), 0, time.perf_counter()
            if self._name == "mark":
                self._mark_baseline()
        try:
            next(self._current)
            self._steps += 1
            if self._total and self._steps % max(1, self._total // CHECKPOINTS) == 0:
                self.lines.append(
                    f"  {self._name}: {self._steps}/{self._total} steps, {rss_kb()} kB"
                )
        except StopIteration:
            self._phase_done()

    def _mark_baseline(self) -> None:
        self.figures["baseline"] = rss_kb()
        self.lines.append(f"after warm-up: {self.figures['baseline']} kB")
        if self.args.tracemalloc:
            self.snapshot = tracemalloc.take_snapshot()

    def _phase_done(self) -> None:
        seconds = time.perf_counter() - self._started
        self._current = None
        if self._name.startswith(("warm-up", "mark")):
            return
        self.figures[self._name] = rss_kb()
        self.lines.append(f"after {self._name} ({seconds:.1f} s): {self.figures[self._name]} kB")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--tabs", type=int, default=1000)
    parser.add_argument("--searches", type=int, default=10_000)
    parser.add_argument("--tracemalloc", action="store_true")
    parser.add_argument(
        "--size", default="1400x900", help="window size; the grid shows its legend from 1250 wide"
    )
    args = parser.parse_args()
    if args.tracemalloc:
        tracemalloc.start(8)

    app = create_application(["long-session"])
    user = Path(tempfile.mkdtemp(prefix="serm-long-session-"))
    paths.configure(user)
    repository = ContentRepository.open(args.db)
    window = MainWindow(repository)
    panel = window.findChild(SearchPanel)
    if panel is None:  # until the integrator wires search into the window
        panel = SearchPanel(SearchEngine.from_repository(repository))
        window.install_search_panel(panel)
    window.restore_state()
    width, height = (int(n) for n in args.size.split("x"))
    window.resize(width, height)
    window.show()
    window.focus_search()  # the results list is visible and paints
    start_rss = rss_kb()
    session = Session(window, panel, args)
    session.start()
    app.exec()

    figures = session.figures
    baseline = figures["baseline"]
    print(f"long session: Python {sys.version.split()[0]}, SQLite {repository.meta.sqlite_version}")
    print(f"window shown ({args.size}): {start_rss} kB")
    for line in session.lines:
        print(line)
    previous = baseline
    for name, value in figures.items():
        if name == "baseline":
            continue
        print(
            f"growth over {name}: {value - previous:+d} kB ({(value - previous) / previous:+.1%})"
        )
        previous = value
    total = previous - baseline
    print(f"total growth after warm-up: {total:+d} kB ({total / baseline:+.1%}); goal under +10%")
    alive = [t for t in window.findChildren(TabContent)]
    print(f"tab widgets alive at the end: {len(alive)} (open tabs: {window.tabs.count()})")
    print(f"objects tracked by the garbage collector: {len(gc.get_objects())}")
    if args.tracemalloc:
        after = tracemalloc.take_snapshot()
        print("largest Python allocation growth since warm-up:")
        for stat in after.compare_to(session.snapshot, "lineno")[:10]:
            print(f"  {stat}")
    window.close()
    repository.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
