"""Archives that come out byte-identical from two builds of the same commit.

``tarfile`` and ``zipfile`` record whatever the file system says (order of
``readdir``, owner, umask-dependent modes, copy time) and ``gzip`` stamps the
current time into its header. Here members are sorted, owned by root, with
fixed modes and ``SOURCE_DATE_EPOCH`` as every time stamp, and gzip gets no
time and no file name.
"""

from __future__ import annotations

import gzip
import io
import os
import stat
import tarfile
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path


def tree(root: Path) -> Iterator[Path]:
    """Everything under ``root``, in a fixed order."""
    yield from sorted(root.rglob("*"))


def is_program(path: Path) -> bool:
    """Executables keep their x bit; shared libraries and data do not need one."""
    if ".so" in path.name or path.suffix in {".dylib", ".dll", ".pyd"}:
        return False
    return bool(path.stat().st_mode & stat.S_IXUSR)


def normalise_tree(root: Path, epoch: int) -> None:
    """Fixed modes and times on disk, for tools (dpkg-deb) that read them from there."""
    for path in [*tree(root), root]:
        if path.is_symlink():
            os.utime(path, (epoch, epoch), follow_symlinks=False)
            continue
        path.chmod(0o755 if path.is_dir() or is_program(path) else 0o644)
        os.utime(path, (epoch, epoch))


def _tar_info(path: Path, name: str, epoch: int) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.mtime = epoch
    info.uid = info.gid = 0
    info.uname = info.gname = "root"
    if path.is_symlink():
        info.type = tarfile.SYMTYPE
        info.linkname = os.readlink(path)
        info.mode = 0o777
    elif path.is_dir():
        info.type = tarfile.DIRTYPE
        info.mode = 0o755
    else:
        info.size = path.stat().st_size
        info.mode = 0o755 if is_program(path) else 0o644
    return info


def write_tarball(source: Path, target: Path, top: str, epoch: int) -> Path:
    """``source`` as ``top/`` in a .tar.gz."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with (
        target.open("wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as zipped,
        tarfile.open(fileobj=zipped, mode="w", format=tarfile.GNU_FORMAT) as tar,
    ):
        tar.addfile(_tar_info(source, top, epoch))
        for path in tree(source):
            info = _tar_info(path, f"{top}/{path.relative_to(source).as_posix()}", epoch)
            if info.isreg():
                with path.open("rb") as handle:
                    tar.addfile(info, handle)
            else:
                tar.addfile(info)
    return target


def write_zip(
    source: Path, target: Path, top: str, epoch: int, extra: dict[str, bytes] | None = None
) -> Path:
    """``source`` as ``top/`` in a .zip (the Windows portable archive), plus ``extra`` files.

    ``extra`` maps names inside ``top/`` to contents (the portable-mode marker).
    """
    stamp = time.gmtime(max(epoch, 315532800))[:6]  # ZIP cannot store dates before 1980
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in tree(source):
            if path.is_dir():
                continue
            entry = zipfile.ZipInfo(f"{top}/{path.relative_to(source).as_posix()}", stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = (0o100755 if is_program(path) else 0o100644) << 16
            archive.writestr(entry, path.read_bytes())
        for name, data in sorted((extra or {}).items()):
            entry = zipfile.ZipInfo(f"{top}/{name}", stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o100644 << 16
            archive.writestr(entry, data)
    return target


def gzip_bytes(data: bytes) -> bytes:
    """gzip -n -9: no name, no time."""
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=9) as out:
        out.write(data)
    return buffer.getvalue()
