"""What the Linux build needs from this machine, checked before PyInstaller starts.

Two failures used to surface minutes into a build, in someone else's words:
PyInstaller's ``Python shared library ... was not found`` (Debian ships
``libpython3.X.so`` in its own package), and ``dpkg-shlibdeps: error: cannot
find library libwayland-cursor.so.0`` once the bundle was already made. Both
are facts about this machine that can be read in a second or two, so the build
reads them first and names the Debian package to install.

The files checked are the ones the bundle will ship: the Qt modules the app
imports, with the plugins PyInstaller's own Qt hooks collect for them (the same
``collect_module`` call the hooks make), minus what ``bundle_rules`` drops,
followed through every library they link inside PySide6. A library must then
be either one of those files or known to the system's dynamic linker.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
from collections.abc import Iterable, Mapping
from pathlib import Path

import bundle_rules

ROOT = Path(__file__).resolve().parent.parent
PACKAGE_LIST = ROOT / "scripts" / "system-packages.txt"
_QT_IMPORT = re.compile(r"^\s*(?:from|import)\s+PySide6\.(Qt\w+)", re.M)
_NEEDED = re.compile(r"^\s*NEEDED\s+(\S+)$", re.M)


class MissingPrerequisite(Exception):
    """This machine lacks something the bundle needs; the message says what to install."""


# -- the Python shared library ---------------------------------------------------------------


def python_shared_library_problem() -> str | None:
    """Why PyInstaller will not find ``libpython3.X.so`` here, or ``None`` when it will."""
    soname = sysconfig.get_config_var("INSTSONAME") or ""
    if ".so" not in soname:  # a static libpython3.X.a: this interpreter has no shared one
        soname = f"libpython{sys.version_info.major}.{sys.version_info.minor}.so.1.0"
    libdir = sysconfig.get_config_var("LIBDIR") or ""
    if libdir and (Path(libdir) / soname).exists():
        return None
    if soname in system_libraries():
        return None
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    return (
        f"PyInstaller needs this Python's shared library {soname}, which is not installed.\n"
        f"  On Debian/Ubuntu: apt-get install libpython{version}\n"
        "  (a Python built from source needs ./configure --enable-shared)"
    )


# -- the libraries the bundle's files link --------------------------------------------------


def system_libraries() -> frozenset[str]:
    """Every soname the dynamic linker knows (``ldconfig -p``, found on the PATH first)."""
    search = os.pathsep.join([os.environ.get("PATH", ""), "/sbin", "/usr/sbin"])
    ldconfig = shutil.which("ldconfig", path=search)
    if ldconfig is None:
        raise MissingPrerequisite("ldconfig was not found: is this a glibc Linux system?")
    out = subprocess.run([ldconfig, "-p"], check=True, capture_output=True, text=True).stdout
    return frozenset(re.findall(r"^\s+(\S+) \(", out, re.M))


def needed_libraries(path: Path) -> list[str]:
    """The DT_NEEDED entries of one ELF file."""
    try:
        out = subprocess.run(
            ["objdump", "-p", str(path)], check=True, capture_output=True, text=True
        ).stdout
    except FileNotFoundError as error:
        raise MissingPrerequisite(
            "objdump is needed to check the bundle's libraries: apt-get install binutils"
        ) from error
    return _NEEDED.findall(out)


def imported_qt_modules(package: Path) -> set[str]:
    """``PySide6.QtX`` names imported anywhere in the app's source."""
    found: set[str] = set()
    for source in package.rglob("*.py"):
        found.update(_QT_IMPORT.findall(source.read_text(encoding="utf-8")))
    return {f"PySide6.{name}" for name in found}


