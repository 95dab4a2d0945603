"""The ``.sermpack`` file: one ZIP holding the database, its manifest and a signature.

Layout (nothing else is accepted)::

    manifest.json          the PackManifest, UTF-8 JSON; these exact bytes are signed
    manifest.sig           {"algorithm": "ed25519", "key": <fingerprint>, "signature": <base64>}
    serm-reference.sqlite  the content database, deflated

Checking runs from the cheapest test to the dearest and stops at the first
failure: size on disk, ZIP structure, member names, the signature (before the
manifest is believed), the manifest's fields, schema and app version, then the
database's size and SHA-256 while it is extracted, then the same start-up
checks the bundled database gets. A ZIP was chosen because its directory sits
at the end: a file cut short is detected before anything is read.
"""

import base64
import binascii
import json
import os
import sqlite3
import tempfile
import zipfile
from pathlib import Path
from typing import NamedTuple

from desktop_app.content.database import (
    SCHEMA_VERSION,
    START_DIGEST,
    file_sha256,
    manifest_path,
    new_blake2b,
    new_sha256,
    open_content_database,
)
from desktop_app.content.errors import ContentDatabaseError
from desktop_app.editions.errors import PackRefused
from desktop_app.editions.manifest import PackManifest, parse_manifest, version_tuple
from desktop_app.editions.signing import SIGNATURE_BYTES, PrivateKey, PublicKey
from desktop_app.version import __version__

PACK_SUFFIX = ".sermpack"
MANIFEST_MEMBER = "manifest.json"
SIGNATURE_MEMBER = "manifest.sig"
DATABASE_MEMBER = "serm-reference.sqlite"
MEMBERS = frozenset({MANIFEST_MEMBER, SIGNATURE_MEMBER, DATABASE_MEMBER})
MAX_PACK_BYTES = 64 * 1024 * 1024  # the shipped content packs to well under 1 MB
MAX_DATABASE_BYTES = 256 * 1024 * 1024
_ZIP_TIME = (2020, 1, 1, 0, 0, 0)  # fixed, so the same database and key give the same pack


class CheckedPack(NamedTuple):
    """A pack whose signature, manifest and compatibility have been checked."""

    path: Path
    manifest: PackManifest
    manifest_bytes: bytes
    signature_bytes: bytes  # the manifest.sig member as stored
    key: PublicKey


def pack_file_name(edition: str) -> str:
    return f"serm-content-{edition}{PACK_SUFFIX}"


# -- building ---------------------------------------------------------------------------------


def build_pack(
    database: Path, key: PrivateKey, out: Path, changes: str = "", min_app_version: str = ""
) -> PackManifest:
    """Sign ``database`` into ``out``; the database must pass the app's own start-up checks."""
    # refuse to sign what the app would refuse
    connection = open_content_database(database, thorough=True)
    try:
        meta = dict(connection.execute("SELECT key, value FROM meta").fetchall())
        (schema,) = connection.execute("PRAGMA user_version").fetchone()
    finally:
        connection.close()
    manifest = PackManifest(
        edition=str(meta.get("edition", "")),
        date=str(meta.get("date", "")),
        schema_version=int(schema),
        min_app_version=min_app_version or __version__,
        file=DATABASE_MEMBER,
        size=database.stat().st_size,
        sha256=file_sha256(database),
        content_checksum=str(meta.get("content_checksum", "")),
        changes=changes.strip(),
        key_fingerprint=key.public_key.fingerprint,
    )
    manifest_bytes = manifest.to_json_bytes()
    parse_manifest(manifest_bytes)  # the same rules the app applies
    signature = {
        "algorithm": "ed25519",
        "key": manifest.key_fingerprint,
        "signature": base64.b64encode(key.sign(manifest_bytes)).decode("ascii"),
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=".pack-", suffix=PACK_SUFFIX, dir=out.parent)
    os.close(handle)
    try:
        with zipfile.ZipFile(temp_name, "w") as archive:
            _write(archive, MANIFEST_MEMBER, manifest_bytes, zipfile.ZIP_STORED)
            sig = (json.dumps(signature, indent=2) + "\n").encode("ascii")
            _write(archive, SIGNATURE_MEMBER, sig, zipfile.ZIP_STORED)
            _write(archive, DATABASE_MEMBER, database.read_bytes(), zipfile.ZIP_DEFLATED)
        os.chmod(temp_name, 0o644)  # mkstemp makes it private; a pack is meant to be shared
        os.replace(temp_name, out)
    finally:
        Path(temp_name).unlink(missing_ok=True)
    return manifest


