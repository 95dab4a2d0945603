"""Build the standalone app and its installers: ``python packaging/build.py``.

On Linux this writes to ``dist/``: the onedir bundle ``serm-reference/``, a
portable ``serm-reference-<version>-linux-<arch>.tar.gz`` and
``serm-reference_<version>_<arch>.deb``. On Windows: the bundle, a portable
``.zip`` and, when ``makensis`` is on the PATH, the NSIS installer. On macOS:
``SERM Reference.app`` and a ``.dmg``. PyInstaller cannot cross-build, so each
system builds its own.

Why each step is here:

* the content database is rebuilt when its sources changed, so a bundle never
  ships stale content;
* PyInstaller exits 0 even when it could not find a library the bundle needs,
  producing something that starts on this machine only; the build fails on
  those log lines instead (``bundle_rules.FATAL_LOG_PATTERNS``);
* archives are reproducible (``PYTHONHASHSEED=0``, ``SOURCE_DATE_EPOCH``, see
  ``archives.py``): two builds of one commit give byte-identical files;
* the finished bundle runs its own ``--self-test`` before anything is packed.

``--dist`` and ``--work`` move the output and scratch folders; ``--repack``
packs the existing bundle again without running PyInstaller (the
reproducibility test uses it); ``--verify-reproducible`` builds everything
twice from scratch and compares the archives byte for byte.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PACKAGING = Path(__file__).resolve().parent
sys.path.insert(0, str(PACKAGING))

import bundle_rules  # noqa: E402
import icons  # noqa: E402
from archives import normalise_tree, tree, write_tarball, write_zip  # noqa: E402
from project import (  # noqa: E402
    APP_ID,
    DISPLAY_NAME,
    NAME,
    ROOT,
    Build,
    project_version,
    source_date_epoch,
)

SPEC = PACKAGING / f"{NAME}.spec"


class BuildError(Exception):
    """The build cannot produce something that works; the message says why."""


# -- before PyInstaller -----------------------------------------------------------------------


def check_prerequisites() -> None:
    """Seconds, not minutes: what this machine lacks is named before PyInstaller runs."""
    if not sys.platform.startswith("linux"):
        return
    from prerequisites import MissingPrerequisite, check_linux_build_prerequisites

    try:
        check_linux_build_prerequisites(ROOT / "desktop_app")
    except MissingPrerequisite as error:
        raise BuildError(str(error)) from error


def build_database() -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "db" / "build.py"), "--if-stale"],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def write_generated(build: Build) -> None:
    """Icons, package metadata and the Windows version resource, all from the one version.

    The frozen app reads its version through importlib.metadata, so a minimal
    ``.dist-info`` travels in the bundle; the project need not be pip-installed.
    """
    if build.generated.exists():
        shutil.rmtree(build.generated)
    icons.write_icons(build.generated / "icons")
    dist_info = build.generated / "metadata" / f"serm_reference-{build.version}.dist-info"
    dist_info.mkdir(parents=True)
    (dist_info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {NAME}\nVersion: {build.version}\n", encoding="utf-8"
    )
    numbers = [int(part) for part in re.findall(r"\d+", build.version)[:4]]
    numbers += [0] * (4 - len(numbers))
    (build.generated / "windows-version.txt").write_text(
        WINDOWS_VERSION_TEMPLATE.format(
            numbers=tuple(numbers), version=build.version, name=DISPLAY_NAME, exe=f"{NAME}.exe"
        ),
        encoding="utf-8",
    )


WINDOWS_VERSION_TEMPLATE = """\
VSVersionInfo(
  ffi=FixedFileInfo(filevers={numbers}, prodvers={numbers}, mask=0x3f, flags=0x0,
                    OS=0x40004, fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('040904B0', [
      StringStruct('CompanyName', '{name}'),
      StringStruct('FileDescription', '{name}'),
      StringStruct('FileVersion', '{version}'),
      StringStruct('InternalName', '{exe}'),
      StringStruct('OriginalFilename', '{exe}'),
      StringStruct('ProductName', '{name}'),
      StringStruct('ProductVersion', '{version}')])]),
    VarFileInfo([VarStruct('Translation', [1033, 1200])])
  ]
)
"""


# -- PyInstaller and the bundle ----------------------------------------------------------------


def run_pyinstaller(build: Build) -> None:
    log_file = build.work / "pyinstaller.log"
    env = dict(
        os.environ,
        PYTHONHASHSEED="0",
        SOURCE_DATE_EPOCH=str(build.epoch),
        SERM_BUILD_GENERATED=str(build.generated),
        SERM_BUILD_VERSION=build.version,
        SERM_APP_ID=APP_ID,
    )
    env.pop("SERM_REFERENCE_DB", None)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--distpath",
            str(build.dist),
            "--workpath",
            str(build.work / "pyinstaller"),
            str(SPEC),
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    log_file.write_text(result.stdout, encoding="utf-8")
    if result.returncode != 0:
        raise BuildError(f"PyInstaller failed (exit {result.returncode}); see {log_file}")
    fatal = bundle_rules.fatal_log_lines(result.stdout)
    if fatal:
        raise BuildError(
            "PyInstaller could not find what the bundle needs (it would not start elsewhere):\n  "
            + "\n  ".join(fatal)
            + f"\nInstall the missing libraries and build again; full log: {log_file}"
        )


def fix_up_bundle(build: Build) -> None:
    if sys.platform.startswith("linux"):
        from elf import drop_foreign_search_paths

        drop_foreign_search_paths(build.onedir)


def check_bundle(build: Build) -> None:
    """What the spec leaves out must really be absent, and no link may dangle."""
    problems = []
    for path in tree(build.onedir):
        relative = path.relative_to(build.onedir).as_posix()
        inside = relative.removeprefix("_internal/")
        if bundle_rules.is_dropped(inside):
            problems.append(f"{relative} should have been left out")
        if path.is_symlink() and not path.exists():
            problems.append(f"{relative} is a dangling link")
    if sys.platform.startswith("linux"):
        from elf import foreign_search_paths

        for path, entries in foreign_search_paths(build.onedir).items():
            problems.append(f"{path.relative_to(build.onedir)} searches {':'.join(entries)}")
    if problems:
        raise BuildError("bundle check failed:\n  " + "\n  ".join(problems))


def executable(build: Build) -> Path:
    return build.onedir / (f"{NAME}.exe" if sys.platform == "win32" else NAME)


def run_bundle_self_test(program: Path, report: Path) -> str:
    """Start a built program with --self-test-out (works without a console); its report."""
    report.unlink(missing_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SERM_", "PYTHON"))}
    result = subprocess.run(
        [str(program), "--self-test-out", str(report)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    text = report.read_text(encoding="utf-8") if report.is_file() else "(no report written)\n"
    if result.returncode != 0:
        raise BuildError(f"{program} --self-test failed (exit {result.returncode}):\n{text}")
    return text


# -- installers -----------------------------------------------------------------------------------


def make_windows_installer(build: Build) -> Path | None:
    makensis = shutil.which("makensis")
    if makensis is None:
        print("makensis is not on the PATH: no Windows installer", file=sys.stderr)
        return None
    target = build.dist / f"{NAME}-{build.version}-windows-x64-setup.exe"
    subprocess.run(
        [
            makensis,
            "-V2",
            "-INPUTCHARSET",
            "UTF8",
            f"-DVERSION={build.version}",
            f"-DSOURCE_DIR={build.onedir}",
            f"-DOUTFILE={target}",
            f"-DICON={build.generated / 'icons' / 'serm-reference.ico'}",
            f"-DAPP_EXE={NAME}.exe",
            "-DNSIS_TARGET=x86-unicode",  # the official Windows NSIS has no 64-bit stubs
            str(PACKAGING / "windows" / f"{NAME}.nsi"),
        ],
        check=True,
    )
    return target


def make_dmg(build: Build) -> Path:
    """A compressed disk image holding the .app and a link to /Applications."""
    app = build.dist / f"{DISPLAY_NAME}.app"
    staging = build.work / "dmg"
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    shutil.copytree(app, staging / app.name, symlinks=True)
    (staging / "Applications").symlink_to("/Applications")
    target = build.dist / f"{NAME}-{build.version}-macos-{build.arch}.dmg"
    subprocess.run(
        [
            "hdiutil",
            "create",
            "-volname",
            f"{DISPLAY_NAME} {build.version}",
            "-srcfolder",
            str(staging),
            "-fs",
            "HFS+",
            "-format",
            "UDZO",
            "-ov",
            str(target),
        ],
        check=True,
    )
    return target


def package(build: Build) -> list[Path]:
    """Pack the existing onedir into this system's archives and installers."""
    if not build.onedir.is_dir():
        raise BuildError(f"no bundle at {build.onedir}: build it first (without --repack)")
    normalise_tree(build.onedir, build.epoch)
    top = f"{NAME}-{build.version}"
    if sys.platform.startswith("linux"):
        from debian import make_deb

        tarball = build.dist / f"{top}-linux-{build.arch}.tar.gz"
        return [write_tarball(build.onedir, tarball, top, build.epoch), make_deb(build)]
    if sys.platform == "win32":
        archive = write_zip(build.onedir, build.dist / f"{top}-windows-x64.zip", top, build.epoch)
        installer = make_windows_installer(build)
        return [archive] + ([installer] if installer else [])
    if sys.platform == "darwin":
        return [make_dmg(build)]
    return []


