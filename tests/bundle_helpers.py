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
