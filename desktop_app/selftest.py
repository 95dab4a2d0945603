"""``serm-reference --self-test``: prove that this installed copy works, with no screen.

A clinic's IT person installs the app on a workstation nobody can sit at; a
release script has just frozen it with PyInstaller. Both need one command that
exercises what a frozen or installed copy can get wrong and a source checkout
cannot: the bundled database and its checksum, the SQLite the bundle carries
(and its FTS5), the search engine, Qt's plugins and fonts, and every page
rendered through the same HTML renderer the reader uses. Each check reports one
line; the exit code is 0 only when all pass.

A windowed Windows build has no stdout, so the report can also go to a file
(``--self-test-out FILE``); the exit code carries the verdict either way.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from desktop_app.content import ContentDatabaseError, ContentRepository, default_database_path
from desktop_app.content.database import manifest_path, read_manifest
from desktop_app.exit_codes import ExitCode
from desktop_app.version import APP_NAME, __version__

PAGE_WIDTH = 720  # pixels: a reader pane on a small laptop screen
PAINTED_HEIGHT = 900  # enough of each page to prove glyphs reach the pixels


class CheckFailed(Exception):
    """A check found something wrong; the message says what, for the report."""


@dataclass(frozen=True)
class CheckResult:
    name: str
    passed: bool
    detail: str


@dataclass
class _State:
    """What earlier checks found, for the later ones."""

    database: Path
    repository: ContentRepository | None = None


def _check_database(state: _State) -> str:
    path = state.database
    if not path.is_file():
        raise CheckFailed(f"{path} is missing")
    if not manifest_path(path).is_file():
        raise CheckFailed(f"no manifest {manifest_path(path).name} beside {path} to verify")
    try:
        state.repository = ContentRepository.open(path)
    except ContentDatabaseError as error:
        raise CheckFailed(error.message) from error
    meta = state.repository.meta
    size = path.stat().st_size
    return f"{path} ({size} bytes, edition {meta.edition}, schema {meta.schema_version})"


def _check_checksum(state: _State) -> str:
    try:
        recorded = read_manifest(state.database, thorough=True)
    except ContentDatabaseError as error:
        raise CheckFailed(error.message) from error
    if recorded is None:
        raise CheckFailed("no manifest to verify the checksum against")
    digest = str(recorded["sha256"])[:16]  # the file's, as compared just now
    return f"SHA-256 {digest}... matches {manifest_path(state.database).name}"


def _check_sqlite(state: _State) -> str:
    """The SQLite this copy runs with must have FTS5: the search engine is built on it."""
    memory = sqlite3.connect(":memory:")
    try:
        options = {row[0] for row in memory.execute("PRAGMA compile_options")}
        memory.execute("CREATE VIRTUAL TABLE probe USING fts5(body)")
        memory.execute("INSERT INTO probe(body) VALUES ('selective estrogen receptor modulator')")
        found = memory.execute("SELECT count(*) FROM probe WHERE probe MATCH 'receptor'").fetchone()
    except sqlite3.OperationalError as error:
        raise CheckFailed(f"SQLite {sqlite3.sqlite_version}: FTS5 unusable ({error})") from error
    finally:
        memory.close()
    if found != (1,):
        raise CheckFailed(f"SQLite {sqlite3.sqlite_version}: FTS5 probe found {found}")
    repository = _require(state)
    (units,) = repository.connection.execute(
        "SELECT count(*) FROM search_units_fts WHERE search_units_fts MATCH ?", ('"serm"',)
    ).fetchone()
    if units == 0:
        raise CheckFailed("the content's FTS5 index answers nothing for 'serm'")
    fts5 = "ENABLE_FTS5" if "ENABLE_FTS5" in options else "FTS5 loaded"
    return f"SQLite {sqlite3.sqlite_version} ({fts5}); content index answers ({units} units)"


def _search_probes(repository: ContentRepository) -> Iterator[tuple[str, str]]:
    """(query, the agent it must find): each agent by name and by each brand, from the content."""
    for summary in repository.agents():
        yield summary.name, summary.inn
        for name in repository.agent(summary.inn).names:
            if name.kind == "brand":
                yield name.name, summary.inn


def _check_search(state: _State) -> str:
    from desktop_app.content.search.engine import SearchEngine

    repository = _require(state)
    engine = SearchEngine.from_repository(repository)
    probes = list(_search_probes(repository))
    misses = []
    for query, inn in probes:
        response = engine.search(query, limit=3)
        if response.timed_out or not any(inn in r.uri for r in response.results):
            misses.append(f"{query!r} -> {[r.uri for r in response.results] or 'nothing'}")
    if not probes:
        raise CheckFailed("the content names no agents to search for")
    if misses:
        raise CheckFailed(f"{len(misses)} of {len(probes)} searches missed: " + "; ".join(misses))
    return f"{len(probes)} searches (every agent by name and brand) found their agent in the top 3"


def _ensure_gui_application() -> object:
    """Reuse the running Qt application, or start one that needs no screen (offscreen)."""
    from PySide6.QtGui import QGuiApplication

    existing = QGuiApplication.instance()
    if existing is not None:
        return existing
    platform = self_test_platform(sys.platform)
    if platform is not None:
        os.environ["QT_QPA_PLATFORM"] = platform
    application = QGuiApplication([sys.argv[0] if sys.argv else "serm-reference"])
    _keep_alive.append(application)
    return application


_keep_alive: list[object] = []


def self_test_platform(system: str) -> str | None:
    """The Qt platform the self-test forces, or ``None`` for the system's own.

    ``offscreen`` needs no display, but on Windows it looks for fonts only in
    ``PySide6/lib/fonts`` (Qt ships none), finds nothing and every page would
    be blank. Windows always has its native ``windows`` platform in a desktop
    session, and the self-test paints into images, so no window ever shows.
    """
    return None if system == "win32" else "offscreen"


def _check_qt(state: _State) -> str:
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import qVersion
    from PySide6.QtGui import QFontDatabase, QGuiApplication, QImageReader

    _ensure_gui_application()
    families = QFontDatabase.families()
    if not families:
        raise CheckFailed("Qt finds no fonts: text would not show")
    formats = {bytes(f.data()).decode() for f in QImageReader.supportedImageFormats()}
    if "svg" not in formats:
        raise CheckFailed(f"no SVG image plugin (formats: {', '.join(sorted(formats))})")
    return (
        f"Qt {qVersion()}, PySide6 {pyside_version}, platform {QGuiApplication.platformName()},"
        f" {len(families)} font families"
    )


def _check_pages(state: _State) -> str:
    """Every address as HTML (the reader's renderer) and as plain text, laid out and painted."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter, QTextDocument

    from desktop_app.rendering import LIGHT, html_document
    from desktop_app.rendering.pages import PageRenderer
    from desktop_app.rendering.plaintext import render_item

    repository = _require(state)
    _ensure_gui_application()
    renderer = PageRenderer(repository)
    canvas = QImage(PAGE_WIDTH, PAINTED_HEIGHT, QImage.Format.Format_ARGB32)
    blank = QImage(PAGE_WIDTH, PAINTED_HEIGHT, QImage.Format.Format_ARGB32)
    blank.fill(Qt.GlobalColor.white)
    addresses = repository.all_addresses()
    problems: list[str] = []
    for address in addresses:
        try:
            page = renderer.render(address)
            text = render_item(repository.resolve(address), repository)
        except Exception as error:  # any failure of any page is reported
            problems.append(f"{address}: {type(error).__name__}: {error}")
            continue
        document = QTextDocument()
        document.setTextWidth(PAGE_WIDTH)
        document.setHtml(html_document(page.body, LIGHT, page.title))
        if document.isEmpty() or not text.strip():
            problems.append(f"{address}: empty page")
            continue
        canvas.fill(Qt.GlobalColor.white)
        painter = QPainter(canvas)
        document.drawContents(painter)
        painter.end()
        if canvas == blank:
            problems.append(f"{address}: nothing painted")
            continue
        document.setPlainText(text)
        if document.isEmpty():
            problems.append(f"{address}: empty plain text")
    if problems:
        shown = "; ".join(problems[:5]) + (" ..." if len(problems) > 5 else "")
        raise CheckFailed(f"{len(problems)} of {len(addresses)} pages failed: {shown}")
    return f"{len(addresses)} pages rendered (HTML and plain text) and painted offscreen"


def _require(state: _State) -> ContentRepository:
    if state.repository is None:
        raise CheckFailed("skipped: the database did not open")
    return state.repository


def _check_signing(_state: _State) -> str:
    """Content packs can be checked: libsodium loads (a bundle must carry _cffi_backend)."""
    from desktop_app.editions.locations import shipped_public_keys
    from desktop_app.editions.signing import PrivateKey

    key = PrivateKey.generate()
    if not key.public_key.verifies(b"probe", key.sign(b"probe")):
        raise CheckFailed("an Ed25519 signature made here does not verify")
    if key.public_key.verifies(b"probe!", key.sign(b"probe")):
        raise CheckFailed("an Ed25519 signature verifies over other bytes")
    shipped = shipped_public_keys()
    if not shipped:
        raise CheckFailed("no editors' public key is shipped (data/keys/*.pem)")
    return f"Ed25519 (libsodium) signs and verifies; {len(shipped)} editors' keys"


CHECKS: tuple[tuple[str, Callable[[_State], str]], ...] = (
    ("database", _check_database),
    ("checksum", _check_checksum),
    ("sqlite", _check_sqlite),
    ("search", _check_search),
    ("qt", _check_qt),
    ("pages", _check_pages),
    ("signing", _check_signing),
)


def run_checks(database: Path | None = None) -> list[CheckResult]:
    """Run every check in order; one failing does not stop the others."""
    state = _State(Path(database) if database is not None else default_database_path())
    results = []
    try:
        for name, check in CHECKS:
            try:
                results.append(CheckResult(name, True, check(state)))
            except CheckFailed as failure:
                results.append(CheckResult(name, False, str(failure)))
            except Exception as error:  # a crash is a failed check, not a traceback
                results.append(CheckResult(name, False, f"{type(error).__name__}: {error}"))
    finally:
        if state.repository is not None:
            state.repository.close()
    return results


def format_report(results: list[CheckResult], seconds: float) -> str:
    lines = [f"{APP_NAME} {__version__} self-test ({sys.platform}, frozen={_frozen()})"]
    lines += [f"  {'ok  ' if r.passed else 'FAIL'}  {r.name:<9} {r.detail}" for r in results]
    failed = [r.name for r in results if not r.passed]
    verdict = f"self-test FAILED: {', '.join(failed)}" if failed else "self-test passed"
    lines.append(f"{verdict} ({seconds:.1f} s)")
    return "\n".join(lines) + "\n"


def _frozen() -> bool:
    return bool(getattr(sys, "frozen", False))


def run_self_test(database: Path | None = None, report_file: Path | None = None) -> int:
    """Run the checks, print the report (and write it to ``report_file``); return the exit code."""
    started = time.perf_counter()
    results = run_checks(database)
    report = format_report(results, time.perf_counter() - started)
    if sys.stdout is not None:  # None in a windowed Windows build
        encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
        with suppress(OSError, ValueError):
            sys.stdout.write(report.encode(encoding, "replace").decode(encoding))
            sys.stdout.flush()
    if report_file is not None:
        Path(report_file).write_text(report, encoding="utf-8")
    return ExitCode.OK if all(r.passed for r in results) else ExitCode.SELF_TEST_FAILED
