"""Running Windows programs on this Linux machine: a Wine prefix and a virtual screen.

Used by the Windows build (PyInstaller under Windows Python) and by the tests
that install and start what it made. Three things learnt the hard way:

* Windows Python under Wine aborts at start (``init_sys_streams ... Invalid
  handle``) when its stdout or stderr is a regular file; pipes work. So output
  is always captured through pipes here, never redirected to a file.
* Qt6Core.dll imports ``ucnv_*`` from Windows' own ``icuuc.dll``, which Wine
  lacks: a stand-in built from ``windows/icuuc-stub.c`` goes into the prefix's
  ``system32``, never into a bundle (the build checks).
* Wine needs an X display even for silent installers: :class:`VirtualScreen`
  starts a private Xvfb on a free display number.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

PACKAGING = Path(__file__).resolve().parent
ICU_STUB_SOURCE = PACKAGING / "windows" / "icuuc-stub.c"
ICU_STUB_NAME = "icuuc.dll"
MINGW_GCC = "x86_64-w64-mingw32-gcc"


class WineError(RuntimeError):
    """Wine or a program under it failed; the message carries its output."""


def windows_path(path: Path) -> str:
    """The Windows name of a Linux path: Wine maps ``/`` to drive ``Z:``."""
    return "Z:" + str(path.resolve()).replace("/", "\\")


def wine_version() -> str:
    return subprocess.run(
        ["wine", "--version"], check=True, capture_output=True, text=True
    ).stdout.strip()


class VirtualScreen:
    """A private Xvfb; ``display`` is its ``:N`` (Xvfb picks a free number)."""

    def __init__(self, size: str = "1280x800x24") -> None:
        self.size = size
        self.display = ""
        self._server: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> VirtualScreen:
        read, write = os.pipe()
        self._server = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write), "-screen", "0", self.size, "-nolisten", "tcp"],
            pass_fds=(write,),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(write)
        with os.fdopen(read) as pipe:
            number = pipe.readline().strip()
        if not number:
            raise WineError("Xvfb did not start")
        self.display = f":{number}"
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._server is not None:
            self._server.terminate()
            self._server.wait(timeout=30)


@dataclass
class Wine:
    """One Wine prefix (a fake ``C:`` drive and registry) and the display it uses."""

    prefix: Path
    display: str = ""
    extra_env: dict[str, str] = field(default_factory=dict)

    @property
    def drive_c(self) -> Path:
        return self.prefix / "drive_c"

    @property
    def system32(self) -> Path:
        return self.drive_c / "windows" / "system32"

    @property
    def user_folder(self) -> Path:
        """``%USERPROFILE%`` on the Linux side (Wine names the user after the Linux one)."""
        (folder,) = (p for p in (self.drive_c / "users").iterdir() if p.name != "Public")
        return folder

    @property
    def local_appdata(self) -> Path:
        return self.user_folder / "AppData" / "Local"

    def env(self) -> dict[str, str]:
        """No Python, Qt or app variables of the calling process leak into Windows."""
        skip = ("PYTHON", "VIRTUAL_ENV", "QT_", "SERM_")
        env = {k: v for k, v in os.environ.items() if not k.startswith(skip)}
        env.update(
            WINEPREFIX=str(self.prefix),
            WINEARCH="win64",
            WINEDEBUG="-all",
            # No Mono/Gecko download prompts: nothing here needs .NET or a browser engine.
            WINEDLLOVERRIDES="mscoree,mshtml=",
        )
        if self.display:
            env["DISPLAY"] = self.display
        else:
            env.pop("DISPLAY", None)
        env.update(self.extra_env)
        return env

    def run(
        self,
        program: str | Path,
        *args: str,
        timeout: float = 600,
        check: bool = True,
        cwd: Path | None = None,
    ) -> subprocess.CompletedProcess[str]:
        """``wine program args`` with stdout/stderr through pipes (never files: see above)."""
        result = subprocess.run(
            ["wine", str(program), *args],
            env=self.env(),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            errors="replace",
            timeout=timeout,
            cwd=cwd,
        )
        if check and result.returncode != 0:
            raise WineError(
                f"wine {program} {' '.join(args)} exited {result.returncode}\n"
                f"{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
            )
        return result

    def popen(self, program: str | Path, *args: str) -> subprocess.Popen[str]:
        return subprocess.Popen(
            ["wine", str(program), *args],
            env=self.env(),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            errors="replace",
        )

    def create(self) -> None:
        """A fresh 64-bit prefix (about 10 s), with the ICU stand-in in ``system32``."""
        if self.prefix.exists():
            shutil.rmtree(self.prefix)
        self.prefix.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["wineboot", "--init"],
            env=self.env(),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            check=True,
            timeout=300,
        )
        self.wait()
        shutil.copy2(build_icu_stub(self.prefix.parent), self.system32 / ICU_STUB_NAME)

    def wait(self) -> None:
        """Until this prefix's wineserver has finished writing the registry."""
        subprocess.run(["wineserver", "--wait"], env=self.env(), check=False, timeout=300)

    def kill(self) -> None:
        subprocess.run(["wineserver", "--kill"], env=self.env(), check=False, timeout=60)

    def registry(self, hive: str) -> str:
        """The text of a registry hive file (``user`` or ``system``), after a flush."""
        self.wait()
        return (self.prefix / f"{hive}.reg").read_text(encoding="utf-8", errors="replace")


def build_icu_stub(folder: Path) -> Path:
    """The stand-in ``icuuc.dll``, compiled once per source version into ``folder``."""
    digest = hashlib.sha256(ICU_STUB_SOURCE.read_bytes()).hexdigest()[:12]
    target = folder / f"icuuc-stub-{digest}" / ICU_STUB_NAME
    if target.is_file():
        return target
    if shutil.which(MINGW_GCC) is None:
        raise WineError(
            f"{MINGW_GCC} is missing: install the windows-build group of"
            " scripts/system-packages.txt"
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [MINGW_GCC, "-shared", "-O2", "-s", "-o", str(target), str(ICU_STUB_SOURCE)],
        check=True,
    )
    return target
