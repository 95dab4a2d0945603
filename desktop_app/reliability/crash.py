"""Unexpected exceptions and hard crashes: written to the log in full, shown once in plain words.

Left alone, an exception in a Qt slot is printed to a console nobody sees and
the app carries on in an unknown state, and a segmentation fault leaves nothing
behind. Here every unexpected exception (main thread, Qt slots and virtual
methods, which PySide6 hands to ``sys.excepthook``, and other threads) is
logged with its traceback and handed to a presenter on the GUI thread (the
crash dialog: a short message, details to copy, the log's path); with
``--no-err-windows`` it goes to stderr instead, for tests and scripts. Either
way the session's exit code becomes ``ExitCode.UNEXPECTED_ERROR``, so a script
notices. ``faulthandler`` writes the Python stacks of a hard crash into the
log folder, and the next start says so in the log.

One error repeating (a paint event that fails on every frame) is logged in full
a few times and then only counted, so it cannot push the first traceback out of
the rotating log, and it never stacks up dialogs.
"""

import faulthandler
import logging
import sys
import threading
import traceback
from collections.abc import Callable
from contextlib import suppress
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import IO, NamedTuple, TextIO

from PySide6.QtCore import QObject, Signal

from desktop_app.exit_codes import ExitCode
from desktop_app.qt_namespace import Qt
from desktop_app.version import APP_NAME, __version__

log = logging.getLogger(__name__)

FAULT_FILE_NAME = "hard-crash.log"
KEPT_FAULT_FILES = 5
FULL_LOGS_PER_ERROR = 3  # then only every 10th, 100th, ... repeat is logged

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


class CrashReport(NamedTuple):
    """What the user sees and can copy: one line, and everything a developer needs."""

    summary: str
    details: str
    log_file: Path | None
    thread: str


Presenter = Callable[[CrashReport, int], None]
"""Shows a report on the GUI thread; gets the report and how many errors the session had."""


def describe(
    exc_type: type[BaseException],
    exc: BaseException,
    tb: TracebackType | None,
    thread: str,
    log_file: Path | None,
) -> CrashReport:
    message = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    summary = f"{exc_type.__name__}: {message}" if message else exc_type.__name__
    stack = "".join(traceback.format_exception(exc_type, exc, tb))
    details = (
        f"{APP_NAME} {__version__}, Python {sys.version.split()[0]}, {sys.platform}\n"
        f"{datetime.now().isoformat(timespec='seconds')}, thread {thread}\n\n{stack}"
    )
    return CrashReport(summary[:300], details, log_file, thread)


