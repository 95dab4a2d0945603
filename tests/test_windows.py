"""The Windows downloads, built on this Linux machine and installed under Wine.

One ``python packaging/build.py --target windows`` per test session (about two
minutes with a warm ``~/.cache``), then each download is installed into a
fresh Wine prefix on a private Xvfb screen, run, and removed. Wine is not
Windows: these tests prove the files, the installer logic, the registry and
the frozen app, not Windows' own loader quirks. ``-m "not windows"`` deselects
them; when Wine or the other tools are missing they fail and say what to
install (``.ci/run`` installs the ``windows-build`` group).

The fast tests at the bottom need no build.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.bundle_helpers import app_modules_missing_from, qt_support_problems

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
if str(PACKAGING) not in sys.path:
    sys.path.append(str(PACKAGING))  # appended: packaging/build.py must not shadow db/build.py

import bundle_rules  # noqa: E402
import msi  # noqa: E402
import windows_build  # noqa: E402
from project import NAME, source_date_epoch  # noqa: E402
from wine import VirtualScreen, Wine, windows_path  # noqa: E402

VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
TOOLS = ("wine", "wineserver", "makensis", "wixl", "osslsigncode", "x86_64-w64-mingw32-gcc")
windows = pytest.mark.windows
APP_DIR = "SERM Reference"
COMPARE_WINDOW = "^Compare — SERM Reference$"  # the window title serm://compare/vte gives


def run(command: list[str], **options: Any) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(command, capture_output=True, text=True, **options)
    assert result.returncode == 0, (
        f"{' '.join(map(str, command))} exited {result.returncode}\n"
        f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    )
    return result


@dataclass(frozen=True)
class WindowsBuilt:
    dist: Path
    work: Path
    output: str

    @property
    def onedir(self) -> Path:
        return self.dist / NAME

    def download(self, kind: str) -> Path:
        return self.dist / f"SERM-Reference-{VERSION}-win64{kind}"


@pytest.fixture(scope="session")
def windows_built(tmp_path_factory: pytest.TempPathFactory) -> WindowsBuilt:
    missing = [tool for tool in (*TOOLS, "Xvfb") if shutil.which(tool) is None]
    if missing:
        pytest.fail(
            f"missing {', '.join(missing)}: install the windows-build group of"
            " scripts/system-packages.txt (.ci/run does), or deselect with -m 'not windows'"
        )
    base = tmp_path_factory.mktemp("windows")
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(source_date_epoch()))
    started = time.perf_counter()
    result = run(
        [
            sys.executable,
            str(PACKAGING / "build.py"),
            "--target",
            "windows",
            "--dist",
            str(base / "dist"),
            "--work",
            str(base / "work"),
        ],
        cwd=ROOT,
        env=env,
        timeout=1800,
    )
    print(f"\nWindows build: {time.perf_counter() - started:.0f} s\n{result.stdout[-900:]}")
    return WindowsBuilt(base / "dist", base / "work", result.stdout)


@pytest.fixture(scope="module")
def screen() -> Iterator[VirtualScreen]:
    with VirtualScreen() as virtual:
        yield virtual


@pytest.fixture(scope="module")
def wine(screen: VirtualScreen, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Wine]:
    """A fresh prefix for installing into (never the build's), on the private screen."""
    prefix = Wine(tmp_path_factory.mktemp("wine") / "prefix", display=screen.display)
    prefix.create()
    yield prefix
    prefix.kill()


# -- the build and the bundle -------------------------------------------------------------------


@windows
def test_build_makes_three_signed_downloads_within_size(windows_built: WindowsBuilt) -> None:
    assert "self-test passed" in windows_built.output
    assert "signatures verified" in windows_built.output
    ca = windows_built.work / "test-certificate" / "test-ca.pem"
    for kind in ("-setup.exe", ".msi"):
        verdict = run(
            ["osslsigncode", "verify", "-in", str(windows_built.download(kind)), "-CAfile", str(ca)]
        ).stdout
        assert "Signature verification: ok" in verdict
    exe = windows_built.onedir / f"{NAME}.exe"
    assert (
        "Signature verification: ok"
        in run(["osslsigncode", "verify", "-in", str(exe), "-CAfile", str(ca)]).stdout
    )
    setup = windows_built.download("-setup.exe")
    assert setup.stat().st_size <= 35_000_000, f"{setup.stat().st_size / 1e6:.1f} MB"
    sizes = {
        kind: windows_built.download(kind).stat().st_size / 1e6
        for kind in ("-setup.exe", ".msi", "-portable.zip")
    }
    print("sizes (MB):", {k: round(v, 1) for k, v in sizes.items()})


@windows
def test_bundle_holds_no_network_no_stand_in_and_no_build_tools(
    windows_built: WindowsBuilt,
) -> None:
    internal = windows_built.onedir / "_internal"
    names = {p.relative_to(internal).as_posix() for p in internal.rglob("*")}
    assert windows_build.forbidden_files(windows_built.onedir) == []
    assert not [n for n in names if "Network" in n]
    assert not [n for n in names if n.lower().endswith("icuuc.dll")]
    assert not [n for n in names if "sqlite_utils" in n or "sqlite-utils" in n]
    for needed in (
        "PySide6/plugins/platforms/qwindows.dll",
        "PySide6/plugins/imageformats/qsvg.dll",
        "PySide6/Qt6Core.dll",
        "python311.dll",
        "sqlite3.dll",
        "desktop_app/data/serm-reference.sqlite",
        f"serm_reference-{VERSION}.dist-info/METADATA",
    ):
        assert needed in names, needed
    exe = (windows_built.onedir / f"{NAME}.exe").read_bytes()
    assert exe[:2] == b"MZ"
    # The version resource (UTF-16 strings) names the product and version.
    assert "SERM Reference".encode("utf-16-le") in exe and VERSION.encode("utf-16-le") in exe
    log = (windows_built.work / "pyinstaller.log").read_text(encoding="utf-8")
    assert bundle_rules.fatal_log_lines(log) == []


@windows
def test_every_module_of_the_app_is_in_the_windows_bundle(windows_built: WindowsBuilt) -> None:
    assert app_modules_missing_from(windows_built.onedir / "_internal") == set()


@windows
def test_qt_support_modules_are_compiled_files_in_the_windows_bundle(
    windows_built: WindowsBuilt,
) -> None:
    internal = windows_built.onedir / "_internal"
    assert qt_support_problems(internal, internal / "desktop_app" / "__init__.pyc") == []


@windows
def test_portable_zip_has_the_marker_and_the_program_at_its_top(
    windows_built: WindowsBuilt,
) -> None:
    with zipfile.ZipFile(windows_built.download("-portable.zip")) as archive:
        names = set(archive.namelist())
        top = f"{NAME}-{VERSION}"
        assert {f"{top}/{NAME}.exe", f"{top}/portable.txt"} <= names
        assert {n.split("/", 1)[0] for n in names} == {top}
        assert archive.testzip() is None


# -- the setup .exe, installed under Wine --------------------------------------------------------


@pytest.fixture(scope="module")
def installed(windows_built: WindowsBuilt, wine: Wine) -> Path:
    """``setup.exe /S``: per user, no questions."""
    wine.run(windows_built.download("-setup.exe"), "/S", timeout=600)
    wine.wait()
    folder = wine.local_appdata / "Programs" / APP_DIR
    assert (folder / f"{NAME}.exe").is_file(), sorted(wine.local_appdata.rglob("*"))[:20]
    return folder


@windows
def test_setup_installs_per_user_with_menu_entry_protocol_and_apps_entry(
    installed: Path, wine: Wine
) -> None:
    assert (installed / "uninstall.exe").is_file()
    user = wine.registry("user")
    assert "[Software\\\\Classes\\\\serm\\\\shell\\\\open\\\\command]" in user
    assert '--open \\"%1\\"' in user
    uninstall = "Software\\\\Microsoft\\\\Windows\\\\CurrentVersion\\\\Uninstall\\\\serm-reference"
    assert f"[{uninstall}]" in user
    section = user.split(f"[{uninstall}]", 1)[1].split("\n[", 1)[0]
    assert f'"DisplayVersion"="{VERSION}"' in section and '"Publisher"=' in section
    assert '"EstimatedSize"=dword:' in section
    menu = wine.user_folder / "AppData" / "Roaming" / "Microsoft" / "Windows" / "Start Menu"
    assert (menu / "Programs" / f"{APP_DIR}.lnk").is_file()


@windows
def test_installed_program_passes_its_self_test(
    installed: Path, wine: Wine, tmp_path: Path
) -> None:
    report = tmp_path / "report.txt"
    wine.run(installed / f"{NAME}.exe", "--self-test-out", windows_path(report), timeout=300)
    text = report.read_text(encoding="utf-8")
    assert "frozen=True" in text and "platform windows" in text
    assert "Programs\\SERM Reference\\_internal\\desktop_app\\data\\serm-reference.sqlite" in text
    assert text.splitlines()[-1].startswith("self-test passed")


@windows
def test_installed_window_paints(
    installed: Path, wine: Wine, screen: VirtualScreen, tmp_path: Path
) -> None:
    started = time.perf_counter()
    app = wine.popen(installed / f"{NAME}.exe", "--temp-basedir", "--no-err-windows")
    try:
        shot = tmp_path / "window.png"
        colours, seconds = _wait_for_paint(shot, screen.display, started)
        assert colours > 64, f"the window looks blank ({colours} colours): {shot}"
        print(f"\nfirst paint under Wine: {seconds:.2f} s from start (screen polling); {shot}")
        _window(screen.display, "— SERM Reference$")
    finally:
        _close(app, wine)


@windows
def test_serm_link_opens_the_page_through_the_registered_protocol(
    installed: Path, wine: Wine, screen: VirtualScreen
) -> None:
    """What the Windows shell does with serm://compare/vte for this user's install.

    Wine 8's ShellExecute reads HKLM's classes only, not a per-user install's
    HKCU\\Software\\Classes, so the command is read from the registry and run as
    the shell would; ShellExecute itself is exercised with the per-machine MSI.
    """
    query = wine.run("reg", "query", "HKCU\\Software\\Classes\\serm\\shell\\open\\command", "/ve")
    command = re.search(r'REG_SZ\s+"([^"]+)" (.*)$', query.stdout, re.MULTILINE)
    assert command, query.stdout
    program, rest = command.groups()
    assert program.endswith(f"Programs\\{APP_DIR}\\{NAME}.exe") and rest.strip() == '--open "%1"'
    app = wine.popen(program, "--open", "serm://compare/vte")
    try:
        assert _window(screen.display, COMPARE_WINDOW)
    finally:
        _close(app, wine)


@windows
def test_silent_uninstall_leaves_no_file_or_key_and_keeps_user_data(
    installed: Path, wine: Wine
) -> None:
    data = wine.local_appdata / APP_DIR / NAME
    data.mkdir(parents=True, exist_ok=True)
    (data / "userdata.sqlite").write_bytes(b"the user's notes")
    # The uninstaller copies itself to %TEMP% and exits; wineserver --wait outlasts the copy.
    wine.run(installed / "uninstall.exe", "/S", timeout=300)
    wine.wait()
    assert not installed.exists()
    user = wine.registry("user")
    assert "Classes\\\\serm" not in user
    assert "Uninstall\\\\serm-reference" not in user
    menu = wine.user_folder / "AppData" / "Roaming" / "Microsoft" / "Windows" / "Start Menu"
    assert not (menu / "Programs" / f"{APP_DIR}.lnk").exists()
    assert (data / "userdata.sqlite").read_bytes() == b"the user's notes"  # silent: kept


# -- the .msi -----------------------------------------------------------------------------------


@windows
def test_msi_installs_and_uninstalls_silently_per_machine(
    windows_built: WindowsBuilt, wine: Wine, tmp_path: Path
) -> None:
    package = windows_path(windows_built.download(".msi"))
    wine.run("msiexec", "/i", package, "/qn", timeout=600)
    wine.wait()
    folder = wine.drive_c / "Program Files" / APP_DIR
    try:
        assert (folder / f"{NAME}.exe").is_file()
        system = wine.registry("system")
        assert "[Software\\\\Classes\\\\serm\\\\shell\\\\open\\\\command]" in system
        report = tmp_path / "report.txt"
        wine.run(folder / f"{NAME}.exe", "--self-test-out", windows_path(report), timeout=300)
        assert report.read_text(encoding="utf-8").splitlines()[-1].startswith("self-test passed")
        # An EHR's link: ShellExecute finds serm:// in HKLM's classes and starts the app.
        opener = wine.popen("start", "serm://compare/vte")
        try:
            assert _window(wine.display, COMPARE_WINDOW)
        finally:
            _close(opener, wine)
    finally:
        wine.run("msiexec", "/x", package, "/qn", timeout=600)
        wine.wait()
    assert not (folder / f"{NAME}.exe").exists()
    assert not [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else True
    assert "Classes\\\\serm" not in wine.registry("system")


# -- helpers ------------------------------------------------------------------------------------


def _wait_for_paint(shot: Path, display: str, started: float) -> tuple[int, float]:
    env = dict(os.environ, DISPLAY=display)
    deadline = time.monotonic() + 90
    colours, seconds = 0, 0.0
    while time.monotonic() < deadline:
        run(["import", "-window", "root", str(shot)], env=env)
        colours = int(run(["convert", str(shot), "-format", "%k", "info:"]).stdout)
        seconds = time.perf_counter() - started
        if colours > 64:
            break
        time.sleep(0.2)
    return colours, seconds


def _window(display: str, name: str) -> str:
    """The first visible window named ``name``, waiting for it.

    xdotool reads the attributes of every window while it searches; one of Wine's
    short-lived windows gone between listing and reading ends the search with
    BadWindow, so that error is a reason to look again, not a failure.
    """
    env = dict(os.environ, DISPLAY=display)
    command = ["xdotool", "search", "--sync", "--onlyvisible", "--name", name]
    deadline = time.monotonic() + 120
    while True:
        result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
        if "BadWindow" not in result.stderr or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    found = result.stdout.split()
    assert result.returncode == 0 and found, (
        f"no window named {name!r}: xdotool exited {result.returncode}\n{result.stderr[-3000:]}"
    )
    return found[0]


def _close(app: subprocess.Popen[str] | None, wine: Wine) -> None:
    """End every program of the test prefix (the app has no console to send Ctrl+C to)."""
    wine.kill()
    if app is not None:
        app.communicate(timeout=60)  # also closes the pipe


# -- fast checks: no build needed ---------------------------------------------------------------


def test_api_set_dlls_are_not_missing_libraries() -> None:
    log = (
        "28439 WARNING: Library not found: could not resolve 'api-ms-win-crt-heap-l1-1-0.dll',"
        " dependency of 'Z:\\\\python311.dll'.\n"
        "28440 WARNING: Library not found: could not resolve 'libfoo.dll', dependency of 'x'.\n"
    )
    assert bundle_rules.fatal_log_lines(log) == [log.splitlines()[1]]


def test_windows_only_dead_weight_is_dropped() -> None:
    assert bundle_rules.is_dropped("PySide6/opengl32sw.dll")
    assert bundle_rules.is_dropped("PySide6\\plugins\\platforms\\qdirect2d.dll")
    assert not bundle_rules.is_dropped("PySide6/plugins/platforms/qwindows.dll")


def test_forbidden_files_are_found(tmp_path: Path) -> None:
    for name in ("serm-reference.exe", "_internal/icuuc.dll", "_internal/PySide6/Qt6Network.dll"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"")
    assert windows_build.forbidden_files(tmp_path) == ["PySide6/Qt6Network.dll", "icuuc.dll"]


def test_msi_source_is_stable_and_names_every_file(tmp_path: Path) -> None:
    onedir = tmp_path / NAME
    for name in (f"{NAME}.exe", "_internal/a.dll", "_internal/sub/b.pyd"):
        (onedir / name).parent.mkdir(parents=True, exist_ok=True)
        (onedir / name).write_bytes(b"x")
    icon = tmp_path / "app.ico"
    icon.write_bytes(b"")
    first = msi.wix_source(onedir, "0.1.0", icon, tmp_path)
    assert first == msi.wix_source(onedir, "0.1.0", icon, tmp_path)
    for name in (f"{NAME}.exe", "a.dll", "b.pyd"):
        assert f'Name="{name}"' in first
    assert first.count("<Component ") == 5  # three files, the menu entry, the protocol
    assert f'UpgradeCode="{msi.UPGRADE_CODE}"' in first and 'Id="MainExe"' in first
    assert msi.msi_version("0.1.0") == "0.1.0" and msi.msi_version("1.2") == "1.2.0"


def test_self_test_uses_the_native_platform_on_windows_only() -> None:
    from desktop_app.selftest import self_test_platform

    assert self_test_platform("win32") is None
    assert self_test_platform("linux") == "offscreen"
    assert self_test_platform("darwin") == "offscreen"


def test_pages_name_a_windows_font_stack_on_windows_only() -> None:
    from desktop_app.rendering.theme import page_font_family

    assert page_font_family("win32") == 'font-family: "Segoe UI", Arial, sans-serif; '
    assert page_font_family("linux") == ""