def _write(archive: zipfile.ZipFile, name: str, data: bytes, method: int) -> None:
    info = zipfile.ZipInfo(name, _ZIP_TIME)
    info.compress_type = method
    info.external_attr = 0o644 << 16
    archive.writestr(info, data)


# -- checking ---------------------------------------------------------------------------------


def check_pack(path: Path, trusted_keys: tuple[PublicKey, ...]) -> CheckedPack:
    """Signature, manifest and compatibility; raise PackRefused with the reason."""
    path = Path(path)
    _check_size(path)
    with _open_zip(path) as archive:
        names = archive.namelist()
        if len(names) != len(set(names)) or set(names) - MEMBERS:
            raise PackRefused(f"{path.name} holds unexpected files: it is not a content pack.")
        if MANIFEST_MEMBER not in names or DATABASE_MEMBER not in names:
            raise PackRefused(f"{path.name} is not a SERM Reference content pack.")
        if SIGNATURE_MEMBER not in names:
            raise PackRefused(
                f"{path.name} is not signed.",
                "Only packs signed by the SERM Reference editors can be installed.",
            )
        manifest_bytes = _read_small(archive, MANIFEST_MEMBER, path)
        signature_bytes = _read_small(archive, SIGNATURE_MEMBER, path)
        database_info = archive.getinfo(DATABASE_MEMBER)
    key = _check_signature(manifest_bytes, signature_bytes, trusted_keys, path)
    manifest = parse_manifest(manifest_bytes)
    if manifest.key_fingerprint != key.fingerprint:
        raise PackRefused(f"{path.name}: the manifest and the signature name different keys.")
    _check_compatible(manifest)
    if manifest.size > MAX_DATABASE_BYTES or database_info.file_size != manifest.size:
        raise PackRefused(
            f"{path.name}: the database is {database_info.file_size:,} bytes, the signed"
            f" manifest says {manifest.size:,}: the pack was changed after it was signed."
        )
    return CheckedPack(path, manifest, manifest_bytes, signature_bytes, key)


def _check_size(path: Path) -> None:
    try:
        size = path.stat().st_size
    except OSError as error:
        raise PackRefused(f"{path} cannot be read: {error.strerror or error}.") from error
    if not path.is_file():
        raise PackRefused(f"{path} is not a file.")
    if size > MAX_PACK_BYTES:
        raise PackRefused(
            f"{path.name} is {size / 1048576:.0f} MB, more than a content pack can be"
            f" ({MAX_PACK_BYTES // 1048576} MB): it is not a SERM Reference pack."
        )


