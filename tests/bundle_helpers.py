"""What the Linux and Windows packaging tests both check in a built bundle."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def app_modules_missing_from(internal: Path) -> set[str]:
    """Modules of ``desktop_app`` with no compiled file in a bundle's ``_internal`` folder.

    The spec collects modules as plain ``.pyc`` files (``noarchive``), so the
    bundle's own folder is the list of what it can import.
    """
    package = ROOT / "desktop_app"
    source = {
        path.relative_to(package).with_suffix("").as_posix()
        for path in package.rglob("*.py")
        if path.name != "__main__.py"
    }
    frozen = internal / "desktop_app"
    bundled = {
        path.relative_to(frozen).with_suffix("").as_posix() for path in frozen.rglob("*.pyc")
    }
    return {"desktop_app/" + name for name in source - bundled}


def qt_support_problems(internal: Path, magic_from: Path) -> list[str]:
    """What is wrong with a bundle's compiled copy of shiboken's support modules.

    shiboken6 imports them from ``shiboken6/files.dir`` when that folder exists
    (packaging/qt_support_files.py): byte code only, ``module.pyc`` in place of
    ``module.py`` (no ``__pycache__``, which Debian's policy forbids), every
    file with the magic number of this bundle's Python (``magic_from``, one of
    the bundle's own modules).
    """
    support = internal / "shiboken6" / "files.dir" / "shibokensupport"
    compiled = sorted(support.rglob("*.pyc"))
    expected = {"__init__.pyc", "loader.pyc", "parser.pyc", "mapping.pyc", "feature.pyc"}
    problems = [f"{name} missing" for name in sorted(expected - {p.name for p in compiled})]
    magic = magic_from.read_bytes()[:4]
    for path in compiled:
        if path.read_bytes()[:4] != magic:
            problems.append(f"{path.relative_to(support)}: magic {path.read_bytes()[:4]!r}")
    problems += [f"{p.relative_to(support)} is not byte code" for p in support.rglob("*.py")]
    problems += [f"{p.relative_to(support)}" for p in support.rglob("__pycache__")]
    return problems
