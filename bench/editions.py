"""Time verifying and installing a signed pack of the shipped content.

Usage: ``python bench/editions.py [--runs 20] [--db PATH]``

A key is made for the run (never kept), the database is packed and signed,
then ``EditionStore.verify`` and ``EditionStore.install`` run ``--runs`` times
each into fresh folders (install includes every check, extraction, fsyncs and
the state switch). Prints the pack size and the median and max wall times.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop_app.content.database import default_database_path  # noqa: E402
from desktop_app.editions.pack import build_pack  # noqa: E402
from desktop_app.editions.signing import PrivateKey  # noqa: E402
from desktop_app.editions.store import EditionStore  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--db", type=Path, default=default_database_path())
    args = parser.parse_args(argv)
    key = PrivateKey.generate()
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        pack = folder / "serm-content.sermpack"
        build_pack(args.db, key, pack, "benchmark")
        verify, install = [], []
        for run in range(args.runs):
            # An empty folder as bundled edition: the pack is always newer than it.
            store = EditionStore(folder / f"e{run}", folder / "none.sqlite", (key.public_key,))
            started = time.perf_counter()
            store.verify(pack)
            verify.append(time.perf_counter() - started)
            started = time.perf_counter()
            store.install(pack)
            install.append(time.perf_counter() - started)
        print(f"database {args.db.stat().st_size:,} bytes, pack {pack.stat().st_size:,} bytes")
    for name, times in (("verify", verify), ("install (verify included)", install)):
        print(
            f"{name}: median {statistics.median(times) * 1000:.1f} ms,"
            f" max {max(times) * 1000:.1f} ms ({args.runs} runs)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
