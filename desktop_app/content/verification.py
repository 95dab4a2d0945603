"""The full check behind "Help → Verify installation": every step reported, none skipped.

Start-up stops at the first problem, with one message. Someone verifying an
installation (after a disk error, before a clinic session, for IT) wants the
whole picture instead: each step runs even when an earlier one failed, and
reports what it found. The steps reuse the start-up checks of
``database.py`` and add the checksum (recomputed, never cached) and a full
``quick_check`` of every page.

Qt-free and thread-agnostic: it opens its own read-only connection, so a GUI
can run it on a worker thread; ``cancelled`` is polled between steps and by
SQLite's progress handler, so closing the dialog stops it promptly.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from desktop_app.content.database import (
    _check_contents,
    _check_file,
    _check_records,
    _read_only_uri,
    is_bundled,
    manifest_path,
    read_manifest,
)
from desktop_app.content.errors import ContentDatabaseError

PASSED = "passed"
FAILED = "failed"
NOT_CHECKED = "not checked"


class VerificationCancelled(Exception):
    """The caller asked to stop."""


@dataclass(frozen=True)
class VerificationStep:
    name: str
    status: str  # PASSED, FAILED or NOT_CHECKED
    detail: str


@dataclass(frozen=True)
class VerificationReport:
    path: Path
    steps: tuple[VerificationStep, ...]
    seconds: float

    @property
    def passed(self) -> bool:
        return all(step.status == PASSED for step in self.steps)

    @property
    def verdict(self) -> str:
        if self.passed:
            return "The installation is intact."
        if any(step.status == FAILED for step in self.steps):
            return (
                "The content database is damaged or has been changed. Reinstall SERM"
                " Reference, or start it with --db pointing at a good copy."
            )
        if any(s.name == "checksum" and s.status == NOT_CHECKED for s in self.steps):
            return (
                "No damage was found, but this content is unverified: it came without the"
                " manifest that vouches for it, so a changed word would not be noticed."
            )
        return "No problem was found, but some checks could not be made."

    def as_text(self) -> str:
        width = max(len(step.name) for step in self.steps) if self.steps else 0
        lines = [f"Content database: {self.path}"]
        lines += [f"  {s.status:<11} {s.name:<{width}}  {s.detail}" for s in self.steps]
        lines.append(f"{self.verdict} ({self.seconds:.2f} s)")
        return "\n".join(lines)


Progress = Callable[[str], None]
Cancelled = Callable[[], bool]


def verify_installation(
    path: Path, progress: Progress | None = None, cancelled: Cancelled | None = None
) -> VerificationReport:
    """Run every step on ``path``; raise VerificationCancelled when ``cancelled()`` turns true."""
    started = time.perf_counter()
    is_cancelled: Cancelled = cancelled or (lambda: False)
    steps: list[VerificationStep] = []
    checks: tuple[tuple[str, Callable[[Path, Cancelled], tuple[str, str]]], ...] = (
        ("file", _step_file),
        ("checksum", _step_checksum),
        ("integrity", _step_integrity),
        ("contents", _step_contents),
        ("records", _step_records),
    )
    for name, check in checks:
        if is_cancelled():
            raise VerificationCancelled
        if progress is not None:
            progress(name)
        try:
            status, detail = check(path, is_cancelled)
        except ContentDatabaseError as error:
            status, detail = FAILED, _one_line(error)
        except (OSError, sqlite3.Error) as error:
            if is_cancelled():
                raise VerificationCancelled from error
            status, detail = FAILED, f"{type(error).__name__}: {error}"
        steps.append(VerificationStep(name, status, detail))
        if name == "file" and status == FAILED:  # nothing else can be read
            unread = "the file cannot be read"
            steps += [VerificationStep(n, NOT_CHECKED, unread) for n, _ in checks[1:]]
            break
    return VerificationReport(path, tuple(steps), time.perf_counter() - started)


def _one_line(error: ContentDatabaseError) -> str:
    return f"{error.problem} ({error.detail})" if error.detail else error.problem


def _step_file(path: Path, _cancelled: Cancelled) -> tuple[str, str]:
    _check_file(path)
    return PASSED, f"present, readable, {path.stat().st_size:,} bytes, SQLite format"


def _step_checksum(path: Path, _cancelled: Cancelled) -> tuple[str, str]:
    manifest = manifest_path(path)
    recorded = read_manifest(path, thorough=True)  # raises DatabaseTamperedError on a mismatch
    if recorded is None:
        if is_bundled(path):  # the shipped file always has one: its absence is tampering
            return FAILED, f"the manifest ({manifest.name}) it was shipped with is missing"
        return NOT_CHECKED, (
            f"no manifest ({manifest.name}) beside the file: its content is unverified"
        )
    return PASSED, f"SHA-256 {recorded['sha256']} matches {manifest.name}"


def _connect(path: Path, cancelled: Cancelled) -> sqlite3.Connection:
    connection = sqlite3.connect(_read_only_uri(path), uri=True)
    connection.set_progress_handler(lambda: 1 if cancelled() else 0, 10_000)
    return connection


def _step_integrity(path: Path, cancelled: Cancelled) -> tuple[str, str]:
    connection = _connect(path, cancelled)
    try:
        problems = [row[0] for row in connection.execute("PRAGMA quick_check")]
        (pages,) = connection.execute("PRAGMA page_count").fetchone()
    finally:
        connection.close()
    if problems != ["ok"]:
        shown = "; ".join(problems[:5]) + (" ..." if len(problems) > 5 else "")
        return FAILED, f"quick_check found {len(problems)} problem(s): {shown}"
    return PASSED, f"quick_check ok ({pages} pages)"


def _step_contents(path: Path, cancelled: Cancelled) -> tuple[str, str]:
    """Schema version, required tables, the full-text index: what the app needs to run."""
    connection = _connect(path, cancelled)
    try:
        _check_contents(connection, path)
        (version,) = connection.execute("PRAGMA user_version").fetchone()
        (units,) = connection.execute("SELECT count(*) FROM search_units").fetchone()
    finally:
        connection.close()
    return PASSED, f"schema {version}, all tables present, full-text search answers ({units} units)"


def _step_records(path: Path, cancelled: Cancelled) -> tuple[str, str]:
    """What the reader relies on inside the rows: meta, JSON columns, links between rows."""
    try:
        manifest = read_manifest(path)
    except ContentDatabaseError:
        manifest = None  # reported by the checksum step
    connection = _connect(path, cancelled)
    try:
        _check_records(connection, path, manifest)
    finally:
        connection.close()
    return PASSED, "meta complete, JSON columns parse, no row points at a missing one"
