"""The packaged app, checked the way a clinic's IT person and a student would use it.

One ``python packaging/build.py`` per test session (a few minutes: PyInstaller,
strip, xz); every ``packaging`` test reuses its output. Deselect them locally
with ``-m "not packaging"``; ``.ci/run`` runs them. Installing the .deb needs
root and apt (CI runs as root on a throw-away machine); the test says so
rather than skipping when that is missing.

The fast tests at the bottom (bundle rules, icons, archives) need no build.
"""

from __future__ import annotations

import hashlib
import os
import struct
import subprocess
import sys
import tarfile
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.bundle_helpers import app_modules_missing_from, qt_support_problems

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
if str(PACKAGING) not in sys.path:
    # Appended, not prepended: packaging/build.py must not shadow db/build.py (conftest).
    sys.path.append(str(PACKAGING))

import archives  # noqa: E402
import bundle_rules  # noqa: E402
import icons  # noqa: E402
from elf import foreign_search_paths  # noqa: E402
from project import APP_ID, DESKTOP_FILE, INSTALL_PREFIX, NAME, source_date_epoch  # noqa: E402
from wine import VirtualScreen  # noqa: E402

VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
packaging = pytest.mark.packaging


def run(command: list[str], **options: Any) -> subprocess.CompletedProcess[str]:
    """Run a tool; on failure the assertion shows its whole output."""
    result = subprocess.run(command, capture_output=True, text=True, **options)
    shown = " ".join(map(str, command))
    assert result.returncode == 0, (
        f"{shown} exited {result.returncode}\n{result.stdout}\n{result.stderr}"
    )
    return result


@dataclass(frozen=True)
class Built:
    dist: Path
    work: Path
    output: str
    env: dict[str, str]

    @property
    def onedir(self) -> Path:
        return self.dist / NAME

    @property
    def internal(self) -> Path:
        return self.onedir / "_internal"

    @property
    def tarball(self) -> Path:
        return self.dist / f"{NAME}-{VERSION}-linux-x86_64.tar.gz"

    @property
    def deb(self) -> Path:
        (deb,) = self.dist.glob(f"{NAME}_{VERSION}_*.deb")
        return deb


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    # One time stamp for the session: other work may be committed while the tests run.
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(source_date_epoch()))
    base = tmp_path_factory.mktemp("packaging")
    result = run(
        [
            sys.executable,
            str(PACKAGING / "build.py"),
            "--dist",
            str(base / "dist"),
            "--work",
            str(base / "work"),
        ],
        cwd=ROOT,
        env=env,
        timeout=1800,
    )
    return Built(base / "dist", base / "work", result.stdout, env)


