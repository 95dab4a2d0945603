"""Full-text search over the content database: the right place in the top three, safely.

How a query runs (each step is explained where it lives):

1. ``search_query.parse`` normalises the text, drops function words, groups
   words into concepts using the ``synonyms`` table, and marks the last word as
   a prefix while it is being typed.
2. A word that matches nothing and has no synonym is corrected against the
   index vocabulary (``search_spelling``); the response says so.
3. Tiers run in order, each an FTS5 query ranked by bm25 (titles and names
   above body text; agents and comparison cells above sections, sections above
   bare reference titles): every word as typed; then with the last word as a
   prefix; then with synonyms; and, only when all of those found nothing, any
   word. Results of an earlier tier always rank above those of a later one, so
   exact hits rank above synonym hits. Tiers stop as soon as ``limit`` is met.
4. Blocks are grouped by address (one result per ``serm://`` address, shown by
   its best block), and FTS5 marks the matched words in titles and snippets.

Every statement is parameterised and LIMITed, and a progress handler aborts
any statement that runs past the time budget, so no input can hang the caller.
"""

from __future__ import annotations

import logging
import re
import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any

from desktop_app.content.records import NOT_COVERED
from desktop_app.content.repository import ContentRepository
from desktop_app.content.search_query import Group, ParsedQuery, Synonyms, Term, parse
from desktop_app.content.search_query import synonym_table as build_synonym_table
from desktop_app.content.search_records import (
    KINDS,
    Correction,
    Highlighted,
    SearchResponse,
    SearchResult,
)
from desktop_app.content.search_spelling import SpellingIndex
from desktop_app.content.search_text import fold_plural, normalise

log = logging.getLogger(__name__)

DEFAULT_LIMIT = 20
MAX_LIMIT = 200
DEFAULT_TIME_BUDGET = 0.25  # seconds for one search, all statements together
PROGRESS_STEPS = 1000  # SQLite VM steps between two looks at the clock
MAX_GROUPS_FOR_MOST = 6  # "all words but one" is tried for up to this many concepts

# bm25 weight of each FTS5 column: title, keywords (brands, codes), body.
COLUMN_WEIGHTS = (10.0, 8.0, 1.0)
# Multiplier on bm25 by kind: an agent's profile or a comparison cell answers a
# question better than a section paragraph, which beats a reference's title.
KIND_WEIGHTS = {"agent": 2.0, "comparison": 1.5, "section": 1.0, "reference": 0.5}

_MARK_START, _MARK_END = "\x02", "\x03"
_ELLIPSIS = "…"
_SNIPPET_TOKENS = 18
ALSO_KNOWN_AS = "Also known as: "

_WEIGHT_SQL = (
    "CASE u.kind "
    + " ".join(f"WHEN '{kind}' THEN {weight}" for kind, weight in KIND_WEIGHTS.items())
    + " ELSE 1.0 END"
)
# bm25() only works in the FTS5 query itself, so it is materialised before grouping.
_RANK_SQL = (
    "WITH matched AS MATERIALIZED ("
    " SELECT u.uri, u.id, bm25(search_units_fts, {columns}) * {weight} AS score"
    " FROM search_units_fts JOIN search_units AS u ON u.id = search_units_fts.rowid"
    " WHERE search_units_fts MATCH ?{kind_filter})"
    " SELECT uri, id, min(score) AS best FROM matched GROUP BY uri ORDER BY best LIMIT ?"
)
_DETAIL_SQL = (
    "SELECT u.id, u.uri, u.kind, u.part, u.title, u.block_position,"
    " highlight(search_units_fts, 0, char(2), char(3)),"
    " highlight(search_units_fts, 1, char(2), char(3)),"
    f" snippet(search_units_fts, 2, char(2), char(3), '{_ELLIPSIS}', {_SNIPPET_TOKENS}),"
    " u.body"
    " FROM search_units_fts JOIN search_units AS u ON u.id = search_units_fts.rowid"
    " WHERE search_units_fts MATCH ? AND search_units_fts.rowid IN ({ids})"
)


class SearchTimeout(Exception):
    """The time budget ran out; results found so far are kept."""


@dataclass
class _Hit:
    uri: str
    unit_id: int
    score: float
    tier: str
    expression: str


