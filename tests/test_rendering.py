"""The Qt-free page renderer: every address renders, marks are visible, nothing is invented."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.content import ContentRepository
from desktop_app.content.records import NOT_COVERED
from desktop_app.content.repository import UnknownAddressError
from desktop_app.rendering import DARK, LIGHT, html_document
from desktop_app.rendering.effects import ADDED
from desktop_app.rendering.markup import INSERTION_TOOLTIP, PageContext, escape, inline_html
from desktop_app.rendering.pages import PageRenderer, missing_page
from desktop_app.rendering.print_stamp import printable_html, stamp_for


class _Balance(HTMLParser):
    """Fails on unbalanced tags, so marks never produce broken nesting."""

    VOID = frozenset({"br", "hr", "meta"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """<br/> and friends open and close at once."""

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()


def _text(markup: str) -> str:
    """Visible text: tags become spaces, entities are decoded, spaces collapse."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", markup)).replace("\xa0", " ")
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def renderer(repository: ContentRepository) -> PageRenderer:
    return PageRenderer(repository)


def test_every_address_renders_to_balanced_html(
    repository: ContentRepository, renderer: PageRenderer
) -> None:
    for address in repository.all_addresses():
        page = renderer.render(address)
        assert page.title, address
        checker = _Balance()
        checker.feed(html_document(page.body, LIGHT, page.title))
        assert checker.stack == [], address


def test_section_page_has_heading_level_blocks_and_pager(renderer: PageRenderer) -> None:
    page = renderer.render("serm://section/endometrial-health")
    assert "<h1>Endometrial Health</h1>" in page.body
    assert 'href="serm://section/intermediate"' in page.body  # the level, in the crumbs
    assert "← Previous:" in page.body and "Next:" in page.body
    assert 'href="serm://section/venous-thromboembolic-events"' in page.body
    assert 'href="serm://section/vasomotor-symptoms-and-quality-of-life"' in page.body
    # the article's table is a real table with its header row
    assert '<table class="grid"' in page.body and "<th>SERM Agent</th>" in page.body


def test_insertions_are_bracketed_with_their_tooltip(
    repository: ContentRepository, renderer: PageRenderer
) -> None:
    section = repository.section("intermediate")
    block = next(b for b in section.blocks if b.insertions)
    inserted = block.text[block.insertions[0].start :][: block.insertions[0].length]
    body = renderer.render("serm://section/intermediate").body
    expected = (
        f'<span class="ins-mark">[</span><span class="ins" title="{INSERTION_TOOLTIP}">'
        f'{inserted}</span><span class="ins-mark">]</span>'
    )
    assert expected in body


def test_every_insertion_and_caution_of_the_article_is_marked(
    repository: ContentRepository, renderer: PageRenderer
) -> None:
    for entry in repository.table_of_contents():
        section = repository.section(entry.slug)
        body = renderer.render(entry.uri).body
        insertions = sum(len(b.insertions) for b in section.blocks)
        cautions = sum(len(b.cautions) for b in section.blocks) + sum(
            len(cell.cautions)
            for b in section.blocks
            if b.table is not None
            for row in b.table.rows
            for cell in row
        )
        assert body.count('<span class="ins-mark">[</span>') == insertions, entry.slug
        assert body.count("⚠ Editorial caution") == cautions, entry.slug
        for number in range(1, cautions + 1):
            assert f'href="#caution-{number}"' in body and f'name="caution-{number}"' in body


def test_caution_note_shows_verdict_note_and_sources(
    repository: ContentRepository, renderer: PageRenderer
) -> None:
    section = repository.section("specific-serm-agents-and-their-profiles")
    mark = next(m for b in section.blocks for m in b.cautions)
    text = _text(renderer.render(section.entry.uri).body)
    assert f"Editorial caution 1 ({mark.caution.verdict})" in text
    assert mark.caution.note.replace("’", "’") in text
    for source in mark.caution.sources:
        assert source.citation in text


def test_overlapping_marks_nest_cleanly() -> None:
    from desktop_app.content.page_records import Insertion
    from desktop_app.content.records import Caution, CautionMark, Source

    caution = Caution(1, "partly", "A note.", (Source("S", "A source."),))
    text = "alpha beta gamma delta"
    marked, notes = inline_html(
        text,
        PageContext(),
        insertions=[Insertion(6, 10, "beta gamma", "", "high", ())],
        cautions=[CautionMark(0, 10, caution, "alpha beta")],
    )
    checker = _Balance()
    checker.feed(marked)
    assert checker.stack == []
    assert _text(marked) == "alpha [ beta ⚠ caution 1 gamma ] delta"
    assert [n for n, _ in notes] == [1]


