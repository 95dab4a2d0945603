"""The whole app, started as a user starts it: first paint, log file, state kept on quit."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from desktop_app.app import FIRST_PAINT_PROBE

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.gui


def run_app(*args: str, basedir: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **{FIRST_PAINT_PROBE: "1"})
    env.pop("SERM_REFERENCE_DB", None)
    return subprocess.run(
        [sys.executable, "-m", "desktop_app", "--basedir", str(basedir), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_app_starts_paints_logs_and_keeps_its_state(database_path: Path, tmp_path: Path) -> None:
    basedir = tmp_path / "profile"
    first = run_app(
        "--db", str(database_path), "--open", "serm://agent/raloxifene", basedir=basedir
    )
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("first-paint ")
    assert float(first.stdout.split()[1]) > 0
    log = (basedir / "logs" / "serm-reference.log").read_text(encoding="utf-8")
    assert "starting SERM Reference" in log and "exiting" in log
    state = QSettings(str(basedir / "window-state.ini"), QSettings.Format.IniFormat)
    assert "serm://agent/raloxifene" in str(state.value("tabs/open"))
    settings = QSettings(str(basedir / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("startup/restore_session", "true")  # View → Restore Last Session
    settings.sync()
    second = run_app("--db", str(database_path), basedir=basedir)
    assert second.returncode == 0, second.stderr
    state = QSettings(str(basedir / "window-state.ini"), QSettings.Format.IniFormat)
    assert "serm://agent/raloxifene" in str(state.value("tabs/open"))  # restored, then kept
    settings.setValue("startup/restore_session", "false")  # the default: start on home
    settings.sync()
    third = run_app("--db", str(database_path), basedir=basedir)
    assert third.returncode == 0, third.stderr
    state = QSettings(str(basedir / "window-state.ini"), QSettings.Format.IniFormat)
    assert "serm://agent/raloxifene" not in str(state.value("tabs/open"))
    assert "serm://home" in str(state.value("tabs/open"))


def test_nothing_is_written_outside_the_basedir(database_path: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    basedir = tmp_path / "profile"
    env_home = {"HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config")}
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **{FIRST_PAINT_PROBE: "1"}, **env_home)
    env["XDG_DATA_HOME"] = str(home / ".local" / "share")
    env["XDG_CACHE_HOME"] = str(home / ".cache")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "desktop_app",
            "--basedir",
            str(basedir),
            "--db",
            str(database_path),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    written = sorted(str(p.relative_to(home)) for p in home.rglob("*") if p.is_file())
    assert written == [], written
    assert (basedir / "logs" / "serm-reference.log").is_file()
