"""Test-only content editions: a second edition built from the sources with known changes.

Never shipped: it is built into a temporary folder by the tests that need it,
so install, diff, rollback and bookmarks across an edition change are tested
against real databases made by the real build.
"""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from db import build, content_sources
from desktop_app.editions.pack import (
    DATABASE_MEMBER,
    MANIFEST_MEMBER,
    SIGNATURE_MEMBER,
    build_pack,
)
from desktop_app.editions.policy import ENVIRONMENT_VARIABLE as POLICY_VARIABLE
from desktop_app.editions.signing import PrivateKey, load_private_key

ROOT = Path(__file__).resolve().parent.parent
PACK_SCRIPT = ROOT / "db" / "pack.py"

SECOND_EDITION = "2027.1.1"
SECOND_DATE = "2027-01-15"
RENAMED_FROM = "serm://section/how-do-serms-impact-neuroendocrine-signaling"
RENAMED_TO = "serm://section/how-do-serms-affect-neuroendocrine-signaling"
CHANGED_CELL = "serm://compare/vte/bazedoxifene"
CHANGED_REFERENCE = "serm://reference/1"

# (file under resources/content, text as shipped, text in the second edition)
EDITS = (
    ("edition.toml", 'edition = "2026.11.1"', f'edition = "{SECOND_EDITION}"'),
    ("edition.toml", 'date = "2026-11-27"', f'date = "{SECOND_DATE}"'),
    (
        "comparison.toml",
        'agent = "bazedoxifene"\nprovenance = "added"\neffect = "adverse"\n'
        'short = "Increased risk"',
        'agent = "bazedoxifene"\nprovenance = "added"\neffect = "adverse"\n'
        'short = "Increased risk (boxed warning)"',
    ),
    (
        "cautions.toml",
        "Tamoxifen acts as an estrogen agonist in bone only after menopause.",
        "Tamoxifen acts as an estrogen agonist in bone only after menopause (checked 2027).",
    ),
    (
        "sections/03-academic.md",
        "## How Do SERMs Impact Neuroendocrine Signaling?",
        "## How Do SERMs Affect Neuroendocrine Signaling?",
    ),
    ("references.toml", 'date = "6 July 2023"', 'date = "6 July 2023, accessed 2027"'),
)


def build_second_edition(folder: Path) -> Path:
    """Copy the sources, apply EDITS (each must match once), build; return the database."""
    sources = folder / "content"
    shutil.copytree(content_sources.CONTENT_DIR, sources)
    for name, old, new in EDITS:
        path = sources / name
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{name}: the shipped text changed: {old!r}"
        path.write_text(text.replace(old, new), encoding="utf-8")
    return build.build(folder / "db" / "serm-reference.sqlite", sources)


def run_pack(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """``python db/pack.py ...`` exactly as the owners run it."""
    return subprocess.run(
        [sys.executable, str(PACK_SCRIPT), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


# -- keys, packs and an isolated policy, made at test time --------------------------------------


@dataclass(frozen=True)
class Packs:
    key_dir: Path  # private.key and public.key, trusted by the test policy
    key: PrivateKey
    second_database: Path  # the test-only edition 2027.1.1
    second: Path  # its pack, signed with the test key
    first: Path  # the shipped content (2026.11.1) as a pack, signed with the test key
    policy: Path  # a policy file trusting the test key


@pytest.fixture(scope="session", name="packs")
def packs_fixture(tmp_path_factory: pytest.TempPathFactory, database_path: Path) -> Packs:
    folder = tmp_path_factory.mktemp("packs")
    made = run_pack("keygen", "--out", folder / "keys")
    assert made.returncode == 0, made.stderr
    key = load_private_key((folder / "keys" / "private.key").read_text("ascii"))
    second_database = build_second_edition(folder / "second")
    second = folder / f"serm-content-{SECOND_EDITION}.sermpack"
    built = run_pack(
        "build", "--key", folder / "keys" / "private.key", "--db", second_database,
        "--out", second, "--changes", "Bazedoxifene VTE: boxed warning noted.",
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    first = folder / "serm-content-2026.11.1.sermpack"
    build_pack(database_path, key, first, "The shipped content.")
    policy = folder / "policy.toml"
    policy.write_text('trusted_keys = ["keys/public.key"]\n', encoding="utf-8")
    return Packs(folder / "keys", key, second_database, second, first, policy)


@pytest.fixture(name="trusted_policy")
def trusted_policy_fixture(packs: Packs, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """$SERM_REFERENCE_POLICY names a policy that trusts the test key (and nothing else)."""
    monkeypatch.setenv(POLICY_VARIABLE, str(packs.policy))
    monkeypatch.delenv("SERM_REFERENCE_DB", raising=False)
    yield packs.policy


def rewrite_pack(
    source: Path,
    out: Path,
    key: PrivateKey | None = None,
    manifest_changes: dict[str, object] | None = None,
    database: bytes | None = None,
    drop: tuple[str, ...] = (),
) -> Path:
    """A copy of ``source`` with its manifest, signature or database changed on purpose.

    With ``key`` the (changed) manifest is signed again properly, so a test can
    make a pack whose signature is valid but whose content is wrong.
    """
    with zipfile.ZipFile(source) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    if manifest_changes:
        manifest = json.loads(members[MANIFEST_MEMBER])
        manifest.update(manifest_changes)
        members[MANIFEST_MEMBER] = (json.dumps(manifest, indent=2) + "\n").encode()
    if key is not None:
        manifest = json.loads(members[MANIFEST_MEMBER])
        manifest["key_fingerprint"] = key.public_key.fingerprint
        members[MANIFEST_MEMBER] = (json.dumps(manifest, indent=2) + "\n").encode()
        members[SIGNATURE_MEMBER] = json.dumps(
            {
                "algorithm": "ed25519",
                "key": key.public_key.fingerprint,
                "signature": base64.b64encode(key.sign(members[MANIFEST_MEMBER])).decode(),
            }
        ).encode()
    if database is not None:
        members[DATABASE_MEMBER] = database
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            if name not in drop:
                archive.writestr(name, data)
    return out
