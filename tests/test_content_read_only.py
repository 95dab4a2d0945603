"""The content database is never written: same bytes, same times, nothing new beside it.

The app opens the file with ``mode=ro&immutable=1``; this checks the promise
end to end. An installed copy (database and manifest in their own folder) goes
through the real start and a whole driven session (every page, search, compare
exports, Export PDF, Print to PDF, Help → Verify Installation, a bookmark and a
note saved, exported and imported), twice;
afterwards its bytes, size, modification and
change times, and the folder's listing are exactly as before: no journal, no
``-wal``/``-shm``, no rewritten manifest.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer

from desktop_app.app import run_gui
from desktop_app.cli import build_parser
from desktop_app.content.database import manifest_path
from tests.reader_helpers import OFFSCREEN_LIMITS
from tests.session_driver import (
    drive_full_session,
    visible_main_window,
    wait_for_second_stage,
)

pytestmark = [pytest.mark.gui, pytest.mark.qt_no_exception_capture, *OFFSCREEN_LIMITS]


def fingerprint(folder: Path) -> dict[str, tuple[str, int, int, int]]:
    """Per file: SHA-256, size, mtime and ctime in nanoseconds."""
    found = {}
    for path in sorted(folder.iterdir()):
        status = path.stat()
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        found[path.name] = (digest, status.st_size, status.st_mtime_ns, status.st_ctime_ns)
    return found


def test_a_whole_gui_session_leaves_the_content_file_untouched(
    database_path: Path, tmp_path: Path
) -> None:
    install = tmp_path / "install"
    install.mkdir()
    database = install / database_path.name
    shutil.copy2(database_path, database)
    shutil.copy2(manifest_path(database_path), manifest_path(database))
    before = fingerprint(install)
    assert set(before) == {"serm-reference.sqlite", "serm-reference.manifest.json"}

    for run in range(2):  # a second start reads what the first left, if anything

        def when_up(run: int = run) -> None:
            window = visible_main_window()
            try:
                wait_for_second_stage(window)
                assert drive_full_session(window, tmp_path / f"out-{run}").personal
            finally:
                window.close()

        QTimer.singleShot(0, when_up)
        user = tmp_path / "user"
        args = ["--db", str(database), "--basedir", str(user), "--no-err-windows"]
        assert run_gui(build_parser().parse_args(args)) == 0
        assert fingerprint(install) == before
    assert (tmp_path / "user" / "window-state.ini").is_file()  # user state went where it belongs
