"""Text normalisation shared by the index build and the query parser.

The build (``db/build.py``) and the engine must agree on what a "word" is, or a
synonym key written one way in ``synonyms.toml`` would never meet the same key
typed another way. Everything here is a pure function over ``str``.

Tokens follow SQLite's ``unicode61`` tokenizer closely enough for our purposes:
runs of letters and digits, everything else separates. The engine never relies
on the match being exact, because each token is handed back to FTS5 inside a
quoted string that FTS5 tokenizes itself.
"""

from __future__ import annotations

import re
import unicodedata

# Greek letters clinicians type in receptor names (ERα, ER-β); the article spells them out.
_GREEK = {"α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta"}
_QUOTES = {
    "‘": "'",
    "’": "'",
    "‚": "'",
    "‛": "'",
    "′": "'",
    "“": '"',
    "”": '"',
    "„": '"',
    "‟": '"',
    "″": '"',
    "«": '"',
    "»": '"',
}
_DASHES = dict.fromkeys("‐‑‒–—―−⁃", "-")
_TRANSLATE = str.maketrans({**_QUOTES, **_DASHES})
_GREEK_RUN = re.compile("[" + "".join(_GREEK) + "]")
_TOKEN = re.compile(r"[^\W_]+")


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Function words dropped from any query of two or more words ("clot in the lung").
STOP_WORDS = _word_set(
    """a an the of in on at to for from by with into onto about and or nor but vs versus
    i me my we our you your it its this that these those there their they them he she his her
    as so if than then"""
)
# Extra words dropped when the query reads as a question ("does tamoxifen cause hot flashes").
QUESTION_WORDS = _word_set(
    """is are was were be been being am do does did doing done can could should would will
    shall may might must what which who whom whose when where why how any some much many
    cause causes caused causing make makes get gets getting take takes taking safe safely"""
)
_QUESTION_OPENERS = _word_set(
    "is are was were do does did can could should would will may might what which who "
    "when where why how"
)


def normalise(text: str) -> str:
    """Fold the ways one word can be typed into one spelling: NFKC, case, quotes, dashes, Greek.

    Zero-width and other format characters are dropped (they split nothing a
    reader can see), control characters become spaces, diacritics go the way
    FTS5's ``remove_diacritics 2`` takes them, and a Greek letter becomes
    ``-alpha-`` so that "ERα" and "ER-alpha" give the same tokens.
    """
    text = unicodedata.normalize("NFKC", text).casefold().translate(_TRANSLATE)
    text = _GREEK_RUN.sub(lambda match: "-" + _GREEK[match.group()] + "-", text)
    out: list[str] = []
    for char in unicodedata.normalize("NFKD", text):
        category = unicodedata.category(char)
        if category in ("Mn", "Cf"):
            continue
        out.append(" " if category in ("Cc", "Zl", "Zp") else char)
    return unicodedata.normalize("NFC", "".join(out))


def tokens(text: str) -> list[str]:
    """The letter-and-digit runs of already normalised text."""
    return _TOKEN.findall(text)


def fold_plural(token: str) -> str:
    """A crude singular, only for matching synonym keys ("hot flashes" ~ "hot flash")."""
    if len(token) <= 3 or token.endswith(("ss", "us", "is")):
        return token
    if token.endswith("ies") and len(token) > 4:
        return token[:-3] + "y"
    if token.endswith(("shes", "ches", "xes", "sses", "zes")):
        return token[:-2]
    if token.endswith("s"):
        return token[:-1]
    return token


def is_question(words: list[str]) -> bool:
    """A query that reads as a question: it opens with a question word or ends with '?'."""
    return bool(words) and (words[0] in _QUESTION_OPENERS or words[-1].endswith("?"))


def content_key(text: str) -> tuple[str, ...]:
    """The matching key of a synonym term: normalised tokens, stop words dropped, plurals folded.

    Used by the engine for both the synonym table and the query, so "clot in the
    lung", "clots in lung" and "Clot in lung" all meet the key ``("clot", "lung")``.
    """
    found = tokens(normalise(text))
    kept = [t for t in found if t not in STOP_WORDS] or found
    return tuple(fold_plural(t) for t in kept)
