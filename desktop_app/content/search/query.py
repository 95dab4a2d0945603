"""From what the user typed to FTS5 MATCH expressions that cannot be misread.

User text never reaches MATCH as typed: it is normalised, cut into words made
only of letters and digits, and each word is written back as a double-quoted
FTS5 string (a phrase when a word held a hyphen: ``co-repressor`` -> ``"co
repressor"``). Operators the user typed (AND, NOT, NEAR, ``*``, ``^``, ``:``,
brackets, quotes) are therefore plain words or separators, and the expression
is bound as a parameter. Inputs are capped in length and word count, so no
input can build an expression large enough to matter.

A parsed query is a list of *groups*, one per concept typed: a word, or a run
of words that the synonym table knows ("blood clot", "hot flush"). Each group
holds the words as typed and what they also mean; the engine turns these into
tiers: every word as typed, then with the last word as a prefix, then with
synonyms, then any word.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from desktop_app.content.search.text import (
    QUESTION_WORDS,
    STOP_WORDS,
    content_key,
    fold_plural,
    is_question,
    normalise,
    tokens,
)

MAX_INPUT_CHARS = 1000  # read at most this much of what was typed or pasted
MAX_WORDS = 12  # and search at most this many words of it
MAX_TOKEN_CHARS = 64
MIN_PREFIX = 2  # the last word is a prefix from this many characters ("pe", "ra")
MAX_SYNONYM_WORDS = 5

Synonyms = dict[tuple[str, ...], tuple[tuple[str, ...], ...]]


@dataclass(frozen=True)
class Term:
    """A word (or hyphenated word) to match: its tokens, adjacent, optionally as a prefix."""

    tokens: tuple[str, ...]
    prefix: bool = False
    # What the index holds that completes the prefix, as whole words (phrases for
    # a hyphenated word): FTS5 answers those without merging the doclists of every
    # term that shares the prefix. None: not looked up, FTS5's own prefix query.
    completions: tuple[str, ...] | None = None

    @property
    def text(self) -> str:
        return " ".join(self.tokens)

    def fts(self) -> str:
        quoted = _quote(" ".join(self.tokens))
        if not self.prefix:
            return quoted
        if self.completions is None:
            return quoted + "*"
        return _any([quoted, *(_quote(words) for words in self.completions)])


def _quote(text: str) -> str:
    """An FTS5 string: whatever it holds is tokenized as words, never read as syntax."""
    return '"' + text.replace('"', '""') + '"'


@dataclass(frozen=True)
class Group:
    """One concept: the words as typed (all must match) and the phrases it also means."""

    words: tuple[Term, ...]
    synonyms: tuple[Term, ...] = ()

    def typed(self, *, prefix: bool) -> str:
        """All typed words, AND-ed; with ``prefix`` the group's prefix term stays a prefix."""
        terms = [w if prefix else replace(w, prefix=False) for w in self.words]
        return _all(t.fts() for t in terms)

    def expanded(self, *, prefix: bool) -> str:
        """The typed words or any synonym."""
        options = [self.typed(prefix=prefix)] + [s.fts() for s in self.synonyms]
        return _any(options)

    @property
    def has_prefix(self) -> bool:
        return any(w.prefix for w in self.words)


@dataclass(frozen=True)
class ParsedQuery:
    groups: tuple[Group, ...]

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(w.text for g in self.groups for w in g.words)

    @property
    def has_prefix(self) -> bool:
        return any(g.has_prefix for g in self.groups)

    @property
    def has_synonyms(self) -> bool:
        return any(g.synonyms for g in self.groups)

    def exact(self) -> str:
        return _all(g.typed(prefix=False) for g in self.groups)

    def prefixed(self) -> str:
        return _all(g.typed(prefix=True) for g in self.groups)

    def expanded(self) -> str:
        return _all(g.expanded(prefix=True) for g in self.groups)

    def all_but_one(self) -> str:
        """Every concept but one, in any combination: "most words" before "any word"."""
        groups = self.groups
        return _any(
            [
                _all(g.expanded(prefix=True) for j, g in enumerate(groups) if j != i)
                for i in range(len(groups))
            ]
        )

    def any_word(self) -> str:
        """Any typed word or synonym at all: the last resort."""
        options = [w.fts() for g in self.groups for w in g.words]
        options += [s.fts() for g in self.groups for s in g.synonyms]
        return " OR ".join(dict.fromkeys(options))


def _all(parts: Iterable[str]) -> str:
    items = list(dict.fromkeys(parts))
    return items[0] if len(items) == 1 else "(" + " AND ".join(items) + ")"


def _any(parts: Iterable[str]) -> str:
    items = list(dict.fromkeys(parts))
    return items[0] if len(items) == 1 else "(" + " OR ".join(items) + ")"


def split_words(query: str) -> tuple[list[tuple[str, ...]], bool]:
    """Normalised words as token tuples, and whether the last one is still being typed.

    Function words go (and, for a question, question words too) unless nothing
    else is left; repeated words go; what remains is capped at ``MAX_WORDS``.
    The last word is "being typed" when nothing but letters follows it.
    """
    raw = query[:MAX_INPUT_CHARS]
    chunks = normalise(raw).split()
    typing = bool(chunks) and not raw[-1:].isspace() and chunks[-1][-1:].isalnum()
    every = [w for w in (tuple(t[:MAX_TOKEN_CHARS] for t in tokens(c)) for c in chunks) if w]
    dropped = STOP_WORDS | QUESTION_WORDS if is_question(chunks) else STOP_WORDS
    kept = [w for w in every if not (len(w) == 1 and w[0] in dropped)] or every
    if typing and len(kept) > 1 and len(kept[-1]) == 1 and len(kept[-1][0]) < MIN_PREFIX:
        kept, typing = kept[:-1], False  # "bone l": the word after "bone" has barely begun
    words = list(dict.fromkeys(kept))[:MAX_WORDS]
    typing = typing and bool(words) and bool(every) and words[-1] == every[-1]
    return words, typing


def parse(query: str, synonyms: Synonyms) -> ParsedQuery:
    """Words, grouped into concepts by the longest synonym keys they spell."""
    words, typing = split_words(query)
    groups: list[Group] = []
    index = 0
    while index < len(words):
        for end in range(min(len(words), index + MAX_SYNONYM_WORDS), index, -1):
            key = tuple(fold_plural(t) for w in words[index:end] for t in w)
            expansions = synonyms.get(key)
            if expansions:
                terms = tuple(Term(w) for w in words[index:end])
                groups.append(Group(terms, tuple(Term(e) for e in expansions)))
                index = end
                break
        else:
            groups.append(Group((Term(words[index]),)))
            index += 1
    if typing and groups:
        last = groups[-1]
        word = last.words[-1]
        if len(word.tokens[-1]) >= MIN_PREFIX:
            prefixed = (*last.words[:-1], replace(word, prefix=True))
            groups[-1] = replace(last, words=prefixed)
    return ParsedQuery(tuple(groups))


def synonym_table(rows: list[tuple[str, str]]) -> Synonyms:
    """Group (term, expansion) rows by the term's matching key; expansions as token tuples."""
    table: dict[tuple[str, ...], dict[tuple[str, ...], None]] = {}
    for term, expansion in rows:
        key = content_key(term)
        if not key:
            continue
        for alternative in expansion.split(","):
            phrase = tuple(tokens(normalise(alternative)))
            if phrase and phrase != key:
                table.setdefault(key, {})[phrase] = None
    return {key: tuple(phrases) for key, phrases in table.items()}