def build_all(build: Build, repack: bool = False) -> list[Path]:
    build.work.mkdir(parents=True, exist_ok=True)
    build.dist.mkdir(parents=True, exist_ok=True)
    if repack:
        if not build.generated.is_dir():
            write_generated(build)
        return package(build)
    check_prerequisites()
    build_database()
    write_generated(build)
    run_pyinstaller(build)
    fix_up_bundle(build)
    check_bundle(build)
    print(run_bundle_self_test(executable(build), build.work / "self-test.txt"), end="")
    return package(build)


def directory_size(path: Path) -> int:
    return sum(p.stat().st_size for p in tree(path) if p.is_file() and not p.is_symlink())


def verify_reproducible(version: str, epoch: int) -> None:
    """Two complete builds from scratch in separate folders: the archives must be identical."""
    with tempfile.TemporaryDirectory(prefix="serm-reproducible-") as scratch:
        outputs = []
        for attempt in ("first", "second"):
            folder = Path(scratch) / attempt
            outputs.append(build_all(Build(version, epoch, folder / "dist", folder / "work")))
        for first, second in zip(*outputs, strict=True):
            same = first.read_bytes() == second.read_bytes()
            print(f"{'identical' if same else 'DIFFERENT'}  {first.name}")
            if not same:
                raise BuildError(f"{first.name} differs between two builds")


