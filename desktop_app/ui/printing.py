"""Print and export to PDF, with the edition and disclaimer on every sheet.

The page is laid out by QTextDocument on the device itself, so the printout
uses the printer's resolution (sharp text at any zoom), and each sheet gets a
header (app, content edition and date, print date) and a footer (disclaimer,
page number). QtPrintSupport is imported only when printing is asked for, so
it costs nothing at start-up.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from desktop_app.rendering.print_stamp import Stamp

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

PDF_RESOLUTION = 300
MARGINS_MM = QMarginsF(18, 16, 18, 16)


def paint_document(html: str, device: QPagedPaintDevice, stamp: Stamp, title: str) -> int:
    """Lay ``html`` out on ``device`` page by page; return the number of pages."""
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("could not start printing (is the file or printer writable?)")
    try:
        resolution = device.logicalDpiY()
        paint_rect = device.pageLayout().paintRectPixels(resolution)
        small = QFont()
        small.setPointSizeF(7.5)
        painter.setFont(small)
        metrics = QFontMetricsF(small, device)
        band = metrics.height() * 2.2
        body = QRectF(0, 0, paint_rect.width(), paint_rect.height() - 2 * band)
        document = QTextDocument()
        document.documentLayout().setPaintDevice(device)
        font = document.defaultFont()
        font.setPointSizeF(10)
        document.setDefaultFont(font)
        document.setHtml(html)
        document.setPageSize(body.size())
        pages = document.pageCount()
        for number in range(pages):
            if number:
                device.newPage()
            painter.save()
            painter.translate(0, band - number * body.height())
            document.drawContents(
                painter, QRectF(0, number * body.height(), body.width(), body.height())
            )
            painter.restore()
            painter.setPen(Qt.GlobalColor.darkGray)
            header = QRectF(0, 0, body.width(), band * 0.8)
            painter.drawText(
                header,
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                metrics.elidedText(title, Qt.TextElideMode.ElideRight, body.width() * 0.35),
            )
            painter.drawText(
                header, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop, stamp.header
            )
            footer = QRectF(0, band + body.height() + band * 0.2, body.width(), band * 0.8)
            painter.drawText(
                footer,
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
                metrics.elidedText(stamp.footer, Qt.TextElideMode.ElideRight, body.width() * 0.85),
            )
            painter.drawText(
                footer,
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom,
                f"{number + 1} / {pages}",
            )
        return pages
    finally:
        painter.end()


def export_pdf(html: str, path: Path, stamp: Stamp, title: str) -> int:
    """Write the page to a PDF file (A4); return the number of pages.

    The file is opened here first, so a folder that is missing or read-only
    gives an OSError that names the problem instead of a painter failure.
    """
    with open(path, "wb"):
        pass
    writer = QPdfWriter(str(path))
    writer.setResolution(PDF_RESOLUTION)
    writer.setTitle(title)
    writer.setCreator(stamp.header)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            MARGINS_MM,
            QPageLayout.Unit.Millimeter,
        )
    )
    return paint_document(html, writer, stamp, title)


def make_printer() -> QPrinter:
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageMargins(MARGINS_MM, QPageLayout.Unit.Millimeter)
    return printer