def test_takeaways_are_callouts_with_anchors(
    repository: ContentRepository, renderer: PageRenderer
) -> None:
    for takeaway in repository.takeaways():
        page = renderer.render(takeaway.uri)
        assert page.anchor == f"takeaway-{takeaway.number}"
        assert f'name="takeaway-{takeaway.number}"' in page.body
        assert "★ Key takeaway" in page.body


def test_agents_and_compare_rows_are_linked_once_where_named(renderer: PageRenderer) -> None:
    body = renderer.render("serm://section/endometrial-health").body
    prose = body.split('<table class="grid"', 1)[0]  # table row labels are always links
    assert prose.count('href="serm://agent/tamoxifen"') == 1
    assert 'href="serm://compare/endometrium"' in body
    own = renderer.render("serm://agent/tamoxifen").body
    profile = own.split("<h2>Profile</h2>", 1)[1].split("<h2>", 1)[0]
    assert 'href="serm://agent/tamoxifen"' not in profile  # never a link to the page itself


def test_agent_page_has_names_class_profile_column_and_sections(
    repository: ContentRepository, renderer: PageRenderer
) -> None:
    for summary in repository.agents():
        agent = repository.agent(summary.inn)
        page = renderer.render(summary.uri)
        text = _text(page.body)
        assert f"INN {agent.summary.inn}" in text
        assert agent.drug_class in text
        for name in agent.names:
            assert name.name in text
            if name.region:
                assert name.region in text
        for cell in agent.comparison:
            assert f'href="{cell.uri}"' in page.body
            if cell.provenance == "added":
                assert ADDED in text
            if not cell.has_data:
                assert NOT_COVERED in text
        for entry in agent.discussed_in:
            assert f'href="{entry.uri}"' in page.body
    # no grid cell is ever blank
    for row in repository.comparison().cells:
        for cell in row:
            assert (cell.text or "").strip() or NOT_COVERED in _text(renderer.render(cell.uri).body)


def test_added_cells_show_their_sources(
    repository: ContentRepository, renderer: PageRenderer
) -> None:
    for row in repository.comparison().cells:
        for cell in row:
            text = _text(renderer.render(cell.uri).body)
            if cell.provenance == "added":
                assert ADDED in text
                for source in cell.sources:
                    assert source.citation in text
            elif cell.provenance == "seed":
                assert "from the article's" in text


def test_references_page_lists_every_reference(
    repository: ContentRepository, renderer: PageRenderer
) -> None:
    page = renderer.render("serm://section/references")
    assert page.kind == "references"
    for reference in repository.references():
        assert f'name="ref-{reference.number}"' in page.body
    assert renderer.render("serm://reference/7").anchor == "ref-7"


def test_unknown_addresses_raise_and_have_a_missing_page(renderer: PageRenderer) -> None:
    with pytest.raises(UnknownAddressError):
        renderer.render("serm://section/no-such-section")
    page = missing_page("serm://section/no-such-section", "gone")
    assert "Not in this edition" in page.body and "no-such-section" in page.body


def test_pages_escape_text_and_carry_no_remote_resources(
    repository: ContentRepository, renderer: PageRenderer
) -> None:
    for address in repository.all_addresses():
        body = renderer.render(address).body
        assert "<img" not in body and "<link" not in body and "http" not in body


def test_dark_and_light_documents_differ_only_in_colours(renderer: PageRenderer) -> None:
    page = renderer.render("serm://section/fundamentals")
    light = html_document(page.body, LIGHT)
    dark = html_document(page.body, DARK)
    assert LIGHT.background in light and DARK.background in dark and light != dark
    assert light.split("</style>")[1] == dark.split("</style>")[1]


def test_printable_page_is_stamped(repository: ContentRepository, renderer: PageRenderer) -> None:
    from datetime import date

    meta = repository.meta
    stamp = stamp_for(meta, "9.9.9", date(2030, 1, 2))
    document = printable_html(renderer.render("serm://agent/raloxifene"), meta, stamp)
    text = _text(document)
    assert f"content edition {meta.edition} ({meta.date})" in text
    assert "printed 2030-01-02" in text and meta.disclaimer in text
    assert "serm://agent/raloxifene" in text
    assert LIGHT.background in document  # printouts are always light


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("&<>\"'a é;#x27\u2014\n"), max_size=40) | st.text())
def test_escape_is_html_escape(text: str) -> None:
    """The renderer's own escape (kept off the ``html`` package for start-up) is the
    standard library's, character for character, quotes included."""
    assert escape(text) == html.escape(text, quote=True)
    assert html.unescape(escape(text)) == text
