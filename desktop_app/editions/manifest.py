"""The signed manifest of a pack: what it holds, for which app, and its checksums.

The signature covers the manifest's exact bytes, and the manifest covers the
database by size and SHA-256, so one signature vouches for every byte.
Parsing is strict: an unknown format, a missing or mistyped field, or an
unreasonable value is refused with the field's name.
"""

import json
import re
from datetime import date
from typing import Any, NamedTuple

from desktop_app.editions.errors import PackRefused

FORMAT = "serm-reference-content-pack"
FORMAT_VERSION = 1
MAX_MANIFEST_BYTES = 64 * 1024
MAX_CHANGES_CHARS = 4000
_EDITION = re.compile(r"^[0-9A-Za-z][0-9A-Za-z.+_-]{0,39}$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


class PackManifest(NamedTuple):
    """The manifest's fields, in the order they are written (a named tuple: start-up cost)."""

    edition: str
    date: str  # ISO date of the edition
    schema_version: int
    min_app_version: str
    file: str
    size: int
    sha256: str
    content_checksum: str
    changes: str  # the editors' short "what changed"
    key_fingerprint: str  # which key signed it (the signature names it too)

    def to_json_bytes(self) -> bytes:
        fields = {"format": FORMAT, "format_version": FORMAT_VERSION, **self._asdict()}
        return (json.dumps(fields, indent=2, ensure_ascii=False) + "\n").encode("utf-8")

    @property
    def sort_key(self) -> tuple[tuple[int, ...], str]:
        return edition_sort_key(self.edition, self.date)


def edition_sort_key(edition: str, edition_date: str) -> tuple[tuple[int, ...], str]:
    """Editions are numbered like 2026.11.1; the date breaks ties (and orders odd names)."""
    numbers = tuple(int(part) for part in re.findall(r"\d+", edition))
    return numbers, edition_date


def version_tuple(version: str) -> tuple[int, ...]:
    """'0.1.0' -> (0, 1, 0); anything after the numbers ('rc1', '+local') is ignored."""
    match = re.match(r"^\d+(?:\.\d+)*", version.strip())
    if not match:
        return (0,)
    return tuple(int(part) for part in match.group(0).split("."))


def parse_manifest(data: bytes) -> PackManifest:
    if len(data) > MAX_MANIFEST_BYTES:
        raise PackRefused("The pack's manifest is too large to be a real one.")
    try:
        raw = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise PackRefused(f"The pack's manifest is not valid JSON ({error}).") from error
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise PackRefused("This file is not a SERM Reference content pack (unknown manifest).")
    if raw.get("format_version") != FORMAT_VERSION:
        raise PackRefused(
            f"The pack uses format version {raw.get('format_version')!r}; this app reads"
            f" version {FORMAT_VERSION}.",
            "Install the SERM Reference release that goes with this pack.",
        )
    manifest = PackManifest(
        edition=_text(raw, "edition"),
        date=_text(raw, "date"),
        schema_version=_integer(raw, "schema_version"),
        min_app_version=_text(raw, "min_app_version"),
        file=_text(raw, "file"),
        size=_integer(raw, "size"),
        sha256=_text(raw, "sha256"),
        content_checksum=_text(raw, "content_checksum"),
        changes=_text(raw, "changes", allow_empty=True),
        key_fingerprint=_text(raw, "key_fingerprint"),
    )
    _check_values(manifest)
    return manifest


def _text(raw: dict[str, Any], key: str, allow_empty: bool = False) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or (not value and not allow_empty):
        raise PackRefused(f"The pack's manifest has no valid '{key}'.")
    return value


def _integer(raw: dict[str, Any], key: str) -> int:
    value = raw.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise PackRefused(f"The pack's manifest has no valid '{key}'.")
    return value


def _check_values(manifest: PackManifest) -> None:
    if not _EDITION.match(manifest.edition):
        raise PackRefused(f"The pack's edition name {manifest.edition!r} is not valid.")
    try:
        date.fromisoformat(manifest.date)
    except ValueError as error:
        raise PackRefused(f"The pack's date {manifest.date!r} is not a date.") from error
    if not _SHA256.match(manifest.sha256):
        raise PackRefused("The pack's manifest has no valid SHA-256 of the database.")
    if manifest.file != "serm-reference.sqlite":
        raise PackRefused(f"The pack names an unexpected database file {manifest.file!r}.")
    if len(manifest.changes) > MAX_CHANGES_CHARS:
        raise PackRefused("The pack's 'what changed' text is too long to be a real one.")
