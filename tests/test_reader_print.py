"""Print and export to PDF: a real PDF whose text carries the edition, date and disclaimer."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from desktop_app.content import ContentRepository
from desktop_app.rendering.pages import PageRenderer
from desktop_app.rendering.print_stamp import printable_html, stamp_for
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.printing import export_pdf
from tests.print_helpers import pdf_text
from tests.reader_helpers import (  # noqa: F401 (fixtures)
    OFFSCREEN_LIMITS,
    make_window_fixture,
    user_dir_fixture,
    window_fixture,
)

pytestmark = [pytest.mark.gui, *OFFSCREEN_LIMITS]


def test_export_pdf_of_a_section_is_stamped_on_every_page(
    window: MainWindow, repository: ContentRepository, tmp_path: Path
) -> None:
    window.open_address("serm://section/specific-serm-agents-and-their-profiles")
    target = tmp_path / "profiles.pdf"
    assert window.export_pdf(target) == target
    data = target.read_bytes()
    assert data.startswith(b"%PDF-") and len(data) > 5_000
    text = pdf_text(target)
    meta = repository.meta
    pages = text.count(f"content edition {meta.edition} ({meta.date})")
    assert pages >= 2  # the header of every sheet, plus the notice on the first
    assert f"printed {date.today().isoformat()}" in text
    assert " ".join(meta.disclaimer.split()[:8]) in text  # footer (elided) and first-page notice
    assert "Specific SERM Agents and Their Profiles" in text
    assert "Editorial caution 1" in text
    assert "serm://section/specific-serm-agents-and-their-profiles" in text
    assert re.search(r"\b1 ?/ ?2\b", text) and re.search(r"\b2 ?/ ?2\b", text)  # page numbers


def test_export_pdf_of_the_references_and_of_an_agent(
    window: MainWindow, repository: ContentRepository, tmp_path: Path
) -> None:
    window.open_address("serm://reference/4")
    references = window.export_pdf(tmp_path / "refs.pdf")
    assert references is not None
    text = pdf_text(references)
    assert repository.meta.edition in text
    assert "24." in text and repository.references()[23].title.split()[0] in text
    window.open_address("serm://agent/ospemifene")
    agent = window.export_pdf(tmp_path / "ospemifene.pdf")
    assert agent is not None
    text = pdf_text(agent)
    assert "Ospemifene" in text and "added — not from the source article" in text


def test_dark_theme_prints_in_light_colours(
    window: MainWindow, repository: ContentRepository
) -> None:
    window.set_theme_preference("dark")
    assert "#ffffff" in window.printable_html()


def test_unwritable_target_raises_a_readable_error(
    repository: ContentRepository, tmp_path: Path, qapp: object
) -> None:
    page = PageRenderer(repository).render("serm://section/reflection")
    stamp = stamp_for(repository.meta, "0", date.today())
    html = printable_html(page, repository.meta, stamp)
    with pytest.raises(OSError):
        export_pdf(html, tmp_path / "no-such-folder" / "x.pdf", stamp, page.title)


def test_print_support_is_available(qapp: object) -> None:
    from desktop_app.ui.printing import make_printer

    printer = make_printer()
    assert printer.pageLayout().margins().left() > 0
