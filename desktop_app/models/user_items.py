"""What the bookmark, note and history models share: plain tooltips, missing addresses.

User text (a note, a renamed bookmark) is shown as text, never as markup: item
views draw DisplayRole strings literally, but Qt tooltips guess "rich text"
from the content, so every tooltip goes through :func:`plain_tooltip`.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import datetime

NOT_IN_EDITION = "not in this edition"
# The one wording for a saved address this edition lacks: tooltips and the panels' status.
MISSING_EXPLANATION = (
    "This page is not in the installed content edition, so it cannot be opened. It is kept"
    " in case a later edition brings it back."
)


def plain_tooltip(*lines: str) -> str:
    """A tooltip that shows ``lines`` literally, whatever characters they hold."""
    body = "<br>".join(html.escape(line) for line in lines if line)
    return f"<p style='white-space:pre-wrap'>{body}</p>"


def local_time(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


class ExistenceCache:
    """Remembers which addresses the installed content defines (it cannot change mid-session)."""

    def __init__(self, exists: Callable[[str], bool]) -> None:
        self._exists = exists
        self._known: dict[str, bool] = {}

    def missing(self, uri: str) -> bool:
        if uri not in self._known:
            self._known[uri] = bool(self._exists(uri))
        return not self._known[uri]
