"""Installed editions beside the bundled one: list, verify, install, roll back.

Layout of the editions folder::

    state.json                   {"active": <id>, "history": [<ids active before, oldest first>]}
    2026.12.1-<sha256[:12]>/     one folder per installed edition, never changed once made
        serm-reference.sqlite
        serm-reference.manifest.json   size and SHA-256, checked at every start
        pack-manifest.json, pack-manifest.sig   what the editors signed
    .staging-<random>/           an install in progress (removed by the next install)

An install is all-or-nothing: everything is checked and written into a staging
folder and synced, the folder is renamed into place, and only then does
``state.json`` (written to a temporary file, synced, and renamed over the old
one) name it. Killed at any moment, the app finds either the old state or the
new one, each naming a complete folder. The bundled database is only ever read.

The start only lists what is installed and picks the edition to open, so the
pack format (``pack``: reading, checking and extracting packs) and the
manifest parser are imported by the methods that use them, not with this
module, which the window imports before its first paint.
"""

import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from desktop_app.content.database import manifest_path
from desktop_app.editions.errors import EditionError, PackRefused

if TYPE_CHECKING:
    from desktop_app.editions.manifest import PackManifest
    from desktop_app.editions.pack import CheckedPack
    from desktop_app.editions.signing import PublicKey

BUNDLED = "bundled"
STATE_FILE = "state.json"
STAGING_PREFIX = ".staging-"


class Edition(NamedTuple):
    """An edition the store can open; ``_replace(active=...)`` marks the one in use.

    The records here are named tuples, not frozen dataclasses, because they are
    defined before the window's first paint (start-up cost).
    """

    id: str  # "bundled" or the installed folder's name
    edition: str
    date: str
    database: Path
    changes: str = ""
    active: bool = False

    @property
    def bundled(self) -> bool:
        return self.id == BUNDLED

    @property
    def sort_key(self) -> tuple[tuple[int, ...], str]:
        from desktop_app.editions.manifest import edition_sort_key

        return edition_sort_key(self.edition, self.date)

    def describe(self) -> str:
        origin = "bundled with the app" if self.bundled else "installed"
        return f"{self.edition} ({self.date}, {origin})"


class VerifiedPack(NamedTuple):
    checked: "CheckedPack"
    active: Edition  # the edition it would replace

    @property
    def manifest(self) -> "PackManifest":
        return self.checked.manifest


class InstallResult(NamedTuple):
    installed: Edition
    previous: Edition
    seconds: float