class SearchEngine:
    """Ranked, typo-tolerant search over one open content database.

    Qt-free and synchronous: one search on the bundled content takes well under
    a millisecond (see ``bench/search.py``), so the GUI calls it directly after
    a short debounce. Not thread-safe: it shares the repository's connection.
    """

    def __init__(
        self, connection: sqlite3.Connection, *, time_budget: float = DEFAULT_TIME_BUDGET
    ) -> None:
        self._db = connection
        self.time_budget = time_budget
        self._deadline = 0.0
        weights = ", ".join(str(w) for w in COLUMN_WEIGHTS)
        self._rank_sql = {
            count: _RANK_SQL.format(
                columns=weights,
                weight=_WEIGHT_SQL,
                kind_filter=f" AND u.kind IN ({','.join('?' * count)})" if count else "",
            )
            for count in range(len(KINDS) + 1)
        }

    @classmethod
    def from_repository(cls, repository: ContentRepository, **options: float) -> SearchEngine:
        return cls(repository.connection, **options)

    # -- lookups built once ---------------------------------------------------------------

    @cached_property
    def synonyms(self) -> Synonyms:
        rows = self._db.execute("SELECT term, expansion FROM synonyms ORDER BY rowid").fetchall()
        return build_synonym_table(rows)

    @cached_property
    def spelling(self) -> SpellingIndex:
        """Built on the first word that needs correcting, not at start-up."""
        return SpellingIndex(
            self._db.execute("SELECT word, frequency FROM search_vocabulary").fetchall()
        )

    # -- the search -----------------------------------------------------------------------

    def search(
        self, query: str, *, kinds: Iterable[str] | None = None, limit: int = DEFAULT_LIMIT
    ) -> SearchResponse:
        """Search; never raises for any ``query`` text, and returns at most ``limit`` results.

        ``kinds`` restricts results to some of ``KINDS`` (None or empty: all).
        """
        wanted = tuple(k for k in KINDS if k in set(kinds or ()))
        limit = max(1, min(int(limit), MAX_LIMIT))
        parsed = parse(query, self.synonyms)
        if not parsed.groups:
            return SearchResponse(query=query)
        self._deadline = time.perf_counter() + self.time_budget
        self._db.set_progress_handler(self._past_deadline, PROGRESS_STEPS)
        timed_out = False
        hits: list[_Hit] = []
        results: tuple[SearchResult, ...] = ()
        corrections: list[Correction] = []
        other_kinds: tuple[str, ...] = ()
        try:
            parsed, corrections = self._correct(parsed)
            hits = self._ranked(parsed, wanted, limit)
            results = self._details(hits)
            if not results and wanted:
                other_kinds = self._kinds_with_hits(parsed)
        except SearchTimeout:
            timed_out = True
            log.warning(
                "search for %r stopped at the %.0f ms budget", query[:80], 1000 * self.time_budget
            )
        finally:
            self._db.set_progress_handler(None, 0)
        return SearchResponse(
            query=query,
            results=results,
            corrections=tuple(corrections),
            corrected_query=_corrected_text(query, corrections),
            terms=_terms(parsed, results),
            other_kinds=other_kinds,
            timed_out=timed_out,
            searched_words=parsed.words,
        )

    def _past_deadline(self) -> int:
        return 1 if time.perf_counter() > self._deadline else 0

    def _execute(self, sql: str, parameters: tuple[object, ...]) -> list[Any]:
        try:
            return self._db.execute(sql, parameters).fetchall()
        except sqlite3.OperationalError as error:
            if "interrupted" in str(error):
                raise SearchTimeout from error
            raise

    # -- typo correction ------------------------------------------------------------------

    def _has_hits(self, term: Term) -> bool:
        return bool(
            self._execute(
                "SELECT rowid FROM search_units_fts WHERE search_units_fts MATCH ? LIMIT 1",
                (term.fts(),),
            )
        )

    def _correct(self, parsed: ParsedQuery) -> tuple[ParsedQuery, list[Correction]]:
        """Replace each single word that matches nothing (and means nothing) by its correction."""
        groups: list[Group] = []
        corrections: list[Correction] = []
        for group in parsed.groups:
            word = group.words[0]
            if group.synonyms or len(group.words) > 1 or len(word.tokens) > 1:
                groups.append(group)
                continue
            if self._has_hits(word) or (
                word.prefix and self._has_hits(replace(word, prefix=False))
            ):
                groups.append(group)
                continue
            fixed = self.spelling.correct(word.tokens[0])
            if fixed is None:
                groups.append(group)
                continue
            corrections.append(Correction(word.tokens[0], fixed))
            expansions = self.synonyms.get((fold_plural(fixed),), ())
            groups.append(Group((Term((fixed,)),), tuple(Term(e) for e in expansions)))
        return ParsedQuery(tuple(groups)), corrections

    # -- ranking --------------------------------------------------------------------------

    def _tiers(self, parsed: ParsedQuery) -> list[tuple[str, str]]:
        tiers = {parsed.exact(): "exact"}
        if parsed.has_prefix:
            tiers.setdefault(parsed.prefixed(), "prefix")
        if parsed.has_synonyms:
            tiers.setdefault(parsed.expanded(), "synonym")
        if 2 < len(parsed.groups) <= MAX_GROUPS_FOR_MOST:
            tiers.setdefault(parsed.all_but_one(), "most")
        if len(parsed.groups) > 1:
            tiers.setdefault(parsed.any_word(), "partial")
        return [(name, expression) for expression, name in tiers.items()]

    def _rank(
        self, expression: str, kinds: tuple[str, ...], limit: int
    ) -> list[tuple[str, int, float]]:
        rows = self._execute(self._rank_sql[len(kinds)], (expression, *kinds, limit))
        return [(str(u), int(i), float(s)) for u, i, s in rows]

    def _ranked(self, parsed: ParsedQuery, kinds: tuple[str, ...], limit: int) -> list[_Hit]:
        hits: dict[str, _Hit] = {}
        for name, expression in self._tiers(parsed):
            if name in ("most", "partial") and hits:
                break
            for uri, unit_id, score in self._rank(expression, kinds, limit + len(hits)):
                if uri not in hits:
                    hits[uri] = _Hit(uri, unit_id, -score, name, expression)
                    if len(hits) == limit:
                        return list(hits.values())
        return list(hits.values())

    def _kinds_with_hits(self, parsed: ParsedQuery) -> tuple[str, ...]:
        found = {self._kind_of(hit.unit_id) for hit in self._ranked(parsed, (), 50)}
        return tuple(k for k in KINDS if k in found)

    def _kind_of(self, unit_id: int) -> str:
        rows = self._execute("SELECT kind FROM search_units WHERE id = ?", (unit_id,))
        return str(rows[0][0]) if rows else ""

    # -- snippets -------------------------------------------------------------------------

    def _details(self, hits: list[_Hit]) -> tuple[SearchResult, ...]:
        by_expression: dict[str, list[_Hit]] = {}
        for hit in hits:
            by_expression.setdefault(hit.expression, []).append(hit)
        rows: dict[int, Any] = {}
        for expression, group in by_expression.items():
            ids = [hit.unit_id for hit in group]
            sql = _DETAIL_SQL.format(ids=",".join("?" * len(ids)))
            for row in self._execute(sql, (expression, *ids)):
                rows[int(row[0])] = row
        results = []
        for hit in hits:
            row = rows.get(hit.unit_id)
            if row is None:  # cannot happen: the unit matched this expression a moment ago
                continue
            _id, uri, kind, part, title, block, title_marked, names, snippet, body = row
            results.append(
                SearchResult(
                    uri=str(uri),
                    kind=str(kind),
                    title=_unmark(str(title_marked)) if title_marked else Highlighted(str(title)),
                    snippet=_snippet(str(snippet or ""), str(names or ""), str(body or "")),
                    score=hit.score,
                    match=hit.tier,
                    part=str(part),
                    block_position=block if isinstance(block, int) else None,
                )
            )
        return tuple(results)