def _signature(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> str:
    """The same error from the same line counts as a repeat, whatever its traceback above."""
    frames = traceback.extract_tb(tb)
    where = f"{frames[-1].filename}:{frames[-1].lineno}" if frames else ""
    return f"{exc_type.__qualname__}|{str(exc)[:200]}|{where}"


class _Bridge(QObject):
    """Carries a report from any thread to the GUI thread (queued connection).

    Connected on the first report, not at start: ``Qt.ConnectionType`` is in the
    ``Qt`` namespace, which costs ~20 ms of the first paint to build
    (desktop_app/qt_namespace.py), and most sessions never report anything.
    """

    reported = Signal(object)

    def __init__(self, receiver: Callable[[tuple[CrashReport, int]], None]) -> None:
        super().__init__()
        self._receiver = receiver
        self._connected = False
        self._lock = threading.Lock()

    def send(self, payload: tuple[CrashReport, int]) -> None:
        with self._lock:
            if not self._connected:
                self.reported.connect(self._receiver, Qt.ConnectionType.QueuedConnection)
                self._connected = True
        self.reported.emit(payload)


class CrashHandler:
    """Installs itself as ``sys.excepthook``, ``threading.excepthook`` and ``sys.unraisablehook``.

    ``presenter`` is called on the GUI thread for each unexpected exception
    (``None``: write to ``stream``, stderr by default). Errors during shutdown
    or while presenting are still logged; nothing here may raise.
    """

    def __init__(
        self,
        log_file: Path | None,
        presenter: Presenter | None = None,
        stream: TextIO | None = None,
    ) -> None:
        self.log_file = log_file
        self._presenter = presenter
        self._stream = stream
        self._lock = threading.Lock()
        self._seen: dict[str, int] = {}
        self._errors = 0
        self._bridge: _Bridge | None = None
        self._previous: tuple[object, object, object] | None = None

    @property
    def error_count(self) -> int:
        return self._errors

    @property
    def exit_code(self) -> int:
        """OK for a clean session, UNEXPECTED_ERROR once anything unexpected happened."""
        return ExitCode.UNEXPECTED_ERROR if self._errors else ExitCode.OK

    def install(self) -> None:
        if self._previous is not None:
            return
        self._previous = (sys.excepthook, threading.excepthook, sys.unraisablehook)
        if self._presenter is not None:
            self._bridge = _Bridge(self._present)
        sys.excepthook = self._excepthook
        threading.excepthook = self._thread_excepthook
        sys.unraisablehook = self._unraisablehook

    def uninstall(self) -> None:
        if self._previous is None:
            return
        sys.excepthook, threading.excepthook, sys.unraisablehook = self._previous  # type: ignore[assignment]
        self._previous = None
        if self._bridge is not None:
            self._bridge.deleteLater()
            self._bridge = None

    # -- the hooks ------------------------------------------------------------------------

    def _excepthook(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        self.handle(exc_type, exc, tb, threading.current_thread().name)

    def _thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return
        name = args.thread.name if args.thread is not None else "unknown thread"
        self.handle(args.exc_type, args.exc_value, args.exc_traceback, name)

    def _unraisablehook(self, unraisable: "sys.UnraisableHookArgs") -> None:
        """An error in ``__del__`` or a finaliser: logged, never shown (nothing to act on)."""
        with suppress(Exception):  # a hook must never raise
            log.error(
                "%s: %r",
                unraisable.err_msg or "Exception ignored",
                unraisable.object,
                exc_info=(unraisable.exc_type, unraisable.exc_value, unraisable.exc_traceback)
                if unraisable.exc_value is not None
                else None,
            )

    def handle(
        self,
        exc_type: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
        thread: str = "MainThread",
        present: bool = True,
    ) -> None:
        """Log, count and present one unexpected exception; never raises.

        ``present=False``: the caller shows it itself (before the event loop runs).
        """
        try:
            report = describe(exc_type, exc, tb, thread, self.log_file)
            with self._lock:
                self._errors += 1
                count = self._errors
                signature = _signature(exc_type, exc, tb)
                repeats = self._seen[signature] = self._seen.get(signature, 0) + 1
            if repeats <= FULL_LOGS_PER_ERROR:
                log.critical(
                    "unexpected error in thread %s: %s",
                    thread,
                    report.summary,
                    exc_info=(exc_type, exc, tb),
                )
            elif _is_power_of_ten(repeats):
                log.critical("the same error again (%d times so far): %s", repeats, report.summary)
            if self._bridge is not None:
                if present:
                    self._bridge.send((report, count))
            else:
                self._write(report, repeats)
        except Exception:  # last resort: the interpreter's own printing
            with suppress(Exception):
                sys.__excepthook__(exc_type, exc, tb)

    def _present(self, payload: tuple[CrashReport, int]) -> None:
        report, count = payload
        try:
            assert self._presenter is not None
            self._presenter(report, count)
        except Exception:
            log.exception("could not show the error dialog; the error was: %s", report.summary)
            self._write(report, 1)

    def _write(self, report: CrashReport, repeats: int) -> None:
        stream = self._stream or sys.stderr
        if stream is None or repeats > FULL_LOGS_PER_ERROR:
            return
        where = f"\nDetails are in the log: {report.log_file}" if report.log_file else ""
        with suppress(Exception):
            stream.write(
                f"serm-reference: unexpected error: {report.summary}\n{report.details}{where}\n"
            )
            stream.flush()


def _is_power_of_ten(value: int) -> bool:
    while value % 10 == 0 and value > 1:
        value //= 10
    return value == 1


# -- hard crashes ---------------------------------------------------------------------------

_fault_file: IO[str] | None = None
_fault_path: Path | None = None


def enable_faulthandler(log_dir: Path) -> Path | None:
    """Write the Python stacks of a hard crash to ``log_dir/hard-crash.log``.

    A non-empty file at start means the previous session died hard; it is kept
    as ``hard-crash-<time>.log`` (the last few) and logged, and its path returned.
    When faulthandler is already on (``-X faulthandler``, pytest), it is left as
    whoever turned it on wanted it.
    """
    global _fault_file, _fault_path
    path = log_dir / FAULT_FILE_NAME
    previous = _keep_previous_fault(path)
    if previous is not None:
        log.error("the previous session ended in a hard crash; its stacks are in %s", previous)
    if faulthandler.is_enabled() or _fault_file is not None:
        return previous
    try:
        handle = path.open("w", encoding="utf-8")
        faulthandler.enable(file=handle, all_threads=True)
    except (OSError, ValueError, RuntimeError) as error:
        log.warning("hard crashes will not be recorded: %s", error)
        return previous
    _fault_file, _fault_path = handle, path
    return previous


def disable_faulthandler() -> None:
    """A clean exit: stop recording and remove the (empty) file."""
    global _fault_file, _fault_path
    if _fault_file is None:
        return
    faulthandler.disable()
    with suppress(Exception):
        _fault_file.close()
        if _fault_path is not None and _fault_path.stat().st_size == 0:
            _fault_path.unlink()
    _fault_file = _fault_path = None


def _keep_previous_fault(path: Path) -> Path | None:
    try:
        if not path.is_file() or path.stat().st_size == 0:
            return None
        stamp = datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y%m%d-%H%M%S")
        kept = path.with_name(f"{path.stem}-{stamp}{path.suffix}")
        path.replace(kept)
        older = sorted(path.parent.glob(f"{path.stem}-*{path.suffix}"))
        for stale in older[:-KEPT_FAULT_FILES]:
            stale.unlink()
        return kept
    except OSError as error:
        log.warning("could not keep the previous hard-crash file %s: %s", path, error)
        return None
