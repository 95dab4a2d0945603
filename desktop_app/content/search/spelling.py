"""Typo correction against the words the index actually holds.

A word that matches nothing ("tamoxifan") is replaced by the closest word of
the index vocabulary (``search_vocabulary``, written by the build) within a
small edit distance. A trigram index narrows thousands of words to a few dozen
candidates, so a correction costs well under a millisecond even on a corpus a
thousand times the size of the article; the exact distance is computed only
for those candidates.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

MIN_LENGTH = 4  # shorter words are too ambiguous to correct ("pe", "ht", "bmd")
MAX_LENGTH = 40  # longer "words" are pasted noise, not typos
CANDIDATES = 40  # how many trigram-nearest words get an exact distance


def max_distance(word: str) -> int:
    """Edits allowed: one for short words, two from six letters ("ospemiphene" -> "ospemifene")."""
    return 1 if len(word) < 6 else 2


def _trigrams(word: str) -> set[str]:
    padded = f"${word}$"
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance (a swap of neighbours costs one), capped at limit + 1."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous_previous: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        best = current[0]
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                value = min(value, previous_previous[j - 2] + 1)
            current[j] = value
            best = min(best, value)
        if best > limit:
            return limit + 1
        previous_previous, previous = previous, current
    return min(previous[-1], limit + 1)


class SpellingIndex:
    """The vocabulary with a trigram index over it; built once, queried per keystroke."""

    def __init__(self, words: Iterable[tuple[str, int]]) -> None:
        self._words: list[str] = []
        self._frequency: list[int] = []
        self._postings: dict[str, list[int]] = {}
        for word, frequency in words:
            if len(word) < MIN_LENGTH - 1 or not word.isalpha():
                continue  # codes and numbers are typed exactly or not at all
            index = len(self._words)
            self._words.append(word)
            self._frequency.append(frequency)
            for trigram in _trigrams(word):
                self._postings.setdefault(trigram, []).append(index)

    def __len__(self) -> int:
        return len(self._words)

    def correct(self, word: str) -> str | None:
        """The closest vocabulary word within ``max_distance``; None when there is none."""
        if not MIN_LENGTH <= len(word) <= MAX_LENGTH or not word.isalpha():
            return None
        limit = max_distance(word)
        overlap: Counter[int] = Counter()
        for trigram in _trigrams(word):
            overlap.update(self._postings.get(trigram, ()))
        best: tuple[int, int, str] | None = None
        for index, _shared in overlap.most_common(CANDIDATES):
            candidate = self._words[index]
            if candidate == word:
                continue
            distance = edit_distance(word, candidate, limit)
            if distance > limit:
                continue
            key = (distance, -self._frequency[index], candidate)
            if best is None or key < best:
                best = key
        return best[2] if best else None
