"""SIGKILL a writer mid-write over and over: every committed change survives, intact.

A "zygote" subprocess imports the store once and forks one writer per round,
so 120 rounds take seconds. Each writer saves bookmarks, notes (some over a
hundred kilobytes, so a kill often lands inside a multi-page transaction),
visits and backups as fast as it can, printing an acknowledgement after each
commit returns. The test kills it with SIGKILL after a random number of
acknowledgements (sometimes none: during opening), then checks the file with
a plain sqlite3 integrity_check and finds every acknowledged item, byte for
byte, before the next round starts on the same file.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from desktop_app.userdata import UserStore
from desktop_app.userdata.backups import is_good_backup

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = 120

WRITER = r"""
import hashlib, os, random, sys
sys.path.insert(0, sys.argv[2])
from pathlib import Path
from desktop_app.userdata import UserStore

def payload(version, size):
    seed = hashlib.sha256(version.encode()).hexdigest()
    body = (seed * (size // len(seed) + 1))[:size]
    return f"v{version} {size}\n{body}"

def write_forever(database, round_no, seed):
    rng = random.Random(seed)
    store = UserStore.open(database, keep_backups=3)
    step = 0
    while True:
        step += 1
        choice = rng.random()
        if choice < 0.35:
            uri = f"serm://section/r{round_no}-b{step}"
            store.add_bookmark(uri, f"Bookmark {round_no}.{step}")
            print(f"bookmark {uri} Bookmark {round_no}.{step}", flush=True)
        elif choice < 0.8:
            uri = f"serm://reference/{rng.randrange(1, 30)}"
            version = f"{round_no}.{step}"
            size = rng.choice((40, 3000, 40000, 150000))
            store.save_note(uri, f"Reference {version}", payload(version, size))
            print(f"note {uri} {version}", flush=True)
        elif choice < 0.95:
            store.record_visit(f"serm://agent/a{step % 7}", "agent")
            print("visit", flush=True)
        else:
            store.backup()
            print("backup", flush=True)

database = Path(sys.argv[1])
for line in sys.stdin:
    round_no, seed = map(int, line.split())
    pid = os.fork()
    if pid == 0:
        try:
            write_forever(database, round_no, seed)
        finally:
            os._exit(1)
    print(f"forked {pid}", flush=True)
    _, status = os.waitpid(pid, 0)
    print(f"exit {status}", flush=True)
"""


def payload(version: str, size: int) -> str:
    import hashlib

    seed = hashlib.sha256(version.encode()).hexdigest()
    body = (seed * (size // len(seed) + 1))[:size]
    return f"v{version} {size}\n{body}"


def version_key(version: str) -> tuple[int, int]:
    round_no, step = version.split(".")
    return int(round_no), int(step)


def test_sigkill_mid_write_loses_nothing_committed(tmp_path: Path) -> None:
    database = tmp_path / "userdata.sqlite"
    rng = random.Random(20250301)
    bookmarks: dict[str, str] = {}  # uri -> title, every acknowledged bookmark
    notes: dict[str, str] = {}  # uri -> newest acknowledged version
    killed_after_acks: list[int] = []
    with subprocess.Popen(
        [sys.executable, "-c", WRITER, str(database), str(ROOT)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        bufsize=1,
    ) as zygote:
        assert zygote.stdin is not None and zygote.stdout is not None
        for round_no in range(1, ROUNDS + 1):
            zygote.stdin.write(f"{round_no} {rng.randrange(1 << 30)}\n")
            zygote.stdin.flush()
            forked = zygote.stdout.readline().split()
            assert forked[0] == "forked", forked
            acks_before_kill = rng.choice((0, 0, 1, 2, 3, 5, 8, 13))
            acks = 0
            line = ""
            while acks < acks_before_kill:
                line = zygote.stdout.readline()
                assert not line.startswith("exit"), f"writer died by itself: {line}"
                _remember(line, bookmarks, notes)
                acks += 1
            os.kill(int(forked[1]), signal.SIGKILL)
            while not (line := zygote.stdout.readline()).startswith("exit"):
                _remember(line, bookmarks, notes)  # acknowledged just before the kill
            status = int(line.split()[1])
            assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
            killed_after_acks.append(acks)
            _check(database, bookmarks, notes)
        zygote.stdin.close()  # the zygote's loop ends; the context manager waits for it
    assert len(killed_after_acks) == ROUNDS >= 100
    assert killed_after_acks.count(0) > 10  # many kills landed while opening
    assert len(bookmarks) > 50 and len(notes) > 10
    for backup in (database.parent / "backups").glob("*.sqlite"):
        assert is_good_backup(backup), backup  # a kill mid-backup never leaves a bad one


def _remember(line: str, bookmarks: dict[str, str], notes: dict[str, str]) -> None:
    kind, *rest = line.split(" ", 2)
    if kind == "bookmark":
        bookmarks[rest[0]] = rest[1].strip()
    elif kind == "note":
        uri, version = rest[0], rest[1].strip()
        if uri not in notes or version_key(version) > version_key(notes[uri]):
            notes[uri] = version


def _check(database: Path, bookmarks: dict[str, str], notes: dict[str, str]) -> None:
    raw = sqlite3.connect(database)  # a plain connection, before the store's own checks
    try:
        assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        stored_bookmarks = dict(raw.execute("SELECT uri, title FROM bookmarks"))
        stored_notes = dict(raw.execute("SELECT uri, text FROM notes"))
    finally:
        raw.close()
    for uri, title in bookmarks.items():
        assert stored_bookmarks.get(uri) == title, uri
    for uri, version in notes.items():
        text = stored_notes[uri]
        header = text.split("\n", 1)[0]  # "v<round>.<step> <size>"
        stored_version, size = header[1:].split()
        # The newest acknowledged version, or a later one committed just before the kill.
        assert version_key(stored_version) >= version_key(version), uri
        assert text == payload(stored_version, int(size)), f"{uri} is not intact"
    with UserStore.open(database, keep_backups=3) as store:
        assert store.writable and store.notices == ()  # nothing needed recovering
