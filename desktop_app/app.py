"""Composition root: arguments, QApplication, start-up order and wiring.

The content database is opened and verified before any window exists, so a
missing or damaged file gives one clear dialog (or one stderr line with
``--no-err-windows``) and a non-zero exit, never an empty window. Logging is
configured here, once, into a rotating file in the user-data folder.
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from desktop_app import paths
from desktop_app.bundled import data_file
from desktop_app.content import ContentDatabaseError, ContentRepository
from desktop_app.exit_codes import ExitCode
from desktop_app.home_lists import peek as peek_home_lists
from desktop_app.logging_setup import configure_logging, install_qt_message_handler, remove_handler
from desktop_app.reliability.instance import (
    InstanceLock,
    send_request,
    wait_until_taken,
    withdraw,
)
from desktop_app.ui.quit_on_signal import QuitOnSignal
from desktop_app.ui.session_safety import SessionSafety, user_folder_failed
from desktop_app.version import APP_NAME, __version__

if TYPE_CHECKING:  # imported for real in run_gui, once the content is known to be there
    from desktop_app.editions.startup import EditionsContext

GC_PAUSE_MS = 2000  # longest the start keeps garbage collection paused (see __main__)
HAND_OVER_SECONDS = 10.0  # a busy window (a long import) may take a moment to look

ICON_NAME = "serm-reference.svg"  # also the installers' icon source (packaging/icons.py)
# Set by bench/startup.py: print "first-paint <seconds since process start> rss-kb <n>", quit.
# Read in the event loop turn after the first paint, before the second stage runs. With
# the value "exit" (bench/startup_instructions.py) the process ends right there, so an
# instruction count covers the start up to the first paint and nothing after it.
FIRST_PAINT_PROBE = "SERM_REFERENCE_FIRST_PAINT_PROBE"

log = logging.getLogger(__name__)


def create_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("serm-reference")
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("SERM Reference")
    app.setDesktopFileName("serm-reference")
    return app


def set_window_icon(app: QApplication) -> None:
    """The window icon, set in the second stage of the start.

    The icon is an SVG: the first one loads Qt's SVG icon engine, and the window
    manager asks for it at several sizes as the window maps, ~7 ms before the
    first paint. Until it is set the title bar shows the desktop's default icon
    (the Windows taskbar shows the executable's own icon either way).
    """
    from PySide6.QtGui import QIcon  # its first use creates QIcon's enums: after the paint

    app.setWindowIcon(QIcon(str(data_file("icons", ICON_NAME))))


def _report_first_paint() -> None:
    """Print when the window first painted, then quit (benchmarks only, see FIRST_PAINT_PROBE)."""
    elapsed = _now() - _process_start_time()
    print(f"first-paint {elapsed:.4f} rss-kb {_resident_kb()}", flush=True)
    if os.environ.get(FIRST_PAINT_PROBE) == "exit":
        os._exit(0)  # benchmarks only: no second stage, no clean-up
    QTimer.singleShot(0, QApplication.quit)


def _process_start_time() -> float:
    """When this process started, on the CLOCK_BOOTTIME scale (Linux /proc, 10 ms ticks)."""
    try:
        with open("/proc/self/stat", encoding="ascii") as stat:
            ticks = int(stat.read().rsplit(")", 1)[1].split()[19])
        return ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return _now()


def _now() -> float:
    clock = getattr(time, "CLOCK_BOOTTIME", None)
    return time.clock_gettime(clock) if clock is not None else time.monotonic()


def _resident_kb() -> int:
    """Resident memory of this process in KiB (Linux), 0 where unknown."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            line = next(line for line in status if line.startswith("VmRSS:"))
        return int(line.split()[1])
    except (OSError, StopIteration, ValueError, IndexError):
        return 0


def _add_second_stage(
    app: QApplication,
    window: QWidget,
    repository: ContentRepository,
    editions: EditionsContext,
    quit_hooks: list[Callable[[], object]],
    session_hooks: list[Callable[..., object]],
) -> None:
    """Search and the personal layer, built just after the window's first paint.

    Their modules (search, the personal store, the editions dialogs) are imported
    inside ``build``, so not one of them is loaded before the window has painted.
    """
    from desktop_app.ui.first_paint import AfterFirstPaint

    def build() -> None:
        from desktop_app.ui.assembly import complete_window
        from desktop_app.ui.dialogs.editions import add_editions_ui
        from desktop_app.ui.focus_ring import FocusRingStyle
        from desktop_app.ui.instance_inbox import InstanceInbox
        from desktop_app.ui.main_window import MainWindow
        from desktop_app.userdata import UserStore

        assert isinstance(window, MainWindow)
        set_window_icon(app)
        add_editions_ui(window, editions)  # Help menu entries, content age notice
        store = UserStore.open(paths.user_database_file())  # never raises: notices instead
        assembled = complete_window(window, repository, store)
        app.aboutToQuit.connect(assembled.personal.close)
        quit_hooks.append(assembled.personal.close)
        # Logout on Windows and X11 session managers: save typed notes before the end.
        app.commitDataRequest.connect(assembled.personal.flush_notes)
        session_hooks.append(assembled.personal.flush_notes)
        window.restore_state()  # again, for the docks' places (window state only)
        assembled.personal.show_notices()
        # A focus ring keyboard users can see (the same style underneath; set here, after
        # the first paint, because defining the proxy style costs ~10 ms of start-up).
        app.setStyle(FocusRingStyle(app.style().name()))
        # A second start hands its address over through the inbox folder.
        InstanceInbox(paths.user_data_dir(), window, lambda a: window.open_address(a, True))

    AfterFirstPaint(window, build)


def _resume_gc_after_first_paint(window: QWidget) -> None:
    """Garbage collection, paused by ``__main__`` for the start, resumes once the window painted.

    Registered after the second stage's hook: Qt runs the filter installed last first, so
    the collector is back before search and the personal layer are built. The timer
    resumes it anyway should no paint come (a window that starts minimised).
    """
    from desktop_app.ui.first_paint import AfterFirstPaint

    AfterFirstPaint(window, gc.enable)
    QTimer.singleShot(GC_PAUSE_MS, gc.enable)


def _disconnect_from_quit(app: QApplication, hooks: list[Callable[[], object]]) -> None:
    """So a closed window is not kept alive by the app, which a later start in the same
    process (the tests) reuses."""
    for hook in hooks:
        app.aboutToQuit.disconnect(hook)


def _hand_over(folder: Path, address: str | None, show_windows: bool) -> int:
    """Give ``address`` to the window already open on this profile, then end."""
    request = send_request(folder, address)
    if wait_until_taken(request, HAND_OVER_SECONDS):
        return ExitCode.OK
    withdraw(request)
    message = (
        f"{APP_NAME} is already running with this profile ({folder}), but its window does "
        f"not answer. Close it (or end it in the task manager), then start {APP_NAME} again."
    )
    if show_windows:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(None, APP_NAME, message)
    else:
        print(f"serm-reference: {message}", file=sys.stderr)
    return ExitCode.ALREADY_RUNNING


def run_gui(args: argparse.Namespace) -> int:
    app = create_application()
    previous_mask = paths.private_files()  # window state, logs, the store: 0600
    instance = None
    try:
        paths.configure(args.basedir, args.temp_basedir)
        instance = InstanceLock(paths.user_data_dir())
        if not instance.acquire():  # a window on this profile is open: it takes the address
            paths.restore_file_mode(previous_mask)
            return _hand_over(paths.user_data_dir(), args.open, not args.no_err_windows)
        handler = configure_logging(paths.log_dir())
    except OSError as error:  # read-only or full disk, a file in the way: a message, exit 4
        paths.restore_file_mode(previous_mask)
        if instance is not None:
            instance.release()
        return user_folder_failed(error, not args.no_err_windows)
    install_qt_message_handler()
    safety = SessionSafety(paths.log_dir(), paths.user_data_dir(), not args.no_err_windows)
    safety.start()  # exception hooks and faulthandler, before anything can fail
    log.info("starting %s %s, user data in %s", APP_NAME, __version__, paths.user_data_dir())
    try:
        from desktop_app.editions.startup import editions_context, open_repository

        explicit = paths.user_data_dir() if args.basedir or args.temp_basedir else None
        editions = editions_context(explicit, paths.user_data_dir())
        try:  # the active content edition, or the one before it, or the bundled one
            repository = open_repository(args.db, editions)
        except ContentDatabaseError as error:
            return safety.content_failed(error)
        safety.notices.extend(editions.notices)
        from desktop_app.ui.main_window import MainWindow

        # Damaged settings are set aside, and so is the window state if the last start died.
        safety.check_user_state([paths.settings_file()], paths.window_state_file())
        try:
            window = MainWindow(repository)  # stage 1: the reader, painted first
            # The home page paints with the user's lists, read from the file until the
            # store opens in the second stage.
            first_lists = peek_home_lists(paths.user_database_file())
            window.renderer.personal_lists = lambda: first_lists
            app.aboutToQuit.connect(window.save_state)  # quitting without closing the window
            quit_hooks: list[Callable[[], object]] = [window.save_state]
            window.restore_window_state()  # geometry and the rest, before the window maps
        except Exception as error:  # a dialog and exit code 70, not a traceback
            repository.close()
            return safety.startup_crashed(error)
        # SIGTERM/SIGHUP (logout, shutdown, kill) from now on: the normal, flushing close,
        # so a start ended while its window appears is not taken for a crashed one.
        quitter = QuitOnSignal(window.close)
        quit_hooks.append(quitter.uninstall)
        app.aboutToQuit.connect(quitter.uninstall)
        window.show()
        try:  # the pages after show(), still before the first paint (restore_tabs says why)
            window.restore_tabs()
            if args.open:
                window.open_address(args.open)
        except Exception as error:
            window.hide()
            _disconnect_from_quit(app, quit_hooks)  # as at the end of a session
            quitter.uninstall()
            repository.close()
            return safety.startup_crashed(error)
        safety.window_shown(window)
        session_hooks: list[Callable[..., object]] = []
        _add_second_stage(app, window, repository, editions, quit_hooks, session_hooks)
        _resume_gc_after_first_paint(window)
        if os.environ.get(FIRST_PAINT_PROBE):  # after the second stage, so it reports first
            from desktop_app.ui.first_paint import AfterFirstPaint

            AfterFirstPaint(window, _report_first_paint)
        try:
            return safety.exit_code(app.exec())
        finally:
            _disconnect_from_quit(app, quit_hooks)
            for session_hook in session_hooks:  # connected in stage 2, if it ran
                app.commitDataRequest.disconnect(session_hook)
            repository.close()
    finally:
        gc.enable()
        safety.stop()
        log.info("exiting")
        remove_handler(handler)
        paths.cleanup()
        paths.restore_file_mode(previous_mask)
        instance.release()
