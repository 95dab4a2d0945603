"""Print, preview and export to PDF, with the edition and disclaimer on every sheet.

Every printed sheet of the app (a page, the comparison grid, the preview) goes
through ``paint_document``, so every sheet carries the same stamp: a header
(app, content edition and date, print date) and a footer (the disclaimer in
full, wrapped rather than cut, and "page x / y"). The page is laid out by
QTextDocument on the device itself, so the printout uses the printer's
resolution. A box (a caution, a key takeaway: a table of one row) that would
straddle a page break starts on the next sheet instead, unless it is taller
than a sheet. QtPrintSupport is imported only when printing is asked for, so
it costs nothing at start-up.
"""

from __future__ import annotations

import math
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
    QTextFormat,
    QTextTable,
)

from desktop_app.rendering.print_stamp import Stamp

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

PDF_RESOLUTION = 300
MARGINS_MM = QMarginsF(18, 16, 18, 16)
PORTRAIT = QPageLayout.Orientation.Portrait
LANDSCAPE = QPageLayout.Orientation.Landscape
STAMP_POINTS = 7.5  # header and footer text
BODY_POINTS = 10.0
MAX_KEEP_PASSES = 50  # each pass moves at least one box; a page has far fewer


def paint_document(html: str, device: QPagedPaintDevice, stamp: Stamp, title: str) -> int:
    """Lay ``html`` out on ``device`` page by page; return the number of pages."""
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("could not start printing (is the file or printer writable?)")
    try:
        resolution = device.logicalDpiY()
        paint_rect = device.pageLayout().paintRectPixels(resolution)
        small = QFont()
        small.setPointSizeF(STAMP_POINTS)
        painter.setFont(small)
        metrics = QFontMetricsF(small, device)
        width = paint_rect.width()
        header_band = metrics.height() * 2.2
        number_width = metrics.horizontalAdvance("9999 / 9999") + metrics.height()
        disclaimer_rect = metrics.boundingRect(
            QRectF(0, 0, width - number_width, 1e6),
            int(Qt.TextFlag.TextWordWrap),
            stamp.footer,
        )
        footer_band = disclaimer_rect.height() + metrics.height() * 0.8
        body = QRectF(0, 0, width, paint_rect.height() - header_band - footer_band)
        if body.height() < paint_rect.height() / 2:
            raise OSError("the paper is too small for the page and its disclaimer")
        document = layout_document(html, device, body.width(), body.height())
        pages = document.pageCount()
        for number in range(pages):
            if number:
                device.newPage()
            painter.save()
            painter.translate(0, header_band - number * body.height())
            document.drawContents(
                painter, QRectF(0, number * body.height(), body.width(), body.height())
            )
            painter.restore()
            painter.setPen(Qt.GlobalColor.darkGray)
            header = QRectF(0, 0, width, header_band * 0.8)
            painter.drawText(
                header,
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                metrics.elidedText(title, Qt.TextElideMode.ElideRight, width * 0.35),
            )
            painter.drawText(
                header, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop, stamp.header
            )
            footer = QRectF(0, paint_rect.height() - disclaimer_rect.height(), width, 0)
            footer.setHeight(disclaimer_rect.height())
            painter.drawText(
                QRectF(footer.left(), footer.top(), width - number_width, footer.height()),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom)
                | int(Qt.TextFlag.TextWordWrap),
                stamp.footer,
            )
            painter.drawText(
                footer,
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom,
                f"{number + 1} / {pages}",
            )
        return pages
    finally:
        painter.end()


def layout_document(
    html: str, device: QPagedPaintDevice, width: float, height: float
) -> QTextDocument:
    """The document laid out in pages of ``width`` × ``height``, boxes kept whole."""
    document = QTextDocument()
    document.documentLayout().setPaintDevice(device)
    font = document.defaultFont()
    font.setPointSizeF(BODY_POINTS)
    document.setDefaultFont(font)
    document.setHtml(html)
    document.setPageSize(QRectF(0, 0, width, height).size())
    keep_boxes_whole(document)
    return document


def boxes(document: QTextDocument) -> list[QTextTable]:
    """The one-row tables at the top level: caution boxes, takeaways, notices."""
    return [
        frame
        for frame in document.rootFrame().childFrames()
        if isinstance(frame, QTextTable) and frame.rows() == 1
    ]


def split_boxes(document: QTextDocument) -> list[QTextTable]:
    """The boxes that straddle a page break although they would fit on one sheet."""
    page = document.pageSize().height()
    layout = document.documentLayout()
    split = []
    for box in boxes(document):
        rect = layout.frameBoundingRect(box)
        if rect.height() >= page * 0.9:
            continue  # taller than a sheet: it has to split
        if math.floor(rect.top() / page) != math.floor((rect.bottom() - 1) / page):
            split.append(box)
    return split


def keep_boxes_whole(document: QTextDocument) -> None:
    """Start each box that would straddle a page break on the next sheet, first to last."""
    for _ in range(MAX_KEEP_PASSES):
        split = split_boxes(document)
        if not split:
            return
        box = split[0]  # moving one box shifts everything after it: look again
        frame_format = box.frameFormat()
        frame_format.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        box.setFrameFormat(frame_format)


def export_pdf(
    html: str,
    path: Path,
    stamp: Stamp,
    title: str,
    orientation: QPageLayout.Orientation = PORTRAIT,
) -> int:
    """Write the document to a PDF file (A4); return the number of pages.

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
            QPageSize(QPageSize.PageSizeId.A4), orientation, MARGINS_MM, QPageLayout.Unit.Millimeter
        )
    )
    return paint_document(html, writer, stamp, title)


def make_printer(orientation: QPageLayout.Orientation = PORTRAIT) -> QPrinter:
    """A high-resolution printer with the app's margins, for Print and Print Preview."""
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageMargins(MARGINS_MM, QPageLayout.Unit.Millimeter)
    printer.setPageOrientation(orientation)
    return printer
