"""Hostile input: whatever is typed, saved, imported or left in a settings file, nothing breaks.

Already covered elsewhere, and not repeated here: 2,000 hypothesis searches with
the full checks of a response (test_search_properties.py); import files that
are malformed, foreign, binary, non-UTF-8 or over 16 MB, refused with the reason
and changing nothing (test_userdata_transfer.py); note text shown as typed in
the note pane and bookmark tooltips (test_userdata_widgets.py). This file adds
10,000 searches (marked slow), note markup through every place a note is shown,
import files a window user can pick that block or mislead, and damaged
settings files.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QColor, QTextDocument
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.app import run_gui
from desktop_app.cli import build_parser
from desktop_app.content import ContentRepository
from desktop_app.content.search.engine import SearchEngine
from desktop_app.reliability.settings_check import problem_in
from desktop_app.ui.dialogs.startup import StartupNotice
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.personal.notes import NotesPane
from desktop_app.ui.personal.transfer import UserDataTransfer
from desktop_app.ui.search.delegate import result_html
from desktop_app.ui.settings import Preferences
from desktop_app.userdata import UserStore
from desktop_app.userdata.search import as_search_results
from desktop_app.userdata.transfer import MAX_IMPORT_BYTES
from tests.reader_helpers import OFFSCREEN_LIMITS
from tests.test_search_properties import SYNTAX, WORDS, check_response

pytestmark = [pytest.mark.gui, *OFFSCREEN_LIMITS]

# -- search: 10,000 inputs ------------------------------------------------------------------

SEARCHES = 10_000
# Every statement of one search, whatever the input: parse, spelling, each tier, snippets.
# The most the 10,000 inputs needed was about 400; many more would mean a loop per input.
MAX_STATEMENTS_PER_SEARCH = 1_000

hostile_queries = st.one_of(
    st.text(max_size=80),  # any Unicode: controls, zero-width, RTL marks, emoji, NUL
    st.lists(st.sampled_from(SYNTAX + WORDS), max_size=12).map(" ".join),
    st.lists(st.sampled_from(SYNTAX + WORDS), max_size=12).map("".join),
    st.text(alphabet='"*^:()-+ NEAR', max_size=40),  # nothing but FTS5 operators
    st.integers(min_value=1, max_value=5_000).map(lambda n: "tamoxifen " * n),  # pastes
)


@pytest.fixture(scope="module")
def engine(repository: ContentRepository) -> Iterator[SearchEngine]:
    # A generous budget: this checks behaviour and bounded work, not speed.
    yield SearchEngine.from_repository(repository, time_budget=5.0)


@pytest.mark.slow
@settings(
    max_examples=SEARCHES,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate, Phase.shrink],
    suppress_health_check=list(HealthCheck),
)
@given(query=hostile_queries, limit=st.integers(min_value=1, max_value=60))
def test_ten_thousand_hostile_searches_answer_with_bounded_work(
    engine: SearchEngine, repository: ContentRepository, query: str, limit: int
) -> None:
    statements: list[str] = []
    repository.connection.set_trace_callback(statements.append)
    try:
        response = engine.search(query, limit=limit)
    finally:
        repository.connection.set_trace_callback(None)
    check_response(response, query, limit, [])
    assert len(statements) <= MAX_STATEMENTS_PER_SEARCH
    assert all(repository.exists(result.uri) for result in response.results)


# -- notes: markup is text ------------------------------------------------------------------

MARKUP = [
    "<script>alert('x')</script>",
    '<img src="http://203.0.113.7/pixel.png">',
    '<link rel="stylesheet" href="https://203.0.113.7/x.css">',
    "<style>@import url(http://203.0.113.7/y.css);</style>",
    '<a href="http://203.0.113.7/">click</a>',
    "<b>bold</b>",
    "<h1>big</h1>",
    "&amp;",
    "&lt;",
    "&#x3C;",
    "**strong**",
    "# heading",
    "[link](http://203.0.113.7)",
    "```",
    "raloxifene",
    "clot",
    " ",
    "\n",
]
note_texts = st.lists(
    st.one_of(
        st.sampled_from(MARKUP), st.text(st.characters(codec="utf-8", categories=["L", "N", "P"]))
    ),
    min_size=1,
    max_size=12,
).map("".join)


def _images_and_links(document: QTextDocument) -> list[str]:
    """Every image or anchor the document would show: there must be none from note text."""
    found = []
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            form = fragment.charFormat()
            if form.isImageFormat() or form.isAnchor():
                found.append(fragment.text())
            iterator += 1
        block = block.next()
    return found


@pytest.fixture
def store(tmp_path: Path) -> Iterator[UserStore]:
    opened = UserStore.open(tmp_path / "userdata.sqlite")
    yield opened
    opened.close()


@pytest.fixture
def pane(store: UserStore, qtbot: QtBot) -> NotesPane:
    """One pane for all examples of a test: each example sets its address again."""
    widget = NotesPane(store)
    qtbot.addWidget(widget)
    return widget


@settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=note_texts)
def test_note_markup_is_shown_as_typed_in_the_pane_and_in_search_results(
    store: UserStore, pane: NotesPane, text: str
) -> None:
    if not text.strip():
        return
    address = "serm://agent/raloxifene"
    store.save_note(address, "Raloxifene", text)
    pane.set_address(None, "")
    pane.set_address(address, "Raloxifene")
    assert pane.editor.toPlainText() == text
    assert _images_and_links(pane.editor.document()) == []
    words = [w for w in ("raloxifene", "clot", "bold", "click") if w in text.lower()]
    for hit in as_search_results(store.search_notes(words[0])) if words else ():
        document = QTextDocument()
        document.setHtml(result_html(hit, QColor("black"), QColor("gray")))
        shown = " ".join(document.toPlainText().split())  # HTML folds runs of spaces
        assert " ".join(hit.snippet.text.split())[:20] in shown
        assert _images_and_links(document) == []


# -- imports a window user can pick -----------------------------------------------------------


def _deep_json(folder: Path) -> Path:
    path = folder / "deep.json"
    path.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    return path


def _fifo(folder: Path) -> Path:
    path = folder / "pipe.json"
    os.mkfifo(path)  # open() would wait for a writer for ever
    return path


def _folder(folder: Path) -> Path:
    path = folder / "folder.json"
    path.mkdir()
    return path


def _device(folder: Path) -> Path:
    path = folder / "zero.json"
    path.symlink_to("/dev/zero")  # endless NUL bytes behind a harmless name
    return path


def _huge_sparse(folder: Path) -> Path:
    path = folder / "huge.json"
    with path.open("wb") as handle:
        handle.truncate(MAX_IMPORT_BYTES * 4)
    return path


def _utf16(folder: Path) -> Path:
    path = folder / "utf16.json"
    export = {"format": "serm-reference-userdata", "version": 1, "bookmarks": [], "notes": []}
    path.write_bytes(json.dumps(export).encode("utf-16"))
    return path


IMPORTS = {
    "nested 200,000 deep": (_deep_json, "not valid JSON"),
    "a named pipe": (_fifo, "not a regular file"),
    "a folder": (_folder, "not a regular file"),
    "a device": (_device, "not a regular file"),
    "huge and sparse": (_huge_sparse, "larger than 16 MB"),
    "UTF-16": (_utf16, "binary file"),
}


@pytest.mark.parametrize("case", sorted(IMPORTS))
def test_an_import_the_user_picks_is_refused_with_a_message_and_changes_nothing(
    case: str, store: UserStore, tmp_path: Path, qtbot: QtBot
) -> None:
    make, words = IMPORTS[case]
    store.add_bookmark("serm://agent/raloxifene", "Raloxifene")
    store.save_note("serm://agent/raloxifene", "Raloxifene", "check lipids")
    before = (store.bookmarks(), store.notes())
    window = QWidget()
    qtbot.addWidget(window)
    transfer = UserDataTransfer(store, window)
    assert not transfer.import_from(make(tmp_path))
    box = transfer.message_box
    assert box is not None and box.icon() == QMessageBox.Icon.Warning
    assert words in box.text() and "Nothing was imported" in box.text()
    assert (store.bookmarks(), store.notes()) == before
    box.close()


# -- damaged settings -------------------------------------------------------------------------

GOOD_SETTINGS = b"[appearance]\ntheme=dark\nzoom=150\n"
DAMAGED_SETTINGS = {
    "random bytes": (os.urandom(3000) + b"\x00", "it contains binary data"),
    "cut short": (b"[appearance]\ntheme=dark\nzoom=1", "its last line is cut short"),
    "another encoding": (
        "[appearance]\ntheme=sombre\u00e9\n".encode("latin-1"),
        "it is not UTF-8 text (byte 25)",
    ),
    "not INI": (b"<?xml version='1.0'?>\n<settings/>\n", "line 2 is not a key=value setting"),
    "broken heading": (b"[appearance\ntheme=dark\n", "line 1 is an unfinished [section] heading"),
    "control characters": (b"[appearance]\ntheme=da\x1brk\n", "it contains control characters"),
}


def _start_and_quit(database: Path, user: Path, *extra: str) -> int:
    QTimer.singleShot(0, _close_all_later)
    args = ["--db", str(database), "--basedir", str(user), *extra]
    return run_gui(build_parser().parse_args(args))


def _close_all_later() -> None:
    QTimer.singleShot(0, QApplication.closeAllWindows)  # after the start's own zero timers


@pytest.mark.qt_no_exception_capture
@pytest.mark.parametrize("case", sorted(DAMAGED_SETTINGS))
def test_a_damaged_settings_file_is_kept_aside_and_defaults_are_used_with_a_notice(
    case: str, database_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data, reason = DAMAGED_SETTINGS[case]
    user = tmp_path / "user"
    user.mkdir()
    (user / "settings.ini").write_bytes(data)
    assert _start_and_quit(database_path, user, "--no-err-windows") == 0
    kept = sorted(user.glob("settings.damaged-*.ini"))
    assert len(kept) == 1 and kept[0].read_bytes() == data  # kept, byte for byte
    err = capsys.readouterr().err
    assert f"A settings file could not be read. settings.ini: {reason}" in err
    assert f"kept as {kept[0]}" in err and "started with its default settings" in err
    preferences = Preferences(user / "settings.ini")
    assert (preferences.theme, preferences.zoom) == ("system", 100)
    assert problem_in(user / "settings.ini") is None  # what the app wrote since is sound
    log = (user / "logs" / "serm-reference.log").read_text(encoding="utf-8")
    assert f"settings file {user / 'settings.ini'} is damaged" in log

    assert (
        _start_and_quit(database_path, user, "--no-err-windows") == 0
    )  # and the next start is quiet
    assert capsys.readouterr().err == ""
    assert len(sorted(user.glob("settings.damaged-*.ini"))) == 1


@pytest.mark.qt_no_exception_capture
def test_a_sound_settings_file_is_left_alone(database_path: Path, tmp_path: Path) -> None:
    user = tmp_path / "user"
    user.mkdir()
    (user / "settings.ini").write_bytes(GOOD_SETTINGS)
    assert _start_and_quit(database_path, user, "--no-err-windows") == 0
    assert list(user.glob("*.damaged-*")) == []
    assert Preferences(user / "settings.ini").zoom == 150


@pytest.mark.qt_no_exception_capture
def test_the_notice_is_a_window_that_does_not_block(database_path: Path, tmp_path: Path) -> None:
    user = tmp_path / "user"
    user.mkdir()
    (user / "window-state.ini").write_bytes(b"\x89PNG\r\n\x1a\n\x00")
    seen: list[tuple[bool, str, str]] = []

    def look() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, StartupNotice) and widget.isVisible():
                seen.append((widget.isModal(), widget.text(), widget.informativeText()))
        windows = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        ]
        seen.append((False, "window", str(any(w.isVisible() for w in windows))))

    QTimer.singleShot(0, look)
    assert _start_and_quit(database_path, user) == 0
    assert seen[0][0] is False and seen[0][1] == "SERM Reference started with some settings reset."
    assert "window-state.ini: it contains binary data" in seen[0][2]
    assert seen[-1] == (False, "window", "True")  # the window is up behind it


qsettings_values = st.one_of(
    st.text(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.binary(),
    st.lists(st.text(), max_size=4),
)


@settings(max_examples=150, deadline=None, database=None)
@given(
    values=st.dictionaries(
        st.text(min_size=1, max_size=20).filter(lambda k: k.strip("/") == k and "//" not in k),
        qsettings_values,
        max_size=8,
    )
)
def test_any_file_qsettings_writes_passes_the_check(
    tmp_path_factory: pytest.TempPathFactory, values: dict[str, object]
) -> None:
    """No false alarms: what Qt itself writes is never taken for damage."""
    path = tmp_path_factory.mktemp("qsettings") / "settings.ini"
    written = QSettings(str(path), QSettings.Format.IniFormat)
    for key, value in values.items():
        written.setValue(key, value)
    written.sync()
    assert written.status() == QSettings.Status.NoError
    assert problem_in(path) is None
