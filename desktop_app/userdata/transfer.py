"""Export and import of bookmarks and notes (JSON both ways; notes also as Markdown).

An import file is read whole, checked whole and only then merged, in one
transaction: a malformed, huge or binary file gets an :class:`ImportFileError`
that says what is wrong, and nothing is changed. Exports are written to a
temporary file and renamed into place, so a crash or a full disk never leaves
half an export where a good one was.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from desktop_app.content.addresses import AddressError, parse_address
from desktop_app.userdata.errors import ImportFileError, from_os_error
from desktop_app.userdata.files import write_atomically
from desktop_app.userdata.records import Bookmark, ImportSummary, Note
from desktop_app.userdata.store import UserStore

FORMAT = "serm-reference-userdata"
FORMAT_VERSION = 1
MAX_IMPORT_BYTES = 16 * 1024 * 1024
MAX_ITEMS = 20_000
MAX_NOTE_CHARACTERS = 1_000_000
MAX_TITLE_CHARACTERS = 2_000
EARLIEST_YEAR, LATEST_YEAR = 1970, 2200  # dates outside are refused, not stored


@dataclass(frozen=True)
class ImportBundle:
    """A checked import file: every item is valid and ready to merge."""

    bookmarks: tuple[Bookmark, ...]
    notes: tuple[Note, ...]


# -- export ---------------------------------------------------------------------------------


def export_document(store: UserStore, now: datetime) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "exported": now.astimezone(UTC).isoformat(timespec="seconds"),
        "bookmarks": [
            {"uri": b.uri, "title": b.title, "created": b.created.isoformat()}
            for b in store.bookmarks()
        ],
        "notes": [
            {
                "uri": n.uri,
                "title": n.title,
                "text": n.text,
                "created": n.created.isoformat(),
                "updated": n.updated.isoformat(),
            }
            for n in store.notes()
        ],
    }


def export_json(store: UserStore, target: Path, now: datetime | None = None) -> None:
    document = export_document(store, now or datetime.now(UTC))
    data = (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    _write(target, data)


def notes_markdown(store: UserStore, now: datetime) -> str:
    """Every note as Markdown; the note text sits verbatim in a fence, never interpreted."""
    notes = sorted(store.notes(), key=lambda n: (n.title.casefold(), n.uri))
    lines = [
        "# SERM Reference — my notes",
        "",
        f"Exported {now.astimezone(UTC):%Y-%m-%d %H:%M} UTC · {len(notes)} note(s). "
        "Each note is shown exactly as it was typed.",
    ]
    for note in notes:
        text = _visible_controls(note.text)
        fence = "`" * max(3, _longest_run(text, "`") + 1)
        lines += [
            "",
            f"## {_escape_markdown(note.title)}",
            "",
            f"<{note.uri}> · last changed {note.updated.astimezone(UTC):%Y-%m-%d %H:%M} UTC",
            "",
            f"{fence}text",
            text.rstrip("\n"),
            fence,
        ]
    return "\n".join(lines) + "\n"


def export_notes_markdown(store: UserStore, target: Path, now: datetime | None = None) -> None:
    _write(target, notes_markdown(store, now or datetime.now(UTC)).encode("utf-8"))


def _write(target: Path, data: bytes) -> None:
    try:
        write_atomically(target, data)
    except OSError as error:
        raise from_os_error(error, target) from error


def _visible_controls(text: str) -> str:
    """NUL and other control characters as their Unicode pictures (U+2400 ...).

    A raw NUL makes editors and tools treat the export as a binary file; the
    picture keeps the character visible without breaking the text file.
    """
    return _CONTROL.sub(lambda match: chr(0x2400 + ord(match.group())), text)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _longest_run(text: str, char: str) -> int:
    runs = re.findall(f"{re.escape(char)}+", text)
    return max((len(run) for run in runs), default=0)


def _escape_markdown(text: str) -> str:
    return re.sub(r"([\\`*_{}\[\]<>()#+!|&~])", r"\\\1", text)


# -- import ---------------------------------------------------------------------------------


def import_file(
    store: UserStore, source: Path, progress: Callable[[int, int], bool] | None = None
) -> ImportSummary:
    """Check ``source`` completely, then merge it into the store in one transaction.

    ``progress(done, total)`` returning False cancels: nothing is saved.
    """
    bundle = read_import_file(source)
    return store.merge(bundle.bookmarks, bundle.notes, label=source.name, progress=progress)


def read_import_file(source: Path) -> ImportBundle:
    # A FIFO or device would block open() or read() forever, freezing the window.
    if source.exists() and not source.is_file():
        raise ImportFileError(source, "it is not a regular file")
    try:
        with open(source, "rb") as handle:
            data = handle.read(MAX_IMPORT_BYTES + 1)
    except OSError as error:
        raise ImportFileError(source, f"it cannot be read: {error.strerror or error}") from error
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportFileError(
            source,
            f"it is larger than {MAX_IMPORT_BYTES // (1024 * 1024)} MB, far more than "
            "any export of bookmarks and notes",
        )
    return parse_import(data, source)


def parse_import(data: bytes, source: Path | None = None) -> ImportBundle:
    if b"\x00" in data:
        raise ImportFileError(source, "it is a binary file, not a SERM Reference export")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            source, f"it is not UTF-8 text (byte {error.start} is not valid)"
        ) from error
    if not text.strip():
        raise ImportFileError(source, "it is empty")
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportFileError(
            source,
            f"it is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}",
        ) from error
    except (ValueError, RecursionError) as error:
        raise ImportFileError(source, "it is not valid JSON") from error
    return _bundle(document, source)


def _bundle(document: object, source: Path | None) -> ImportBundle:
    if not isinstance(document, dict):
        raise ImportFileError(source, "it is JSON but not a SERM Reference export")
    if document.get("format") != FORMAT:
        raise ImportFileError(
            source, f'it is JSON but not a SERM Reference export ("format" is not "{FORMAT}")'
        )
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ImportFileError(source, '"version" is missing or not a whole number')
    if version > FORMAT_VERSION:
        raise ImportFileError(
            source,
            f"it was made by a newer version of SERM Reference (format {version})",
            "Nothing was imported. Update SERM Reference, then import it again.",
        )
    bookmarks_raw = _list(document, "bookmarks", source)
    notes_raw = _list(document, "notes", source)
    if len(bookmarks_raw) + len(notes_raw) > MAX_ITEMS:
        raise ImportFileError(source, f"it holds more than {MAX_ITEMS} items")
    now = datetime.now(UTC)
    bookmarks = tuple(
        _bookmark(item, f"bookmark {number}", source, now)
        for number, item in enumerate(bookmarks_raw, 1)
    )
    notes = tuple(
        _note(item, f"note {number}", source, now) for number, item in enumerate(notes_raw, 1)
    )
    return ImportBundle(bookmarks, notes)


def _list(document: Mapping[str, object], key: str, source: Path | None) -> list[object]:
    value = document.get(key, [])
    if not isinstance(value, list):
        raise ImportFileError(source, f'"{key}" is not a list')
    return value


def _field(
    item: Mapping[str, object], key: str, where: str, source: Path | None, limit: int
) -> str:
    value = item.get(key)
    if not isinstance(value, str):
        raise ImportFileError(source, f'{where}: "{key}" is missing or not text')
    if len(value) > limit:
        raise ImportFileError(source, f'{where}: "{key}" is longer than {limit} characters')
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:  # a lone surrogate (JSON "\udfff") is not text
        raise ImportFileError(
            source, f'{where}: "{key}" holds an invalid character at position {error.start}'
        ) from error
    return value


def _address(item: Mapping[str, object], where: str, source: Path | None) -> str:
    raw = _field(item, "uri", where, source, 500)
    try:
        return str(parse_address(raw))
    except AddressError as error:
        raise ImportFileError(source, f"{where}: {error}") from error


def _time(
    item: Mapping[str, object], key: str, where: str, source: Path | None, default: datetime
) -> datetime:
    value = item.get(key)
    if value is None:
        return default
    if not isinstance(value, str):
        raise ImportFileError(source, f'{where}: "{key}" is not a date')
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as error:
        raise ImportFileError(source, f'{where}: "{key}" is not a date ({value[:40]!r})') from error
    if not EARLIEST_YEAR <= moment.year <= LATEST_YEAR:
        # Year 1 or 9999 overflows as soon as it is moved to another time zone.
        raise ImportFileError(source, f'{where}: "{key}" is not a plausible date ({value[:40]!r})')
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _bookmark(item: object, where: str, source: Path | None, now: datetime) -> Bookmark:
    if not isinstance(item, dict):
        raise ImportFileError(source, f"{where} is not an object")
    uri = _address(item, where, source)
    title = _field(item, "title", where, source, MAX_TITLE_CHARACTERS)
    return Bookmark(uri, title, 0, _time(item, "created", where, source, now))


def _note(item: object, where: str, source: Path | None, now: datetime) -> Note:
    if not isinstance(item, dict):
        raise ImportFileError(source, f"{where} is not an object")
    uri = _address(item, where, source)
    title = _field(item, "title", where, source, MAX_TITLE_CHARACTERS)
    text = _field(item, "text", where, source, MAX_NOTE_CHARACTERS)
    if not text.strip():
        raise ImportFileError(source, f'{where}: "text" is empty')
    created = _time(item, "created", where, source, now)
    return Note(uri, title, text, created, _time(item, "updated", where, source, created))
