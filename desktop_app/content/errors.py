"""Typed errors for a content database that cannot be used.

Each error says what is wrong and what the user can do, in words meant for a
clinician or an IT person, so the GUI and the command line can show the message
as it is instead of a traceback.
"""

from __future__ import annotations

from pathlib import Path

REINSTALL_ADVICE = "Reinstall SERM Reference, or start it with --db pointing at a good copy."


class ContentDatabaseError(Exception):
    """The content database cannot be opened or trusted."""

    problem = "The content database cannot be used."

    def __init__(self, path: Path | str, detail: str = "", advice: str = REINSTALL_ADVICE):
        self.path = Path(path)
        self.detail = detail
        self.advice = advice
        super().__init__(self.message)

    @property
    def message(self) -> str:
        detail = f" ({self.detail})" if self.detail else ""
        return f"{self.problem}{detail}\nFile: {self.path}\n{self.advice}"


class DatabaseMissingError(ContentDatabaseError):
    problem = "The content database file is missing."


class DatabaseEmptyError(ContentDatabaseError):
    problem = "The content database file is empty."


class DatabaseUnreadableError(ContentDatabaseError):
    problem = "The content database file cannot be read (check its permissions)."


class DatabaseCorruptError(ContentDatabaseError):
    problem = "The content database file is damaged or is not a SERM Reference database."


class SchemaVersionError(ContentDatabaseError):
    problem = "The content database was made for a different version of SERM Reference."


class FullTextSearchUnavailableError(ContentDatabaseError):
    problem = "This system's SQLite library has no full-text search (FTS5)."


class DatabaseTamperedError(ContentDatabaseError):
    problem = "The content database does not match the checksum it was shipped with."
