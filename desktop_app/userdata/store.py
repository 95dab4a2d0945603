"""The personal store: bookmarks, notes and history, one durable transaction per change.

Everything is keyed by the stable ``serm://`` address, so a new content edition
keeps every bookmark and note; the store does not know the content, and an
address that no longer resolves is the views' business (they get an
``exists(uri)`` callable), never a reason to drop a row here.

The store is Qt-free so the kill test can drive it from a plain subprocess.
Listeners registered with :meth:`UserStore.add_listener` hear which kind of
data changed after each commit; Qt models use that to refresh.
"""

from __future__ import annotations

import logging
import sqlite3
import weakref
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import TracebackType
from typing import Any

from desktop_app.content.addresses import parse_address
from desktop_app.home_lists import BOOKMARKS_QUERY, HISTORY_QUERY
from desktop_app.userdata.backups import KEEP_BACKUPS, backup_time, backups, make_backup
from desktop_app.userdata.errors import (
    ImportCancelled,
    ImportFileError,
    UserDataError,
    UserDataReadOnlyError,
    from_os_error,
    translate,
)
from desktop_app.userdata.opening import BUSY_TIMEOUT_MS, open_database
from desktop_app.userdata.records import (
    Bookmark,
    ChangeKind,
    ImportSummary,
    Note,
    NoteHit,
    Notice,
    Visit,
)
from desktop_app.userdata.recovery import acknowledge
from desktop_app.userdata.search import search_notes

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]
Listener = Callable[[ChangeKind], None]

HISTORY_LIMIT = 1000
MAX_MERGED_NOTE = 1_000_000  # characters; an import that would make a note longer is refused
TITLE_LIMIT = 500
BACKUP_INTERVAL = timedelta(hours=24)


class Unchecked:
    """``save_note(loaded=UNCHECKED)``: save without comparing versions (imports, tests)."""


UNCHECKED = Unchecked()
CONFLICT_LINE = "——— Typed elsewhere at the same time; both texts are kept ({when}) ———"


def conflict_text(theirs: str, mine: str, when: datetime) -> str:
    """Both texts of a note saved from two places at once, the later one marked."""
    line = CONFLICT_LINE.format(when=when.astimezone().strftime("%Y-%m-%d %H:%M"))
    return f"{theirs.rstrip()}\n\n{line}\n{mine}"


def canonical_address(uri: str) -> str:
    """The one spelling of an address that is stored (raises AddressError if malformed)."""
    return str(parse_address(uri))


def clean_title(title: str, uri: str) -> str:
    """Titles are shown on one line; an empty one falls back to the address."""
    single_line = " ".join(title.split())[:TITLE_LIMIT]
    return single_line or uri


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def _moment(text: str) -> datetime:
    return datetime.fromisoformat(text)


