"""Whose value a comparison row's snippet quotes.

A comparison row is indexed as one unit, "Tamoxifen: … Raloxifene: … Bazedoxifene:
…", and its snippet is a fragment of that text. A fragment from the middle of a
value ("…Contraindicated in women with current or past deep vein thrombosis…")
would read as if it were about whichever drug the user typed; the snippet is
therefore prefixed with the name of the agent whose value it quotes.
"""

from __future__ import annotations

from collections.abc import Sequence

from desktop_app.content.search.records import Highlighted
from desktop_app.content.search.snippets import ELLIPSIS


def attributed(snippet: Highlighted, body: str, names: Sequence[str]) -> Highlighted:
    """The snippet, prefixed "Name: " when it does not already start with its agent's name."""
    fragment = snippet.text.strip(ELLIPSIS)
    start = body.find(fragment) if fragment else -1
    if start < 0:
        return snippet
    owner, owner_at = "", -1
    for name in names:
        at = body.rfind(f"{name}: ", 0, start + len(name) + 2)  # may start the fragment
        if at > owner_at:
            owner, owner_at = name, at
    if not owner or owner_at == start:  # no owner found, or the fragment names it already
        return snippet
    prefix = f"{owner}: "
    return Highlighted(
        prefix + snippet.text,
        tuple((begin + len(prefix), length) for begin, length in snippet.spans),
    )
