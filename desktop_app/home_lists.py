"""The home page's two personal lists: the latest bookmarks and the pages visited last.

The home page is the first screen, and it must paint with the user's own
lists, not with "No bookmarks yet" for a moment. The personal store opens
after the first paint (importing and opening it costs ~30 ms), so before that
``peek`` reads the two lists straight from the file, read-only, with the very
queries the store uses. Whatever goes wrong (no such file yet, a damaged,
locked or foreign file) the peek answers ``None`` and the page says the lists
are on their way; the store, opened a moment later with all its checks and
repairs, has the last word either way.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from desktop_app.rendering.home import HomeLists, Shortcut, is_home

HOME_BOOKMARKS = 5  # the latest bookmarks on the home page
HOME_RECENT = 6  # the most recent pages on the home page
# Shared with desktop_app.userdata.store, so the peek and the store read the same rows.
BOOKMARKS_QUERY = "SELECT uri, title, position, created FROM bookmarks ORDER BY position, rowid"
HISTORY_QUERY = (
    "SELECT uri, title, last_visited, visits FROM history ORDER BY sequence DESC LIMIT ?"
)
# History holds one row per address, so one more row than shown covers the home page's own.
PEEKED_VISITS = HOME_RECENT + 1


def home_lists(
    bookmarks: Iterable[tuple[str, str, datetime]], visits: Iterable[tuple[str, str]]
) -> HomeLists:
    """The newest bookmarks first, and the visits in order, the home page itself left out.

    ``bookmarks`` are (address, title, created); ``visits`` (address, title), newest first.
    """
    newest = sorted(bookmarks, key=lambda bookmark: bookmark[2], reverse=True)
    pages = [(uri, title) for uri, title in visits if not is_home(uri)]
    return (
        [Shortcut(uri, title) for uri, title, _ in newest[:HOME_BOOKMARKS]],
        [Shortcut(uri, title) for uri, title in pages[:HOME_RECENT]],
    )


def peek(database: Path) -> HomeLists | None:
    """The lists as the file holds them now; empty for a profile with no file yet.

    ``None`` when the file cannot be read as it is (the store will say why).
    """
    if not database.exists():
        return [], []
    try:
        # timeout=0: a file another program holds locked answers at once, not in 5 s.
        connection = sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True, timeout=0)
    except (sqlite3.Error, OSError, ValueError):
        return None
    try:
        marks = [
            (uri, title, datetime.fromisoformat(created))
            for uri, title, _position, created in connection.execute(BOOKMARKS_QUERY)
        ]
        rows = connection.execute(HISTORY_QUERY, (PEEKED_VISITS,))
        visited = [(uri, title) for uri, title, _when, _count in rows]
        return home_lists(marks, visited)
    except (sqlite3.Error, ValueError, TypeError):
        return None
    finally:
        connection.close()
