"""``--self-test`` passes on a good database and names what is wrong with a bad one."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from desktop_app.cli import run
from desktop_app.content.database import file_blake2b, file_sha256, manifest_path
from desktop_app.selftest import CHECKS, run_self_test

pytestmark = pytest.mark.gui


def _lines_by_check(report: str) -> dict[str, str]:
    """``{check name: "ok" | "FAIL"}`` from the report's one line per check."""
    found = {}
    for line in report.splitlines()[1:-1]:
        status, name = line.split()[:2]
        found[name] = status
    return found


def _copy_database(source: Path, folder: Path, with_manifest: bool = True) -> Path:
    target = folder / source.name
    shutil.copyfile(source, target)
    if with_manifest:
        shutil.copyfile(manifest_path(source), manifest_path(target))
    return target


def _rewrite_manifest(database: Path) -> None:
    """Make the manifest describe the file as it now is (an honest rebuild, not tampering)."""
    manifest = json.loads(manifest_path(database).read_text(encoding="utf-8"))
    manifest.update(
        size=database.stat().st_size,
        sha256=file_sha256(database),
        blake2b=file_blake2b(database),
    )
    manifest_path(database).write_text(json.dumps(manifest), encoding="utf-8")


def test_passes_on_the_built_database_and_reports_every_check(
    database_path: Path, qapp: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "report.txt"
    assert run_self_test(database_path, out) == 0
    printed = capsys.readouterr().out
    assert out.read_text(encoding="utf-8") == printed
    assert _lines_by_check(printed) == {name: "ok" for name, _ in CHECKS}
    assert printed.splitlines()[-1].startswith("self-test passed")
    assert f"SQLite {sqlite3.sqlite_version}" in printed
    assert "pages rendered (HTML and plain text) and painted offscreen" in printed


def test_command_line_option_writes_the_report_file(
    database_path: Path, qapp: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "nested-ok" / "report.txt"
    out.parent.mkdir()
    assert run(["--db", str(database_path), "--self-test-out", str(out)]) == 0
    assert "self-test passed" in out.read_text(encoding="utf-8")
    assert run(["--db", str(database_path), "--self-test"]) == 0
    assert "self-test passed" in capsys.readouterr().out


def test_a_changed_byte_fails_the_checksum(
    database_path: Path, qapp: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = _copy_database(database_path, tmp_path)
    data = bytearray(copy.read_bytes())
    data[len(data) // 2] ^= 0xFF
    copy.write_bytes(bytes(data))
    out = tmp_path / "report.txt"
    assert run(["--db", str(copy), "--self-test-out", str(out)]) == 1
    report = out.read_text(encoding="utf-8")
    checks = _lines_by_check(report)
    assert checks["database"] == checks["checksum"] == "FAIL"
    assert "SHA-256 differs from the manifest" in report
    assert "skipped: the database did not open" in report
    assert report.splitlines()[-1].startswith("self-test FAILED: database, checksum")


def test_a_database_without_its_manifest_is_not_trusted(
    database_path: Path, qapp: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = _copy_database(database_path, tmp_path, with_manifest=False)
    assert run_self_test(copy) == 1
    report = capsys.readouterr().out
    assert _lines_by_check(report)["database"] == "FAIL"
    assert "no manifest serm-reference.manifest.json" in report


def test_a_missing_database_fails_and_says_where(
    qapp: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "none.sqlite"
    assert run_self_test(missing) == 1
    report = capsys.readouterr().out
    assert f"{missing} is missing" in report
    checks = _lines_by_check(report)
    assert checks["database"] == checks["search"] == checks["pages"] == "FAIL"
    assert checks["qt"] == "ok"  # checks that need no database still run


def test_an_emptied_search_index_fails_sqlite_and_search_but_not_pages(
    database_path: Path, qapp: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = _copy_database(database_path, tmp_path)
    with sqlite3.connect(copy) as connection:
        connection.execute("INSERT INTO search_units_fts(search_units_fts) VALUES ('delete-all')")
    connection.close()
    _rewrite_manifest(copy)
    assert run_self_test(copy) == 1
    report = capsys.readouterr().out
    checks = _lines_by_check(report)
    assert checks["checksum"] == checks["pages"] == "ok"
    assert checks["sqlite"] == checks["search"] == "FAIL"
    assert "searches missed" in report
