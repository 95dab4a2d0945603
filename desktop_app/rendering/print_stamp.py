"""What every printed or exported page says about where it came from.

A printout travels without the app, so each sheet names the content edition,
its date and the disclaimer, and the first sheet says where the page lives.
"""

import re
from datetime import date
from typing import NamedTuple

from desktop_app.content.records import ContentMeta
from desktop_app.rendering.markup import escape
from desktop_app.rendering.pages import SCREEN_ONLY_END, SCREEN_ONLY_START, RenderedPage
from desktop_app.rendering.theme import LIGHT, html_document


class Stamp(NamedTuple):
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


_SCREEN_ONLY = re.compile(re.escape(SCREEN_ONLY_START) + ".*?" + re.escape(SCREEN_ONLY_END), re.S)
MY_NOTE = "My note"
NOTE_CAVEAT = "The reader's own note on this page, not part of the reference content."


def paper_body(body: str) -> str:
    """The page body without what only works on screen (Previous/Next links)."""
    return _SCREEN_ONLY.sub("", body)


def note_html(text: str) -> str:
    """The user's note, set apart from the content and said to be theirs."""
    lines = "<br/>".join(escape(line) for line in text.strip().splitlines())
    return (
        f'<h2>{MY_NOTE}</h2><p class="muted">{escape(NOTE_CAVEAT)}</p>'
        '<table width="100%" cellspacing="0" cellpadding="0"><tr>'
        f'<td class="notice">{lines}</td></tr></table>'
    )


def printable_html(page: RenderedPage, meta: ContentMeta, stamp: Stamp, note: str = "") -> str:
    """The page in light colours for paper: opened by a box naming its address and
    edition, without navigation, and followed by the user's note when one is given."""
    notice = (
        '<table width="100%" cellspacing="0" cellpadding="0"><tr><td class="notice">'
        f"{escape(stamp.header)}<br/>"
        f"Address: {escape(page.address)}<br/>{escape(meta.disclaimer)}"
        "</td></tr></table>"
    )
    body = notice + paper_body(page.body) + (note_html(note) if note.strip() else "")
    return html_document(body, LIGHT, page.title)
