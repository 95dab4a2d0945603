"""The home page: a lookup start, not the article's first chapter.

A clinician opens the app between two patients to look one thing up, so the
first page offers the ways in: the four agents with the cells the grid marks
as their key safety, the comparison rows, the user's latest bookmarks and
pages, and a few example questions that run a search. Everything here is
built from the repository's records (and the user's own lists); the page
writes no clinical sentence of its own, so rows the content gains later (a
Contraindications or Interactions row) show up here by themselves.
"""

from collections.abc import Sequence
from typing import NamedTuple
from urllib.parse import quote, unquote

from desktop_app.content.records import ComparisonCell, ComparisonGrid, ContentMeta, TocEntry
from desktop_app.rendering.effects import effect_label
from desktop_app.rendering.levels import level_name
from desktop_app.rendering.markup import escape

HOME_ADDRESS = "serm://home"
HOME_TITLE = "Home"
SEARCH_PREFIX = "serm://search?q="

# Effects that make a cell "key safety" on the home page, in the order shown: what
# restricts use first (contraindications, interactions once the content has them),
# then what the grid marks as a harm. Markers, not words: the data decides.
KEY_SAFETY_EFFECTS = ("restriction", "adverse")

# Questions, not answers: each is a link that runs a search for its words.
EXAMPLE_QUESTIONS = (
    "raloxifene and a DVT years ago",
    "which SERM is safest for the endometrium",
    "does ospemifene cause hot flushes",
    "tamoxifen stroke",
)


class Shortcut(NamedTuple):
    """A page the user kept or visited: its address and the title to show."""

    address: str
    title: str


# The latest bookmarks and the recent pages, as the home page lists them.
HomeLists = tuple[list[Shortcut], list[Shortcut]]


def is_home(address: str) -> bool:
    return address.strip().lower().rstrip("/") == HOME_ADDRESS


def search_address(query: str) -> str:
    """The link that runs a search for ``query`` (opened by the window, never a page)."""
    return SEARCH_PREFIX + quote(query)


def search_query(address: str) -> str | None:
    """The query of a search link, or None when ``address`` is not one."""
    if not address.lower().startswith(SEARCH_PREFIX):
        return None
    return unquote(address[len(SEARCH_PREFIX) :]).strip()


def key_safety_cells(grid: ComparisonGrid, agent: str) -> list[ComparisonCell]:
    """The agent's cells whose marker is a restriction or a harm, restrictions first."""
    column = [a.inn for a in grid.agents].index(agent)
    cells = [row[column] for row in grid.cells if row[column].has_data]
    return [c for effect in KEY_SAFETY_EFFECTS for c in cells if c.effect == effect]


def _link(address: str, text: str, title: str = "") -> str:
    extra = f' title="{escape(title)}"' if title else ""
    return f'<a href="{escape(address)}"{extra}>{escape(text)}</a>'


LISTS_PENDING = "Your personal lists are being opened."


def _shortcuts(items: Sequence[Shortcut] | None, empty: str) -> str:
    if items is None:  # the personal store is not open yet (see desktop_app.home_lists)
        return f'<p class="muted">{escape(LISTS_PENDING)}</p>'
    if not items:
        return f'<p class="muted">{escape(empty)}</p>'
    rows = "".join(f"<li>{_link(i.address, i.title or i.address)}</li>" for i in items)
    return f"<ul>{rows}</ul>"


def home_body(
    grid: ComparisonGrid,
    meta: ContentMeta,
    levels: Sequence[TocEntry],
    bookmarks: Sequence[Shortcut] | None = (),
    recent: Sequence[Shortcut] | None = (),
) -> str:
    """The home page's HTML body; ``levels`` are the contents' top entries.

    ``bookmarks`` and ``recent`` are ``None`` while the user's lists cannot be read yet.
    """
    out = [
        f'<p class="crumbs">Content edition {escape(meta.edition)} ({escape(meta.date)})</p>',
        f"<h1>{escape(HOME_TITLE)}</h1>",
        '<p class="muted">Type to search (Ctrl+K) — an agent, a topic, a question. '
        "Enter opens the first answer here; Ctrl+Enter opens it in a new tab.</p>",
        "<h2>Agents and their key safety</h2>",
        '<table class="grid" width="100%" cellspacing="0" cellpadding="5">'
        "<thead><tr><th>Agent</th><th>Key safety in the comparison grid</th></tr></thead>",
    ]
    for agent in grid.agents:
        items = []
        for cell in key_safety_cells(grid, agent.inn):
            caution = " ⚠" if cell.all_cautions else ""
            items.append(
                _link(cell.uri, cell.attribute_label, "Open this cell of the comparison")
                + f' <span class="muted">{escape(effect_label(cell.effect))}</span>'
                + f": {escape(cell.short)}{caution}"
            )
        shown = "<br/>".join(items) or '<span class="muted">none marked in the grid</span>'
        out.append(
            f'<tr><td valign="top"><span class="label">{_link(agent.uri, agent.name)}</span>'
            f"</td><td>{shown}</td></tr>"
        )
    out.append("</table>")
    out.append('<p class="muted">⚠ the cell carries an editorial caution: open it to read.</p>')
    rows = " · ".join(
        _link(a.uri, a.label, "Compare across the four agents") for a in grid.attributes
    )
    out.append(f"<h2>Compare across the four agents</h2><p>{rows}</p>")
    out.append("<h2>Example questions</h2><ul>")
    out += [
        f"<li>{_link(search_address(q), q, 'Search for these words')}</li>"
        for q in EXAMPLE_QUESTIONS
    ]
    out.append("</ul>")
    out.append(
        '<table width="100%" cellspacing="0" cellpadding="0"><tr>'
        '<td width="50%" valign="top"><h2>Latest bookmarks</h2>'
        + _shortcuts(bookmarks, "No bookmarks yet: Ctrl+D bookmarks the page you are on.")
        + '</td><td width="50%" valign="top"><h2>Recent pages</h2>'
        + _shortcuts(recent, "Pages you open are listed here.")
        + "</td></tr></table>"
    )
    out.append("<h2>The article</h2><ul>")
    for entry in levels:
        name = level_name(entry.slug, entry.heading)
        own = f' <span class="muted">(the article’s “{escape(entry.heading)}”)</span>'
        out.append(f"<li>{_link(entry.uri, name)}{own if name != entry.heading else ''}</li>")
    out.append("</ul>")
    return "".join(out)
