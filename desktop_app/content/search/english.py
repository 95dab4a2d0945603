"""Is a typed word a real English word? Then it is the user's word, not a typo.

The spelling corrector only knows the words of the index, so "safest" (in no
page) looked like a typo of "safety" and "opinion" of "option", and the search
silently ran on words nobody typed. A plain English word list (SCOWL, see
``data/english-words.LICENSE.txt``) tells a real word from a typo: a real word
that matches nothing is kept and merely offered a "Did you mean"; only a word
that is neither in the index nor in English is corrected.
"""

from __future__ import annotations

import gzip
import logging
from functools import lru_cache

from desktop_app.bundled import data_file

log = logging.getLogger(__name__)

WORD_LIST = "english-words.txt.gz"


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """The word list, read once on the first word that needs it (about 70 000 words)."""
    try:
        data = data_file(WORD_LIST).read_bytes()
        return frozenset(gzip.decompress(data).decode("ascii").split())
    except (OSError, ValueError) as error:  # a damaged install: correct as before, never fail
        log.warning(
            "English word list unavailable (%s): every unknown word may be corrected", error
        )
        return frozenset()


def is_english_word(word: str) -> bool:
    """True for a real English word (a plural or -s form of one included)."""
    words = english_words()
    lowered = word.lower()
    if lowered in words:
        return True
    return lowered.endswith("s") and lowered[:-1] in words
