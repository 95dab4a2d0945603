"""The headless command line: same content layer, plain text, clear errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.cli import run
from desktop_app.version import __version__


def test_show_agent_marks_insertions_and_cautions(
    database_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["--db", str(database_path), "show", "serm://agent/raloxifene"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("RALOXIFENE")
    assert "Brand: Evista (US/EU)" in out
    assert "Editorial caution (partly)" in out
    assert "Venous thromboembolism: Increased risk (DVT, PE, stroke)" in out


def test_show_section_brackets_editorial_insertions(
    database_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["--db", str(database_path), "show", "serm://section/fundamentals"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "Among these, [Selective Estrogen Receptor] Modulators, or SERMs" in out


def test_show_unknown_address_is_one_line_and_nonzero(
    database_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["--db", str(database_path), "show", "serm://section/nope"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no section" in err
    assert run(["--db", str(database_path), "show", "http://example.org"]) == 2


def test_missing_database_is_reported_not_raised(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["--db", str(tmp_path / "none.sqlite"), "show", "serm://agent/raloxifene"]) == 3
    assert "missing" in capsys.readouterr().err


def test_environment_variable_selects_the_database(database_path: Path, tmp_path: Path) -> None:
    env = {"SERM_REFERENCE_DB": str(tmp_path / "absent.sqlite"), "PATH": ""}
    result = subprocess.run(
        [sys.executable, "-m", "desktop_app", "show", "serm://reference/1"],
        capture_output=True,
        text=True,
        env=env,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert result.returncode == 3 and "absent.sqlite" in result.stderr
    env["SERM_REFERENCE_DB"] = str(database_path)
    result = subprocess.run(
        [sys.executable, "-m", "desktop_app", "show", "serm://reference/1"],
        capture_output=True,
        text=True,
        env=env,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert result.returncode == 0 and "6 July 2023" in result.stdout


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        run(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.strip() == f"SERM Reference {__version__}"


def test_no_display_is_a_plain_message_not_a_qt_abort(tmp_path: Path) -> None:
    """Without DISPLAY/WAYLAND_DISPLAY Qt would abort (rc 134) blaming libxcb-cursor0."""
    import os

    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}
    }
    result = subprocess.run(
        [sys.executable, "-m", "desktop_app", "--basedir", str(tmp_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 5
    assert "no display found" in result.stderr
    assert "--self-test" in result.stderr
    assert "xcb" not in result.stderr.lower()
    assert not any(tmp_path.iterdir())  # nothing started, nothing written


def test_an_explicit_qt_platform_is_the_users_choice() -> None:
    from desktop_app.display import missing_display_message

    assert missing_display_message({"QT_QPA_PLATFORM": "offscreen"}, "linux") is None
    assert missing_display_message({"WAYLAND_DISPLAY": "wayland-0"}, "linux") is None
    assert missing_display_message({}, "win32") is None
    assert missing_display_message({}, "linux") is not None


def test_the_version_is_read_from_the_dist_info_beside_the_package(tmp_path: Path) -> None:
    """How the installed and frozen app find their version without importlib.metadata."""
    from desktop_app.version import _dist_info_version

    assert _dist_info_version(tmp_path) is None
    (tmp_path / "other_project-1.0.dist-info").mkdir()
    (tmp_path / "other_project-1.0.dist-info" / "METADATA").write_text("Version: 1.0\n")
    info = tmp_path / "serm_reference-2.3.4.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: serm-reference\nVersion: 2.3.4\n\nVersion: not this\n"
    )
    assert _dist_info_version(tmp_path) == "2.3.4"


# -- the window's command line, read without argparse (desktop_app/cli.py) ------------

_WINDOW_TOKENS = [
    "--db",
    "--basedir",
    "--open",
    "--temp-basedir",
    "--no-err-windows",
    "--db=x.sqlite",
    "--open=serm://agent/tamoxifen",
    "--basedir=",
    "--temp-basedir=1",
    "--base",
    "--no-err",
    "--self-test",
    "-h",
    "--help",
    "--",
    "-",
    "-x",
    "",
    "x",
    "/tmp/a b",
    "serm://compare/vte",
    "show",
    "search",
    "é/ü",
]


def _argparse_reading(argv: list[str]) -> dict[str, object] | None:
    from desktop_app.cli import build_parser

    try:
        args, extra = build_parser(with_commands=False).parse_known_args(argv)
    except SystemExit:
        return None
    return None if extra else vars(args)


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_WINDOW_TOKENS), max_size=6))
def test_window_line_reads_what_argparse_reads(argv: list[str]) -> None:
    """The fast path answers only for lines argparse reads the same way, to the
    same values; every other line is left to argparse."""
    from desktop_app.cli import _window_line

    fast = _window_line(argv)
    if fast is not None:
        assert vars(fast) == _argparse_reading(argv), argv


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--basedir", "/tmp/profile", "--db", "/tmp/content.sqlite"],
        ["--temp-basedir", "--no-err-windows", "--open", "serm://agent/raloxifene"],
        ["--db=/tmp/c.sqlite", "--open=serm://compare/vte"],
    ],
)
def test_usual_window_lines_skip_argparse(argv: list[str]) -> None:
    from desktop_app.cli import _window_line

    fast = _window_line(argv)
    assert fast is not None and vars(fast) == _argparse_reading(argv)


@pytest.mark.parametrize(
    "argv",
    [
        ["--base", "/tmp/p"],  # an abbreviation argparse accepts
        ["--db", "a", "--db", "b"],  # repeated: argparse keeps the last
        ["--basedir", "/tmp/p", "--temp-basedir"],  # argparse refuses the pair
        ["--db", "-x"],  # argparse refuses the value
        ["--help"],
        ["show", "serm://agent/raloxifene"],
    ],
)
def test_other_lines_are_left_to_argparse(argv: list[str]) -> None:
    from desktop_app.cli import _window_line

    assert _window_line(argv) is None
