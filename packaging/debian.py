"""The .deb: the bundle under /opt, a /usr/bin link, menu entry, icons, metadata, docs.

No maintainer scripts: the icon cache and the desktop database are refreshed
by the triggers of hicolor-icon-theme and desktop-file-utils, and the package
creates nothing outside the files it lists, so ``apt-get purge`` leaves
nothing behind. User state lives in each user's home and is never touched.

``Depends:`` is not written by hand: dpkg-shlibdeps reads every ELF file the
package installs and names the Debian package (with the minimum version its
symbols file requires) behind each library the system must provide.
"""

from __future__ import annotations

import email.utils
import hashlib
import os
import re
import shutil
import subprocess
from pathlib import Path

from archives import gzip_bytes, normalise_tree, tree
from elf import elf_files
from project import APP_ID, DESKTOP_FILE, INSTALL_PREFIX, NAME, PACKAGING, Build

LINUX = PACKAGING / "linux"
DEFAULT_MAINTAINER = "SERM Reference packagers <packagers@sermreference.invalid>"
SECTION = "science"
DESCRIPTION = """\
Offline reference on the long-term safety of SERMs
 A desktop reference for health professionals and students on the long-term
 safety of selective estrogen receptor modulators (tamoxifen, raloxifene,
 bazedoxifene and ospemifene) in perimenopausal women. Every statement is
 sourced; added facts and editorial cautions are marked. It never opens a
 network connection."""


class DebianPackagingError(RuntimeError):
    pass


def architecture() -> str:
    return subprocess.run(
        ["dpkg", "--print-architecture"], check=True, capture_output=True, text=True
    ).stdout.strip()


def package_file_name(version: str) -> str:
    return f"{NAME}_{version}_{architecture()}.deb"


def maintainer() -> str:
    """$DEBFULLNAME <$DEBEMAIL> for a release; a placeholder that cannot receive mail otherwise."""
    name, mail = os.environ.get("DEBFULLNAME"), os.environ.get("DEBEMAIL")
    return f"{name} <{mail}>" if name and mail else DEFAULT_MAINTAINER


def fill_template(text: str, build: Build) -> str:
    return (
        text.replace("@APP_ID@", APP_ID)
        .replace("@DESKTOP_FILE@", DESKTOP_FILE)
        .replace("@VERSION@", build.version)
        .replace("@DATE@", build.date)
    )


def changelog(build: Build) -> str:
    when = email.utils.formatdate(build.epoch).replace("-0000", "+0000")
    return (
        f"{NAME} ({build.version}) unstable; urgency=medium\n\n"
        f"  * Release {build.version}; the project's history lists the changes.\n\n"
        f" -- {maintainer()}  {when}\n"
    )


def stage(build: Build, root: Path) -> None:
    """Lay out the installed tree under ``root``."""
    shutil.copytree(build.onedir, root / INSTALL_PREFIX.lstrip("/"), symlinks=True)
    usr = root / "usr"
    (usr / "bin").mkdir(parents=True)
    (usr / "bin" / NAME).symlink_to(f"{INSTALL_PREFIX}/{NAME}")  # across top-level dirs: absolute
    share = usr / "share"
    (share / "applications").mkdir(parents=True)
    shutil.copyfile(LINUX / f"{NAME}.desktop", share / "applications" / DESKTOP_FILE)
    shutil.copytree(build.generated / "icons" / "hicolor", share / "icons" / "hicolor")
    (share / "metainfo").mkdir()
    (share / "metainfo" / f"{APP_ID}.metainfo.xml").write_text(
        fill_template((LINUX / "metainfo.xml.in").read_text(encoding="utf-8"), build),
        encoding="utf-8",
    )
    (share / "man" / "man1").mkdir(parents=True)
    page = fill_template((LINUX / f"{NAME}.1").read_text(encoding="utf-8"), build)
    (share / "man" / "man1" / f"{NAME}.1.gz").write_bytes(gzip_bytes(page.encode("utf-8")))
    doc = share / "doc" / NAME
    doc.mkdir(parents=True)
    shutil.copyfile(LINUX / "copyright", doc / "copyright")
    (doc / "changelog.gz").write_bytes(gzip_bytes(changelog(build).encode("utf-8")))
    (share / "lintian" / "overrides").mkdir(parents=True)
    shutil.copyfile(LINUX / "lintian-overrides", share / "lintian" / "overrides" / NAME)


