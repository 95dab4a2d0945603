"""Whole pages for every address: sections, agents, comparison rows and cells, references.

A ``PageRenderer`` belongs to one repository and caches the few lookups every
page needs (link targets, where each article table sits, takeaway numbers), so
rendering a page is a handful of dictionary reads plus string building.
"""

from collections.abc import Callable, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, NamedTuple

from desktop_app.content.addresses import parse_address
from desktop_app.content.compare.wording import PROVENANCE_LABELS
from desktop_app.content.records import (
    NOT_COVERED,
    ArticleTable,
    CautionMark,
    ComparisonCell,
    Reference,
    TocEntry,
)
from desktop_app.content.repository import ContentRepository
from desktop_app.rendering.effects import (
    PROVENANCE_MARKS,
    PROVENANCE_MEANINGS,
    effect_label,
    provenance_label,
    provenance_mark,
)
from desktop_app.rendering.home import HOME_ADDRESS, HOME_TITLE, HomeLists, home_body, is_home
from desktop_app.rendering.levels import level_name
from desktop_app.rendering.markup import (
    PageContext,
    caution_notes_html,
    escape,
    inline_html,
)

if TYPE_CHECKING:  # imported where a page of theirs is rendered: the home page needs none
    from desktop_app.content.page_records import Agent, Block, ComparisonRow, Section
    from desktop_app.rendering.links import LinkFinder

REFERENCES_ADDRESS = "serm://section/references"
# Around what only makes sense on screen (Previous/Next links): paper leaves it out.
SCREEN_ONLY_START = "<!--screen-only-->"
SCREEN_ONLY_END = "<!--/screen-only-->"


class RenderedPage(NamedTuple):
    """A page body (HTML fragment) with what the window needs around it."""

    address: str
    title: str
    kind: str  # home | section | agent | compare | references
    body: str
    anchor: str = ""  # where to scroll after loading, e.g. "takeaway-2"


def _link(address: str, text: str, title: str = "") -> str:
    extra = f' title="{escape(title)}"' if title else ""
    return f'<a href="{escape(address)}"{extra}>{escape(text)}</a>'


