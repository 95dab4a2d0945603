"""The build is deterministic, self-checking and readable by ordinary SQLite tools."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from db import build, content_sources
from desktop_app.content.database import SCHEMA_VERSION, file_sha256, manifest_path


def test_two_builds_give_the_same_bytes(database_path: Path, tmp_path: Path) -> None:
    second = build.build(tmp_path / "again.sqlite")
    assert database_path.read_bytes() == second.read_bytes()


def test_manifest_records_checksum_and_edition(database_path: Path) -> None:
    manifest = json.loads(manifest_path(database_path).read_text())
    assert manifest["sha256"] == file_sha256(database_path)
    assert manifest["size"] == database_path.stat().st_size
    connection = sqlite3.connect(database_path)
    meta = dict(connection.execute("SELECT key, value FROM meta"))
    assert meta["content_checksum"] == manifest["content_checksum"]
    assert meta["content_checksum"] == content_sources.content_checksum(content_sources.CONTENT_DIR)
    assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    connection.close()


def test_sqlite_utils_can_search_it(database_path: Path) -> None:
    import sqlite_utils

    database = sqlite_utils.Database(database_path)
    table = database.table("search_units")
    assert table.detect_fts() == "search_units_fts"
    hits = list(table.search("cataracts", columns=["uri"]))
    assert {"uri": "serm://compare/ocular/tamoxifen"} in hits


def test_command_line_prints_the_path(tmp_path: Path) -> None:
    out = tmp_path / "cli.sqlite"
    result = subprocess.run(
        [sys.executable, str(Path(build.__file__)), "--out", str(out)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == str(out.resolve())
    assert out.is_file()


def test_a_caution_whose_quote_no_longer_matches_fails_the_build(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(content_sources.CONTENT_DIR, content)
    cautions = content / "cautions.toml"
    cautions.write_text(cautions.read_text().replace("requires monitoring", "needs watching"))
    with pytest.raises(content_sources.ContentSourceError, match=r"cautions\.toml"):
        content_sources.load_content(content)


def test_an_unmarked_repair_fails_the_check(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(content_sources.CONTENT_DIR, content)
    section = content / "sections" / "01-fundamentals.md"
    section.write_text(section.read_text().replace("{++long-term safety++}", "long-term safety"))
    with pytest.raises(content_sources.ContentSourceError, match=r"repairs\.toml"):
        content_sources.load_content(content)
