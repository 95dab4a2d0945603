"""SIGKILL at every step of a recovery: the next start finishes it and loses nothing.

Each round damages a store that has a backup, starts a process that opens it
and kills itself (SIGKILL, no clean-up) right after one step of the recovery
(``recovery.checkpoint``), then opens the store normally: the backup's notes
must be there, the damaged file kept byte for byte, and the user told, until
they acknowledge it.
"""

from __future__ import annotations

import hashlib
import signal
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from desktop_app.userdata import UserStore
from desktop_app.userdata.recovery import STAGES, marker_path

ROOT = Path(__file__).resolve().parent.parent
NOTE = "allergy to X — do not lose this " * 50

OPEN_AND_DIE = r"""
import os, signal, sys
sys.path.insert(0, sys.argv[3])
from pathlib import Path
from desktop_app.userdata import UserStore, recovery

stops = sys.argv[2].split(",")

def checkpoint(stage):
    if stops and stage == stops[0]:
        os.kill(os.getpid(), signal.SIGKILL)

recovery.checkpoint = checkpoint
UserStore.open(Path(sys.argv[1])).close()
"""


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _store_with_backup(path: Path) -> None:
    with UserStore.open(path) as store:
        for n in range(1, 40):
            store.add_bookmark(f"serm://reference/{n}", f"Reference {n} " + "x" * 60)
        store.save_note("serm://agent/raloxifene", "Raloxifene", NOTE)
        store.backup()


def _damage(path: Path) -> str:
    with open(path, "r+b") as handle:
        handle.write(b"not a database any more" * 8)
    return _digest(path)


def _open_and_die_at(path: Path, stage: str) -> int:
    result = subprocess.run(
        [sys.executable, "-c", OPEN_AND_DIE, str(path), stage, str(ROOT)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    return result.returncode


def _assert_recovered(path: Path, damaged_digest: str) -> None:
    with UserStore.open(path) as store:
        assert not marker_path(path).exists()
        assert store.writable
        note = store.note("serm://agent/raloxifene")
        assert note is not None and note.text == NOTE
        assert len(store.bookmarks()) == 39
        titles = [notice.title for notice in store.notices]
        assert "Your bookmarks and notes were restored from a backup" in titles
        kept = sorted(path.parent.glob("userdata.damaged-*.sqlite"))
        assert [_digest(k) for k in kept] == [damaged_digest]
        assert all(str(k) in store.notices[-1].message for k in kept)
        assert not list(path.parent.rglob("*.partial*"))


@pytest.mark.parametrize("stage", STAGES)
def test_a_kill_after_any_step_of_recovery_is_finished_by_the_next_start(
    tmp_path: Path, stage: str
) -> None:
    path = tmp_path / "userdata.sqlite"
    _store_with_backup(path)
    damaged = _damage(path)
    assert _open_and_die_at(path, stage) == -signal.SIGKILL
    _assert_recovered(path, damaged)


def test_killed_twice_during_recovery_still_recovers(tmp_path: Path) -> None:
    path = tmp_path / "userdata.sqlite"
    _store_with_backup(path)
    damaged = _damage(path)
    assert _open_and_die_at(path, "damaged-copied") == -signal.SIGKILL
    assert marker_path(path).exists()
    assert _open_and_die_at(path, "log-removed") == -signal.SIGKILL
    _assert_recovered(path, damaged)


def test_a_missing_file_beside_its_backups_is_restored_not_started_empty(tmp_path: Path) -> None:
    """The old failure: the file gone, the next start made an empty store and said nothing."""
    path = tmp_path / "userdata.sqlite"
    _store_with_backup(path)
    path.unlink()
    with UserStore.open(path) as store:
        assert store.note("serm://agent/raloxifene") is not None
        [notice] = store.notices
        assert "missing" in notice.message and "restored" in notice.title


def test_the_notes_outlive_many_ordinary_sessions_after_a_recovery(tmp_path: Path) -> None:
    """Six daily sessions later (each taking a backup), the recovered notes are still there."""
    path = tmp_path / "userdata.sqlite"
    _store_with_backup(path)
    _damage(path)
    assert _open_and_die_at(path, "log-removed") == -signal.SIGKILL
    day = datetime(2026, 1, 1, tzinfo=UTC)
    for session in range(6):
        moment = day + timedelta(days=session + 1)
        with UserStore.open(path, clock=lambda moment=moment: moment) as store:
            store.record_visit("serm://agent/tamoxifen", "Tamoxifen")
    with UserStore.open(path) as store:
        note = store.note("serm://agent/raloxifene")
        assert note is not None and note.text == NOTE
