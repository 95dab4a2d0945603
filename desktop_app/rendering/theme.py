"""Colours and the style sheet of rendered pages, for light and dark reading.

QTextDocument understands a small CSS subset, so the style sheet sticks to
what it renders (colours, backgrounds, borders on table cells, font weight and
style). Sizes are relative (heading tags, ``font-size`` keywords) so the
reader's zoom, which scales the document's default font, scales everything.
"""

import sys
from typing import NamedTuple

from desktop_app.rendering.markup import escape


class PageColours(NamedTuple):
    """One palette for a page; every marker also has a non-colour cue."""

    name: str
    text: str
    background: str
    muted: str
    link: str
    border: str
    header_background: str
    insertion_background: str
    insertion_mark: str
    caution_text: str
    caution_background: str
    callout_background: str
    callout_border: str
    added_background: str
    notice_background: str


LIGHT = PageColours(
    name="light",
    text="#1d1f23",
    background="#ffffff",
    muted="#5b6069",
    link="#0b57b0",
    border="#b9bec7",
    header_background="#eef1f5",
    insertion_background="#fff1c2",
    insertion_mark="#7a5a00",
    caution_text="#8a3b00",
    caution_background="#fff4ea",
    callout_background="#ecf6ef",
    callout_border="#2e7d4f",
    added_background="#eef3fb",
    notice_background="#f3f4f6",
)

DARK = PageColours(
    name="dark",
    text="#e3e5e8",
    background="#1e2126",
    muted="#a2a8b2",
    link="#8ab8ff",
    border="#4a505a",
    header_background="#2a2f36",
    insertion_background="#4a3f16",
    insertion_mark="#f0cf6a",
    caution_text="#ffb27a",
    caution_background="#3a2a1e",
    callout_background="#1f3328",
    callout_border="#5cc18a",
    added_background="#23303f",
    notice_background="#2a2d33",
)


def page_font_family(system: str = sys.platform) -> str:
    """A CSS ``font-family`` declaration for page text, or nothing to use the system's.

    Linux and macOS give Qt a sans-serif default through fontconfig and Core
    Text. On Windows (and under Wine) a QTextDocument without a named family
    can fall back to a serif face, so name Windows 10/11's interface face, then
    Arial, which every Windows has.
    """
    return 'font-family: "Segoe UI", Arial, sans-serif; ' if system == "win32" else ""


def page_stylesheet(colours: PageColours) -> str:
    c = colours
    return f"""
body {{ {page_font_family()}color: {c.text}; background-color: {c.background}; }}
a {{ color: {c.link}; }}
h1 {{ font-size: xx-large; font-weight: 600; margin-top: 4px; margin-bottom: 6px; }}
h2 {{ font-size: x-large; font-weight: 600; margin-top: 18px; margin-bottom: 6px; }}
h3 {{ font-size: large; font-weight: 600; margin-top: 14px; margin-bottom: 4px; }}
p {{ margin-top: 6px; margin-bottom: 8px; line-height: 135%; }}
li {{ margin-bottom: 6px; line-height: 135%; }}
.crumbs {{ color: {c.muted}; }}
.muted {{ color: {c.muted}; }}
.ins {{ font-style: italic; background-color: {c.insertion_background}; }}
.ins-mark {{ color: {c.insertion_mark}; font-weight: 600; }}
.flagged {{ text-decoration: underline; color: {c.caution_text}; }}
.caution-mark {{ color: {c.caution_text}; font-weight: 600; }}
td.caution {{ background-color: {c.caution_background}; border-left: 4px solid {c.caution_text};
  padding: 6px; }}
td.callout {{ background-color: {c.callout_background}; border-left: 4px solid {c.callout_border};
  padding: 10px; }}
td.notice {{ background-color: {c.notice_background}; padding: 8px; }}
table.grid {{ border-collapse: collapse; border-color: {c.border}; }}
table.grid td, table.grid th {{ border: 1px solid {c.border}; padding: 5px; }}
table.grid th {{ background-color: {c.header_background}; font-weight: 600; }}
td.added {{ background-color: {c.added_background}; }}
.label {{ font-weight: 600; }}
.sources {{ color: {c.muted}; }}
.pager {{ color: {c.muted}; }}
"""


def html_document(body: str, colours: PageColours, title: str = "") -> str:
    """A complete HTML document: the style sheet travels with the page (and the printout)."""
    return (
        "<html><head><meta charset='utf-8'>"
        f"<title>{escape(title)}</title>"
        f"<style>{page_stylesheet(colours)}</style></head>"
        f"<body>{body}</body></html>"
    )
