"""Every printed sheet goes one way: stamped, footer whole, boxes whole, no navigation.

The grid's PDF and Print, a page's PDF, Print and Print Preview all paint
through ``ui/printing.paint_document``; these tests read the real PDFs back with
poppler's pdftotext, sheet by sheet.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from pytestqt.qtbot import QtBot

from desktop_app.content import ContentRepository
from desktop_app.content.records import ContentMeta
from desktop_app.rendering.print_stamp import Stamp, stamp_for
from desktop_app.rendering.theme import LIGHT, html_document
from desktop_app.ui.compare.view import CompareWidget
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.personal.layer import PersonalLayer
from desktop_app.ui.printing import (
    export_pdf,
    layout_document,
    make_printer,
    split_boxes,
)
from desktop_app.userdata import UserStore
from desktop_app.version import __version__
from tests.print_helpers import pdf_pages
from tests.reader_helpers import (  # noqa: F401 (fixtures)
    OFFSCREEN_LIMITS,
    make_window_fixture,
    user_dir_fixture,
    window_fixture,
)

pytestmark = [pytest.mark.gui, *OFFSCREEN_LIMITS]

PROFILES = "serm://section/specific-serm-agents-and-their-profiles"


def assert_stamped(sheets: list[str], meta: ContentMeta) -> None:
    """Each sheet names the edition and its date, the print date, the whole disclaimer
    (not elided) and its number out of all."""
    disclaimer = " ".join(meta.disclaimer.split())
    for number, sheet in enumerate(sheets, start=1):
        assert f"SERM Reference {__version__} · content edition {meta.edition} ({meta.date})" in (
            sheet
        ), f"sheet {number} has no header"
        assert disclaimer in sheet, f"sheet {number}: the disclaimer is cut or missing"
        assert f"{number} / {len(sheets)}" in sheet, f"sheet {number} has no page number"


@pytest.fixture
def grid(qtbot: QtBot, repository: ContentRepository) -> Iterator[CompareWidget]:
    widget = CompareWidget(repository)
    qtbot.addWidget(widget)
    yield widget


def test_grid_pdf_is_stamped_on_every_sheet(
    grid: CompareWidget, repository: ContentRepository, tmp_path: Path
) -> None:
    target = tmp_path / "grid.pdf"
    sheets = grid.export_pdf(target)
    text = pdf_pages(target)
    assert sheets == len(text) >= 2
    assert_stamped(text, repository.meta)
    assert "comparison grid" in text[0] and "Each value in full" in " ".join(text)


def test_grid_print_goes_the_same_way(
    grid: CompareWidget, repository: ContentRepository, tmp_path: Path
) -> None:
    """What Print does once its dialog is accepted with "Print to File (PDF)"."""
    printer = make_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    target = tmp_path / "printed-grid.pdf"
    printer.setOutputFileName(str(target))
    sheets = grid.print_to(printer)
    text = pdf_pages(target)
    assert sheets == len(text) >= 2
    assert_stamped(text, repository.meta)


def test_a_page_prints_stamped_without_previous_and_next(
    window: MainWindow, repository: ContentRepository, tmp_path: Path
) -> None:
    window.open_address(PROFILES)
    page = window.current_page()
    assert page is not None and "Previous:" in page.toPlainText()  # on screen, yes
    target = tmp_path / "profiles.pdf"
    assert window.export_pdf(target) == target
    text = pdf_pages(target)
    assert len(text) >= 2
    assert_stamped(text, repository.meta)
    joined = " ".join(text)
    assert "Specific SERM Agents and Their Profiles" in joined
    assert "Previous:" not in joined and "Next:" not in joined


def test_printing_to_a_printer_matches_the_pdf(
    window: MainWindow, repository: ContentRepository, tmp_path: Path
) -> None:
    window.open_address(PROFILES)
    printer = make_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    target = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(target))
    sheets = window.print_to(printer)
    text = pdf_pages(target)
    assert sheets == len(text) >= 2
    assert_stamped(text, repository.meta)
    assert "Previous:" not in " ".join(text)


def _shifted(body: str, lines: int) -> str:
    filler = "".join(f"<p>Filler line {n} moves the boxes down.</p>" for n in range(lines))
    return html_document(filler + body, LIGHT, "boxes")


def test_a_caution_box_never_straddles_a_page_break(
    window: MainWindow, repository: ContentRepository, tmp_path: Path
) -> None:
    """Filler moves the page's caution boxes down until one would straddle a break; it
    starts on the next sheet instead, whole, and the PDF shows it on one sheet."""
    window.open_address(PROFILES)
    body = window.renderer.render(PROFILES).body
    assert "Editorial caution 1" in body
    printer = make_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "probe.pdf"))
    rect = printer.pageLayout().paintRectPixels(printer.resolution())
    size = QRectF(0, 0, rect.width(), rect.height() * 0.85)
    straddled = 0
    for lines in range(0, 80, 3):
        html = _shifted(body, lines)
        document = layout_document(html, printer, size.width(), size.height())
        assert split_boxes(document) == []  # kept whole...
        document.setHtml(html)  # ...where, laid out as is, a box would straddle
        if not split_boxes(document):
            continue
        straddled += 1
        target = tmp_path / f"shift-{lines}.pdf"
        stamp_sheets = export_pdf(html, target, window_stamp(window), "boxes")
        sheets = pdf_pages(target)
        assert stamp_sheets == len(sheets)
        notes = [s for s in sheets if "Editorial caution 1" in s]
        assert len(notes) == 1  # the box's heading and its sources on the same sheet
        assert "Sources:" in notes[0].split("Editorial caution 1", 1)[1]
        if straddled >= 2:
            break
    assert straddled, "no shift made a box straddle a break: the test proves nothing"


def window_stamp(window: MainWindow) -> Stamp:
    return stamp_for(window.meta, __version__, date.today())


def test_the_note_is_printed_only_when_asked(
    window: MainWindow, tmp_path: Path, user_dir: Path
) -> None:
    store = UserStore.open(user_dir / "userdata.sqlite")
    PersonalLayer(window, window.repository, store)
    try:
        window.open_address("serm://agent/raloxifene")
        store.save_note("serm://agent/raloxifene", "Raloxifene", "Ask about DVT history first.")
        without = tmp_path / "without.pdf"
        window.export_pdf(without)
        assert "Ask about DVT history" not in " ".join(pdf_pages(without))
        window.actions_.print_with_note.setChecked(True)
        with_note = tmp_path / "with.pdf"
        window.export_pdf(with_note)
        text = " ".join(pdf_pages(with_note))
        assert "My note" in text and "Ask about DVT history first." in text
        assert "not part of the reference content" in text
        assert window.preferences.print_with_note  # remembered
        window.open_address("serm://agent/tamoxifen")  # no note there: nothing added
        plain = tmp_path / "tamoxifen.pdf"
        window.export_pdf(plain)
        assert "My note" not in " ".join(pdf_pages(plain))
    finally:
        store.close()


def test_print_preview_shows_the_sheets_print_would_paint(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    window.open_address(PROFILES)
    assert window.actions_.print_preview in window.menuBar().actions()[0].menu().actions()
    dialog = window.print_preview()
    assert isinstance(dialog, QPrintPreviewDialog)
    preview = dialog.findChild(QPrintPreviewWidget)
    assert preview is not None
    qtbot.waitUntil(lambda: preview.pageCount() >= 2)
    printer = make_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert preview.pageCount() == window.print_to(printer)
    dialog.close()
