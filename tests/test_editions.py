"""Signed content packs: every refusal, install, diff, rollback, start-up choice, policy, age."""

from __future__ import annotations

import json
import os
import zipfile
from datetime import date
from pathlib import Path

import pytest

from desktop_app.cli import run
from desktop_app.content import ContentRepository
from desktop_app.content.database import SCHEMA_VERSION, file_sha256
from desktop_app.editions.age import age_notice
from desktop_app.editions.errors import PackRefused, PolicyError
from desktop_app.editions.pack import MAX_PACK_BYTES
from desktop_app.editions.policy import load_policy
from desktop_app.editions.signing import PrivateKey, load_public_key
from desktop_app.editions.startup import bundled_database_path, editions_context, open_repository
from desktop_app.editions.store import EditionStore
from desktop_app.userdata import UserStore
from tests.editions_helpers import (  # noqa: F401 (fixtures)
    CHANGED_CELL,
    CHANGED_REFERENCE,
    RENAMED_FROM,
    RENAMED_TO,
    SECOND_EDITION,
    Packs,
    packs_fixture,
    rewrite_pack,
    run_pack,
    trusted_policy_fixture,
)

NEWER = SCHEMA_VERSION + 1  # a schema this app cannot read


def content(basedir: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = run(["--basedir", str(basedir), "content", *args])
    out, err = capsys.readouterr()
    return code, out, err


def state_of(basedir: Path) -> dict[str, bytes]:
    """Every file under the editions folder, with its bytes: to prove nothing changed."""
    folder = basedir / "editions"
    if not folder.exists():
        return {}
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


# -- keys and building ----------------------------------------------------------------------


def test_keygen_writes_a_pem_key_pair_and_never_overwrites(tmp_path: Path) -> None:
    made = run_pack("keygen", "--out", tmp_path)
    assert made.returncode == 0, made.stderr
    private = (tmp_path / "private.key").read_text("ascii")
    public = load_public_key((tmp_path / "public.key").read_text("ascii"))
    assert private.startswith("-----BEGIN PRIVATE KEY-----")
    assert (tmp_path / "private.key").stat().st_mode & 0o077 == 0  # owner only
    again = run_pack("keygen", "--out", tmp_path)
    assert again.returncode == 2 and "not overwritten" in again.stderr
    assert load_public_key((tmp_path / "public.key").read_text("ascii")) == public


def test_the_app_ships_more_than_one_editors_key() -> None:
    from desktop_app.editions.locations import shipped_public_keys

    keys = shipped_public_keys()
    assert len(keys) >= 2 and len({k.fingerprint for k in keys}) == len(keys)


def test_build_refuses_a_database_the_app_would_refuse(packs: Packs, tmp_path: Path) -> None:
    damaged = tmp_path / "serm-reference.sqlite"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\x00" * 4080)
    made = run_pack(
        "build", "--key", packs.key_dir / "private.key", "--db", damaged, "--out", tmp_path / "x"
    )
    assert made.returncode == 2 and "would be refused" in made.stderr
    assert not (tmp_path / "x").exists()


# -- verify and every refusal ---------------------------------------------------------------


def test_verify_accepts_a_signed_newer_edition_and_changes_nothing(
    packs: Packs, trusted_policy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = content(tmp_path, "verify", str(packs.second), capsys=capsys)
    assert code == 0 and f"holds edition {SECOND_EDITION}" in out
    assert state_of(tmp_path) == {}


def test_a_pack_signed_by_a_key_the_app_does_not_trust_is_refused(
    packs: Packs,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SERM_REFERENCE_POLICY", str(tmp_path / "none.toml"))  # no policy
    code, _, err = content(tmp_path, "install", str(packs.second), capsys=capsys)
    assert code == 1 and "does not trust" in err and "Nothing was changed" in err
    assert state_of(tmp_path) == {}


def _refusals(packs: Packs, folder: Path) -> list[tuple[str, Path, str]]:
    """(name, pack, words of the message) for each way a pack must be refused."""
    database = packs.second_database.read_bytes()
    flipped = bytearray(database)
    flipped[len(flipped) // 2] ^= 0x01
    stranger = PrivateKey.generate()
    truncated = folder / "truncated.sermpack"
    truncated.write_bytes(packs.second.read_bytes()[: packs.second.stat().st_size // 2])
    huge = folder / "huge.sermpack"
    with huge.open("wb") as handle:
        handle.truncate(MAX_PACK_BYTES + 1)  # sparse: costs no disk
    random_bytes = folder / "random.sermpack"
    random_bytes.write_bytes(os.urandom(5000))
    foreign_zip = folder / "foreign.sermpack"
    with zipfile.ZipFile(foreign_zip, "w") as archive:
        archive.writestr("readme.txt", "hello")

    def changed(name: str, **kwargs: object) -> Path:
        return rewrite_pack(packs.second, folder / f"{name}.sermpack", **kwargs)  # type: ignore[arg-type]

    return [
        ("unsigned", changed("unsigned", drop=("manifest.sig",)), "is not signed"),
        ("manifest changed", changed("edited", manifest_changes={"changes": "x"}), "bad signature"),
        ("unknown key", changed("stranger", key=stranger), "does not trust"),
        (
            "valid signature, other database",
            changed("other-db", database=bundled_database_path().read_bytes()),
            "changed after it was signed",
        ),
        (
            "valid signature, one flipped byte",
            changed("flipped", database=bytes(flipped)),
            "SHA-256 differs",
        ),
        (
            "newer schema",
            changed("schema", key=packs.key, manifest_changes={"schema_version": NEWER}),
            f"content schema {NEWER}, newer",
        ),
        (
            "newer app needed",
            changed("app", key=packs.key, manifest_changes={"min_app_version": "99.0"}),
            "needs SERM Reference 99.0",
        ),
        ("truncated", truncated, "incomplete or damaged"),
        ("huge", huge, "more than a content pack can be"),
        ("random bytes", random_bytes, "not a SERM Reference content pack"),
        ("another zip", foreign_zip, "unexpected files"),
        ("missing file", folder / "absent.sermpack", "cannot be read"),
    ]


def test_every_bad_pack_is_refused_with_its_reason_and_nothing_changes(
    packs: Packs, trusted_policy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    basedir = tmp_path / "user"  # edition 2027.1.1 installed, then rolled back from
    assert content(basedir, "install", str(packs.second), capsys=capsys)[0] == 0
    assert content(basedir, "rollback", capsys=capsys)[0] == 0
    before = state_of(basedir)
    bundled_sha = file_sha256(bundled_database_path())
    for name, pack, words in _refusals(packs, tmp_path):
        for action in ("verify", "install"):
            code, out, err = content(basedir, action, str(pack), capsys=capsys)
            assert code == 1, f"{name}: {action} exited {code}: {out}{err}"
            assert words in err, f"{name}: {err}"
            assert "Nothing was changed" in err
            assert state_of(basedir) == before, f"{name}: {action} changed the editions"
    assert file_sha256(bundled_database_path()) == bundled_sha


def test_an_older_edition_is_refused_unless_downgrading_on_purpose(
    packs: Packs, trusted_policy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert content(tmp_path, "install", str(packs.second), capsys=capsys)[0] == 0
    code, _, err = content(tmp_path, "verify", str(packs.first), capsys=capsys)
    assert code == 1 and "is older than the edition in use" in err
    code, _, err = content(tmp_path, "install", str(packs.second), capsys=capsys)
    assert code == 1 and "already the edition in use" in err
    assert content(tmp_path, "verify", str(packs.first), "--downgrade", capsys=capsys)[0] == 0
    code, out, _ = content(
        tmp_path, "install", str(packs.first), "--downgrade", "--json", capsys=capsys
    )
    assert code == 0 and json.loads(out)["edition"] == "2026.11.1"


# -- install, list, diff, rollback ----------------------------------------------------------


def test_install_list_diff_and_rollback(
    packs: Packs, trusted_policy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundled_sha = file_sha256(bundled_database_path())
    code, out, _ = content(tmp_path, "install", str(packs.second), "--json", capsys=capsys)
    assert code == 0 and json.loads(out)["edition"] == SECOND_EDITION
    code, out, _ = content(tmp_path, "list", "--json", capsys=capsys)
    editions = json.loads(out)
    assert [(e["edition"], e["active"], e["bundled"]) for e in editions] == [
        ("2026.11.1", False, True),
        (SECOND_EDITION, True, False),
    ]
    assert editions[1]["changes"] == "Bazedoxifene VTE: boxed warning noted."
    code, out, _ = content(tmp_path, "list", capsys=capsys)
    assert code == 0 and f"* {SECOND_EDITION}" in out

    code, out, _ = content(tmp_path, "diff", "--json", capsys=capsys)
    diff = json.loads(out)
    found = {(c["change"], c["kind"], c["address"]) for c in diff["changes"]}
    assert ("removed", "section", RENAMED_FROM) in found
    assert ("added", "section", RENAMED_TO) in found
    assert ("changed", "comparison cell", CHANGED_CELL) in found
    assert ("changed", "reference", CHANGED_REFERENCE) in found
    assert any(kind == "caution" and change == "changed" for change, kind, _ in found)
    assert len(found) == 5  # the deliberate changes and nothing else
    cell = next(c for c in diff["changes"] if c["address"] == CHANGED_CELL)
    assert "Increased risk (boxed warning)" in cell["new"]
    assert "(boxed warning)" not in cell["old"]
    code, out, _ = content(tmp_path, "diff", "bundled", SECOND_EDITION, capsys=capsys)
    assert code == 0 and "was: [adverse] Increased risk" in out

    code, out, _ = content(tmp_path, "rollback", capsys=capsys)
    assert code == 0 and "Now using edition 2026.11.1" in out
    assert json.loads(content(tmp_path, "list", "--json", capsys=capsys)[1])[0]["active"]
    code, _, err = content(tmp_path, "rollback", capsys=capsys)
    assert code == 1 and "no earlier edition" in err
    # Installing the same pack again reuses the verified copy and makes it active again.
    assert content(tmp_path, "install", str(packs.second), capsys=capsys)[0] == 0
    assert len([p for p in (tmp_path / "editions").iterdir() if p.is_dir()]) == 1
    assert file_sha256(bundled_database_path()) == bundled_sha


def test_start_up_opens_the_active_edition_and_falls_back_from_a_damaged_one(
    packs: Packs, trusted_policy: Path, tmp_path: Path, database_path: Path
) -> None:
    context = editions_context(tmp_path)
    context.store.install(packs.second)
    repository = open_repository(None, editions_context(tmp_path))
    try:
        assert repository.meta.edition == SECOND_EDITION
    finally:
        repository.close()
    installed = context.store.active().database
    data = bytearray(installed.read_bytes())
    data[len(data) // 2] ^= 0x01
    installed.write_bytes(bytes(data))  # the disk went bad under the installed edition
    fallback = editions_context(tmp_path)
    repository = open_repository(None, fallback)
    try:
        assert repository.meta.edition == "2026.11.1"
        assert fallback.opened is not None and fallback.opened.bundled
        assert "could not be used" in fallback.notices[0]
    finally:
        repository.close()
    explicit = open_repository(database_path, editions_context(tmp_path))  # --db wins
    assert explicit.path == database_path
    explicit.close()


def test_bookmarks_and_notes_survive_an_edition_change(
    packs: Packs, trusted_policy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with UserStore.open(tmp_path / "userdata.sqlite") as store:
        store.add_bookmark(RENAMED_FROM, "Neuroendocrine signalling")
        store.add_bookmark(CHANGED_CELL, "Bazedoxifene VTE")
        store.save_note(RENAMED_FROM, "Neuroendocrine signalling", "ask about hot flushes")
    assert content(tmp_path, "install", str(packs.second), capsys=capsys)[0] == 0
    code, out, _ = content(tmp_path, "diff", "--json", capsys=capsys)
    assert code == 0
    orphaned = {(o["kind"], o["address"]) for o in json.loads(out)["orphaned"]}
    assert orphaned == {("bookmark", RENAMED_FROM), ("note", RENAMED_FROM)}
    new = ContentRepository.open(editions_context(tmp_path).store.active().database)
    try:
        assert not new.exists(RENAMED_FROM) and new.exists(RENAMED_TO) and new.exists(CHANGED_CELL)
    finally:
        new.close()
    with UserStore.open(tmp_path / "userdata.sqlite") as store:  # kept, not dropped
        assert [b.uri for b in store.bookmarks()] == [RENAMED_FROM, CHANGED_CELL]
        note = store.note(RENAMED_FROM)
        assert note is not None and note.text == "ask about hot flushes"


def test_a_folder_that_cannot_be_written_refuses_the_install(
    packs: Packs, trusted_policy: Path, tmp_path: Path
) -> None:
    (tmp_path / "editions").write_text("a file in the way")
    store = editions_context(tmp_path).store
    with pytest.raises(PackRefused, match="cannot be written"):
        store.install(packs.second)
    assert (tmp_path / "editions").read_text() == "a file in the way"


# -- policy and age -------------------------------------------------------------------------


def test_the_policy_file_sets_the_folder_the_keys_and_the_age(packs: Packs, tmp_path: Path) -> None:
    policy = tmp_path / "policy.toml"
    policy.write_text(
        f'trusted_keys = ["{packs.key_dir / "public.key"}"]\n'
        'editions_dir = "shared-editions"\ninstall_updates = "silent"\ncontent_age_months = 6\n',
        encoding="utf-8",
    )
    loaded = load_policy(policy)
    assert loaded.editions_dir == tmp_path / "shared-editions"
    assert [k.fingerprint for k in loaded.trusted_keys] == [packs.key.public_key.fingerprint]
    assert (loaded.install_updates, loaded.content_age_months) == ("silent", 6)
    for bad, words in (
        ("trusted_keys = 3\n", "must be a list"),
        ('install_updates = "always"\n', "must be one of"),
        ("colour = 1\n", "unknown keys: colour"),
        ("trusted_keys = [\n", "cannot be read"),
        ('trusted_keys = ["missing.pem"]\n', "cannot be used"),
    ):
        policy.write_text(bad, encoding="utf-8")
        with pytest.raises(PolicyError, match=words):
            load_policy(policy)


def test_a_bad_policy_file_gives_a_notice_and_the_defaults(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    policy = tmp_path / "policy.toml"
    policy.write_text("content_age_months = -1\n", encoding="utf-8")
    monkeypatch.setenv("SERM_REFERENCE_POLICY", str(policy))
    context = editions_context(tmp_path)
    assert context.policy.source is None and "content_age_months" in context.notices[0]
    assert isinstance(context.store, EditionStore)


def test_the_content_age_notice_appears_after_the_configured_months() -> None:
    assert age_notice("2026.11.1", "2026-11-27", date(2027, 11, 27)) is None
    notice = age_notice("2026.11.1", "2026-11-27", date(2027, 11, 28))
    assert notice is not None and "12 months old" in notice and "fully usable" in notice
    assert age_notice("2026.11.1", "2026-11-27", date(2027, 6, 1), limit=6) is not None
    assert age_notice("2026.11.1", "2026-11-27", date(2040, 1, 1), limit=0) is None