def build_windows(build: Build) -> list[Path]:
    """The Windows bundle and installers, made on Linux under Wine (windows_build.py)."""
    import windows_build
    from windows_packages import make_windows_packages

    build.work.mkdir(parents=True, exist_ok=True)
    build.dist.mkdir(parents=True, exist_ok=True)
    build_database()
    write_generated(build)
    _, wine = windows_build.freeze(build)
    windows_build.check_bundle(build)
    print(windows_build.run_self_test(build, wine), end="")
    normalise_tree(build.onedir, build.epoch)
    return make_windows_packages(build, wine)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the bundle and this system's installers.")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output (dist/)")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "packaging")
    parser.add_argument("--repack", action="store_true", help="pack the existing bundle again")
    parser.add_argument(
        "--verify-reproducible", action="store_true", help="build twice, compare the archives"
    )
    parser.add_argument(
        "--check-prerequisites",
        action="store_true",
        help="only check that this machine has what the build needs",
    )
    parser.add_argument(
        "--target",
        choices=("native", "windows"),
        default="native",
        help="native: this system's bundle (default); windows: the Windows bundle and"
        " installers, built on Linux under Wine",
    )
    args = parser.parse_args(argv)
    if args.check_prerequisites:
        try:
            check_prerequisites()
        except BuildError as error:
            print(f"build failed: {error}", file=sys.stderr)
            return 1
        print("prerequisites: everything the bundle links is here")
        return 0
    version, epoch = project_version(), source_date_epoch()
    started = time.perf_counter()
    try:
        if args.verify_reproducible:
            verify_reproducible(version, epoch)
            return 0
        build = Build(version, epoch, args.dist.resolve(), args.work.resolve())
        if args.target == "windows":
            made = build_windows(build)
        else:
            made = build_all(build, repack=args.repack)
    except (BuildError, subprocess.CalledProcessError, RuntimeError) as error:
        print(f"build failed: {error}", file=sys.stderr)
        return 1
    print(f"{DISPLAY_NAME} {version}, SOURCE_DATE_EPOCH={epoch}")
    print(f"  {directory_size(build.onedir) / 1e6:7.1f} MB  {build.onedir} (onedir, unpacked)")
    for path in made:
        print(f"  {path.stat().st_size / 1e6:7.1f} MB  {path}")
    print(f"built in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
