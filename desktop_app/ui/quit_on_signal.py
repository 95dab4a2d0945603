"""SIGTERM (logout, shutdown, ``kill``) and SIGHUP end the session like File → Quit.

Python runs its signal handlers only when the interpreter gets control, which
it does not while Qt's event loop waits in C++; the default action would end
the process at once, losing a note typed in the last 700 ms (the autosave
delay) and leaving the start marker behind, so the next start would set the
window layout aside as if it had crashed. ``signal.set_wakeup_fd`` writes a
byte to a pipe the event loop watches (``QSocketNotifier``), so the handler
runs promptly and the quit goes through the window's normal close: notes are
flushed, state saved, the store closed. A pipe, not a socket pair: nothing
here looks like networking. Windows has no SIGTERM; its end-session message
reaches Qt as ``commitDataRequest``, connected by the caller.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable
from types import FrameType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import signal
else:
    try:  # the C module ``signal`` wraps: the wrapper's enum classes cost ~0.4 ms of a start
        import _signal as signal
    except ImportError:  # pragma: no cover - every CPython has _signal
        import signal

from PySide6.QtCore import QObject, QSocketNotifier, QTimer

log = logging.getLogger(__name__)
SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


class QuitOnSignal(QObject):
    """Calls ``quit_gracefully`` on the event loop when SIGTERM or SIGHUP arrives."""

    def __init__(
        self, quit_gracefully: Callable[[], object], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._quit = quit_gracefully
        self._previous: dict[int, object] = {}
        self._pipe: tuple[int, int] | None = None
        self._notifier: QSocketNotifier | None = None
        self.received: list[int] = []
        if os.name != "posix":
            return
        read_end, write_end = os.pipe()
        os.set_blocking(read_end, False)
        os.set_blocking(write_end, False)
        self._pipe = (read_end, write_end)
        self._old_wakeup = signal.set_wakeup_fd(write_end)
        self._notifier = QSocketNotifier(read_end, QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)
        for number in SIGNALS:
            self._previous[number] = signal.signal(number, self._handle)

    def _handle(self, number: int, _frame: FrameType | None) -> None:
        self.received.append(number)

    def _drain(self) -> None:
        assert self._pipe is not None
        with contextlib.suppress(BlockingIOError):
            while os.read(self._pipe[0], 512):
                pass
        if self.received:
            log.info("signal %s received: quitting normally", self.received[-1])
            QTimer.singleShot(0, self._quit)

    def uninstall(self) -> None:
        """Give the signals back (the process may start another window later, in tests)."""
        for number, previous in self._previous.items():
            signal.signal(number, previous)  # type: ignore[arg-type]
        self._previous.clear()
        if self._pipe is not None:
            signal.set_wakeup_fd(self._old_wakeup)
            if self._notifier is not None:
                self._notifier.setEnabled(False)
            for end in self._pipe:
                os.close(end)
            self._pipe = None
