"""Personal store timings: what a durable (fsync-per-change) store costs on this disk.

Usage::

    .venv/bin/python bench/userdata.py [--workdir DIR] [--bookmarks N] [--notes N]
                                       [--visits N] [--repeat N]

Builds a well-used store in a temporary folder (or ``--workdir``: put it on the
disk you care about, since fsync cost is the disk's), then prints the median
and p95 of each change (each is one transaction with synchronous=FULL), of
opening (integrity_check included), of a backup, of note search, and of a JSON
export and re-import. Figures, not assertions.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop_app.userdata import UserStore
from desktop_app.userdata.transfer import export_json, import_file

WORDS = [
    *("tamoxifen", "raloxifene", "bazedoxifene", "ospemifene", "thrombosis", "endometrium"),
    *("lipids", "stroke", "vasomotor", "bone", "density", "breast", "cancer", "risk"),
    *("follow-up", "dose", "ask", "patient", "guideline"),
]


def _text(rng: random.Random, size: int) -> str:
    words: list[str] = []
    length = 0
    while length < size:
        words.append(rng.choice(WORDS))
        length += len(words[-1]) + 1
    return " ".join(words)


def _timed(action: Callable[[], object], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return times


def _line(label: str, times: list[float]) -> None:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    print(f"{label:<44} median {statistics.median(times):8.2f} ms   p95 {p95:8.2f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--bookmarks", type=int, default=500)
    parser.add_argument("--notes", type=int, default=300)
    parser.add_argument("--visits", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="serm-userdata-bench-", dir=args.workdir))
    path = folder / "userdata.sqlite"
    rng = random.Random(1)
    counter = iter(range(10**9))

    start = time.perf_counter()
    with UserStore.open(path) as store:
        for n in range(args.bookmarks):
            store.add_bookmark(f"serm://section/b{n}", f"Bookmark {n}")
        for n in range(args.notes):
            store.save_note(f"serm://reference/{n + 1}", f"Ref {n}", _text(rng, 2000))
        for n in range(args.visits):
            store.record_visit(f"serm://section/v{n}", f"Visit {n}")
    print(
        f"filled {args.bookmarks} bookmarks, {args.notes} notes (2 kB), {args.visits} visits"
        f" in {time.perf_counter() - start:.1f} s; file {path.stat().st_size / 1024:.0f} kB"
    )

    _line("open (integrity_check, no backup due)", _timed(lambda: UserStore.open(path).close(), 10))
    with UserStore.open(path) as store:
        n = args.repeat
        _line(
            "add_bookmark",
            _timed(lambda: store.add_bookmark(f"serm://section/x{next(counter)}", "x"), n),
        )
        _line(
            "rename_bookmark",
            _timed(lambda: store.rename_bookmark("serm://section/b1", f"t{next(counter)}"), n),
        )
        _line(
            "move_bookmark (renumbers the list)",
            _timed(
                lambda: store.move_bookmark("serm://section/b2", rng.randrange(args.bookmarks)), n
            ),
        )
        _line(
            "save_note 2 kB",
            _timed(lambda: store.save_note("serm://agent/raloxifene", "R", _text(rng, 2000)), n),
        )
        _line(
            "save_note 100 kB",
            _timed(lambda: store.save_note("serm://agent/tamoxifen", "T", _text(rng, 100_000)), n),
        )
        _line(
            "record_visit",
            _timed(lambda: store.record_visit(f"serm://section/v{rng.randrange(2000)}", "v"), n),
        )
        _line("search_notes 'thromb risk'", _timed(lambda: store.search_notes("thromb risk"), n))
        _line(
            "bookmarks() + notes() + history()",
            _timed(lambda: (store.bookmarks(), store.notes(), store.history()), 10),
        )
        _line("backup (online backup API, fsync, rotate)", _timed(store.backup, 10))
        export = folder / "export.json"
        _line("export JSON", _timed(lambda: export_json(store, export), 5))
    print(f"export file {export.stat().st_size / 1024:.0f} kB")
    fresh = folder / "fresh.sqlite"
    with UserStore.open(fresh) as target:
        _line("import JSON into an empty store", _timed(lambda: import_file(target, export), 1))
        _line(
            "import the same file again (no change)", _timed(lambda: import_file(target, export), 3)
        )
    print(f"work folder: {folder}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
