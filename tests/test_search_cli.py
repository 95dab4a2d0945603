"""``serm-reference search``: the engine's results as text or JSON, clear errors, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.cli import run

ROOT = Path(__file__).resolve().parent.parent


def search(database_path: Path, *args: str) -> list[str]:
    return ["--db", str(database_path), "search", *args]


def test_text_output_ranks_results_with_addresses(
    database_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(search(database_path, "Evista", "--limit", "3")) == 0
    lines = capsys.readouterr().out.splitlines()
    # The profile carries editorial cautions, and the result says so.
    assert lines[0] == "1. Raloxifene (Agent) ⚠ caution serm://agent/raloxifene"
    assert "Evista" in lines[1]
    assert len([line for line in lines if line[:1].isdigit()]) == 3


def test_text_output_says_what_was_corrected(
    database_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(search(database_path, "tamoxifan")) == 0
    assert capsys.readouterr().out.splitlines()[0] == "Showing results for tamoxifen"


def test_json_lists_results_with_the_applied_correction(
    database_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(search(database_path, "ospemiphene", "--json", "--limit", "5")) == 0
    items = json.loads(capsys.readouterr().out)
    assert isinstance(items, list) and 1 <= len(items) <= 5
    first = items[0]
    assert {"uri", "kind", "title", "snippet", "score", "correction"} <= set(first)
    assert first["uri"] == "serm://agent/ospemifene"
    assert all(item["correction"] == "ospemifene" for item in items)
    assert [i["score"] for i in items if i["match"] == "exact"] == sorted(
        (i["score"] for i in items if i["match"] == "exact"), reverse=True
    )
    for start, length in first["snippet_matches"]:
        assert first["snippet"][start : start + length].lower() == "ospemifene"


def test_json_correction_is_null_when_nothing_was_corrected(
    database_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(search(database_path, "cataracts", "--json")) == 0
    items = json.loads(capsys.readouterr().out)
    assert items and all(item["correction"] is None for item in items)


def test_kind_filter_repeats(database_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["raloxifene", "--json", "--kind", "reference", "--kind", "agent", "--limit", "50"]
    assert run(search(database_path, *args)) == 0
    kinds = {item["kind"] for item in json.loads(capsys.readouterr().out)}
    assert kinds == {"reference", "agent"}


def test_no_results_exit_one_and_name_other_kinds(
    database_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(search(database_path, "Osphena", "--kind", "reference")) == 1
    out = capsys.readouterr().out
    assert "No results for “Osphena”." in out
    assert "There are results of other kinds: Section, Agent, Comparison." in out
    assert run(search(database_path, "qwxzv", "--json")) == 1
    assert json.loads(capsys.readouterr().out) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["x", "--limit", "0"], "--limit must be a whole number from 1 to 200"),
        (["x", "--limit", "ten"], "--limit must be a whole number from 1 to 200"),
        (["x", "--limit", "201"], "--limit must be a whole number from 1 to 200"),
        (["x", "--kind", "takeaways"], "unknown --kind 'takeaways'"),
        ([], "the following arguments are required: query"),
    ],
)
def test_bad_arguments_are_one_line_and_nonzero(
    database_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    with pytest.raises(SystemExit) as exited:
        code = run(search(database_path, *args))
        raise SystemExit(code)
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("serm-reference search: ") and message in err


def test_python_dash_m_search(database_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "desktop_app", "--db", str(database_path), "search", "VTE"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PATH": "", "PYTHONIOENCODING": "utf-8"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("1. Venous Thromboembolic Events (Section)")
    assert result.stderr == ""
