"""Any text is a search: no exception, bounded results, well-formed output, whatever is typed.

Hypothesis draws thousands of inputs: arbitrary Unicode (emoji, zero-width and
control characters, surrogates excluded as Python strings cannot be encoded
with them), FTS5 syntax in every combination (quotes, NOT/AND/OR/NEAR, ``*``,
``^``, ``:``, brackets, column filters), SQL, and words of the content mixed in
so that the ranking and correction paths run too.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.content import ContentRepository
from desktop_app.content.search.engine import MAX_LIMIT, SearchEngine
from desktop_app.content.search.query import MAX_WORDS, parse
from desktop_app.content.search.records import KINDS, MATCH_TIERS, SearchResponse

SYNTAX = [
    '"',
    "'",
    "*",
    "^",
    ":",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "-",
    "+",
    "AND",
    "OR",
    "NOT",
    "NEAR",
    "NEAR(",
    ",",
    ";",
    "--",
    "/*",
    "*/",
    "\\",
    "%",
    "_",
    "title:",
    "body:",
    "{title keywords}:",
    "SELECT",
    "DROP TABLE search_units",
    "' OR '1'='1",
    "\x00",
    "\x02",
    "\x03",
    "\u200b",
    "\u200d",
    "\ufeff",
    "\u00ad",
    "\u202e",
    "🩸",
    "👩🏽‍⚕️",
    "α",
    "β",
    "ﬁ",
    "Ｅｖｉｓｔａ",
    " ",
    "\n",
    "\t",
]
WORDS = [
    "tamoxifen",
    "tamoxifan",
    "raloxifene",
    "ralox",
    "evista",
    "bone",
    "clot",
    "hot",
    "flush",
    "the",
    "is",
    "pe",
    "vte",
    "co-repressor",
    "er",
    "5-fu",
    "womb",
    "lining",
    "uterus",
    "osphina",
    "serm",
    "risk",
]

pieces = st.one_of(
    st.sampled_from(SYNTAX),
    st.sampled_from(WORDS),
    st.text(max_size=12),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=6),
)
queries = st.one_of(
    st.text(max_size=200),
    st.lists(pieces, max_size=14).map("".join),
    st.lists(pieces, max_size=14).map(" ".join),
)


@pytest.fixture(scope="module")
def engine(repository: ContentRepository) -> Iterator[SearchEngine]:
    # A generous budget: this checks behaviour, not speed, on a busy test machine.
    yield SearchEngine.from_repository(repository, time_budget=5.0)


def check_response(response: SearchResponse, query: str, limit: int, kinds: list[str]) -> None:
    assert response.query == query
    assert len(response.results) <= limit
    found = [r.uri for r in response.results]
    assert len(found) == len(set(found))
    tiers = [MATCH_TIERS.index(r.match) for r in response.results]
    assert tiers == sorted(tiers)
    for result in response.results:
        assert result.uri.startswith("serm://")
        assert result.kind in (kinds or KINDS)
        for highlighted in (result.title, result.snippet):
            assert "\x02" not in highlighted.text and "\x03" not in highlighted.text
            for start, length in highlighted.spans:
                assert 0 <= start < start + length <= len(highlighted.text)
    for correction in response.corrections:
        assert correction.corrected.isalpha()


@settings(
    max_examples=2000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    query=queries,
    limit=st.integers(min_value=1, max_value=60),
    kinds=st.lists(st.sampled_from(KINDS), max_size=3, unique=True),
)
def test_any_query_gives_bounded_well_formed_results(
    engine: SearchEngine, query: str, limit: int, kinds: list[str]
) -> None:
    response = engine.search(query, kinds=kinds, limit=limit)
    check_response(response, query, limit, kinds)


@settings(max_examples=300, deadline=None)
@given(query=queries)
def test_any_query_parses_into_quoted_words_only(query: str) -> None:
    parsed = parse(query, {})
    assert len(parsed.groups) <= MAX_WORDS
    for group in parsed.groups:
        for word in group.words:
            assert word.tokens and all(t.isalnum() for t in word.tokens)
            assert '"' not in word.text


@settings(max_examples=25, deadline=None)
@given(
    query=st.one_of(st.text(min_size=1, max_size=40), st.lists(pieces, min_size=1).map(" ".join))
    .filter(bool)
    .map(lambda text: (text * 10_000)[:10_000]),
    limit=st.integers(min_value=1, max_value=MAX_LIMIT),
)
def test_very_long_input_is_bounded(engine: SearchEngine, query: str, limit: int) -> None:
    response = engine.search(query, limit=limit)
    check_response(response, query, limit, [])
    assert len(response.searched_words) <= MAX_WORDS
