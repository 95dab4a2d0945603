"""What every printed or exported page says about where it came from.

A printout travels without the app, so each sheet names the content edition,
its date and the disclaimer, and the first sheet says where the page lives.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop_app.content.records import ContentMeta
from desktop_app.rendering.markup import escape
from desktop_app.rendering.pages import RenderedPage
from desktop_app.rendering.theme import LIGHT, html_document


@dataclass(frozen=True)
class Stamp:
    header: str  # top of every sheet
    footer: str  # bottom of every sheet, before the page number


def stamp_for(meta: ContentMeta, app_version: str, printed_on: date) -> Stamp:
    return Stamp(
        header=(
            f"SERM Reference {app_version} · content edition {meta.edition} ({meta.date})"
            f" · printed {printed_on.isoformat()}"
        ),
        footer=meta.disclaimer,
    )


def printable_html(page: RenderedPage, meta: ContentMeta, stamp: Stamp) -> str:
    """The page in light colours, opened by a box naming its address and edition."""
    notice = (
        '<table width="100%" cellspacing="0" cellpadding="0"><tr><td class="notice">'
        f"{escape(stamp.header)}<br/>"
        f"Address: {escape(page.address)}<br/>{escape(meta.disclaimer)}"
        "</td></tr></table>"
    )
    return html_document(notice + page.body, LIGHT, page.title)