class UserStore:
    """Per-user bookmarks, notes and history in one SQLite file beside the user's settings.

    Open with :meth:`open`; check :attr:`notices` (things the user must be told,
    e.g. "restored from a backup") and :attr:`writable`. Every change method
    raises a :class:`UserDataError` subclass with a readable message when the
    disk or folder refuses it; what was saved before is never touched.
    """

    def __init__(
        self,
        connection: sqlite3.Connection,
        path: Path,
        *,
        writable: bool,
        notices: Sequence[Notice] = (),
        read_only_reason: UserDataError | None = None,
        clock: Clock = _utc_now,
        keep_backups: int = KEEP_BACKUPS,
    ) -> None:
        self._db = connection
        self.path = path
        self.writable = writable
        self.notices: tuple[Notice, ...] = tuple(notices)
        self.read_only_reason = read_only_reason
        self._clock = clock
        self._keep_backups = keep_backups
        self._changed_since_backup = False
        self.last_conflict: str | None = None
        self._listeners: list[Callable[[], Listener | None]] = []

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        clock: Clock = _utc_now,
        keep_backups: int = KEEP_BACKUPS,
        backup_interval: timedelta = BACKUP_INTERVAL,
        busy_timeout_ms: int = BUSY_TIMEOUT_MS,
    ) -> UserStore:
        """Open (creating, checking or recovering) the store at ``path``; never raises for
        a damaged, read-only or full location: those give notices and a read-only store."""
        opened = open_database(Path(path), clock(), busy_timeout_ms)
        store = cls(
            opened.connection,
            Path(path).absolute(),
            writable=opened.writable,
            notices=opened.notices,
            read_only_reason=opened.read_only_reason,
            clock=clock,
            keep_backups=keep_backups,
        )
        if store.writable:
            newest = next(iter(backups(store.path)), None)
            now = clock()
            # A backup dated in the future (clock skew) has no usable time: one is due.
            taken = backup_time(store.path, newest, now) if newest else None
            if taken is None or now - taken >= backup_interval:
                store._backup_quietly()
        return store

    def acknowledge_notices(self) -> None:
        """The user has read :attr:`notices`; a recovery's notice is kept until then."""
        try:
            acknowledge(self.path)
        except OSError as error:  # a read-only folder: the notice simply comes back
            log.warning("notices not acknowledged: %s", error)
        self.notices = ()

    def close(self) -> None:
        """Back up this session's changes, then close (the WAL is checkpointed by SQLite)."""
        if self.writable and self._changed_since_backup:
            self._backup_quietly()
        self._db.close()

    def __enter__(self) -> UserStore:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    # -- listeners ------------------------------------------------------------------------

    def add_listener(self, listener: Listener) -> None:
        """Call ``listener(kind)`` after each committed change; bound methods are held weakly,
        so a model that is gone is simply forgotten."""
        if hasattr(listener, "__self__") and hasattr(listener, "__func__"):
            self._listeners.append(weakref.WeakMethod(listener))
        else:
            self._listeners.append(lambda: listener)

    def remove_listener(self, listener: Listener) -> None:
        self._listeners = [ref for ref in self._listeners if ref() not in (None, listener)]

    def _notify(self, kind: ChangeKind) -> None:
        alive = []
        for ref in self._listeners:
            listener = ref()
            if listener is None:
                continue
            alive.append(ref)
            try:
                listener(kind)
            except Exception:  # a view's bug must not make a saved change look failed
                log.exception("user-data listener failed after a %s change", kind)
        self._listeners = alive

    # -- transactions ---------------------------------------------------------------------

    @contextmanager
    def _change(self, kind: ChangeKind) -> Iterator[sqlite3.Connection]:
        """One change = one IMMEDIATE transaction, committed with a full sync."""
        if not self.writable:
            raise self.read_only_reason or UserDataReadOnlyError(self.path)
        try:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
                self._db.execute("COMMIT")
            except BaseException:
                if self._db.in_transaction:
                    try:
                        self._db.execute("ROLLBACK")
                    except sqlite3.Error:
                        log.exception("rollback failed")
                raise
        except sqlite3.Error as error:
            translated = translate(error, self.path)
            if translated is None:
                raise
            log.warning("change to %s not saved: %s", kind, error)
            raise translated from error
        self._changed_since_backup = True
        self._notify(kind)

    def _rows(self, sql: str, args: Sequence[Any] = ()) -> list[Any]:
        try:
            return self._db.execute(sql, args).fetchall()
        except sqlite3.Error as error:
            translated = translate(error, self.path)
            if translated is None:
                raise
            raise translated from error

    # -- bookmarks ------------------------------------------------------------------------

    def bookmarks(self) -> tuple[Bookmark, ...]:
        return tuple(
            Bookmark(uri, title, position, _moment(created))
            for uri, title, position, created in self._rows(BOOKMARKS_QUERY)
        )

    def bookmark(self, uri: str) -> Bookmark | None:
        rows = self._rows(
            "SELECT uri, title, position, created FROM bookmarks WHERE uri = ?",
            (canonical_address(uri),),
        )
        return Bookmark(rows[0][0], rows[0][1], rows[0][2], _moment(rows[0][3])) if rows else None

    def is_bookmarked(self, uri: str) -> bool:
        return self.bookmark(uri) is not None

    def add_bookmark(self, uri: str, title: str) -> Bookmark:
        """Bookmark an address at the end of the list; an existing bookmark is left as it is."""
        key = canonical_address(uri)
        existing = self.bookmark(key)
        if existing is not None:
            return existing
        with self._change("bookmarks") as db:
            db.execute(
                "INSERT INTO bookmarks (uri, title, position, created) VALUES"
                " (?, ?, (SELECT coalesce(max(position), -1) + 1 FROM bookmarks), ?)",
                (key, clean_title(title, key), _stamp(self._clock())),
            )
        added = self.bookmark(key)
        assert added is not None
        return added

    def restore_bookmark(self, bookmark: Bookmark) -> None:
        """Put a removed bookmark back where it was (undo of a removal)."""
        key = canonical_address(bookmark.uri)
        if self.bookmark(key) is not None:
            return
        with self._change("bookmarks") as db:
            order = [uri for (uri,) in db.execute("SELECT uri FROM bookmarks ORDER BY position")]
            order.insert(max(0, min(bookmark.position, len(order))), key)
            db.execute(
                "INSERT INTO bookmarks (uri, title, position, created) VALUES (?, ?, -1, ?)",
                (key, clean_title(bookmark.title, key), _stamp(bookmark.created)),
            )
            self._renumber(db, order)

    def rename_bookmark(self, uri: str, title: str) -> None:
        key = canonical_address(uri)
        with self._change("bookmarks") as db:
            db.execute(
                "UPDATE bookmarks SET title = ? WHERE uri = ?", (clean_title(title, key), key)
            )

    def remove_bookmarks(self, uris: Sequence[str]) -> None:
        keys = [canonical_address(uri) for uri in uris]
        with self._change("bookmarks") as db:
            db.executemany("DELETE FROM bookmarks WHERE uri = ?", [(k,) for k in keys])
            order = [uri for (uri,) in db.execute("SELECT uri FROM bookmarks ORDER BY position")]
            self._renumber(db, order)

    def remove_bookmark(self, uri: str) -> None:
        self.remove_bookmarks([uri])

    def move_bookmark(self, uri: str, row: int) -> None:
        """Move a bookmark so that it ends up at ``row`` (clamped to the list)."""
        key = canonical_address(uri)
        with self._change("bookmarks") as db:
            order = [u for (u,) in db.execute("SELECT uri FROM bookmarks ORDER BY position")]
            if key not in order:
                return
            order.remove(key)
            order.insert(max(0, min(row, len(order))), key)
            self._renumber(db, order)

    @staticmethod
    def _renumber(db: sqlite3.Connection, order: Sequence[str]) -> None:
        db.executemany(
            "UPDATE bookmarks SET position = ? WHERE uri = ?",
            [(position, uri) for position, uri in enumerate(order)],
        )

    # -- notes ----------------------------------------------------------------------------

    def note(self, uri: str) -> Note | None:
        rows = self._rows(
            "SELECT uri, title, text, created, updated FROM notes WHERE uri = ?",
            (canonical_address(uri),),
        )
        return _note(rows[0]) if rows else None

    def notes(self) -> tuple[Note, ...]:
        """Every note, most recently changed first."""
        return tuple(
            _note(row)
            for row in self._rows(
                "SELECT uri, title, text, created, updated FROM notes ORDER BY updated DESC, id"
            )
        )

    def save_note(
        self, uri: str, title: str, text: str, loaded: datetime | Unchecked | None = UNCHECKED
    ) -> Note | None:
        """Save the note on ``uri`` exactly as typed; blank text deletes it (returns None).

        ``loaded`` is the note's ``updated`` time when the editor loaded it (None: it
        did not exist). If the note changed since (another window saved it), neither
        text is dropped: the saved note holds the other text, a marked line, then
        this one; ``last_conflict`` names the address until the next save.
        """
        key = canonical_address(uri)
        self.last_conflict = None
        if not text.strip():
            self.delete_note(key)
            return None
        existing = self.note(key)
        heading = clean_title(title, key)
        if existing is not None and existing.text == text and existing.title == heading:
            return existing
        moment = self._clock()
        now = _stamp(moment)
        with self._change("notes") as db:
            row = db.execute("SELECT text, updated FROM notes WHERE uri = ?", (key,)).fetchone()
            changed_since_loaded = row is not None and (
                loaded is None or (not isinstance(loaded, Unchecked) and _moment(row[1]) != loaded)
            )
            if not isinstance(loaded, Unchecked) and changed_since_loaded and row[0] != text:
                text = conflict_text(row[0], text, moment)
                self.last_conflict = key
            db.execute(
                "INSERT INTO notes (uri, title, text, created, updated) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (uri) DO UPDATE SET title = excluded.title,"
                " text = excluded.text, updated = excluded.updated",
                (key, heading, text, now, now),
            )
        return self.note(key)

    def delete_note(self, uri: str) -> None:
        key = canonical_address(uri)
        if self.note(key) is None:
            return
        with self._change("notes") as db:
            db.execute("DELETE FROM notes WHERE uri = ?", (key,))

    def search_notes(self, query: str, limit: int = 50) -> tuple[NoteHit, ...]:
        try:
            return search_notes(self._db, query, limit)
        except sqlite3.Error as error:
            translated = translate(error, self.path)
            if translated is None:
                raise
            raise translated from error

    # -- history --------------------------------------------------------------------------

    def record_visit(self, uri: str, title: str) -> None:
        """Remember that ``uri`` was opened now; old entries beyond the limit are dropped."""
        key = canonical_address(uri)
        with self._change("history") as db:
            (sequence,) = db.execute(
                "SELECT coalesce(max(sequence), 0) + 1 FROM history"
            ).fetchone()
            db.execute(
                "INSERT INTO history (uri, title, last_visited, visits, sequence)"
                " VALUES (?, ?, ?, 1, ?) ON CONFLICT (uri) DO UPDATE SET title = excluded.title,"
                " last_visited = excluded.last_visited, visits = visits + 1,"
                " sequence = excluded.sequence",
                (key, clean_title(title, key), _stamp(self._clock()), sequence),
            )
            db.execute("DELETE FROM history WHERE sequence <= ?", (sequence - HISTORY_LIMIT,))

    def history(self, limit: int = HISTORY_LIMIT) -> tuple[Visit, ...]:
        """Recently viewed addresses, newest first, one row per address."""
        return tuple(
            Visit(uri, title, _moment(visited), count)
            for uri, title, visited, count in self._rows(HISTORY_QUERY, (limit,))
        )

    def clear_history(self) -> None:
        with self._change("history") as db:
            db.execute("DELETE FROM history")

    # -- import ---------------------------------------------------------------------------

    def merge(
        self,
        bookmarks: Sequence[Bookmark],
        notes: Sequence[Note],
        label: str,
        progress: Callable[[int, int], bool] | None = None,
    ) -> ImportSummary:
        """Merge imported items in one transaction: all of them are saved, or none.

        Nothing the user has is ever overwritten or lost: a bookmark already
        present is kept as it is; a note whose text is already contained in the
        existing one is skipped; an older version of the imported note (contained
        in it) is replaced by it; two different texts are both kept, the imported
        one appended under a line saying where it came from. Importing the same
        file twice therefore changes nothing the second time.

        The notes are folded together in memory, address by address, and each
        address is written once: 2,000 notes on one address once meant 2,000
        rewrites and re-indexings of an ever longer note (395 s). A merged note
        longer than ``MAX_MERGED_NOTE`` refuses the whole import. ``progress(done,
        total)`` is called as the work goes; returning False cancels it, nothing saved.
        """
        counts = dict.fromkeys(
            ("b_added", "b_present", "n_added", "n_updated", "n_merged", "n_present"), 0
        )
        now = _stamp(self._clock())
        total = len(bookmarks) + len(notes)

        def step(done: int) -> None:
            if progress is not None and not progress(done, total):
                raise ImportCancelled(self.path, "the import was cancelled")

        with self._change("bookmarks") as db:
            present = {uri for (uri,) in db.execute("SELECT uri FROM bookmarks")}
            (position,) = db.execute("SELECT coalesce(max(position), -1) FROM bookmarks").fetchone()
            new_bookmarks = []
            for bookmark in bookmarks:
                key = canonical_address(bookmark.uri)
                if key in present:
                    counts["b_present"] += 1
                    continue
                present.add(key)
                position += 1
                new_bookmarks.append(
                    (key, clean_title(bookmark.title, key), position, _stamp(bookmark.created))
                )
                counts["b_added"] += 1
            db.executemany(
                "INSERT INTO bookmarks (uri, title, position, created) VALUES (?, ?, ?, ?)",
                new_bookmarks,
            )
            step(len(bookmarks))
            merged = self._fold_notes(
                db, notes, label, now, counts, lambda n: step(len(bookmarks) + n)
            )
            for key, (title, text, created, updated, is_new) in merged.items():
                if is_new:
                    db.execute(
                        "INSERT INTO notes (uri, title, text, created, updated)"
                        " VALUES (?, ?, ?, ?, ?)",
                        (key, title, text, created, updated),
                    )
                else:
                    db.execute(
                        "UPDATE notes SET text = ?, updated = ? WHERE uri = ?", (text, now, key)
                    )
            step(total)
        if merged:
            self._notify("notes")
        return ImportSummary(
            counts["b_added"],
            counts["b_present"],
            counts["n_added"],
            counts["n_updated"],
            counts["n_merged"],
            counts["n_present"],
        )

    @staticmethod
    def _fold_notes(
        db: sqlite3.Connection,
        notes: Sequence[Note],
        label: str,
        now: str,
        counts: dict[str, int],
        step: Callable[[int], None],
    ) -> dict[str, tuple[str, str, str, str, bool]]:
        """Each address's final text: (title, text, created, updated, is_new), changed only."""
        texts: dict[str, str | None] = {}
        result: dict[str, tuple[str, str, str, str, bool]] = {}
        for number, note in enumerate(notes, 1):
            key = canonical_address(note.uri)
            if key not in texts:
                row = db.execute("SELECT text FROM notes WHERE uri = ?", (key,)).fetchone()
                texts[key] = row[0] if row else None
            current = texts[key]
            if current is None:
                text, is_new = note.text, True
                counts["n_added"] += 1
            elif note.text.strip() in current:
                counts["n_present"] += 1
                continue
            elif current.strip() in note.text:
                text, is_new = note.text, key in result and result[key][4]
                counts["n_updated"] += 1
            else:
                text = f"{current.rstrip()}\n\n— imported from {label} —\n{note.text}"
                is_new = key in result and result[key][4]
                counts["n_merged"] += 1
            if len(text) > MAX_MERGED_NOTE:
                raise ImportFileError(
                    None,
                    f"the note on {key} would be longer than {MAX_MERGED_NOTE:,} characters"
                    " once merged",
                )
            texts[key] = text
            earlier = result.get(key)
            created = earlier[2] if earlier else _stamp(note.created)
            updated = now if earlier else _stamp(note.updated)
            title = earlier[0] if earlier else clean_title(note.title, key)
            result[key] = (title, text, created, updated, is_new)
            if number % 200 == 0:
                step(number)
        return result

    # -- backups --------------------------------------------------------------------------

    def backup(self) -> Path:
        """Snapshot the store now with SQLite's online backup API; keeps the last few."""
        if not self.writable:
            raise self.read_only_reason or UserDataReadOnlyError(self.path)
        try:
            made = make_backup(self._db, self.path, self._clock(), self._keep_backups)
        except sqlite3.Error as error:
            translated = translate(error, self.path)
            if translated is None:
                raise
            raise translated from error
        except OSError as error:
            raise from_os_error(error, self.path) from error
        self._changed_since_backup = False
        return made

    def backups(self) -> tuple[Path, ...]:
        return backups(self.path)

    def _backup_quietly(self) -> None:
        try:
            self.backup()
        except UserDataError as error:
            log.warning("backup of personal data failed: %s", error.message)

    def integrity_ok(self) -> bool:
        return self._rows("PRAGMA integrity_check") == [("ok",)]


def _note(row: Sequence[Any]) -> Note:
    uri, title, text, created, updated = row
    return Note(uri, title, text, _moment(created), _moment(updated))
