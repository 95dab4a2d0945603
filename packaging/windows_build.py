"""The Windows bundle, frozen on Linux: the same spec, run by Windows Python under Wine.

``python packaging/build.py --target windows`` calls :func:`freeze`,
:func:`check_bundle` and :func:`run_self_test` here, then ``windows_packages``
packs the setup ``.exe``, ``.msi`` and portable ``.zip``. The Wine prefix the
build uses is cached beside the interpreter (making one takes ~10 s) and holds
the ICU stand-in Qt6Core needs under Wine; :func:`check_bundle` proves that
stand-in never reaches the bundle.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import bundle_rules
from archives import tree
from project import APP_ID, NAME, ROOT, Build
from windows_toolchain import WindowsPython, cache_root, ensure_windows_python
from wine import ICU_STUB_NAME, ICU_STUB_SOURCE, VirtualScreen, Wine, windows_path, wine_version

SPEC = ROOT / "packaging" / f"{NAME}.spec"

# Never in a Windows bundle: networking, the ICU test stand-in, build-only packages.
FORBIDDEN_IN_BUNDLE = (
    "*Qt6Network.dll",
    "*QtNetwork.pyd",
    "*QtNetwork.pyi",
    ICU_STUB_NAME,
    "sqlite_utils/*",
    "PyInstaller/*",
)


class WindowsBuildError(RuntimeError):
    """The Windows build cannot produce something that works; the message says why."""


def build_prefix() -> Wine:
    """The cached Wine prefix that freezes bundles, made once per Wine and stub version."""
    key = hashlib.sha256(
        (wine_version() + "\n").encode() + ICU_STUB_SOURCE.read_bytes()
    ).hexdigest()[:12]
    wine = Wine(cache_root() / f"wine-build-{key}")
    if not (wine.prefix / ".complete").is_file():
        print(f"creating the build's Wine prefix {wine.prefix}", flush=True)
        wine.create()
        (wine.prefix / ".complete").write_text(key + "\n", encoding="utf-8")
    return wine


def executable(build: Build) -> Path:
    return build.onedir / f"{NAME}.exe"


def freeze(build: Build) -> tuple[WindowsPython, Wine]:
    """PyInstaller under Windows Python under Wine: ``dist/serm-reference/`` for Windows.

    The embeddable Python ignores PYTHONPATH, so the project folder goes onto
    ``sys.path`` in the one-line driver; the spec itself is the Linux one.
    """
    python = ensure_windows_python()
    wine = build_prefix()
    wine.extra_env = {
        "PYTHONHASHSEED": "0",
        "SOURCE_DATE_EPOCH": str(build.epoch),
        "SERM_BUILD_GENERATED": windows_path(build.generated),
        "SERM_BUILD_VERSION": build.version,
        "SERM_APP_ID": APP_ID,
    }
    arguments = [
        "--noconfirm",
        "--clean",
        "--distpath",
        windows_path(build.dist),
        "--workpath",
        windows_path(build.work / "pyinstaller"),
        windows_path(SPEC),
    ]
    driver = (
        f"import sys; sys.path.insert(0, {windows_path(ROOT)!r}); "
        f"from PyInstaller.__main__ import run; run({arguments!r})"
    )
    result = wine.run(python.exe, "-c", driver, timeout=1800, check=False, cwd=ROOT)
    log = result.stdout + result.stderr
    log_file = build.work / "pyinstaller.log"
    log_file.write_text(log, encoding="utf-8")
    if result.returncode != 0:
        raise WindowsBuildError(f"PyInstaller under Wine failed; see {log_file}")
    fatal = bundle_rules.fatal_log_lines(log)
    if fatal:
        raise WindowsBuildError(
            "PyInstaller could not find what the bundle needs:\n  " + "\n  ".join(fatal)
        )
    return python, wine


def forbidden_files(onedir: Path) -> list[str]:
    """Bundle paths that must not be there (see ``FORBIDDEN_IN_BUNDLE``), relative."""
    found = []
    for path in tree(onedir):
        inside = path.relative_to(onedir).as_posix().removeprefix("_internal/")
        if bundle_rules.is_dropped(inside) or bundle_rules.is_dropped(inside, FORBIDDEN_IN_BUNDLE):
            found.append(inside)
    return found


def check_bundle(build: Build) -> None:
    if not executable(build).is_file():
        raise WindowsBuildError(f"PyInstaller made no {executable(build).name}")
    problems = forbidden_files(build.onedir)
    if problems:
        raise WindowsBuildError("the bundle holds what it must not:\n  " + "\n  ".join(problems))


def run_self_test(build: Build, wine: Wine, program: Path | None = None) -> str:
    """The frozen ``serm-reference.exe --self-test-out`` under Wine; its report.

    A virtual screen because the self-test uses Qt's native ``windows`` platform
    on Windows (its offscreen platform finds no fonts there), which needs one
    under Wine; no window is shown.
    """
    report = build.work / "self-test-windows.txt"
    report.unlink(missing_ok=True)
    with VirtualScreen() as screen:
        wine.display = screen.display
        result = wine.run(
            program or executable(build),
            "--self-test-out",
            windows_path(report),
            timeout=600,
            check=False,
        )
        wine.display = ""
    text = report.read_text(encoding="utf-8") if report.is_file() else "(no report written)\n"
    if result.returncode != 0 or not text.splitlines()[-1].startswith("self-test passed"):
        raise WindowsBuildError(
            f"the Windows bundle's self-test failed (exit {result.returncode}):\n{text}"
            f"{result.stdout[-2000:]}{result.stderr[-2000:]}"
        )
    return text
