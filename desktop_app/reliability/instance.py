"""One window per user folder: a second start hands its address over and exits.

Two windows on one profile overwrote each other's notes (each said "Saved"),
and the second took the first's start marker for a crashed start. The usual
cure is a local socket (``QLocalServer``); that lives in QtNetwork, which the
bundle leaves out so that nothing able to open a network connection ships. A
lock and a folder do the same job with files only:

* ``InstanceLock`` is an OS file lock (``flock`` / ``msvcrt.locking``) on
  ``instance.lock``; the OS drops it when the process ends, even on SIGKILL,
  so a crash never leaves a stale lock;
* a second start writes its request (``{"open": address}``) into ``inbox/``
  under a temporary name and renames it in, then waits for the running window
  to take it (``take_requests`` reads and deletes), or says that window does
  not answer.

Qt-free: the window's side only watches the folder (``ui/instance_inbox.py``).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sys
import time
from pathlib import Path

log = logging.getLogger(__name__)

LOCK_NAME = "instance.lock"
INBOX_NAME = "inbox"
REQUEST_SUFFIX = ".request.json"
MAX_REQUEST_BYTES = 4096


class InstanceLock:
    """Held for the whole session by the one process that shows the window."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / LOCK_NAME
        self._fd: int | None = None

    def acquire(self) -> bool:
        """True when this process now holds the lock; False when another one does.

        A folder where the lock file cannot even be made (read-only) gives True:
        the store opens read-only there anyway, so two windows cannot collide.
        """
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as error:
            log.warning("no single-instance lock (%s): %s", self.path, error)
            return True
        try:
            _lock(fd)
        except OSError:
            os.close(fd)
            return False
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd
        return True

    def release(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                _unlock(self._fd)
            os.close(self._fd)
            self._fd = None


if sys.platform == "win32":
    import msvcrt

    def _lock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def inbox(folder: Path) -> Path:
    return folder / INBOX_NAME


def send_request(folder: Path, address: str | None) -> Path:
    """Leave a request for the running window; the file appears whole or not at all."""
    box = inbox(folder)
    box.mkdir(mode=0o700, exist_ok=True)
    name = f"{time.time_ns():020d}-{os.urandom(4).hex()}{REQUEST_SUFFIX}"
    partial = box / (name + ".partial")
    partial.write_text(json.dumps({"open": address}), encoding="utf-8")
    os.replace(partial, box / name)
    return box / name


def wait_until_taken(request: Path, timeout_s: float, poll_s: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if not request.exists():
            return True
        time.sleep(poll_s)
    return not request.exists()


def withdraw(request: Path) -> None:
    with contextlib.suppress(OSError):
        request.unlink()


def take_requests(folder: Path, not_before: float | None = None) -> list[str | None]:
    """Read and delete every waiting request, oldest first; ``None`` means "show yourself".

    Requests written before ``not_before`` (a time.time() value) are deleted unread:
    left by a start that was killed while waiting, they are not for this window.
    """
    box = inbox(folder)
    if not box.is_dir():
        return []
    taken: list[str | None] = []
    for request in sorted(box.glob(f"*{REQUEST_SUFFIX}")):
        try:
            if not_before is not None and request.stat().st_mtime < not_before:
                raise ValueError("left over from an earlier start")
            if request.stat().st_size > MAX_REQUEST_BYTES:
                raise ValueError("too large")
            value = json.loads(request.read_text(encoding="utf-8")).get("open")
            taken.append(value if isinstance(value, str) else None)
        except (OSError, ValueError, AttributeError) as error:
            log.warning("ignored request %s: %s", request.name, error)
        with contextlib.suppress(OSError):
            request.unlink()
    return taken