def qt_files_to_ship(modules: Iterable[str]) -> list[Path]:
    """The Qt extension modules and plugins PyInstaller's hooks collect for ``modules``."""
    import importlib

    from PyInstaller.utils.hooks.qt import pyside6_library_info

    pending, seen = set(modules), set()
    files: list[Path] = []
    while pending:
        module = pending.pop()
        seen.add(module)
        files.append(Path(importlib.import_module(module).__file__ or ""))
        hidden, binaries, _ = pyside6_library_info.collect_module(module)
        files += [Path(source) for source, _ in binaries]
        pending |= {name for name in hidden if name.startswith("PySide6.Qt")} - seen
    site = Path(importlib.import_module("PySide6").__file__ or "").parent.parent
    return [path for path in files if not bundle_rules.is_dropped(_destination(path, site))]


def _destination(path: Path, site: Path) -> str:
    try:
        return path.relative_to(site).as_posix()
    except ValueError:
        return path.name


def unresolved_libraries(
    files: Iterable[Path], bundled_dirs: Iterable[Path], system: frozenset[str]
) -> dict[str, list[str]]:
    """Libraries that neither the bundle nor the system provides, with who needs them.

    Libraries found in ``bundled_dirs`` (PySide6's and shiboken6's folders) are
    followed in turn, as PyInstaller's dependency analysis follows them.
    """
    in_bundle: dict[str, Path] = {}
    for folder in bundled_dirs:
        for path in folder.rglob("*.so*"):
            in_bundle.setdefault(path.name, path)
    pending = list(files)
    checked: set[Path] = set()
    missing: dict[str, list[str]] = {}
    while pending:
        path = pending.pop()
        if path in checked or not path.is_file():
            continue
        checked.add(path)
        for library in needed_libraries(path):
            if library in in_bundle:
                if not bundle_rules.is_dropped(library):
                    pending.append(in_bundle[library])
            elif library not in system and not bundle_rules.is_dropped(library):
                missing.setdefault(library, []).append(path.name)
    return missing


# -- naming the Debian package ------------------------------------------------------------


def listed_packages(package_list: Path = PACKAGE_LIST) -> set[str]:
    """Every package named in scripts/system-packages.txt."""
    names: set[str] = set()
    for line in package_list.read_text(encoding="utf-8").splitlines():
        if ":" in line and not line.lstrip().startswith("#"):
            names.update(line.split(":", 1)[1].split())
    return names


def debian_package_guess(soname: str) -> str:
    """Debian's library package name for a soname (Policy 8.1: libfoo.so.N -> libfooN)."""
    match = re.match(r"^(lib[^/]+?)\.so(?:\.(\d+))?", soname)
    if match is None:
        return soname
    stem, major = match.group(1).lower(), match.group(2) or ""
    separator = "-" if stem[-1:].isdigit() and major else ""
    return f"{stem}{separator}{major}"


def install_hint(missing: Mapping[str, list[str]], listed: set[str]) -> str:
    packages = sorted({debian_package_guess(name) for name in missing})
    lines = [
        "These libraries are linked by files the bundle will ship, but this machine "
        "does not have them:"
    ]
    for library, users in sorted(missing.items()):
        lines.append(f"  {library}  (needed by {', '.join(sorted(set(users))[:3])})")
    lines.append(f"Install them first:  apt-get install {' '.join(packages)}")
    unlisted = [name for name in packages if name not in listed]
    if unlisted:
        lines.append(
            f"(not yet in scripts/system-packages.txt: {' '.join(unlisted)}; add them there)"
        )
    return "\n".join(lines)


def check_linux_build_prerequisites(app_package: Path) -> None:
    """Raise ``MissingPrerequisite`` naming what to install, or return quietly."""
    problem = python_shared_library_problem()
    if problem:
        raise MissingPrerequisite(problem)
    import PySide6
    import shiboken6

    files = qt_files_to_ship(imported_qt_modules(app_package))
    bundled = [Path(PySide6.__file__ or "").parent, Path(shiboken6.__file__ or "").parent]
    missing = unresolved_libraries(files, bundled, system_libraries())
    if missing:
        raise MissingPrerequisite(install_hint(missing, listed_packages()))
