"""The three Windows downloads, signed: NSIS setup ``.exe``, ``.msi`` and portable ``.zip``.

* ``SERM-Reference-<version>-win64-setup.exe``: for people installing it
  themselves, per user without administrator rights (``/ALLUSERS`` per machine,
  ``/S`` silent); see ``windows/serm-reference.nsi``.
* ``SERM-Reference-<version>-win64.msi``: for IT departments' deployment tools
  (``msi.py``).
* ``SERM-Reference-<version>-win64-portable.zip``: for USB sticks; its
  ``portable.txt`` marker makes the app keep user data in ``userdata/`` beside
  the program (``desktop_app/paths.py``).

The program inside is signed before it is packed, so every copy of it carries
the signature; then each download is signed and every signature verified.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import msi
import signing
from archives import write_zip
from project import DISPLAY_NAME, NAME, PACKAGING, Build
from wine import Wine

PORTABLE_MARKER = "portable.txt"  # desktop_app.paths.PORTABLE_MARKER
PORTABLE_NOTE = (
    "SERM Reference runs in portable mode because this file is here: bookmarks, notes,\r\n"
    "history and settings are kept in the userdata folder beside serm-reference.exe.\r\n"
    "Delete this file to keep them in your Windows profile instead.\r\n"
)
HOMEPAGE = "https://github.com/sermreference"


def download_name(build: Build, kind: str) -> str:
    """``SERM-Reference-0.1.0-win64-setup.exe`` and friends."""
    return f"{DISPLAY_NAME.replace(' ', '-')}-{build.version}-win64{kind}"


def make_windows_packages(build: Build, wine: Wine) -> list[Path]:
    signer = signing.release_signer() or signing.test_signer(build.work / "test-certificate")
    if signer.test_certificate:
        print("signing with a TEST certificate made for this build (not for release)")
    exe = build.onedir / f"{NAME}.exe"
    signing.sign(exe, signer, DISPLAY_NAME, HOMEPAGE)
    icon = build.generated / "icons" / f"{NAME}.ico"
    top = f"{NAME}-{build.version}"
    made = [
        make_installer(build, icon, build.dist / download_name(build, "-setup.exe")),
        msi.make_msi(
            build.onedir,
            build.version,
            icon,
            build.work / "msi",
            build.dist / download_name(build, ".msi"),
        ),
        write_zip(
            build.onedir,
            build.dist / download_name(build, "-portable.zip"),
            top,
            build.epoch,
            extra={PORTABLE_MARKER: PORTABLE_NOTE.encode("utf-8")},
        ),
    ]
    for path in made[:2]:
        signing.sign(path, signer, f"{DISPLAY_NAME} {build.version} installer", HOMEPAGE)
    for path in [exe, *made[:2]]:
        signing.verify(path, signer)
    print("signatures verified: " + ", ".join(p.name for p in [exe, *made[:2]]))
    return made


def make_installer(build: Build, icon: Path, target: Path) -> Path:
    """makensis with the 64-bit stubs (``Target amd64-unicode`` in the script)."""
    subprocess.run(
        [
            "makensis",
            "-V2",
            "-WX",
            "-INPUTCHARSET",
            "UTF8",
            f"-DVERSION={build.version}",
            f"-DSOURCE_DIR={build.onedir}",
            f"-DOUTFILE={target}",
            f"-DICON={icon}",
            f"-DAPP_EXE={NAME}.exe",
            str(PACKAGING / "windows" / f"{NAME}.nsi"),
        ],
        check=True,
    )
    return target
