"""HTML for restrictions on use: a list cell's items, an agent's Key safety block, and the
link from a VTE cell to the agent's contraindications.

Shared by the pages and the Compare tab's detail pane (Qt-free, like every
module here), so an item reads the same wherever it appears: every item, in the
editors' words, with its scope, its advice and its sources.
"""

from __future__ import annotations

from desktop_app.content.compare.wording import ADDED
from desktop_app.content.records import CellItem, ComparisonCell, ComparisonGrid
from desktop_app.content.restrictions import (
    CONTRAINDICATIONS,
    KeySafety,
    applies_to_shown,
    ordered,
    restriction_link,
    scope_groups,
    thrombosis_items,
)
from desktop_app.rendering.markup import escape

KEY_SAFETY_HEADING = "Key safety"


def _sources(item: CellItem, with_citations: bool) -> str:
    if with_citations:
        cited = "; ".join(f"<b>{escape(s.key)}</b> — {escape(s.citation)}" for s in item.sources)
    else:
        cited = ", ".join(escape(s.key) for s in item.sources)
    return f'<br/><span class="sources">Sources: {cited}</span>' if cited else ""


def item_html(
    item: CellItem,
    *,
    with_sources: bool = False,
    with_citations: bool = False,
    with_scope: bool = True,
) -> str:
    """One item as a list entry's content: what, for which use or with what advice, why."""
    if item.kind == "interaction":
        text = f"<b>{escape(item.other)}</b>: <b>{escape(item.advice)}</b> — {escape(item.why)}"
    else:
        text = escape(item.text)
        scope = applies_to_shown(item) if with_scope else ""
        if scope:
            text += f' <span class="muted">— applies to: {escape(scope)}</span>'
    if with_sources:
        text += _sources(item, with_citations)
    return text


def grouped_html(items: tuple[CellItem, ...]) -> str:
    """Contraindications or label warnings, under the use each group applies to."""
    parts = []
    for heading, chosen in scope_groups(items):
        if heading:
            parts.append(f"<p><i>{escape(heading)}:</i></p>")
        entries = "".join(f"<li>{item_html(i, with_scope=False)}</li>" for i in chosen)
        parts.append(f"<ul>{entries}</ul>")
    return "".join(parts)


def items_html(cell: ComparisonCell, *, with_citations: bool = False) -> str:
    """Every item of a list cell, avoid-first for interactions; label warnings kept apart."""
    items = ordered(cell.items)
    interactions = [i for i in items if i.kind == "interaction"]
    contraindications = [i for i in items if i.kind == "contraindication"]
    warnings = [i for i in items if i.kind == "label_warning"]
    parts = []
    if interactions:
        entries = "".join(
            f"<li>{item_html(i, with_sources=True, with_citations=with_citations)}</li>"
            for i in interactions
        )
        parts.append(f"<p>Combinations to avoid first, then those to watch:</p><ul>{entries}</ul>")
    if contraindications:
        parts.append("<p><b>Contraindicated in:</b></p>" + grouped_html(tuple(contraindications)))
    if warnings:
        parts.append(
            "<p><b>Label warnings (not listed as contraindications):</b></p>"
            + grouped_html(tuple(warnings))
        )
    return "".join(parts)


def related_contraindications_html(cell: ComparisonCell, grid: ComparisonGrid) -> str:
    """For a VTE cell (and a cell marked as a restriction): the agent's contraindications
    that concern thrombosis, and a link to all of them; '' for other cells."""
    address = restriction_link(cell)
    if not address or CONTRAINDICATIONS not in [a.key for a in grid.attributes]:
        return ""
    target = grid.cell(CONTRAINDICATIONS, cell.agent)
    link = f'<a href="{escape(address)}">{escape(cell.agent_name)}: all contraindications</a>'
    related = thrombosis_items(target) if cell.attribute == "vte" else ()
    if not related:
        return f'<p class="restriction">See {link} <i>({escape(ADDED)})</i>.</p>'
    entries = "".join(f"<li>{item_html(i)}</li>" for i in related)
    return (
        f'<p class="restriction"><b>Contraindicated</b> <i>({escape(ADDED)}; label)</i>:</p>'
        f"<ul>{entries}</ul><p>See {link}.</p>"
    )


def key_safety_html(safety: KeySafety, agent_name: str) -> str:
    """The block an agent page opens with; '' when the agent has nothing to list."""
    parts = []
    cell = safety.contraindications
    if cell is not None:
        parts.append(
            f'<p><b><a href="{escape(cell.uri)}">Contraindications</a></b> '
            f'<span class="muted">({escape(ADDED)}; sources in the cell)</span></p>'
            + grouped_html(safety.contraindication_items)
        )
        if safety.label_warnings:
            parts.append(
                f'<p><b><a href="{escape(cell.uri)}">Label warnings</a></b> '
                '<span class="muted">(not listed as contraindications)</span></p>'
                + grouped_html(safety.label_warnings)
            )
    if safety.boxed_warnings:
        entries = "".join(
            f'<li><a href="{escape(c.uri)}">{escape(c.attribute_label)}</a>: {escape(c.short)}</li>'
            for c in safety.boxed_warnings
        )
        parts.append(
            '<p><b>Boxed warnings</b> <span class="muted">(as the grid states them)</span></p>'
            f"<ul>{entries}</ul>"
        )
    if safety.interactions is not None:
        link = f'<a href="{escape(safety.interactions.uri)}">'
        if safety.avoid:
            entries = "".join(f"<li>{item_html(i)}</li>" for i in safety.avoid)
            parts.append(
                f"<p><b>{link}Interactions to avoid</a></b> "
                f'<span class="muted">({escape(ADDED)}; every interaction in the cell)</span></p>'
                f"<ul>{entries}</ul>"
            )
        else:
            count = len(safety.interactions.items)
            parts.append(
                f"<p><b>{link}Interactions</a></b>: {count} listed, each with the label's advice "
                f'(none worded “avoid” or “do not use together”). <span class="muted">'
                f"({escape(ADDED)})</span></p>"
            )
    if not parts:
        return ""
    return (
        f'<a name="key-safety"></a><h2>{KEY_SAFETY_HEADING}</h2>'
        f'<p class="muted">What to check before prescribing {escape(agent_name)}, from the '
        "product labels (not from the source article); each heading opens its cell of the "
        "comparison with the sources.</p>" + "".join(parts) + "<hr/>"
    )