class PageRenderer:
    """Renders any ``serm://`` address of one repository to an HTML page body."""

    # The contraindication and interaction helpers (content.restrictions and
    # rendering.restrictions_html) are imported by the methods that use them: the
    # first screen is usually the home page, which needs neither.

    def __init__(self, repository: ContentRepository) -> None:
        self.repository = repository
        # The user's latest bookmarks and recent pages for the home page, None while they
        # cannot be read; the window sets it (desktop_app.home_lists, then the store).
        self.personal_lists: Callable[[], HomeLists | None] = lambda: ([], [])
        self.home_lists_shown: HomeLists | None = None  # what the home page was last built with

    # -- cached lookups -------------------------------------------------------------------

    @cached_property
    def _links(self) -> "LinkFinder":
        from desktop_app.rendering.links import LinkFinder

        grid = self.repository.comparison()
        return LinkFinder(grid.agents, grid.attributes)

    @cached_property
    def _toc(self) -> dict[str, TocEntry]:
        return {e.slug: e for e in self.repository.table_of_contents()}

    @cached_property
    def _table_places(self) -> dict[str, TocEntry]:
        """Which section holds each article table (for provenance links)."""
        places: dict[str, TocEntry] = {}
        for entry in self.repository.table_of_contents():
            for block in self.repository.section(entry.slug).blocks:
                if block.table is not None:
                    places[block.table.key] = entry
        return places

    @cached_property
    def _table_rows_to_attributes(self) -> dict[tuple[str, int], str]:
        grid = self.repository.comparison()
        mapping: dict[tuple[str, int], str] = {}
        for row in grid.cells:
            for cell in row:
                if cell.table_key and cell.table_row is not None:
                    mapping[(cell.table_key, cell.table_row)] = cell.attribute
        return mapping

    @cached_property
    def _takeaway_numbers(self) -> dict[tuple[str, str], int]:
        return {(t.section.slug, t.text): t.number for t in self.repository.takeaways()}

    def _row_heading(self, cell: ComparisonCell) -> str:
        if cell.table_key is None or cell.table_row is None:
            return ""
        table = self.repository.article_table(cell.table_key)
        return table.rows[cell.table_row - 1][0].text

    # -- dispatch -------------------------------------------------------------------------

    def render(self, address: str) -> RenderedPage:
        """The page for an address; raises AddressError / UnknownAddressError."""
        if is_home(address):
            return self.home_page()
        from desktop_app.content.page_records import Agent, ComparisonRow, Section, Takeaway

        parsed = parse_address(address)
        fragment = address.split("#", 1)[1] if "#" in address else ""
        canonical = str(parsed)
        if parsed.kind == "section" and canonical == REFERENCES_ADDRESS:
            return self.references_page(anchor=fragment)
        if parsed.kind == "reference":
            self.repository.resolve(canonical)  # unknown numbers raise here
            return self.references_page(anchor=f"ref-{parsed.parts[0]}", address=canonical)
        if parsed.kind == "takeaway":
            takeaway = self.repository.resolve(canonical)
            assert isinstance(takeaway, Takeaway)
            page = self.section_page(self.repository.section(takeaway.section.slug))
            return RenderedPage(
                canonical, page.title, page.kind, page.body, f"takeaway-{parsed.parts[0]}"
            )
        item = self.repository.resolve(canonical)
        if isinstance(item, Section):
            page = self.section_page(item)
        elif isinstance(item, Agent):
            page = self.agent_page(item)
        elif isinstance(item, ComparisonRow):
            page = self.compare_row_page(item)
        elif isinstance(item, ComparisonCell):
            page = self.compare_cell_page(item)
        else:  # pragma: no cover - the kinds above are exhaustive
            raise TypeError(type(item))
        return RenderedPage(page.address, page.title, page.kind, page.body, fragment)

    def home_page(self) -> RenderedPage:
        lists = self.home_lists_shown = self.personal_lists()
        bookmarks, recent = lists if lists is not None else (None, None)
        levels = [e for e in self.repository.table_of_contents() if e.depth == 0]
        body = home_body(
            self.repository.comparison(), self.repository.meta, levels, bookmarks, recent
        )
        return RenderedPage(HOME_ADDRESS, HOME_TITLE, "home", body)

    # -- sections -------------------------------------------------------------------------

    def _crumbs(self, entry: TocEntry) -> str:
        chain: list[TocEntry] = []
        slug = entry.parent_slug
        while slug:
            parent = self._toc[slug]
            chain.insert(0, parent)
            slug = parent.parent_slug
        level = self._toc[entry.level_slug]
        if entry.depth == 0:
            named = level_name(level.slug, level.heading)
            also = f" (in the contents: {escape(named)})" if named != level.heading else ""
            return f'<p class="crumbs">Level · {escape(level.heading)}{also}</p>'
        parts = [_link(e.uri, e.heading) for e in chain]
        return f'<p class="crumbs">Level · {" › ".join(parts)}</p>'

    def section_page(self, section: "Section") -> RenderedPage:
        context = PageContext(links=self._links, self_address=section.entry.uri)
        out = [self._crumbs(section.entry), f"<h1>{escape(section.entry.heading)}</h1>"]
        for block in section.blocks:
            out.append(self._block(block, context, section.entry))
        if section.children:
            out.append("<h3>In this section</h3><ul>")
            out += [f"<li>{_link(c.uri, c.heading)}</li>" for c in section.children]
            out.append("</ul>")
        out.append(self._pager(section.previous, section.next))
        return RenderedPage(section.entry.uri, section.entry.heading, "section", "".join(out))

    def _pager(self, previous: TocEntry | None, following: TocEntry | None) -> str:
        left = (
            f"← Previous: {_link(previous.uri, previous.heading)}" if previous is not None else ""
        )
        right = f"Next: {_link(following.uri, following.heading)} →" if following else ""
        return (
            f'{SCREEN_ONLY_START}<hr/><table width="100%" cellspacing="0" cellpadding="4"><tr>'
            f'<td class="pager" align="left" width="50%">{left}</td>'
            f'<td class="pager" align="right" width="50%">{right}</td></tr></table>'
            f"{SCREEN_ONLY_END}"
        )

    def _block(self, block: "Block", context: PageContext, entry: TocEntry | None = None) -> str:
        if block.kind == "table" and block.table is not None:
            return self._table(block.table, context)
        if block.kind == "references":
            return self._reference_list(self.repository.references())
        label = escape(block.label)
        if block.kind == "list_item":
            agent = next(
                (a for a in self.repository.agents() if a.name.lower() == block.label.lower()),
                None,
            )
            if agent is not None and agent.uri != context.self_address:
                label = _link(agent.uri, block.label, f"{agent.name}: agent page")
                context.linked.add(agent.uri)
        text, notes = inline_html(block.text, context, block.insertions, block.cautions)
        if block.kind == "list_item":
            html_block = f'<ul><li><span class="label">{label}</span>: {text}</li></ul>'
        elif block.kind == "takeaway":
            number = self._takeaway_numbers.get((entry.slug, block.text)) if entry else None
            anchor = f'<a name="takeaway-{number}"></a>' if number else ""
            html_block = (
                '<table width="100%" cellspacing="0" cellpadding="0"'
                ' style="margin-top: 6px; margin-bottom: 10px;">'
                f'<tr><td class="callout">{anchor}<span class="label">★ Key takeaway</span>'
                f"<br/>{text}</td></tr></table>"
            )
        else:
            html_block = f"<p>{text}</p>"
        return html_block + caution_notes_html(notes)

    def _table(self, table: ArticleTable, context: PageContext) -> str:
        notes: list[tuple[int, CautionMark]] = []
        head = "".join(f"<th>{escape(c)}</th>" for c in table.columns)
        rows = []
        for number, row in enumerate(table.rows, start=1):
            cells = []
            for column, cell in enumerate(row, start=1):
                text, introduced = inline_html(
                    cell.text, context, cautions=cell.cautions, autolink=False
                )
                notes += introduced
                attribute = self._table_rows_to_attributes.get((table.key, number))
                if column == 1:
                    agent = next((a for a in self.repository.agents() if a.name == cell.text), None)
                    if attribute is not None:
                        text = _link(
                            f"serm://compare/{attribute}",
                            cell.text,
                            "Compare this row across all four agents",
                        )
                    elif agent is not None:
                        text = _link(agent.uri, cell.text, f"{agent.name}: agent page")
                    cells.append(f'<td><span class="label">{text}</span></td>')
                else:
                    cells.append(f"<td>{text}</td>")
            rows.append("<tr>" + "".join(cells) + "</tr>")
        return (
            f"<p>{escape(table.caption)}</p>"
            f'<table class="grid" width="100%" cellspacing="0" cellpadding="5">'
            f"<thead><tr>{head}</tr></thead>{''.join(rows)}</table>" + caution_notes_html(notes)
        )

    def _reference_list(self, references: Sequence[Reference]) -> str:
        items = []
        for reference in references:
            items.append(
                f'<tr><td align="right" valign="top" width="32"><a name="ref-{reference.number}">'
                f"</a>{reference.number}.</td><td>{escape(reference.citation)}"
                f' <span class="muted">({_link(reference.uri, reference.uri)})</span></td></tr>'
            )
        return '<table cellspacing="0" cellpadding="4">' + "".join(items) + "</table>"

    def references_page(self, anchor: str = "", address: str = REFERENCES_ADDRESS) -> RenderedPage:
        entry = self._toc.get("references")
        heading = entry.heading if entry is not None else "References"
        body = (
            '<p class="crumbs">Level · References</p>'
            f"<h1>{escape(heading)}</h1>"
            '<p class="muted">The article’s 24 references, numbered as in the article.'
            " The scraped copy carries no authors or links, and none are invented.</p>"
            + self._reference_list(self.repository.references())
        )
        return RenderedPage(address, heading, "references", body, anchor)

    # -- agents ---------------------------------------------------------------------------

    def agent_page(self, agent: "Agent") -> RenderedPage:
        from desktop_app.content.restrictions import key_safety
        from desktop_app.rendering.restrictions_html import key_safety_html

        context = PageContext(links=self._links, self_address=agent.summary.uri)
        s = agent.summary
        brands = [n for n in agent.names if n.kind == "brand"]
        codes = [n.name for n in agent.names if n.kind == "code"]
        abbreviations = [n.name for n in agent.names if n.kind == "abbreviation"]
        out = [
            '<p class="crumbs">Agent</p>',
            f"<h1>{escape(s.name)}</h1>",
            key_safety_html(key_safety(self.repository.comparison(), s.inn), s.name),
            '<table cellspacing="0" cellpadding="3">',
            f'<tr><td class="label">INN</td><td>{escape(s.inn)}</td></tr>',
        ]
        if agent.salt:
            out.append(f'<tr><td class="label">Salt</td><td>{escape(agent.salt)}</td></tr>')
        out.append(f'<tr><td class="label">Class</td><td>{escape(agent.drug_class)}</td></tr>')
        if codes:
            out.append(f'<tr><td class="label">Codes</td><td>{escape(", ".join(codes))}</td></tr>')
        if abbreviations:
            out.append(
                '<tr><td class="label">Abbreviations</td>'
                f"<td>{escape(', '.join(abbreviations))}</td></tr>"
            )
        out.append("</table>")
        out.append("<h2>Brand names by region</h2>")
        if brands:
            out.append(
                '<table class="grid" cellspacing="0" cellpadding="5">'
                "<thead><tr><th>Brand</th><th>Region and form</th></tr></thead>"
            )
            out += [
                f"<tr><td>{escape(b.name)}</td><td>{escape(b.region or NOT_COVERED)}</td></tr>"
                for b in brands
            ]
            out.append("</table>")
        else:
            out.append(f"<p>{NOT_COVERED}</p>")
        out.append(
            "<h2>Profile</h2>"
            f'<p class="muted">The article’s own words, from '
            f"{_link(agent.profile_section.uri, agent.profile_section.heading)}.</p>"
        )
        text, notes = inline_html(
            agent.profile.text, context, agent.profile.insertions, agent.profile.cautions
        )
        out.append(f"<p>{text}</p>" + caution_notes_html(notes))
        out.append("<h2>Safety at a glance</h2>")
        out.append('<p class="muted">This agent’s column of the comparison grid.</p>')
        out.append(self._cells_table(agent.comparison, context, by="attribute"))
        out.append("<h2>Discussed in</h2><ul>")
        out += [f"<li>{_link(e.uri, e.heading)}</li>" for e in agent.discussed_in]
        out.append("</ul>")
        return RenderedPage(s.uri, s.name, "agent", "".join(out))

    # -- comparison -----------------------------------------------------------------------

    def _provenance_html(self, cell: ComparisonCell) -> str:
        label = escape(provenance_label(cell, self._row_heading(cell)))
        if cell.provenance == "seed" and cell.table_key in self._table_places:
            place = self._table_places[cell.table_key]
            label += f" ({_link(place.uri, place.heading)})"
        if cell.provenance == "added":
            label = f'<span class="label">{label}</span>'
            if cell.sources:
                cited = "; ".join(escape(s.citation) for s in cell.sources)
                label += f'<br/><span class="sources">Sources: {cited}</span>'
            else:
                label += '<br/><span class="sources">Sources: none given by the editors</span>'
        return label

    def _provenance_mark_html(self, cell: ComparisonCell) -> str:
        """The cell's provenance as a short mark (the grid's), its sources as keys; the
        mark opens the cell, whose page gives the full provenance and every citation."""
        mark = provenance_mark(cell.provenance)
        if not mark:
            return ""  # "not covered by the source" is said in the value's own words
        full = provenance_label(cell, self._row_heading(cell))
        html = _link(cell.uri, mark, f"{full}. Open the cell for its full provenance")
        if cell.provenance == "added":
            keys = ", ".join(s.key for s in cell.sources) or "no sources given"
            html += f'<br/><span class="sources">{escape(keys)}</span>'
        return html

    def _cells_table(self, cells: Sequence[ComparisonCell], context: PageContext, by: str) -> str:
        from desktop_app.content.restrictions import CONTRAINDICATIONS
        from desktop_app.rendering.restrictions_html import (
            items_html,
            related_contraindications_html,
        )

        first = "Safety topic" if by == "attribute" else "Agent"
        rows = []
        notes: list[tuple[int, CautionMark]] = []
        sources: dict[str, str] = {}
        for cell in cells:
            name = cell.attribute_label if by == "attribute" else cell.agent_name
            text, introduced = inline_html(
                cell.text or NOT_COVERED, context, cautions=cell.cautions, autolink=False
            )
            notes += introduced
            if cell.items and by == "attribute" and cell.attribute == CONTRAINDICATIONS:
                # On an agent page the Key safety block above lists every item already.
                text = (
                    f"{escape(cell.short)} — every item under "
                    '<a href="#key-safety">Key safety</a> above'
                )
            elif cell.items:
                text = items_html(cell)
            if cell.applies_to:
                text += f'<br/><span class="muted">Applies to: {escape(cell.applies_to)}</span>'
            text += related_contraindications_html(cell, self.repository.comparison())
            if cell.provenance == "added":
                sources.update((s.key, s.citation) for s in cell.sources)
            css = ' class="added"' if cell.provenance == "added" else ""
            rows.append(
                f"<tr><td>{_link(cell.uri, name, 'Open this cell of the comparison')}</td>"
                f"<td>{escape(effect_label(cell.effect))}</td>"
                f"<td>{text}</td><td{css}>{self._provenance_mark_html(cell)}</td></tr>"
            )
        return (
            _provenance_legend(cells)
            + '<table class="grid" width="100%" cellspacing="0" cellpadding="5">'
            f"<thead><tr><th>{first}</th><th>Effect</th><th>What the evidence says</th>"
            "<th>From</th></tr></thead>"
            + "".join(rows)
            + "</table>"
            + _sources_list(sources)
            + caution_notes_html(notes)
        )

    def compare_row_page(self, row: "ComparisonRow") -> RenderedPage:
        context = PageContext()
        out = [
            '<p class="crumbs">Comparison</p>',
            f"<h1>{escape(row.attribute.label)}</h1>",
            '<p class="muted">One row of the comparison grid, across the four agents.</p>',
            self._cells_table(row.cells, context, by="agent"),
        ]
        return RenderedPage(row.attribute.uri, row.attribute.label, "compare", "".join(out))

    def compare_cell_page(self, cell: ComparisonCell) -> RenderedPage:
        from desktop_app.rendering.restrictions_html import (
            items_html,
            related_contraindications_html,
        )

        context = PageContext()
        text, notes = inline_html(
            cell.text or NOT_COVERED, context, cautions=cell.cautions, autolink=False
        )
        title = f"{cell.agent_name}: {cell.attribute_label}"
        out = [
            '<p class="crumbs">Comparison · '
            f"{_link(f'serm://compare/{cell.attribute}', cell.attribute_label)}</p>",
            f"<h1>{escape(title)}</h1>",
            f'<p><span class="label">Effect:</span> {escape(effect_label(cell.effect))}</p>',
            items_html(cell, with_citations=True) if cell.items else f"<p>{text}</p>",
        ]
        if cell.applies_to:
            out.append(f'<p class="muted">Applies to: {escape(cell.applies_to)}</p>')
        out.append(related_contraindications_html(cell, self.repository.comparison()))
        out.append(f'<p><span class="label">Where from:</span> {self._provenance_html(cell)}</p>')
        out.append(caution_notes_html(notes))
        agent_uri = f"serm://agent/{cell.agent}"
        out.append(f"<p>See also: {_link(agent_uri, cell.agent_name)}</p>")
        return RenderedPage(cell.uri, title, "compare", "".join(out))


