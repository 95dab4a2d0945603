"""The Linux build names what this machine lacks before PyInstaller runs.

On a fresh Debian the build used to fail minutes in, in dpkg-shlibdeps' words
(``cannot find library libwayland-cursor.so.0``), or in PyInstaller's
(``Python shared library ... was not found``). These tests fake the machine's
side (what ``ldconfig -p`` reports, what a shipped file links), not the check.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
if str(PACKAGING) not in sys.path:
    sys.path.append(str(PACKAGING))  # appended: packaging/build.py must not shadow db/build.py

import prerequisites  # noqa: E402

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux build only")


def _fake_ldconfig(folder: Path, hidden: list[str]) -> dict[str, str]:
    """An ``ldconfig`` first on the PATH that reports the real cache minus ``hidden``."""
    real = shutil.which("ldconfig", path="/sbin:/usr/sbin:" + os.environ.get("PATH", ""))
    assert real, "ldconfig is part of libc-bin"
    pattern = " ".join(f"-e {name}" for name in hidden)
    script = folder / "ldconfig"
    script.write_text(f"#!/bin/sh\n{real} -p | grep -v {pattern}\n", encoding="utf-8")
    script.chmod(0o755)
    return dict(os.environ, PATH=f"{folder}{os.pathsep}{os.environ.get('PATH', '')}")


def test_build_stops_at_once_naming_the_wayland_packages(tmp_path: Path) -> None:
    env = _fake_ldconfig(tmp_path, ["libwayland-cursor.so", "libwayland-egl.so"])
    work = tmp_path / "work"
    result = subprocess.run(
        [
            *(sys.executable, str(PACKAGING / "build.py")),
            *("--dist", str(tmp_path / "dist"), "--work", str(work)),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "apt-get install libwayland-cursor0 libwayland-egl1" in result.stderr
    assert "libwayland-cursor.so.0" in result.stderr
    assert "libqwayland.so" in result.stderr or "libQt6WaylandClient.so.6" in result.stderr
    assert not (work / "pyinstaller.log").exists(), "PyInstaller must not have started"
    assert not (tmp_path / "dist" / "serm-reference").exists()


def test_this_machine_has_what_the_build_needs() -> None:
    """The set-up (scripts/system-packages.txt via ./run-tests) installed every library."""
    result = subprocess.run(
        [sys.executable, str(PACKAGING / "build.py"), "--check-prerequisites"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr


def test_a_shipped_file_linking_an_unknown_library_is_reported(tmp_path: Path) -> None:
    """A real ELF file (the shiboken module) made to need a library nobody has."""
    import shiboken6

    patchelf = shutil.which("patchelf")
    assert patchelf, "patchelf is in the linux-build group of scripts/system-packages.txt"
    original = next(Path(shiboken6.__file__).parent.glob("Shiboken*.so"))
    bundled = tmp_path / "bundle"
    bundled.mkdir()
    patched = bundled / original.name
    shutil.copy2(original, patched)
    subprocess.run([patchelf, "--add-needed", "libserm-absent.so.7", str(patched)], check=True)

    system = prerequisites.system_libraries()
    missing = prerequisites.unresolved_libraries(
        [patched], [bundled, Path(shiboken6.__file__).parent], system
    )
    assert missing == {"libserm-absent.so.7": [patched.name]}
    hint = prerequisites.install_hint(missing, prerequisites.listed_packages())
    assert "apt-get install libserm-absent7" in hint
    assert "not yet in scripts/system-packages.txt: libserm-absent7" in hint
    # The unpatched file is clean on this machine.
    assert prerequisites.unresolved_libraries([original], [original.parent], system) == {}


@pytest.mark.parametrize(
    ("soname", "package"),
    [
        ("libwayland-cursor.so.0", "libwayland-cursor0"),
        ("libwayland-egl.so.1", "libwayland-egl1"),
        ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
        ("libdbus-1.so.3", "libdbus-1-3"),
        ("libEGL.so.1", "libegl1"),
        ("libxcb-cursor.so.0", "libxcb-cursor0"),
    ],
)
def test_debian_package_names_follow_policy(soname: str, package: str) -> None:
    assert prerequisites.debian_package_guess(soname) == package


def test_a_python_without_its_shared_library_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    """Debian's python3 links libpython statically; PyInstaller wants libpython3.X.so."""
    real = sysconfig.get_config_var
    absent = "libpython3.99.so.1.0"
    monkeypatch.setattr(
        sysconfig,
        "get_config_var",
        lambda name: absent if name == "INSTSONAME" else real(name),
    )
    problem = prerequisites.python_shared_library_problem()
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    assert problem is not None and absent in problem
    assert f"apt-get install libpython{version}" in problem


def test_every_package_the_hints_name_for_this_bundle_is_listed() -> None:
    """The one list holds the Wayland and Python packages the check would ask for."""
    listed = prerequisites.listed_packages()
    assert {"libwayland-cursor0", "libwayland-egl1", "libwayland-client0"} <= listed
    text = (ROOT / "scripts" / "system-packages.txt").read_text(encoding="utf-8")
    assert "libpython{python}" in text
