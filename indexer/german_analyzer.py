"""German text → search terms: lower-case, umlaut/ß folding, stop words, Snowball stemming.

Folding runs before stemming on both the indexed text and the query, so "Förderung", "Foerderung" and
"forderung" meet in one term. Compounds are handled one level up, by the lexical index (compound_splitter.py),
because splitting needs the vocabulary of the indexed corpus.
"""

from __future__ import annotations

import re
from functools import lru_cache

import Stemmer
from bm25s.stopwords import STOPWORDS_GERMAN

from indexer.text_folding import search_fold

_TOKEN = re.compile(r"[0-9a-zäöüß]+(?:[.-][0-9a-zäöüß]+)*", re.IGNORECASE)
_SEPARATOR = re.compile(r"[.-]")


def folded_words(text: str) -> list[str]:
    """Every folded word of the text, hyphen parts included (KI-Projekt → kiprojekt, ki, projekt)."""
    out: list[str] = []
    for raw in _TOKEN.findall(text):
        if "-" in raw or "." in raw:
            out.append(search_fold(_SEPARATOR.sub("", raw)))
            out.extend(search_fold(part) for part in _SEPARATOR.split(raw) if part)
        else:
            out.append(search_fold(raw))
    return out


class GermanAnalyzer:
    """Turns text into stemmed terms. Hyphenated words yield the whole word and its parts."""

    def __init__(self) -> None:
        self._stemmer = Stemmer.Stemmer("german")
        self._stopwords = frozenset(search_fold(w) for w in STOPWORDS_GERMAN)
        self._stem = lru_cache(maxsize=200_000)(self._stem_uncached)

    def _stem_uncached(self, folded: str) -> str:
        return self._stemmer.stemWord(folded)

    def _keeps(self, folded: str) -> bool:
        return bool(folded) and folded not in self._stopwords and (len(folded) > 1 or folded.isdigit())

    def words(self, text: str) -> list[str]:
        """Folded words without stop words, hyphen parts included (KI-Projekt → kiprojekt, ki, projekt)."""
        return [w for w in folded_words(text) if self._keeps(w)]

    def term(self, folded: str) -> str | None:
        """The search term of one already folded word, or None for a stop word."""
        return self._stem(folded) if self._keeps(folded) else None

    def terms(self, text: str) -> list[str]:
        return [self._stem(w) for w in self.words(text)]
