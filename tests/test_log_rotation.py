"""The session log rotates by size like the standard library's handler, without importing it."""

from __future__ import annotations

import logging
from pathlib import Path

from desktop_app.logging_setup import SizeRotatingFileHandler


def _log(handler: logging.Handler, text: str) -> None:
    handler.emit(logging.LogRecord("t", logging.INFO, __file__, 1, text, None, None))


def test_log_rotates_at_its_size_and_keeps_only_the_last_backups(tmp_path: Path) -> None:
    path = tmp_path / "app.log"
    handler = SizeRotatingFileHandler(path, max_bytes=100, backups=2)
    try:
        for number in range(12):
            _log(handler, f"line {number:02d} " + "x" * 30)
    finally:
        handler.close()
    kept = sorted(p.name for p in tmp_path.iterdir())
    assert kept == ["app.log", "app.log.1", "app.log.2"]
    assert all(p.stat().st_size <= 100 for p in tmp_path.iterdir())
    assert "line 11" in path.read_text(encoding="utf-8")  # the newest line is in the live file
    newest_backup = (tmp_path / "app.log.1").read_text(encoding="utf-8")
    assert "line 09" in newest_backup and "line 11" not in newest_backup


def test_a_first_long_line_is_written_not_rotated_away(tmp_path: Path) -> None:
    path = tmp_path / "app.log"
    handler = SizeRotatingFileHandler(path, max_bytes=10, backups=1)
    try:
        _log(handler, "a line longer than the limit")
    finally:
        handler.close()
    assert path.read_text(encoding="utf-8") == "a line longer than the limit\n"
    assert not (tmp_path / "app.log.1").exists()