def _provenance_legend(cells: Sequence[ComparisonCell]) -> str:
    """What the table's provenance marks mean, said once above it (and read aloud)."""
    kinds = [k for k in ("seed", "added") if any(c.provenance == k for c in cells)]
    if not kinds:
        return ""
    meanings = "; ".join(
        f"<b>{escape(PROVENANCE_MARKS[k])}</b> — “{escape(PROVENANCE_LABELS[k])}”: "
        f"{escape(PROVENANCE_MEANINGS[k])}"
        for k in kinds
    )
    return (
        f'<p class="muted legend">From: {meanings}. Each mark opens the cell with its full '
        "provenance; an added fact’s source keys are listed under the table.</p>"
    )


def _sources_list(sources: dict[str, str]) -> str:
    """Each source key of the table's added facts with its citation, once."""
    if not sources:
        return ""
    items = "".join(
        f'<li><span class="label">{escape(key)}</span> — {escape(sources[key])}</li>'
        for key in sorted(sources)
    )
    return f'<p class="sources">Sources of the added facts:</p><ul class="sources">{items}</ul>'


def render_address(repository: ContentRepository, address: str) -> RenderedPage:
    """One-off rendering (the self-test, scripts); the reader keeps a PageRenderer."""
    return PageRenderer(repository).render(address)


def missing_page(address: str, reason: str) -> RenderedPage:
    """Shown instead of an error when an address (an old bookmark, a typo) names nothing."""
    body = (
        "<h1>Not in this edition</h1>"
        f"<p>Nothing in this edition of the content has the address <b>{escape(address)}</b>.</p>"
        f'<p class="muted">{escape(reason)}</p>'
        "<p>Use the contents on the left, or search, to find the page.</p>"
    )
    return RenderedPage(address, "Not found", "missing", body)
