"""Command-line front door: the GUI by default, headless commands by name.

Headless commands (``show``, ``search``, ``compare`` ...) use the same content
layer as the GUI and never import Qt, so they work over SSH, in scripts and
with a screen reader. Each command lives in ``desktop_app/commands/`` and adds
itself to the parser through ``register``.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Callable
from pathlib import Path

from desktop_app.content import ContentDatabaseError
from desktop_app.display import missing_display_message
from desktop_app.exit_codes import ExitCode
from desktop_app.reliability.local_bus import keep_only_local_buses
from desktop_app.version import APP_NAME, __version__

CommandHandler = Callable[[argparse.Namespace], int]


def build_parser(with_commands: bool = True) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="serm-reference",
        description=f"{APP_NAME}: offline reference on the long-term safety of SERMs.",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument(
        "--db",
        type=Path,
        default=None,
        metavar="PATH",
        help="content database to open (default: the bundled one, or $SERM_REFERENCE_DB)",
    )
    add_gui_arguments(parser)
    add_self_test_arguments(parser)
    if with_commands:
        from desktop_app.commands import COMMAND_MODULES

        subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
        for module in COMMAND_MODULES:
            module.register(subparsers)
    return parser


def add_gui_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of the window itself; ignored by headless commands."""
    group = parser.add_argument_group("window options")
    where = group.add_mutually_exclusive_group()
    where.add_argument(
        "--basedir",
        type=Path,
        metavar="DIR",
        help="keep settings, bookmarks, notes and logs in DIR",
    )
    where.add_argument(
        "--temp-basedir",
        action="store_true",
        help="keep user state in a fresh temporary folder, deleted on exit",
    )
    group.add_argument(
        "--no-err-windows",
        action="store_true",
        help="report errors on stderr instead of dialogs (tests, scripts)",
    )
    group.add_argument(
        "--open", metavar="URI", default=None, help="open this serm:// address at start"
    )


def add_self_test_arguments(parser: argparse.ArgumentParser) -> None:
    """``--self-test``: what an installer or IT person runs to prove a copy works."""
    group = parser.add_argument_group("self-test")
    group.add_argument(
        "--self-test",
        action="store_true",
        help="check the database, its checksum, SQLite/FTS5, search and every page, offscreen;"
        " exit 0 when all pass",
    )
    group.add_argument(
        "--self-test-out",
        type=Path,
        metavar="FILE",
        default=None,
        help="also write the self-test report to FILE (implies --self-test; for builds"
        " without a console)",
    )


_TAKES_A_VALUE = frozenset({"--db", "--basedir", "--open", "--self-test-out"})
# The window's own options (add_gui_arguments and --db) and whether each takes a
# value, for the fast path below; tests/test_cli.py holds it to argparse's reading.
_WINDOW_OPTIONS = {
    "--db": True,
    "--basedir": True,
    "--open": True,
    "--temp-basedir": False,
    "--no-err-windows": False,
}
_PATH_OPTIONS = frozenset({"--db", "--basedir"})


def _address_as_open(argv: list[str]) -> list[str]:
    """``serm-reference serm://compare/vte``: how desktops, browsers and the Windows
    protocol handler pass an address; it means ``--open serm://compare/vte``."""
    commands = {"show", "search", "compare"}
    for index, arg in enumerate(argv):
        if arg in commands:
            return argv  # "show serm://..." is the command's own argument
        previous = argv[index - 1] if index else ""
        if arg.lower().startswith("serm:") and previous not in _TAKES_A_VALUE:
            return [*argv[:index], "--open", arg, *argv[index + 1 :]]
    return argv


def _window_line(argv: list[str]) -> argparse.Namespace | None:
    """The window's own options read without argparse; None for any other line.

    A window is started with these options or none (desktop icon, file manager,
    protocol handler, ``--basedir``). argparse's first message lookup sets up
    gettext and imports ``locale``, ~2.5 ms of every start before the window
    exists, so such a line is read here into the Namespace argparse would give.
    Whatever this reading cannot vouch for (an abbreviation, a repeated or
    conflicting option, a value that starts with "-", a command, ``--help``)
    answers None, and argparse reads the line, errors and all.
    """
    given: dict[str, object] = {}
    tokens = iter(argv)
    for token in tokens:
        name, equals, value = token.partition("=")
        takes_value = _WINDOW_OPTIONS.get(name)
        if takes_value is None or name in given:
            return None
        if not takes_value:
            if equals:
                return None
            given[name] = True
            continue
        if not equals:
            following = next(tokens, None)
            if following is None or following.startswith("-"):
                return None
            value = following
        given[name] = Path(value) if name in _PATH_OPTIONS else value
    if "--basedir" in given and "--temp-basedir" in given:
        return None  # mutually exclusive: argparse says so
    return argparse.Namespace(
        db=given.get("--db"),
        basedir=given.get("--basedir"),
        temp_basedir="--temp-basedir" in given,
        no_err_windows="--no-err-windows" in given,
        open=given.get("--open"),
        self_test=False,
        self_test_out=None,
    )


def _parse(argv: list[str]) -> argparse.Namespace:
    """Parse ``argv``; the window starts without importing the headless commands.

    Importing every command (and what they import) costs ~80 ms of start-up, so
    they are loaded only when a command name or ``--help`` is on the line.
    """
    window = _window_line(argv)
    if window is not None:
        return window
    if not {"-h", "--help"} & set(argv):
        args, extra = build_parser(with_commands=False).parse_known_args(argv)
        if not extra:
            return args
    return build_parser().parse_args(argv)


def _wants_window(args: argparse.Namespace) -> bool:
    """No command and no self-test: the window."""
    return (
        getattr(args, "handler", None) is None and not args.self_test and args.self_test_out is None
    )


def _run_window(args: argparse.Namespace) -> int:
    no_display = missing_display_message(os.environ)
    if no_display is not None:
        gc.enable()
        print(no_display, end="", file=sys.stderr)
        return ExitCode.NO_DISPLAY
    from desktop_app.qt_import import load_qt

    load_qt()  # Qt is imported only for the window, before any of the window's modules
    from desktop_app.app import run_gui

    return run_gui(args)


def run(argv: list[str]) -> int:
    # Before any Qt (window or self-test) can connect to a bus over TCP: the one place.
    keep_only_local_buses(os.environ)
    args = _parse(_address_as_open(argv))
    if _wants_window(args):
        return _run_window(args)
    gc.enable()  # paused by __main__ for the window's start; commands do not need that
    if args.self_test or args.self_test_out is not None:
        from desktop_app.selftest import run_self_test  # Qt is imported only here

        return run_self_test(args.db, args.self_test_out)
    handler: CommandHandler = args.handler
    try:
        return handler(args)
    except ContentDatabaseError as error:
        print(f"serm-reference: {error.message}", file=sys.stderr)
        return ExitCode.CONTENT_ERROR
    except BrokenPipeError:  # e.g. piped into `head`
        return ExitCode.OK
