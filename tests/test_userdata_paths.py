"""Where the personal store lives: --basedir, --temp-basedir, portable mode, never the content."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app import paths
from desktop_app.content import default_database_path
from desktop_app.userdata import UserStore


@pytest.fixture(autouse=True)
def _restore_paths() -> Iterator[None]:
    saved = (paths._base, paths._temporary)
    yield
    paths.cleanup()
    paths._base, paths._temporary = saved


def _frozen_app(monkeypatch: pytest.MonkeyPatch, folder: Path) -> Path:
    """Pretend to be the bundled executable in ``folder`` (as PyInstaller sets sys.frozen)."""
    folder.mkdir(parents=True, exist_ok=True)
    executable = folder / "serm-reference"
    executable.write_bytes(b"")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(executable))
    return executable


def test_basedir_holds_the_user_database(tmp_path: Path) -> None:
    paths.configure(tmp_path / "profile")
    assert paths.user_database_file() == (tmp_path / "profile" / "userdata.sqlite").resolve()
    with UserStore.open(paths.user_database_file()) as store:
        store.add_bookmark("serm://agent/raloxifene", "Raloxifene")
    assert (tmp_path / "profile" / "userdata.sqlite").is_file()
    assert (tmp_path / "profile" / "backups").is_dir()


def test_temp_basedir_is_removed_afterwards() -> None:
    base = paths.configure(temporary=True)
    with UserStore.open(paths.user_database_file()) as store:
        store.add_bookmark("serm://agent/raloxifene", "Raloxifene")
    paths.cleanup()
    assert not base.exists()


def test_the_user_database_is_never_beside_the_content() -> None:
    paths.configure(temporary=True)
    assert paths.user_database_file().parent != default_database_path().parent


def test_a_marker_beside_the_executable_keeps_everything_beside_the_app(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = tmp_path / "usb" / "SERM Reference"
    _frozen_app(monkeypatch, app)
    (app / paths.PORTABLE_MARKER).write_text("keep my data on this stick\n")
    assert paths.configure() == (app / "userdata").resolve()
    assert paths.user_database_file() == (app / "userdata" / "userdata.sqlite").resolve()
    assert paths.settings_file().parent == (app / "userdata").resolve()


def test_basedir_wins_over_the_portable_marker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = tmp_path / "usb"
    _frozen_app(monkeypatch, app)
    (app / paths.PORTABLE_MARKER).write_text("")
    assert paths.configure(tmp_path / "chosen") == (tmp_path / "chosen").resolve()


def test_without_the_marker_or_when_not_frozen_nothing_is_portable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _frozen_app(monkeypatch, tmp_path / "installed")
    assert paths.portable_data_dir() is None
    monkeypatch.setattr(sys, "frozen", False)
    (tmp_path / "installed" / paths.PORTABLE_MARKER).write_text("")
    assert paths.portable_data_dir() is None  # a source checkout never turns portable
