"""Full-text search over the content database: the right place in the top three, safely.

How a query runs (each step is explained where it lives):

1. ``search_query.parse`` normalises the text, drops function words, groups
   words into concepts using the ``synonyms`` table, and marks the last word as
   a prefix while it is being typed.
2. A word that matches nothing and has no synonym is corrected against the
   index vocabulary (``search_spelling``); the response says so. A real
   English word (``search.english``) is never replaced: it stays the user's
   word (the "all concepts but one" tier answers without it) and the closest
   indexed word is only offered, as ``suggestion`` ("Did you mean ...").
3. Tiers run in order, each an FTS5 query ranked by bm25 (titles and names
   above body text; agents and comparison cells above sections, sections above
   bare reference titles): every word as typed; then with the last word as a
   prefix; then with synonyms; and, only when all of those found nothing, all
   concepts but one, then any word. Results of an earlier tier always rank
   above those of a later one, so exact hits rank above synonym hits. Tiers
   stop as soon as ``limit`` results are found.
4. Blocks are grouped by address (one result per ``serm://`` address, shown by
   its best block), and the matched words of titles and snippets are marked
   (``snippets``).

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

from desktop_app.content.addresses import COMPARE_PREFIX
from desktop_app.content.records import NOT_COVERED
from desktop_app.content.repository import ContentRepository
from desktop_app.content.search.attribution import attributed
from desktop_app.content.search.english import is_english_word
from desktop_app.content.search.query import (
    MIN_PREFIX,
    Group,
    ParsedQuery,
    Synonyms,
    Term,
    parse,
)
from desktop_app.content.search.query import synonym_table as build_synonym_table
from desktop_app.content.search.records import (
    KINDS,
    Correction,
    SearchResponse,
    SearchResult,
)
from desktop_app.content.search.snippets import marked_sql, title_and_snippet
from desktop_app.content.search.spelling import SpellingIndex
from desktop_app.content.search.text import fold_plural, normalise

log = logging.getLogger(__name__)

DEFAULT_LIMIT = 20
MAX_LIMIT = 200
DEFAULT_TIME_BUDGET = 0.25  # seconds for one search, all statements together
PROGRESS_STEPS = 1000  # SQLite VM steps between two looks at the clock
CANDIDATES = 1000  # matching units ranked per statement (see _RANK_SQL)
COMMON_SHARE = 1 / 3  # a concept in more units than this does not rank a fallback query
MAX_GROUPS_FOR_MOST = 6  # "all concepts but one" is tried for up to this many
# Prefixes of 2-3 characters use FTS5's prefix indexes (prefix="2 3"); longer
# ones are completed to whole words from the vocabulary, up to this many.
MAX_COMPLETIONS = 40

# bm25 weight of each FTS5 column: title, keywords (brands, codes), body.
COLUMN_WEIGHTS = (10.0, 8.0, 1.0)
# Multiplier on bm25 by kind: an agent's profile or a comparison cell answers a
# question better than a section paragraph, which beats a reference's title.
KIND_WEIGHTS = {"agent": 2.0, "comparison": 1.5, "section": 1.0, "reference": 0.5}

_WEIGHT_SQL = (
    "CASE u.kind "
    + " ".join(f"WHEN '{kind}' THEN {weight}" for kind, weight in KIND_WEIGHTS.items())
    + " ELSE 1.0 END"
)
# bm25() only works in the FTS5 query itself, so it is materialised before grouping.
# FTS5 yields matches in rowid order and the build numbers units by importance
# (agents, comparison, sections, references), so the LIMIT inside keeps the most
# important CANDIDATES matches and the cost of a query stays bounded however
# large the corpus; below that many matches (always, for the shipped content)
# the ranking is exact.
_RANK_SQL = (
    "WITH matched AS MATERIALIZED ("
    " SELECT u.uri, u.id, bm25(search_units_fts, {columns}) * {weight} AS score"
    " FROM search_units_fts JOIN search_units AS u ON u.id = search_units_fts.rowid"
    " WHERE search_units_fts MATCH ?{kind_filter} LIMIT {candidates})"
    " SELECT uri, id, min(score) AS best FROM matched GROUP BY uri ORDER BY best LIMIT ?"
)


class SearchTimeout(Exception):
    """The time budget ran out: the search answers "no results, timed out" rather than wait."""


@dataclass
class _Hit:
    uri: str
    unit_id: int
    score: float
    tier: str
    expression: str


class SearchEngine:
    """Ranked, typo-tolerant search over one open content database.

    Qt-free and synchronous: one search on the bundled content takes about a
    millisecond (see ``bench/search.py``), so the GUI calls it directly after a
    short debounce. Not thread-safe: it shares the repository's connection.
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
                candidates=CANDIDATES,
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

    @cached_property
    def _agent_names(self) -> tuple[str, ...]:
        """Names that start each agent's value in a comparison row's text."""
        try:
            rows = self._db.execute("SELECT name FROM agents ORDER BY position").fetchall()
        except sqlite3.OperationalError:  # a corpus without agents (benchmarks)
            return ()
        return tuple(str(name) for (name,) in rows)

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
        results: tuple[SearchResult, ...] = ()
        corrections: list[Correction] = []
        offers: list[Correction] = []
        other_kinds: tuple[str, ...] = ()
        try:
            parsed = self._complete(parsed)
            known = {parsed.exact(): self._rank(parsed.exact(), wanted, limit)}
            exact = known[parsed.exact()]
            if not exact:  # some word may match nothing: correct it, if it is a typo
                parsed, corrections, offers = self._correct(parsed)
                parsed = self._discriminating(parsed)
            hits = _rows_before_cells(self._ranked(parsed, wanted, limit, known))
            results = self._results(hits)
            if not results and wanted:
                other_kinds = self._kinds_with_hits(parsed)
        except SearchTimeout:
            timed_out = True
            log.warning(
                "search for %r stopped at its %.0f ms budget", query[:80], 1000 * self.time_budget
            )
        finally:
            self._db.set_progress_handler(None, 0)
        return SearchResponse(
            query=query,
            results=results,
            corrections=tuple(corrections),
            corrected_query=_corrected_text(query, corrections),
            suggestion=_corrected_text(query, corrections + offers) if offers else None,
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

    # -- prefixes and typos ---------------------------------------------------------------

    def _complete(self, parsed: ParsedQuery) -> ParsedQuery:
        groups = []
        for group in parsed.groups:
            words = tuple(self._completed(word) for word in group.words)
            groups.append(replace(group, words=words))
        return ParsedQuery(tuple(groups))

    def _completed(self, term: Term) -> Term:
        """A long prefix as the whole words that complete it (FTS5's own prefix if too many)."""
        if not term.prefix or len(term.tokens[-1]) <= MIN_PREFIX + 1:
            return term  # 2-3 characters: FTS5's prefix indexes answer those directly
        *before, prefix = term.tokens
        words = [
            word
            for (word,) in self._execute(
                "SELECT word FROM search_vocabulary WHERE word > ? AND word < ?"
                " ORDER BY frequency DESC, word LIMIT ?",
                (prefix, prefix + "\U0010ffff", MAX_COMPLETIONS + 1),
            )
        ]
        if len(words) > MAX_COMPLETIONS:
            return term
        return replace(term, completions=tuple(" ".join([*before, word]) for word in words))

    def _has_hits(self, term: Term) -> bool:
        return bool(
            self._execute(
                "SELECT rowid FROM search_units_fts WHERE search_units_fts MATCH ? LIMIT 1",
                (term.fts(),),
            )
        )

    def _correct(
        self, parsed: ParsedQuery
    ) -> tuple[ParsedQuery, list[Correction], list[Correction]]:
        """Replace each single word that matches nothing (and means nothing) by its correction.

        Returns the query to run, the corrections made, and the corrections only
        offered: for real English words, which are kept as typed.
        """
        groups: list[Group] = []
        corrections: list[Correction] = []
        offers: list[Correction] = []
        for group in parsed.groups:
            word = group.words[0]
            if group.synonyms or len(group.words) > 1 or len(word.tokens) > 1:
                groups.append(group)
                continue
            if self._has_hits(word):
                groups.append(group)
                continue
            fixed = self.spelling.correct(word.tokens[0])
            if fixed is None:
                groups.append(group)
                continue
            if is_english_word(word.tokens[0]):  # the user's word: offer, never replace
                groups.append(group)
                offers.append(Correction(word.tokens[0], fixed))
                continue
            corrections.append(Correction(word.tokens[0], fixed))
            expansions = self.synonyms.get((fold_plural(fixed),), ())
            groups.append(Group((Term((fixed,)),), tuple(Term(e) for e in expansions)))
        return ParsedQuery(tuple(groups)), corrections, offers

    def _discriminating(self, parsed: ParsedQuery) -> ParsedQuery:
        """The concepts that can still rank a query that cannot be answered as typed.

        When a kept word matches nothing ("safest"), it cannot help, and a
        concept found in over a third of the units ("SERM", the subject of the
        whole reference) would rank every agent profile above the page that
        answers; both are left out while a rarer concept remains.
        """
        if len(parsed.groups) < 2:
            return parsed
        units = self._unit_count
        counts = [self._hit_count(group, units) for group in parsed.groups]
        pairs = list(zip(parsed.groups, counts, strict=True))
        found = [g for g, n in pairs if n]
        if len(found) == len(pairs):  # every concept matches: the tiers answer as typed
            return parsed
        rare = [g for g, n in pairs if 0 < n <= units * COMMON_SHARE]
        kept = rare or found
        return ParsedQuery(tuple(kept)) if kept else parsed

    @cached_property
    def _unit_count(self) -> int:
        return int(self._execute("SELECT count(*) FROM search_units", ())[0][0])

    def _hit_count(self, group: Group, cap: int) -> int:
        expression = group.expanded(prefix=True)
        rows = self._execute(
            "SELECT count(*) FROM (SELECT rowid FROM search_units_fts"
            " WHERE search_units_fts MATCH ? LIMIT ?)",
            (expression, cap + 1),
        )
        return int(rows[0][0])

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

    def _ranked(
        self,
        parsed: ParsedQuery,
        kinds: tuple[str, ...],
        limit: int,
        known: dict[str, list[tuple[str, int, float]]] | None = None,
    ) -> list[_Hit]:
        """Tier by tier until ``limit`` addresses; ``known`` holds tiers already ranked."""
        hits: dict[str, _Hit] = {}
        for name, expression in self._tiers(parsed):
            if name in ("most", "partial") and hits:
                break
            ranked = (known or {}).get(expression)
            if ranked is None:
                ranked = self._rank(expression, kinds, limit + len(hits))
            for uri, unit_id, score in ranked:
                if uri not in hits:
                    hits[uri] = _Hit(uri, unit_id, -score, name, expression)
                    if len(hits) == limit:
                        return list(hits.values())
        return list(hits.values())

    def _kinds_with_hits(self, parsed: ParsedQuery) -> tuple[str, ...]:
        ids = [hit.unit_id for hit in self._ranked(parsed, (), 50)]
        marks = ",".join("?" * len(ids))
        found = {
            kind
            for (kind,) in self._execute(
                f"SELECT DISTINCT kind FROM search_units WHERE id IN ({marks})", tuple(ids)
            )
        }
        return tuple(k for k in KINDS if k in found)

    # -- results --------------------------------------------------------------------------

    def _results(self, hits: list[_Hit]) -> tuple[SearchResult, ...]:
        """Each hit with its marked title and snippet (one statement per tier expression)."""
        by_expression: dict[str, list[int]] = {}
        for hit in hits:
            by_expression.setdefault(hit.expression, []).append(hit.unit_id)
        units: dict[int, Any] = {}
        for expression, ids in by_expression.items():
            for row in self._execute(marked_sql(len(ids)), (expression, min(ids), max(ids), *ids)):
                units[row[0]] = row
        results = []
        for hit in hits:
            if hit.unit_id not in units:  # cannot happen: it matched this expression just now
                log.error("search unit %s did not match %r again", hit.unit_id, hit.expression)
                continue
            _id, kind, part, block, cautioned, title, names, snippet = units[hit.unit_id]
            shown_title, shown_snippet = title_and_snippet(title, names, snippet)
            if part == "row" and shown_snippet.text:
                (body,) = self._execute(
                    "SELECT body FROM search_units WHERE id = ?", (hit.unit_id,)
                )[0]
                shown_snippet = attributed(shown_snippet, str(body), self._agent_names)
            results.append(
                SearchResult(
                    uri=hit.uri,
                    kind=str(kind),
                    title=shown_title,
                    snippet=shown_snippet,
                    score=hit.score,
                    match=hit.tier,
                    part=str(part),
                    block_position=block if isinstance(block, int) else None,
                    cautioned=bool(cautioned),
                )
            )
        return tuple(results)


def _rows_before_cells(hits: list[_Hit]) -> list[_Hit]:
    """A comparison row goes before its cells when cells of several agents matched.

    "endometrium" matches each agent's Endometrium cell by its title; the
    question then spans the agents, and the row, which shows all four side by
    side, answers it at one glance. A query that singles out one agent
    ("raloxifene endometrium") matches that agent's cell alone and keeps it first.
    """
    position = {hit.uri: i for i, hit in enumerate(hits)}
    moved: dict[str, int] = {}  # row address -> where its first cell stands
    for i, hit in enumerate(hits):
        parts = hit.uri.split("/")
        if hit.uri.startswith(COMPARE_PREFIX) and len(parts) == 5:
            row = "/".join(parts[:4])
            cells = [h for h in hits if h.uri.startswith(row + "/")]
            row_at = position.get(row, -1)
            # Never across match tiers: a prefix-only row stays below exact matches.
            if len(cells) > 1 and row_at > i and hits[row_at].tier == hit.tier:
                moved.setdefault(row, i)
    if not moved:
        return hits
    # Walk the list once: a moved row is emitted just before its first cell and
    # skipped where it stood. (Inserting by index shifted when several rows moved,
    # and could leave a row below prefix matches: found by the property tests.)
    ordered: list[_Hit] = []
    emitted: set[str] = set()
    for i, hit in enumerate(hits):
        parts = hit.uri.split("/")
        row = "/".join(parts[:4]) if len(parts) == 5 else ""
        if row in moved and moved[row] == i and row not in emitted:
            original = hits[position[row]]
            ordered.append(replace(original, score=max(original.score, hit.score)))
            emitted.add(row)
        if hit.uri in moved:
            continue  # a moved row, already placed before its first cell
        ordered.append(hit)
    return ordered


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
