"""A start that never finished is not repeated the same way: no crash loop.

If something saved from the last session (a tab, the window layout) makes the
window crash while it is being built, restoring it again at every start would
crash every time. A marker file is written just before the window is built and
removed once the window has run for a few seconds, or closed normally; finding
it at the next start means that start died, so the window state is set aside
(kept, like a damaged settings file) and the app opens on the start page
instead, and says why.
"""

from __future__ import annotations

import logging
import os
from datetime import datetime
from pathlib import Path

log = logging.getLogger(__name__)

MARKER_NAME = "start-in-progress"


class StartupGuard:
    """``begin()`` before building the window, ``finished()`` once it has settled."""

    def __init__(self, folder: Path) -> None:
        self.marker = folder / MARKER_NAME

    def previous_start_failed(self) -> bool:
        """The marker is there and the process that wrote it is gone.

        A marker whose process still runs is another window's start in progress
        (a profile without the single-instance lock, e.g. a read-only folder),
        not a crash: its window layout must not be set aside.
        """
        if not self.marker.is_file():
            return False
        try:
            words = self.marker.read_text(encoding="utf-8").split()
            pid = int(words[1]) if len(words) > 1 and words[0] == "pid" else 0
        except (OSError, ValueError):
            return True
        return not (pid and pid != os.getpid() and _alive(pid))

    def begin(self) -> bool:
        """Write the marker; True when the last start left its marker (it did not finish)."""
        failed = self.previous_start_failed()
        if failed:
            log.warning("the previous start did not finish (marker %s was left)", self.marker)
        try:
            self.marker.write_text(
                f"pid {os.getpid()} started {datetime.now().isoformat(timespec='seconds')}\n",
                encoding="utf-8",
            )
        except OSError as error:  # a read-only folder: no guard, but no failure either
            log.warning("cannot write the start marker %s: %s", self.marker, error)
        return failed

    def finished(self) -> None:
        try:
            self.marker.unlink(missing_ok=True)
        except OSError as error:
            log.warning("cannot remove the start marker %s: %s", self.marker, error)


def _alive(pid: int) -> bool:
    if os.name != "posix":
        return False  # no cheap check there; the single-instance lock covers Windows
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, owned by someone else
    return True
