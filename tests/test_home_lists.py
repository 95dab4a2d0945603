"""The home page paints with the user's own lists, read before the personal store opens."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest

from desktop_app.home_lists import HOME_BOOKMARKS, HOME_RECENT, home_lists, peek
from desktop_app.rendering.home import HOME_ADDRESS, Shortcut, home_body, is_home
from desktop_app.rendering.home import LISTS_PENDING as PENDING
from desktop_app.userdata import UserStore
from tests.start_helpers import start_window


def _store_lists(store: UserStore) -> tuple[list[Shortcut], list[Shortcut]]:
    """What the personal layer shows once the store is open (ui.personal.layer.home_lists)."""
    return home_lists(
        [(b.uri, b.title, b.created) for b in store.bookmarks()],
        [(v.uri, v.title) for v in store.history()],
    )


def _filled_store(path: Path) -> UserStore:
    store = UserStore.open(path)
    for number in range(HOME_BOOKMARKS + 2):
        store.add_bookmark(f"serm://section/s{number}", f"Bookmark {number}")
    for number in range(HOME_RECENT + 2):
        store.record_visit(f"serm://section/s{number}", f"Visit {number}")
    return store


def test_the_home_page_itself_is_never_a_recent_page() -> None:
    visits = [(HOME_ADDRESS, "Home"), ("serm://agent/raloxifene", "Raloxifene")]
    assert home_lists([], visits) == ([], [Shortcut("serm://agent/raloxifene", "Raloxifene")])
    assert not any(is_home(s.address) for s in home_lists([], visits)[1])


def test_a_profile_without_a_file_has_empty_lists(tmp_path: Path) -> None:
    assert peek(tmp_path / "userdata.sqlite") == ([], [])
    assert not (tmp_path / "userdata.sqlite").exists()  # the peek never creates it


def test_the_peek_reads_what_the_store_shows(tmp_path: Path) -> None:
    path = tmp_path / "userdata.sqlite"
    store = _filled_store(path)
    try:
        expected = _store_lists(store)
        assert peek(path) == expected  # the store open, its changes still in the WAL
    finally:
        store.close()
    assert peek(path) == expected  # closed and checkpointed
    bookmarks, recent = expected
    assert [b.title for b in bookmarks] == [f"Bookmark {n}" for n in (6, 5, 4, 3, 2)]
    assert len(recent) == HOME_RECENT and recent[0].title == f"Visit {HOME_RECENT + 1}"


def test_a_file_that_cannot_be_read_gives_no_lists_rather_than_empty_ones(tmp_path: Path) -> None:
    damaged = tmp_path / "userdata.sqlite"
    damaged.write_bytes(b"not a database at all" * 100)
    assert peek(damaged) is None
    foreign = tmp_path / "other.sqlite"
    with sqlite3.connect(foreign) as connection:
        connection.execute("CREATE TABLE bookmarks (name TEXT)")
    assert peek(foreign) is None


def test_a_file_held_locked_answers_at_once_without_lists(tmp_path: Path) -> None:
    """Another program holding the file must not hold up the first paint (5 s by default)."""
    path = tmp_path / "userdata.sqlite"
    _filled_store(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    try:
        holder.execute("PRAGMA locking_mode = EXCLUSIVE")
        holder.execute("BEGIN EXCLUSIVE")
        holder.execute("DELETE FROM history")
        started = time.monotonic()
        assert peek(path) is None
        assert time.monotonic() - started < 2  # not SQLite's default 5 s busy wait
    finally:
        holder.close()
    assert peek(path) is not None


def test_lists_not_read_yet_are_not_called_empty(repository: object) -> None:
    from desktop_app.content import ContentRepository

    assert isinstance(repository, ContentRepository)
    grid, meta = repository.comparison(), repository.meta
    pending = home_body(grid, meta, [], None, None)
    assert PENDING in pending and "No bookmarks yet" not in pending
    empty = home_body(grid, meta, [], [], [])
    assert "No bookmarks yet" in empty and PENDING not in empty


# The real start: what the home page holds at its first paint (before the second stage,
# where the store opens) and whether the second stage built the page again.
WINDOW_SCRIPT = """
import sys
import desktop_app.app as app
import desktop_app.ui.reader.page_view as page_view
built = []
set_html = page_view.PageView.setHtml
def counting_set_html(self, html):
    built.append(html)
    return set_html(self, html)
page_view.PageView.setHtml = counting_set_html
report = app._report_first_paint
def first_paint():
    window = [w for w in app.QApplication.topLevelWidgets() if w.objectName() == "MainWindow"][0]
    text = window.tabs.current().page_view().toPlainText()
    print("first paint has bookmark", "Kept page" in text, flush=True)
    print("first paint has visit", "Visited page" in text, flush=True)
    report()
app._report_first_paint = first_paint
from desktop_app.cli import run
code = run(sys.argv[1:])
print("pages built", len(built), flush=True)
sys.exit(code)
"""


@pytest.mark.gui
def test_the_first_paint_shows_the_users_lists(database_path: Path, tmp_path: Path) -> None:
    profile = tmp_path / "profile"
    profile.mkdir()
    store = UserStore.open(profile / "userdata.sqlite")
    store.add_bookmark("serm://agent/raloxifene", "Kept page")
    store.record_visit("serm://agent/tamoxifen", "Visited page")
    store.close()
    result = start_window(WINDOW_SCRIPT, database_path, profile)
    assert result.returncode == 0, result.stderr
    assert "first paint has bookmark True" in result.stdout, result.stdout
    assert "first paint has visit True" in result.stdout, result.stdout
    # The store found the same lists: the home page was built once, not again after it.
    assert "pages built 1" in result.stdout, result.stdout
