"""Inline markup of a block of article text: insertions, cautions and links.

The article's words are never changed. Editorial insertions are wrapped in
visible square brackets and italics (not colour alone) with the tooltip the
editors asked for; statements an editor flagged are underlined and followed by
a numbered caution marker that links to the note printed under the block.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import TYPE_CHECKING

from desktop_app.content.records import CautionMark

if TYPE_CHECKING:
    from desktop_app.content.page_records import Insertion
    from desktop_app.rendering.links import Link, LinkFinder

INSERTION_TOOLTIP = "editorial insertion — missing from the source text"


class PageContext:
    """What one page has emitted so far: caution numbers and already-linked targets.

    A plain class, not a dataclass: it is defined before the window's first paint.
    """

    __slots__ = ("cautions", "linked", "links", "self_address")

    def __init__(
        self,
        links: LinkFinder | None = None,
        self_address: str = "",
        cautions: list[tuple[int, CautionMark]] | None = None,
        linked: set[str] | None = None,
    ) -> None:
        self.links = links
        self.self_address = self_address
        self.cautions: list[tuple[int, CautionMark]] = [] if cautions is None else cautions
        self.linked: set[str] = set() if linked is None else linked

    def number_caution(self, mark: CautionMark) -> int:
        number = len(self.cautions) + 1
        self.cautions.append((number, mark))
        return number


def escape(text: str) -> str:
    """``html.escape(text, quote=True)``, written out: the ``html`` package imports
    its table of 2,231 entities with it, ~1.5 ms before the first paint."""
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#x27;")
    )


def caution_tooltip(mark: CautionMark) -> str:
    return f"Editorial caution ({mark.caution.verdict}): {mark.caution.note}"


def _segment_tooltip(insertion: bool, cautions: Sequence[CautionMark]) -> str:
    parts = [caution_tooltip(m) for m in cautions]
    if insertion:
        parts.insert(0, INSERTION_TOOLTIP)
    return "\n".join(parts)


def inline_html(
    text: str,
    context: PageContext,
    insertions: Sequence[Insertion] = (),
    cautions: Sequence[CautionMark] = (),
    autolink: bool = True,
) -> tuple[str, list[tuple[int, CautionMark]]]:
    """Text with its marks as HTML, and the numbered cautions it introduced.

    The text is cut at every mark boundary; each piece is wrapped in the spans
    of the marks covering it, so overlapping marks never produce broken nesting.
    """
    spans_ins = [(i.start, i.start + i.length) for i in insertions]
    spans_caution = [(m.start, m.start + m.length, m) for m in cautions]
    boundaries = {0, len(text)}
    for start, end in spans_ins:
        boundaries.update((start, end))
    for start, end, _ in spans_caution:
        boundaries.update((start, end))
    links: list[Link] = []
    if autolink and context.links is not None:
        links = context.links.find(text, boundaries, context.linked, context.self_address)
        for link in links:
            boundaries.update((link.start, link.end))
    cuts = sorted(b for b in boundaries if 0 <= b <= len(text))
    introduced: list[tuple[int, CautionMark]] = []
    out: list[str] = []
    for a, b in itertools.pairwise(cuts):
        for start, _end in spans_ins:
            if start == a:
                out.append('<span class="ins-mark">[</span>')
        piece = escape(text[a:b])
        in_insertion = any(s <= a and b <= e for s, e in spans_ins)
        active = [m for s, e, m in spans_caution if s <= a and b <= e]
        covering = next((k for k in links if k.start <= a and b <= k.end), None)
        if covering is not None:
            piece = (
                f'<a href="{escape(covering.href)}" title="{escape(covering.title)}">{piece}</a>'
            )
        tooltip = _segment_tooltip(in_insertion, active)
        if in_insertion:
            piece = f'<span class="ins" title="{escape(tooltip)}">{piece}</span>'
        if active:
            title = "" if in_insertion else f' title="{escape(tooltip)}"'
            piece = f'<span class="flagged"{title}>{piece}</span>'
        out.append(piece)
        for _start, end in spans_ins:
            if end == b:
                out.append('<span class="ins-mark">]</span>')
        for _start, end, mark in spans_caution:
            if end == b:
                number = context.number_caution(mark)
                introduced.append((number, mark))
                out.append(
                    f' <a class="caution-mark" href="#caution-{number}"'
                    f' title="{escape(caution_tooltip(mark))}">⚠&nbsp;caution&nbsp;{number}</a>'
                )
    return "".join(out), introduced


def caution_notes_html(notes: Sequence[tuple[int, CautionMark]]) -> str:
    """The notes under a block: verdict, the editor's note and its sources."""
    if not notes:
        return ""
    rows = []
    for number, mark in notes:
        sources = "; ".join(escape(s.citation) for s in mark.caution.sources)
        rows.append(
            f'<tr><td class="caution"><a name="caution-{number}"></a>'
            f'<span class="caution-mark">⚠ Editorial caution {number}'
            f" ({escape(mark.caution.verdict)})</span> on “{escape(mark.quote)}”<br/>"
            f"{escape(mark.caution.note)}"
            + (f'<br/><span class="muted">Sources: {sources}</span>' if sources else "")
            + "</td></tr>"
        )
    return (
        '<table width="100%" cellspacing="0" cellpadding="0" style="margin-bottom: 8px;">'
        + "".join(rows)
        + "</table>"
    )
