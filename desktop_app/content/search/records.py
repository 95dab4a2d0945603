"""Frozen records the search engine hands out.

Snippets travel as plain text plus the character spans of the matched words,
never as markup: the GUI escapes the text and adds its own emphasis, the
command line prints it as is, so nothing the user typed can become HTML.
"""

from __future__ import annotations

from dataclasses import dataclass

# The kinds a user can filter by. Key takeaways are blocks of their section and
# are found (and opened) as that section, scrolled to the takeaway.
KINDS = ("section", "agent", "comparison", "reference")
KIND_LABELS = {
    "section": "Section",
    "agent": "Agent",
    "comparison": "Comparison",
    "reference": "Reference",
}
# Shown with a result whose text carries an editorial caution (or is one).
CAUTION_MARK = "⚠ caution"
# How a result was found, best first: the order results are listed in.
MATCH_TIERS = ("exact", "prefix", "synonym", "most", "partial")


@dataclass(frozen=True)
class Highlighted:
    """Plain text and the (start, length) spans of the words that matched in it."""

    text: str
    spans: tuple[tuple[int, int], ...] = ()

    def matched_words(self) -> tuple[str, ...]:
        return tuple(self.text[start : start + length] for start, length in self.spans)


@dataclass(frozen=True)
class SearchResult:
    """One address, represented by its best-matching block.

    ``part`` says which part of the item matched best (a paragraph, a list item,
    a key takeaway, a table, an agent's profile or names, a comparison row or
    cell, a citation); ``block_position`` is the block of a section to scroll to.
    """

    uri: str
    kind: str
    title: Highlighted
    snippet: Highlighted
    score: float
    match: str
    part: str
    block_position: int | None = None
    cautioned: bool = False  # the shown text carries an editorial caution, or is one

    def as_json(self) -> dict[str, object]:
        return {
            "uri": self.uri,
            "kind": self.kind,
            "title": self.title.text,
            "snippet": self.snippet.text,
            "snippet_matches": [list(span) for span in self.snippet.spans],
            "score": round(self.score, 4),
            "match": self.match,
            "part": self.part,
            "block_position": self.block_position,
            "cautioned": self.cautioned,
        }


@dataclass(frozen=True)
class Correction:
    """A typed word that matched nothing, and the indexed word searched instead."""

    typed: str
    corrected: str


@dataclass(frozen=True)
class SearchResponse:
    """Everything a caller needs to show one search: results, what was corrected, what to mark.

    ``corrected_query`` is set only when the search ran on other words than
    those typed ("Showing results for ..."); ``suggestion`` is a query only
    offered ("Did you mean ..."), when a real word matched nothing; ``terms``
    are words worth marking on the opened page; ``other_kinds`` names kinds
    that would have had results when a kind filter left none;
    ``timed_out`` says the time budget cut the search short.
    """

    query: str
    results: tuple[SearchResult, ...] = ()
    corrections: tuple[Correction, ...] = ()
    corrected_query: str | None = None
    suggestion: str | None = None
    terms: tuple[str, ...] = ()
    other_kinds: tuple[str, ...] = ()
    timed_out: bool = False
    searched_words: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not self.results
