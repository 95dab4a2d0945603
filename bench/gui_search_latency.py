"""Keystroke to results painted, in the real SearchPanel, offscreen.

Usage::

    .venv/bin/python bench/gui_search_latency.py [--db PATH] [--rounds N]

Types each of the reference queries into the panel one key at a time, as
QTest key events, and times each keystroke from the moment the key event is
sent until the results list has painted its rows for the new text (the end of
the last row's paint). The debounce is included, as it is part of what a user
waits for. Prints median, p99 and max, and how much of it was the search.

Offscreen painting skips the final copy to a screen, so a real display adds a
compositor frame; the figure is the application's own share. No assertions:
the goal (under 16 ms at 1x) is judged by a person.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, Qt  # noqa: E402
from PySide6.QtGui import QKeyEvent, QPainter  # noqa: E402
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem  # noqa: E402

from desktop_app.content import ContentRepository  # noqa: E402
from desktop_app.content.search.engine import SearchEngine  # noqa: E402
from desktop_app.ui.search.delegate import SearchResultDelegate  # noqa: E402
from desktop_app.ui.search.panel import SearchPanel  # noqa: E402

QUERIES = ROOT / "tests" / "data" / "search_queries.json"


class TimedDelegate(SearchResultDelegate):
    """Notes when the last row was painted."""

    last_paint = 0.0

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        super().paint(painter, option, index)
        TimedDelegate.last_paint = time.perf_counter()


def type_key(panel: SearchPanel, char: str) -> None:
    """One key press and release carrying ``char`` (QTest's key helpers accept ASCII only)."""
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
        QApplication.sendEvent(panel.search_field, event)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=None, help="content database")
    parser.add_argument("--rounds", type=int, default=3, help="times to type every query")
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication([])
    repository = ContentRepository.open(args.db)
    panel = SearchPanel(SearchEngine.from_repository(repository))
    panel.results_view.setItemDelegate(TimedDelegate(panel.results_view))
    panel.resize(380, 700)
    panel.show()
    QApplication.processEvents()
    queries = [q["query"] for q in json.loads(QUERIES.read_text(encoding="utf-8"))["queries"]]
    latencies: list[float] = []
    searches: list[float] = []
    for _ in range(args.rounds):
        for query in queries:
            panel.search_field.clear()
            panel.search_now()
            QApplication.processEvents()
            for char in query:
                TimedDelegate.last_paint = 0.0
                start = time.perf_counter()
                type_key(panel, char)
                expected = panel.search_field.text()
                deadline = start + 2.0
                while time.perf_counter() < deadline:
                    QApplication.processEvents()
                    shown = panel.response().query == expected
                    painted = TimedDelegate.last_paint > start or not panel.response().results
                    if shown and painted:
                        break
                end = max(TimedDelegate.last_paint, start)
                if not panel.response().results:
                    end = time.perf_counter()
                latencies.append((end - start) * 1000)
                searches.append(panel.last_search_ms)
    print(f"{len(latencies)} keystrokes over {len(queries)} queries x {args.rounds} rounds")
    print(
        f"keystroke to painted: median {statistics.median(latencies):.2f} ms, "
        f"p99 {percentile(latencies, 0.99):.2f} ms, max {max(latencies):.2f} ms"
    )
    print(
        f"  of which search:    median {statistics.median(searches):.2f} ms, "
        f"p99 {percentile(searches, 0.99):.2f} ms, max {max(searches):.2f} ms"
    )
    print(f"  debounce: {panel.debounce_ms()} ms (0 while a search costs under 4 ms)")
    panel.close()
    repository.close()
    app.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