def _unmark(marked: str) -> Highlighted:
    """Turn FTS5's marker characters into plain text plus (start, length) spans."""
    text: list[str] = []
    spans: list[tuple[int, int]] = []
    length = 0
    start: int | None = None
    for char in marked:
        if char == _MARK_START:
            start = length
        elif char == _MARK_END:
            if start is not None and length > start:
                spans.append((start, length - start))
            start = None
        else:
            text.append(char)
            length += 1
    return Highlighted("".join(text), tuple(spans))


def _snippet(body_snippet: str, names_marked: str, body: str) -> Highlighted:
    """The body's best fragment; the matched names instead when only the names matched."""
    snippet = _unmark(body_snippet)
    if not snippet.spans and _MARK_START in names_marked:
        names = _unmark(names_marked)
        shift = len(ALSO_KNOWN_AS)
        return Highlighted(
            ALSO_KNOWN_AS + names.text, tuple((s + shift, n) for s, n in names.spans)
        )
    if not snippet.text and body:
        return Highlighted(body[:160])
    return snippet


def _corrected_text(query: str, corrections: list[Correction]) -> str | None:
    """The query as searched, for "Showing results for ...": each corrected word replaced."""
    if not corrections:
        return None
    text = " ".join(normalise(query[:200]).split())
    for correction in corrections:
        text = re.sub(rf"\b{re.escape(correction.typed)}\b", correction.corrected, text, count=1)
    return text


def _terms(parsed: ParsedQuery, results: tuple[SearchResult, ...]) -> tuple[str, ...]:
    """Words worth marking on an opened page: the words searched and every form that matched."""
    found = [w for w in parsed.words if len(w) > 1 and " " not in w]
    for result in results:
        for highlighted in (result.title, result.snippet):
            found += [w.casefold() for w in highlighted.matched_words()]
    cleaned = (" ".join(w.split()) for w in found)
    return tuple(dict.fromkeys(w for w in cleaned if w and w != NOT_COVERED))