@pytest.fixture(scope="session")
def deb_tree(built: Built, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The .deb's files, unpacked as they would be installed."""
    target = tmp_path_factory.mktemp("deb-tree")
    run(["dpkg-deb", "-x", str(built.deb), str(target)])
    return target


# -- the bundle -------------------------------------------------------------------------------


@packaging
def test_build_reports_sizes_and_a_passing_self_test(built: Built) -> None:
    assert "self-test passed" in built.output
    assert f"{NAME} (onedir, unpacked)" in built.output
    assert bundle_rules.fatal_log_lines((built.work / "pyinstaller.log").read_text()) == []


@packaging
def test_bundle_leaves_out_what_it_must_and_keeps_what_it_needs(built: Built) -> None:
    names = {p.relative_to(built.internal).as_posix() for p in built.internal.rglob("*")}
    plugins = "PySide6/Qt/plugins"
    assert not [n for n in names if "xkbcommon" in n]  # neither half: the system's pair
    assert not [n for n in names if "Network" in n]
    assert not [n for n in names if n.startswith("PySide6/Qt/translations")]
    for dropped in (
        "platformthemes/libqgtk3.so",
        "platforms/libqeglfs.so",
        "platforms/libqvnc.so",
        "platforms/libqlinuxfb.so",
    ):
        assert f"{plugins}/{dropped}" not in names
    for host in ("libstdc++.so.6", "libX11.so.6", "libfontconfig.so.1", "libglib-2.0.so.0"):
        assert host not in names, f"{host} must come from the system"
    for needed in (
        "platforms/libqxcb.so",
        "platforms/libqwayland.so",
        "platforms/libqoffscreen.so",
        "imageformats/libqsvg.so",
        "platformthemes/libqxdgdesktopportal.so",
    ):
        assert f"{plugins}/{needed}" in names
    assert "libsqlite3.so.0" in names and "libpython3.11.so.1.0" in names
    assert "desktop_app/data/serm-reference.sqlite" in names
    assert "desktop_app/data/serm-reference.manifest.json" in names
    assert f"serm_reference-{VERSION}.dist-info/METADATA" in names


@packaging
def test_bundle_names_no_folder_of_the_build_machine(built: Built) -> None:
    assert foreign_search_paths(built.onedir) == {}
    assert not [p for p in built.onedir.rglob("*") if p.is_symlink() and not p.exists()]


@packaging
def test_bundle_self_test_and_version(built: Built, tmp_path: Path) -> None:
    program = built.onedir / NAME
    report = tmp_path / "report.txt"
    run([str(program), "--self-test-out", str(report)], env=_clean_env())
    text = report.read_text(encoding="utf-8")
    assert "frozen=True" in text and text.splitlines()[-1].startswith("self-test passed")
    bundled = built.internal / "desktop_app" / "data" / "serm-reference.sqlite"
    assert f"ok    database  {bundled} " in text  # the bundled file was found beside the package
    version = run([str(program), "--version"], env=_clean_env()).stdout.strip()
    assert version == f"SERM Reference {VERSION}"


@packaging
def test_every_module_of_the_app_is_in_the_bundle(built: Built) -> None:
    """PyInstaller follows the imports alone: a module reached only by name would be missing."""
    assert app_modules_missing_from(built.internal) == set()


@packaging
def test_qt_support_modules_are_compiled_files_in_the_bundle(built: Built) -> None:
    """shiboken's support modules load as byte code, not compiled from its archive at
    every start (about 10 ms of the first paint)."""
    own_module = built.internal / "desktop_app" / "__init__.pyc"
    assert qt_support_problems(built.internal, own_module) == []


@packaging
def test_spec_names_no_module_of_the_app() -> None:
    spec = (PACKAGING / f"{NAME}.spec").read_text(encoding="utf-8")
    assert "collect_submodules" not in spec  # nothing imported by name: nothing collected blindly
    assert "desktop_app.ui" not in spec
    assert "upx=False" in spec and "console=False" in spec and "exclude_binaries=True" in spec


# -- the archives -----------------------------------------------------------------------------


@packaging
def test_tarball_unpacks_to_a_working_copy(built: Built, tmp_path: Path) -> None:
    with tarfile.open(built.tarball) as archive:
        members = archive.getmembers()
        assert {m.uid for m in members} == {0} and {m.uname for m in members} == {"root"}
        assert {m.mtime for m in members} == {members[0].mtime}
        if hasattr(tarfile, "tar_filter"):  # Python 3.11.4+; Debian 12 ships 3.11.2
            archive.extractall(tmp_path, filter="tar")
        else:
            archive.extractall(tmp_path)  # our own archive, just built
    program = tmp_path / f"{NAME}-{VERSION}" / NAME
    report = tmp_path / "report.txt"
    run([str(program), "--self-test-out", str(report)], env=_clean_env())
    assert "self-test passed" in report.read_text(encoding="utf-8")


@packaging
def test_deb_control_and_depends(built: Built) -> None:
    fields = run(["dpkg-deb", "-f", str(built.deb), "Package", "Version", "Depends"]).stdout
    assert f"Package: {NAME}\n" in fields and f"Version: {VERSION}\n" in fields
    depends = {d.split()[0] for d in fields.split("Depends:", 1)[1].split(",")}
    # The system's xkbcommon pair and xcb libraries, C/C++ runtime and GL come from Depends...
    assert {
        "libxkbcommon0",
        "libxkbcommon-x11-0",
        "libxcb-cursor0",
        "libxcb-icccm4",
        "libc6",
        "libstdc++6",
        "libegl1",
        "libfontconfig1",
        "libdbus-1-3",
    } <= depends
    # ...and what the bundle carries itself does not.
    assert "libsqlite3-0" not in depends and "libpython3.11" not in depends


@packaging
def test_deb_installs_the_files_a_desktop_expects(deb_tree: Path) -> None:
    assert (deb_tree / INSTALL_PREFIX.lstrip("/") / NAME).is_file()
    launcher = deb_tree / "usr" / "bin" / NAME
    assert launcher.is_symlink() and os.readlink(launcher) == f"{INSTALL_PREFIX}/{NAME}"
    share = deb_tree / "usr" / "share"
    assert (share / "applications" / DESKTOP_FILE).is_file()
    assert (share / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()
    for size in icons.HICOLOR_SIZES:
        png = share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{NAME}.png"
        assert _png_size(png.read_bytes()) == (size, size)
    assert (share / "icons" / "hicolor" / "scalable" / "apps" / f"{NAME}.svg").is_file()
    for doc in ("copyright", "changelog.gz"):
        assert (share / "doc" / NAME / doc).is_file()
    assert (share / "man" / "man1" / f"{NAME}.1.gz").is_file()
    metainfo = (share / "metainfo" / f"{APP_ID}.metainfo.xml").read_text(encoding="utf-8")
    assert f'<release version="{VERSION}"' in metainfo


@packaging
def test_desktop_entry_and_appstream_metadata_validate(deb_tree: Path) -> None:
    share = deb_tree / "usr" / "share"
    run(["desktop-file-validate", str(share / "applications" / DESKTOP_FILE)])
    run(
        ["appstreamcli", "validate", "--no-net", str(share / "metainfo" / f"{APP_ID}.metainfo.xml")]
    )


@packaging
def test_lintian_passes_with_short_commented_overrides(built: Built) -> None:
    run(["lintian", "--fail-on", "error,warning", str(built.deb)], timeout=600)
    lines = (PACKAGING / "linux" / "lintian-overrides").read_text(encoding="utf-8").splitlines()
    overrides = [i for i, line in enumerate(lines) if line.startswith(f"{NAME}:")]
    assert 0 < len(overrides) <= 8
    assert all(
        lines[i - 1].startswith("#") or lines[i - 1].startswith(f"{NAME}:") for i in overrides
    )


@packaging
def test_archives_are_byte_identical_when_packed_again(built: Built, tmp_path: Path) -> None:
    """Re-packs the same bundle (not a second PyInstaller run; see README for the full check)."""
    before = {p.name: _sha256(p) for p in (built.tarball, built.deb)}
    run(
        [
            sys.executable,
            str(PACKAGING / "build.py"),
            "--repack",
            "--dist",
            str(built.dist),
            "--work",
            str(tmp_path / "work"),
        ],
        cwd=ROOT,
        env=built.env,
        timeout=1800,
    )
    assert {p.name: _sha256(p) for p in (built.tarball, built.deb)} == before


@packaging
def test_nsis_installer_script_compiles(built: Built, tmp_path: Path) -> None:
    """Compiled here against the Linux bundle: proves the script, not a Windows install."""
    script = PACKAGING / "windows" / f"{NAME}.nsi"
    icon = built.work / "generated" / "icons" / f"{NAME}.ico"
    target = tmp_path / f"{NAME}-{VERSION}-windows-x64-setup.exe"
    run(
        [
            "makensis",
            "-V2",
            "-WX",
            "-INPUTCHARSET",
            "UTF8",
            "-DCOMPRESSOR=zlib",
            f"-DVERSION={VERSION}",
            f"-DSOURCE_DIR={built.onedir}",
            f"-DOUTFILE={target}",
            f"-DICON={icon}",
            f"-DAPP_EXE={NAME}.exe",
            str(script),
        ],
        timeout=600,
    )
    assert target.read_bytes()[:2] == b"MZ"
    missing = subprocess.run(
        ["makensis", "-V1", f"-DVERSION={VERSION}", str(script)], capture_output=True, text=True
    )
    assert missing.returncode != 0
    assert "Define VERSION, SOURCE_DIR" in missing.stdout + missing.stderr


# -- installed with apt: self-test, a real window, purge ---------------------------------------


@packaging
def test_deb_installs_runs_a_window_and_purges_without_a_trace(
    built: Built, tmp_path: Path
) -> None:
    if os.geteuid() != 0:
        pytest.fail("installing the .deb needs root (CI runs as root); or -m 'not packaging'")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    if _installed():  # a copy left behind by an interrupted earlier run
        run(["apt-get", "purge", "-y", "-qq", NAME], env=env)
    run(
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", str(built.deb)],
        env=env,
        timeout=900,
    )
    try:
        installed = run(["dpkg-query", "-L", NAME]).stdout.split()
        report = tmp_path / "installed-report.txt"
        run([NAME, "--self-test-out", str(report)], env=_clean_env())
        text = report.read_text(encoding="utf-8")
        assert f"{INSTALL_PREFIX}/_internal/desktop_app/data/serm-reference.sqlite" in text
        assert text.splitlines()[-1].startswith("self-test passed")
        _show_a_real_window(tmp_path)
    finally:
        run(["apt-get", "purge", "-y", "-qq", NAME], env=env)
    assert not _installed()
    ours = [p for p in installed if NAME in p or APP_ID in p]
    assert ours, "dpkg -L listed none of the package's own files"
    assert [p for p in ours if os.path.lexists(p)] == []
    assert not list(Path("/var/lib/dpkg/info").glob(f"{NAME}.*"))


def _show_a_real_window(tmp_path: Path) -> None:
    """The installed launcher under Xvfb: a mapped, painted window that survives key presses."""
    entry = (Path("/usr/share/applications") / DESKTOP_FILE).read_text(encoding="utf-8")
    window_class = Path(DESKTOP_FILE).stem
    assert f"StartupWMClass={window_class}\n" in entry
    with VirtualScreen() as screen:
        env = dict(_clean_env(), DISPLAY=screen.display)
        env.pop("QT_QPA_PLATFORM", None)
        app = subprocess.Popen(
            [NAME, "--temp-basedir", "--no-err-windows"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        try:
            window = run(
                # Found by its X11 class: the one the menu entry's StartupWMClass names.
                ["xdotool", "search", "--sync", "--onlyvisible", "--class", f"^{window_class}$"],
                env=env,
                timeout=120,
            ).stdout.split()[0]
            screenshot = tmp_path / "window.png"
            colours = _wait_for_paint(screenshot, env)
            assert colours > 64, f"the window looks blank ({colours} colours): {screenshot}"
            # A bundled half of xkbcommon used to crash right here, on the first key.
            run(["xdotool", "key", "--window", window, "ctrl+f"], env=env)
            run(["xdotool", "type", "--window", window, "--delay", "20", "raloxifene"], env=env)
            time.sleep(0.5)
            assert app.poll() is None, "the app died after key presses"
            print(f"screenshot of the installed app: {screenshot}")
        finally:
            app.terminate()
            output, _ = app.communicate(timeout=30)
    assert "Traceback" not in output, output


def _wait_for_paint(screenshot: Path, env: dict[str, str], patience: float = 30.0) -> int:
    """Screenshots until the window has content (or patience runs out); its colour count."""
    deadline = time.monotonic() + patience
    colours = 0
    while time.monotonic() < deadline:
        run(["import", "-window", "root", str(screenshot)], env=env)
        colours = int(run(["convert", str(screenshot), "-format", "%k", "info:"]).stdout)
        if colours > 64:
            break
        time.sleep(0.5)
    return colours


def _installed() -> bool:
    status = subprocess.run(
        ["dpkg-query", "-W", "-f", "${Status}", NAME], capture_output=True, text=True
    )
    return "installed" in status.stdout.split()


def _clean_env() -> dict[str, str]:
    """No variables of this test run (virtualenv, offscreen Qt, database override)."""
    skip = ("SERM_", "PYTHON", "VIRTUAL_ENV", "QT_QPA_PLATFORM")
    return {k: v for k, v in os.environ.items() if not k.startswith(skip)}


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


# -- fast checks: no build needed ---------------------------------------------------------------


def test_rules_drop_the_listed_qt_parts_and_keep_the_rest() -> None:
    dropped = bundle_rules.is_dropped
    assert dropped("PySide6/Qt/translations/qtbase_de.qm")
    assert dropped("PySide6/Qt/plugins/platformthemes/libqgtk3.so")
    assert dropped("PySide6\\plugins\\platforms\\qvnc.dll")  # the Windows wheel's layout
    assert dropped("PySide6/plugins/imageformats/qjpeg.dll")
    assert dropped("PySide6/Qt/lib/libQt6Network.so.6") and dropped("libxkbcommon-x11.so.0")
    assert not dropped("PySide6/Qt/plugins/platforms/libqxcb.so")
    assert not dropped("PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so")
    assert not dropped("PySide6/Qt/lib/libQt6Gui.so.6")


def test_host_libraries_come_from_the_system_except_python_and_sqlite() -> None:
    host = bundle_rules.is_host_library
    assert host("/usr/lib/x86_64-linux-gnu/libstdc++.so.6")
    assert host("/lib/x86_64-linux-gnu/libxkbcommon.so.0")
    assert not host("/usr/lib/x86_64-linux-gnu/libsqlite3.so.0")
    assert not host("/usr/lib/x86_64-linux-gnu/libpython3.11.so.1.0")
    assert not host("/work/.venv/lib/python3.11/site-packages/PySide6/Qt/lib/libQt6Core.so.6")


def test_fatal_pyinstaller_warnings_are_recognised() -> None:
    log = (
        "9302 INFO: Looking for dynamic libraries\n"
        "9302 WARNING: Library not found: could not resolve 'libxcb-cursor.so.0', dependency of"
        " '/venv/PySide6/Qt/plugins/platforms/libqxcb.so'.\n"
        "9400 WARNING: Hidden import 'foo' not found\n"
        "9500 WARNING: failed to obtain Qt library info: ImportError\n"
    )
    fatal = bundle_rules.fatal_log_lines(log)
    assert len(fatal) == 2 and "libxcb-cursor" in fatal[0] and "Qt library info" in fatal[1]


def test_icons_render_from_the_svg_at_every_size(qapp: object, tmp_path: Path) -> None:
    made = icons.write_icons(tmp_path)
    for size in icons.HICOLOR_SIZES:
        png = tmp_path / "hicolor" / f"{size}x{size}" / "apps" / f"{NAME}.png"
        assert _png_size(png.read_bytes()) == (size, size)
    from PySide6.QtGui import QImage

    image = QImage(str(made["png"]))
    corner, centre = image.pixelColor(0, 0), image.pixelColor(128, 128)
    assert corner.alpha() == 0 and centre.alpha() == 255  # drawn, with a transparent margin
    ico = made["ico"].read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind, count) == (0, 1, len(icons.ICO_SIZES))
    icns = made["icns"].read_bytes()
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)
    assert icons.render_png(64) == icons.render_png(64)  # same bytes every build


def test_tarballs_do_not_depend_on_file_times_or_umask(tmp_path: Path) -> None:
    trees = []
    for name, mode, stamp in (("a", 0o600, 1_000_000), ("b", 0o664, 2_000_000)):
        folder = tmp_path / name
        (folder / "sub").mkdir(parents=True)
        for file in ("sub/z.txt", "a.txt"):
            (folder / file).write_text(file)
            (folder / file).chmod(mode)
            os.utime(folder / file, (stamp, stamp))
        (folder / "link").symlink_to("a.txt")
        trees.append(archives.write_tarball(folder, tmp_path / f"{name}.tar.gz", "top", 1234))
    assert trees[0].read_bytes() == trees[1].read_bytes()
    with tarfile.open(trees[0]) as archive:
        assert archive.getnames() == ["top", "top/a.txt", "top/link", "top/sub", "top/sub/z.txt"]
        assert {m.mtime for m in archive.getmembers()} == {1234}
        assert archive.getmember("top/a.txt").mode == 0o644
