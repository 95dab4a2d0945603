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
    (packaging/qt_support_files.py); each module needs byte code that this
    bundle's Python accepts (the magic number of ``magic_from``, one of the
    bundle's own modules) and that no copied file date can make stale
    (flags 0b01: hash-based, unchecked).
    """
    support = internal / "shiboken6" / "files.dir" / "shibokensupport"
    sources = sorted(support.rglob("*.py"))
    if not sources:
        return [f"no modules in {support}"]
    magic = magic_from.read_bytes()[:4]
    problems = []
    for source in sources:
        compiled = list((source.parent / "__pycache__").glob(source.stem + ".*.pyc"))
        if len(compiled) != 1:
            problems.append(f"{source.relative_to(support)}: {len(compiled)} compiled files")
            continue
        header = compiled[0].read_bytes()[:8]
        flags = int.from_bytes(header[4:8], "little")
        if header[:4] != magic or flags != 0b01:
            problems.append(f"{compiled[0].name}: magic {header[:4]!r}, flags {flags:#b}")
    return problems