class EditionStore:
    """The editions one user (or one machine, by policy) can choose between."""

    def __init__(
        self,
        folder: Path,
        bundled_database: Path,
        trusted_keys: "tuple[PublicKey, ...] | Callable[[], tuple[PublicKey, ...]]",
    ) -> None:
        self.folder = Path(folder)
        self.bundled_database = Path(bundled_database)
        self._trusted_keys = trusted_keys

    @property
    def trusted_keys(self) -> "tuple[PublicKey, ...]":
        """The keys a pack must be signed with, read when a pack is first checked.

        Given as a function, they are read on first use: the start opens an
        edition already checked when it was installed and never needs them.
        """
        if callable(self._trusted_keys):
            self._trusted_keys = self._trusted_keys()
        return self._trusted_keys

    # -- reading ------------------------------------------------------------------------------

    def bundled(self) -> Edition:
        edition, date = "", ""
        try:
            recorded = json.loads(manifest_path(self.bundled_database).read_text("utf-8"))
            edition, date = str(recorded.get("edition", "")), str(recorded.get("date", ""))
        except (OSError, ValueError, AttributeError):
            pass
        return Edition(BUNDLED, edition or "unknown", date, self.bundled_database)

    def installed(self) -> tuple[Edition, ...]:
        """Complete installed editions (a folder with its signed manifest), oldest first."""
        found = []
        if self.folder.is_dir():
            for entry in self.folder.iterdir():
                if entry.name.startswith(".") or not entry.is_dir():
                    continue
                edition = self._read_installed(entry)
                if edition is not None:
                    found.append(edition)
        return tuple(sorted(found, key=lambda e: (e.sort_key, e.id)))

    def _read_installed(self, folder: Path) -> Edition | None:
        from desktop_app.editions.manifest import parse_manifest
        from desktop_app.editions.pack import DATABASE_MEMBER

        try:
            manifest = parse_manifest((folder / "pack-manifest.json").read_bytes())
        except (OSError, EditionError):
            return None
        database = folder / DATABASE_MEMBER
        if not database.is_file():
            return None
        return Edition(folder.name, manifest.edition, manifest.date, database, manifest.changes)

    def editions(self) -> tuple[Edition, ...]:
        """Bundled and installed, oldest first, the active one marked."""
        active_id = self.active().id
        every = (self.bundled(), *self.installed())
        ordered = sorted(every, key=lambda e: (e.sort_key, not e.bundled, e.id))
        return tuple(e._replace(active=e.id == active_id) for e in ordered)

    def _state(self) -> tuple[str, list[str]]:
        try:
            raw = json.loads((self.folder / STATE_FILE).read_text("utf-8"))
            active = str(raw["active"])
            history = [str(item) for item in raw.get("history", [])]
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return BUNDLED, []
        return active, history

    def _by_id(self, edition_id: str) -> Edition | None:
        if edition_id == BUNDLED:
            return self.bundled()
        if "/" in edition_id or "\\" in edition_id or edition_id.startswith("."):
            return None
        return self._read_installed(self.folder / edition_id)

    def active(self) -> Edition:
        """The edition state.json names, if it is there; else the bundled one."""
        active_id, _history = self._state()
        edition = self._by_id(active_id)
        return (edition if edition is not None else self.bundled())._replace(active=True)

    def startup_candidates(self) -> tuple[Edition, ...]:
        """What to open, in order: the active edition, those active before it, the bundled one.

        The app opens the first that passes the start-up checks, so a damaged
        installed edition can never keep the reference from starting.
        """
        active_id, history = self._state()
        chosen: list[Edition] = []
        for edition_id in [active_id, *reversed(history), BUNDLED]:
            edition = self._by_id(edition_id)
            if edition is not None and edition.id not in {e.id for e in chosen}:
                chosen.append(edition)
        return tuple(chosen)

    # -- checking -----------------------------------------------------------------------------

    def verify(self, pack: Path, allow_downgrade: bool = False) -> VerifiedPack:
        """Every check an install makes, on a copy in a temporary folder; nothing is kept."""
        from desktop_app.editions.pack import check_database, extract_database

        verified = self._check(pack, allow_downgrade)
        with tempfile.TemporaryDirectory(prefix="serm-reference-verify-") as temp:
            database = extract_database(verified.checked, Path(temp))
            check_database(database, verified.manifest)
        return verified

    def _check(self, pack: Path, allow_downgrade: bool) -> VerifiedPack:
        from desktop_app.editions.pack import check_pack

        checked = check_pack(pack, self.trusted_keys)
        active = self.active()
        manifest = checked.manifest
        if not allow_downgrade:
            if manifest.sort_key == active.sort_key and manifest.edition == active.edition:
                raise PackRefused(f"Edition {manifest.edition} is already the edition in use.")
            if manifest.sort_key < active.sort_key:
                raise PackRefused(
                    f"Edition {manifest.edition} ({manifest.date}) is older than the edition in"
                    f" use, {active.edition} ({active.date}).",
                    "To go back on purpose, use rollback, or install with --downgrade.",
                )
        return VerifiedPack(checked, active)

    # -- changing -----------------------------------------------------------------------------

    def install(
        self,
        pack: Path,
        allow_downgrade: bool = False,
        before_commit: Callable[[], None] | None = None,
    ) -> InstallResult:
        """Check everything, then make the pack's edition the active one, all or nothing."""
        from desktop_app.editions.pack import check_database, extract_database

        started = time.perf_counter()
        verified = self._check(pack, allow_downgrade)
        manifest = verified.manifest
        edition_id = f"{manifest.edition}-{manifest.sha256[:12]}"
        final = self.folder / edition_id
        self._make_folder()
        self._remove_staging()
        try:  # the pack's own database is always checked, even if this edition is installed
            staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=self.folder))
        except OSError as error:
            raise PackRefused(
                f"The editions folder {self.folder} cannot be written: {error}."
            ) from error
        try:
            staging.chmod(0o755)  # a system-wide editions folder is read by every user
            database = extract_database(verified.checked, staging)
            check_database(database, manifest)
            if not self._intact(final):  # else: the same signed bytes are installed already
                _sync_folder(staging)
                if final.exists():  # a damaged copy of this same edition: set it aside
                    final.rename(self.folder / f"{STAGING_PREFIX}damaged-{edition_id}")
                staging.rename(final)
                _sync_folder(self.folder)
        except OSError as error:
            raise PackRefused(
                f"The edition could not be written to {self.folder}:"
                f" {error.strerror or error} (full disk? read-only folder?)."
            ) from error
        finally:
            if staging.exists():
                shutil.rmtree(staging, ignore_errors=True)
        if before_commit is not None:
            before_commit()
        previous = verified.active
        self._activate(edition_id)
        installed = self._by_id(edition_id)
        assert installed is not None
        return InstallResult(
            installed._replace(active=True), previous, time.perf_counter() - started
        )

    def rollback(self) -> tuple[Edition, Edition]:
        """Go back to the edition active before this one: (from, to)."""
        current = self.active()
        _active_id, history = self._state()
        while history:
            candidate = self._by_id(history[-1])
            history = history[:-1]
            if candidate is not None and candidate.id != current.id:
                self._write_state(candidate.id, history)
                return current, candidate._replace(active=True)
        if not current.bundled:
            self._write_state(BUNDLED, [])
            return current, self.bundled()._replace(active=True)
        raise EditionError(
            "There is no earlier edition to go back to: the bundled edition is in use."
        )

    def _activate(self, edition_id: str) -> None:
        active_id, history = self._state()
        if active_id == edition_id:
            return
        history = [item for item in history if item != edition_id] + [active_id]
        self._write_state(edition_id, history[-20:])

    def _write_state(self, active: str, history: list[str]) -> None:
        self._make_folder()
        data = (json.dumps({"active": active, "history": history}, indent=2) + "\n").encode()
        handle, temp = tempfile.mkstemp(prefix=".state-", dir=self.folder)
        try:
            with os.fdopen(handle, "wb") as stream:
                os.chmod(temp, 0o644)
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
            os.replace(temp, self.folder / STATE_FILE)
            _sync_folder(self.folder)
        except OSError as error:
            Path(temp).unlink(missing_ok=True)
            raise EditionError(
                f"The choice of edition could not be saved in {self.folder}:"
                f" {error.strerror or error}."
            ) from error

    def _make_folder(self) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            if not os.access(self.folder, os.W_OK):
                raise PermissionError(13, "read-only folder")
        except OSError as error:
            raise PackRefused(
                f"The editions folder {self.folder} cannot be written: {error.strerror or error}."
            ) from error

    def _remove_staging(self) -> None:
        for entry in self.folder.glob(f"{STAGING_PREFIX}*"):
            shutil.rmtree(entry, ignore_errors=True)
        for entry in self.folder.glob(".state-*"):
            entry.unlink(missing_ok=True)

    def _intact(self, folder: Path) -> bool:
        """An installed copy of this exact edition that still passes the checks."""
        from desktop_app.editions.manifest import parse_manifest
        from desktop_app.editions.pack import check_database

        edition = self._read_installed(folder) if folder.is_dir() else None
        if edition is None:
            return False
        try:
            check_database(
                edition.database, parse_manifest((folder / "pack-manifest.json").read_bytes())
            )
        except EditionError:
            return False
        return True


def _sync_folder(folder: Path) -> None:
    """Make a rename durable (POSIX); Windows has no directory handles to sync."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
