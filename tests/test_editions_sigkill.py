"""An install killed at any moment (SIGKILL: no cleanup runs) leaves a usable active edition.

A helper process installs the test-only edition through the real
``EditionStore.install``; the test kills it after a random delay within the
install's own duration, 60 times, and after each kill checks that the edition
the app would open passes the full verification (checksum, quick_check,
schema, full-text search) and is either the old or the new edition, never a
half-written one.
"""

from __future__ import annotations

import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop_app.content.verification import verify_installation
from desktop_app.editions.store import STAGING_PREFIX, EditionStore
from tests.editions_helpers import ROOT, SECOND_EDITION, Packs, packs_fixture  # noqa: F401

KILLS = 60
HELPER = """
import sys, time
from pathlib import Path
from desktop_app.editions.signing import load_public_key
from desktop_app.editions.store import EditionStore
folder, bundled, pack, key = map(Path, sys.argv[1:5])
store = EditionStore(folder, bundled, (load_public_key(key.read_text()),))
print("ready", flush=True)
started = time.perf_counter()
store.install(pack)
print("done", time.perf_counter() - started, flush=True)
"""

pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX"),
    pytest.mark.slow,  # about 10 s: 60 helper processes
]


def _start(folder: Path, database_path: Path, packs: Packs) -> subprocess.Popen[str]:
    helper = subprocess.Popen(
        [
            sys.executable,
            "-c",
            HELPER,
            *map(str, (folder, database_path, packs.second)),
            str(packs.key_dir / "public.key"),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert helper.stdout is not None
    assert helper.stdout.readline().strip() == "ready", (
        helper.stderr.read() if helper.stderr else ""
    )
    return helper


def test_sigkill_during_install_always_leaves_an_edition_that_opens_and_verifies(
    packs: Packs, database_path: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "editions"
    store = EditionStore(folder, database_path, ())

    def reset() -> None:  # back to the bundled edition, the new one removed: a full install
        if not store.active().bundled:
            store.rollback()
        for entry in folder.iterdir():
            if entry.is_dir() and entry.name.startswith(SECOND_EDITION):
                shutil.rmtree(entry)

    durations = []
    for _ in range(2):  # to the end, twice (the second warm): how long an install takes
        helper = _start(folder, database_path, packs)
        out, err = helper.communicate(timeout=60)
        assert helper.returncode == 0, err
        durations.append(float(out.split()[1]))
        reset()
    duration = durations[-1]
    random_delays = random.Random(17)
    outcomes = {"old": 0, "new": 0}
    upper = duration * 3  # the delay's bound follows the commit point, wherever load puts it
    for _ in range(KILLS):
        reset()
        helper = _start(folder, database_path, packs)
        time.sleep(random_delays.uniform(0, upper))
        helper.send_signal(signal.SIGKILL)
        helper.communicate(timeout=30)
        active = store.startup_candidates()[0]
        report = verify_installation(active.database)
        assert report.passed, report.as_text()
        assert active.edition in {"2026.11.1", SECOND_EDITION}
        assert not active.database.parent.name.startswith(".")
        outcome = "new" if active.edition == SECOND_EDITION else "old"
        outcomes[outcome] += 1
        upper *= 0.8 if outcome == "new" else 1.25
    print(f"{KILLS} kills: {outcomes}; an uninterrupted install took {duration * 1000:.0f} ms")
    # The kills landed before and after the commit point, not all on one side of it.
    assert outcomes["old"] >= 3 and outcomes["new"] >= 3, outcomes
    # Whatever the kills left half-written is cleared by the next install.
    if store.active().edition == SECOND_EDITION:
        store.rollback()
    shutil.rmtree(next(folder.glob(f"{SECOND_EDITION}-*"), tmp_path / "none"), ignore_errors=True)
    EditionStore(folder, database_path, (packs.key.public_key,)).install(packs.second)
    assert not list(folder.glob(f"{STAGING_PREFIX}*"))