def shlib_depends(source_dir: Path, root: Path) -> str:
    """Run dpkg-shlibdeps in a ``debian/`` layout it understands; return the Depends value.

    ``-l`` names the bundle's own library folders as installed paths; dpkg-shlibdeps
    finds them inside the package being built and leaves them out of Depends.
    """
    (source_dir / "debian" / "control").write_text(
        f"Source: {NAME}\nMaintainer: {maintainer()}\n\n"
        f"Package: {NAME}\nArchitecture: {architecture()}\n",
        encoding="utf-8",
    )
    files = elf_files(root / INSTALL_PREFIX.lstrip("/"))
    folders = sorted({"/" + path.parent.relative_to(root).as_posix() for path in files})
    command = ["dpkg-shlibdeps", "-O", "--warnings=1"]
    command += [f"-l{folder}" for folder in folders]
    command += [f"-e{path.relative_to(source_dir)}" for path in files]
    result = subprocess.run(command, cwd=source_dir, capture_output=True, text=True)
    if result.returncode != 0:
        raise DebianPackagingError(f"dpkg-shlibdeps failed:\n{result.stderr}")
    match = re.search(r"^shlibs:Depends=(.*)$", result.stdout, re.M)
    if not match:
        raise DebianPackagingError(f"dpkg-shlibdeps gave no Depends:\n{result.stdout}")
    return match.group(1).strip()


def installed_size_kib(root: Path) -> int:
    """As dpkg-gencontrol counts it: each file rounded up to KiB, one per folder or link."""
    total = 0
    for path in tree(root):
        if path.relative_to(root).parts[0] == "DEBIAN":
            continue
        regular = path.is_file() and not path.is_symlink()
        total += (path.stat().st_size + 1023) // 1024 if regular else 1
    return total


def md5sums(root: Path) -> str:
    lines = []
    for path in tree(root):
        relative = path.relative_to(root)
        if relative.parts[0] != "DEBIAN" and path.is_file() and not path.is_symlink():
            lines.append(f"{hashlib.md5(path.read_bytes()).hexdigest()}  {relative.as_posix()}\n")
    return "".join(lines)


def control(build: Build, root: Path, depends: str) -> str:
    return (
        f"Package: {NAME}\n"
        f"Version: {build.version}\n"
        f"Architecture: {architecture()}\n"
        f"Maintainer: {maintainer()}\n"
        f"Installed-Size: {installed_size_kib(root)}\n"
        f"Depends: {depends}\n"
        f"Section: {SECTION}\n"
        "Priority: optional\n"
        f"Description: {DESCRIPTION}\n"
    )


def make_deb(build: Build) -> Path:
    source_dir = build.work / "deb"
    if source_dir.exists():
        shutil.rmtree(source_dir)
    root = source_dir / "debian" / NAME
    (root / "DEBIAN").mkdir(parents=True)
    stage(build, root)
    depends = shlib_depends(source_dir, root)
    (root / "DEBIAN" / "control").write_text(control(build, root, depends), encoding="utf-8")
    (root / "DEBIAN" / "md5sums").write_text(md5sums(root), encoding="utf-8")
    normalise_tree(root, build.epoch)
    target = build.dist / package_file_name(build.version)
    subprocess.run(
        [
            "dpkg-deb",
            "--root-owner-group",
            # dpkg always uses xz's multi-threaded encoder, whose output does not depend on
            # the number of threads (checked: the same bytes on one core and on two).
            "-Zxz",
            "--build",
            str(root),
            str(target),
        ],
        check=True,
        env=dict(os.environ, SOURCE_DATE_EPOCH=str(build.epoch)),
        stdout=subprocess.DEVNULL,
    )
    return target
