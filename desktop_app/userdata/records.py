"""Plain, frozen records handed out by the personal store.

Like the content layer, the store never hands out cursors or rows: models,
widgets, the import code and tests all see these value objects.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

ChangeKind = Literal["bookmarks", "notes", "history"]
Severity = Literal["information", "warning", "error"]


@dataclass(frozen=True)
class Bookmark:
    uri: str
    title: str
    position: int
    created: datetime


@dataclass(frozen=True)
class Note:
    """A plain-text note on one address; the title is the item's heading when last saved."""

    uri: str
    title: str
    text: str
    created: datetime
    updated: datetime


@dataclass(frozen=True)
class Visit:
    """The latest visit to one address, and how many times it was opened."""

    uri: str
    title: str
    visited: datetime
    count: int


@dataclass(frozen=True)
class NoteHit:
    """A note matching a search, shaped like a content search result.

    ``snippet`` is plain text; ``highlights`` are (start, length) spans in it,
    so the view decides how to show them and no markup ever reaches a label.
    """

    uri: str
    title: str
    snippet: str
    highlights: tuple[tuple[int, int], ...]
    title_highlights: tuple[tuple[int, int], ...] = ()
    kind: str = "note"


@dataclass(frozen=True)
class Notice:
    """Something the user must be told about their data (shown once by the GUI)."""

    severity: Severity
    title: str
    message: str


@dataclass(frozen=True)
class ImportSummary:
    bookmarks_added: int = 0
    bookmarks_already_present: int = 0
    notes_added: int = 0
    notes_updated: int = 0
    notes_merged: int = 0
    notes_already_present: int = 0

    def describe(self) -> str:
        """One sentence for a status bar or a message box."""
        parts = [
            f"{self.bookmarks_added} bookmark(s) added",
            f"{self.notes_added} note(s) added",
        ]
        if self.notes_updated:
            parts.append(f"{self.notes_updated} note(s) replaced by a longer version")
        if self.notes_merged:
            parts.append(
                f"{self.notes_merged} note(s) that differed kept both texts, one after the other"
            )
        present = self.bookmarks_already_present + self.notes_already_present
        if present:
            parts.append(f"{present} item(s) were already here")
        return "Imported: " + "; ".join(parts) + "."
