"""Umlaut folding, defined once: one letter table and the three foldings built from it.

- `spell_out_umlauts`: the letters only (ä → ae, ß → ss); event topic slugs and so event doc_ids.
- `fold_name`: lower case, umlauts spelled out, other accents dropped ("Münster", "Muenster", "MÜNSTER" → "muenster");
  place names and the tokens of a message they are matched against.
- `search_fold`: the search terms' folding (ä → a, ß → ss, é/è → e, and the spellings ae/oe/ue → a/o/u), so
  "Förderung", "Foerderung" and "forderung" meet in one term.

Each output is byte-identical to the function it replaced (tests/indexer/test_text_folding.py): `search_fold`'s
output is stored in the lexical indexes and `spell_out_umlauts` is part of event doc_ids, so any change in them would
need a full re-index.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType

UMLAUT_SPELLINGS: Mapping[str, str] = MappingProxyType({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ẞ": "ss"})
_VOWELS = ("ä", "ö", "ü")
_SPELL_OUT = str.maketrans(dict(UMLAUT_SPELLINGS))
# Search terms drop an umlaut's dots (ä → a) in one step, not via its spelling: "äe" stays "a", as it always was.
_SEARCH_FOLD = str.maketrans({**{u: UMLAUT_SPELLINGS[u][0] for u in _VOWELS}, "ß": UMLAUT_SPELLINGS["ß"],
                              "é": "e", "è": "e"})
_SEARCH_DIGRAPHS = tuple((UMLAUT_SPELLINGS[u], UMLAUT_SPELLINGS[u][0]) for u in _VOWELS)  # ae → a, oe → o, ue → u


def spell_out_umlauts(text: str) -> str:
    """ä → ae, ö → oe, ü → ue, ß/ẞ → ss; nothing else changes (not even the case)."""
    return text.translate(_SPELL_OUT)


def fold_name(text: str) -> str:
    """Lower case, umlauts spelled out, other diacritics (é, ç) dropped rather than transliterated."""
    folded = spell_out_umlauts(text.lower())
    if folded.isascii():
        return folded
    return "".join(c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c))


@lru_cache(maxsize=500_000)  # word frequencies are skewed: most calls repeat a word seen before
def search_fold(word: str) -> str:
    """Lower-case and fold umlauts, ß and their ASCII spellings (ae/oe/ue) to one form."""
    word = word.lower().translate(_SEARCH_FOLD)
    for digraph, plain in _SEARCH_DIGRAPHS:
        word = word.replace(digraph, plain)
    return word
