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
        return self.marker.is_file()

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
