"""Small file operations that survive a crash at any instant.

A file is written under a temporary name, flushed to the disk, then renamed
over the target, and the folder itself is flushed so the rename is durable: a
reader sees the old file or the new one, never half of one.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

PARTIAL_SUFFIX = ".partial"


def set_aside_stamp(now: datetime) -> str:
    """The UTC time in the names of files set aside (damaged, orphaned, foreign logs)."""
    return now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def fsync_file(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def fsync_folder(folder: Path) -> None:
    """Make a rename or a new file durable (a no-op where folders cannot be opened)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(descriptor)
    finally:
        os.close(descriptor)


def write_atomically(target: Path, data: bytes) -> None:
    partial = target.with_name(target.name + PARTIAL_SUFFIX)
    try:
        with open(partial, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, target)
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise
    fsync_folder(target.parent)


def copy_atomically(source: Path, target: Path) -> None:
    partial = target.with_name(target.name + PARTIAL_SUFFIX)
    try:
        shutil.copyfile(source, partial)
        fsync_file(partial)
        os.replace(partial, target)
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise
    fsync_folder(target.parent)


def sidecars(database: Path) -> tuple[Path, Path]:
    """SQLite's write-ahead log and shared-memory files that belong to ``database``."""
    return (
        database.with_name(database.name + "-wal"),
        database.with_name(database.name + "-shm"),
    )