def _open_zip(path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        try:
            with path.open("rb") as handle:
                start = handle.read(4)
        except OSError:
            start = b""
        if start == b"PK\x03\x04":
            raise PackRefused(
                f"{path.name} is incomplete or damaged (cut short while copying?).",
                "Copy the pack again from its source.",
            ) from error
        raise PackRefused(f"{path.name} is not a SERM Reference content pack.") from error


def _read_small(archive: zipfile.ZipFile, name: str, path: Path) -> bytes:
    info = archive.getinfo(name)
    if info.file_size > 64 * 1024:
        raise PackRefused(f"{path.name}: {name} is too large to be a real one.")
    try:
        return archive.read(name)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
        raise PackRefused(f"{path.name} is damaged ({name}: {error}).") from error


def _check_signature(
    manifest: bytes, stored: bytes, trusted: tuple[PublicKey, ...], path: Path
) -> PublicKey:
    try:
        record = json.loads(stored.decode("ascii"))
        fingerprint = str(record["key"])
        signature = base64.b64decode(str(record["signature"]), validate=True)
        algorithm = record["algorithm"]
    except (UnicodeDecodeError, ValueError, KeyError, TypeError, binascii.Error) as error:
        raise PackRefused(f"{path.name}: its signature file is unreadable.") from error
    if algorithm != "ed25519" or len(signature) != SIGNATURE_BYTES:
        raise PackRefused(f"{path.name}: its signature is not an Ed25519 signature.")
    key = next((k for k in trusted if k.fingerprint == fingerprint), None)
    if key is None:
        raise PackRefused(
            f"{path.name} is signed with a key this app does not trust (key {fingerprint}).",
            "Use a pack from the SERM Reference editors, or ask IT to add the key to"
            " trusted_keys in the policy file.",
        )
    if not key.verifies(manifest, signature):
        raise PackRefused(
            f"{path.name} has a bad signature: it was changed after it was signed,"
            " or it was not signed by the key it names."
        )
    return key


def _check_compatible(manifest: PackManifest) -> None:
    if manifest.schema_version != SCHEMA_VERSION:
        newer = "newer" if manifest.schema_version > SCHEMA_VERSION else "older"
        raise PackRefused(
            f"Edition {manifest.edition} uses content schema {manifest.schema_version}, {newer}"
            f" than the schema {SCHEMA_VERSION} this version of SERM Reference reads.",
            "Install the SERM Reference release that goes with this edition.",
        )
    if version_tuple(__version__) < version_tuple(manifest.min_app_version):
        raise PackRefused(
            f"Edition {manifest.edition} needs SERM Reference {manifest.min_app_version} or"
            f" later; this is {__version__}.",
            "Update SERM Reference first.",
        )


def extract_database(checked: CheckedPack, folder: Path) -> Path:
    """Write the database into ``folder`` (synced), checking size and SHA-256 as it streams.

    Beside it go the app's usual build manifest (so every later start checks the
    file like the bundled one, by the BLAKE2b-256 digest of the very bytes whose
    signed SHA-256 was checked here) and the signed manifest and signature, kept
    as the edition's provenance.
    """
    manifest = checked.manifest
    target = folder / DATABASE_MEMBER
    digest = new_sha256()
    start_digest = new_blake2b()
    written = 0
    try:
        with (
            zipfile.ZipFile(checked.path) as archive,
            archive.open(DATABASE_MEMBER) as source,
            target.open("xb") as sink,
        ):
            while chunk := source.read(1 << 16):
                written += len(chunk)
                if written > manifest.size:
                    raise PackRefused(f"{checked.path.name}: the database is larger than signed.")
                digest.update(chunk)
                start_digest.update(chunk)
                sink.write(chunk)
            sink.flush()
            os.fsync(sink.fileno())
    except (zipfile.BadZipFile, EOFError) as error:  # a CRC error, a member cut short
        raise PackRefused(f"{checked.path.name} is damaged: {error}.") from error
    if written != manifest.size or digest.hexdigest() != manifest.sha256:
        raise PackRefused(
            f"{checked.path.name}: the database does not match its signed manifest"
            " (SHA-256 differs): the pack was changed after it was signed."
        )
    build_manifest = {
        "file": DATABASE_MEMBER,
        "size": manifest.size,
        "sha256": manifest.sha256,
        START_DIGEST: start_digest.hexdigest(),
        "schema_version": manifest.schema_version,
        "edition": manifest.edition,
        "date": manifest.date,
        "content_checksum": manifest.content_checksum,
    }
    _write_synced(manifest_path(target), (json.dumps(build_manifest, indent=2) + "\n").encode())
    _write_synced(folder / "pack-manifest.json", checked.manifest_bytes)
    _write_synced(folder / "pack-manifest.sig", checked.signature_bytes)
    return target


def check_database(database: Path, manifest: PackManifest) -> None:
    """The bundled database's start-up checks, then: is it the edition the manifest names?"""
    try:
        connection = open_content_database(database, thorough=True)
    except ContentDatabaseError as error:
        raise PackRefused(
            f"The database in the pack fails the app's checks: {error.message}"
        ) from error
    try:
        meta = dict(connection.execute("SELECT key, value FROM meta").fetchall())
    except sqlite3.Error as error:
        raise PackRefused(f"The database in the pack cannot be read: {error}.") from error
    finally:
        connection.close()
    if meta.get("edition") != manifest.edition or meta.get("date") != manifest.date:
        raise PackRefused(
            f"The database says it is edition {meta.get('edition')!r} of {meta.get('date')!r};"
            f" the signed manifest says {manifest.edition} of {manifest.date}."
        )
    if meta.get("content_checksum") != manifest.content_checksum:
        raise PackRefused("The database's content checksum differs from the signed manifest.")


def _write_synced(path: Path, data: bytes) -> None:
    with path.open("xb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
