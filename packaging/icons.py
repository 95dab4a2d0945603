"""Render the app icon's one SVG source into what each system's installer needs.

The SVG in ``desktop_app/data/icons/`` (the window icon at run time too) is the
only drawn artwork; PNG sizes for the freedesktop hicolor theme, a Windows
``.ico`` and a macOS ``.icns`` are made from it at build time with Qt's own SVG
renderer, so no image tool (and no Pillow) is needed. ICO and ICNS both accept
PNG-compressed entries, which lets them be written here in a few lines; the
output is byte-for-byte repeatable.
"""

from __future__ import annotations

import os
import struct
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICON_SOURCE = ROOT / "desktop_app" / "data" / "icons" / "serm-reference.svg"

HICOLOR_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS element types that hold PNG data, by pixel size (the @2x ones reuse sizes).
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"ic11", 32),
    (b"icp6", 64),
    (b"ic12", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic13", 256),
    (b"ic09", 512),
    (b"ic14", 512),
    (b"ic10", 1024),
)


def render_png(size: int, source: Path = ICON_SOURCE) -> bytes:
    """One square PNG of the icon, antialiased, transparent outside the shape."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    if QGuiApplication.instance() is None:
        _keep_alive.append(QGuiApplication([]))
    renderer = QSvgRenderer(str(source))
    if not renderer.isValid():
        raise ValueError(f"{source} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stub says bytes; only str works
    buffer.close()
    return bytes(data.data())


_keep_alive: list[object] = []


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """A Windows icon whose entries are PNGs (valid since Windows Vista)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    directory, payload = b"", b""
    for size in sizes:
        png = pngs[size]
        dimension = 0 if size >= 256 else size  # 0 means 256 in the ICO directory
        directory += struct.pack(
            "<BBBBHHII", dimension, dimension, 0, 0, 1, 32, len(png), offset + len(payload)
        )
        payload += png
    return header + directory + payload


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """A macOS icon family whose elements are PNGs."""
    body = b"".join(
        kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size] for kind, size in ICNS_TYPES
    )
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def write_icons(out: Path, source: Path = ICON_SOURCE) -> dict[str, Path]:
    """Write hicolor PNGs, the SVG, an .ico and an .icns under ``out``; return the key files."""
    sizes = sorted({*HICOLOR_SIZES, *ICO_SIZES, *(size for _, size in ICNS_TYPES)})
    pngs = {size: render_png(size, source) for size in sizes}
    out.mkdir(parents=True, exist_ok=True)
    for size in HICOLOR_SIZES:
        target = out / "hicolor" / f"{size}x{size}" / "apps" / "serm-reference.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(pngs[size])
    scalable = out / "hicolor" / "scalable" / "apps" / "serm-reference.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    scalable.write_bytes(source.read_bytes())
    ico = out / "serm-reference.ico"
    ico.write_bytes(ico_bytes({size: pngs[size] for size in ICO_SIZES}))
    icns = out / "serm-reference.icns"
    icns.write_bytes(icns_bytes(pngs))
    png = out / "serm-reference.png"
    png.write_bytes(pngs[256])
    return {"ico": ico, "icns": icns, "png": png, "hicolor": out / "hicolor"}
