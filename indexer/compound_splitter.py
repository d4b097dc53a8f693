"""German compound splitting against the index's own vocabulary.

"Digitalisierungsförderung" is one token to BM25, so it would never meet "Förderung der Digitalisierung". The
splitter finds a split into parts that the corpus itself uses as words (Koehn & Knight 2003: the split whose
parts are most frequent wins), allowing the usual linking elements (Fuge: -s-, -es-, -n-, -en-, -er-, -e-).
Parts are compared as search terms (folded and stemmed by the analyzer), so an inflected head ("…programme")
still meets its base form. The frequencies are learned at index time and saved with the lexical index, so chunks
and queries are split the same way.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping

from indexer.german_analyzer import folded_words

# Linking elements between a modifier and the next part, longest first.
_LINKS = ("ens", "es", "en", "er", "ns", "s", "n", "e")
_CACHE_LIMIT = 500_000  # queries bring new words forever
MIN_PART_FREQUENCY = 2  # a part must occur in this many chunks: one occurrence may be a typo or a stray syllable

Analyze = Callable[[str], list[str]]
Split = tuple[float, tuple[str, ...]]  # (geometric mean of the parts' frequencies, part terms)


class CompoundSplitter:
    """Splits one folded word into the search terms of its known parts.

    `frequencies` maps a search term to the number of chunks it occurs in; `term_of` turns a folded word into
    its search term (None for stop words). Parts need `min_part` letters and `min_frequency` chunks, so a rare
    word or a stray syllable ("-ender" in "grundlegender") is never taken for a part.
    """

    def __init__(self, frequencies: Mapping[str, int], term_of: Callable[[str], str | None], min_part: int = 4,
                 min_frequency: int = MIN_PART_FREQUENCY, max_parts: int = 4) -> None:
        self._frequencies = frequencies
        self._term_of = term_of
        self.min_part = min_part
        self.min_frequency = min_frequency
        self.max_parts = max_parts
        self._cache: dict[str, tuple[str, ...]] = {}

    def split(self, word: str) -> tuple[str, ...]:
        """Search terms of the parts of a folded word, or () when it is not a compound of known parts."""
        cached = self._cache.get(word)
        if cached is None:
            found = self._best_split(word, self.max_parts, {}, modifier=False) if word.isalpha() else None
            cached = found[1] if found and len(found[1]) > 1 else ()
            if len(self._cache) < _CACHE_LIMIT:
                self._cache[word] = cached
        return cached

    def _known(self, surface: str, modifier: bool = False) -> tuple[float, str] | None:
        """(frequency, term) when the surface form is a word of the corpus. A modifier may also be a bare stem
        ("Förder-" in "Förderprogramm" is the term of "Förderung" as it stands)."""
        if len(surface) < self.min_part:
            return None
        candidates = [self._term_of(surface), surface] if modifier else [self._term_of(surface)]
        for term in candidates:
            if term and len(term) >= self.min_part and self._frequencies.get(term, 0) >= self.min_frequency:
                return float(self._frequencies[term]), term
        return None

    def _best_split(self, word: str, max_parts: int, memo: dict[tuple[str, int, bool], Split | None],
                    modifier: bool) -> Split | None:
        """The best split of `word` into at most max_parts known parts (the whole word counts as one part).
        Inside a modifier every part is a modifier, so bare stems count there too."""
        key = (word, max_parts, modifier)
        if key in memo:
            return memo[key]
        whole = self._known(word, modifier)
        best: Split | None = None
        if max_parts >= 2 and len(word) >= 2 * self.min_part:
            # The head (last part) is a known word; the rest is a known word or a compound, plus a link.
            for cut in range(self.min_part, len(word) - self.min_part + 1):
                head = self._known(word[cut:], modifier)
                if head is None:
                    continue
                for form in _modifier_forms(word[:cut], self.min_part):
                    left = self._best_split(form, max_parts - 1, memo, modifier=True)
                    if left is None:
                        continue
                    parts = (*left[1], head[1])
                    score = _geometric_mean([left[0]] * len(left[1]) + [head[0]])
                    if best is None or score > best[0]:
                        best = (score, parts)
        # A split wins over the whole word: both are indexed, and the parts add what the whole word lacks.
        if best is None and whole is not None:
            best = (whole[0], (whole[1],))
        memo[key] = best
        return best


class CompoundTerms:
    """An analyzer plus compound parts: the terms of a text, then the part terms of its compound words."""

    min_length = 8  # two parts of at least four letters

    def __init__(self, analyze: Analyze, frequencies: Mapping[str, int]) -> None:
        self._analyze = analyze
        self.splitter = CompoundSplitter(frequencies, self._term_of_word)

    def _term_of_word(self, folded: str) -> str | None:
        terms = self._analyze(folded)
        return terms[0] if len(terms) == 1 else None

    def parts(self, text: str) -> list[str]:
        out: list[str] = []
        for word in folded_words(text):
            if len(word) >= self.min_length:
                out.extend(self.splitter.split(word))
        return out

    def __call__(self, text: str) -> list[str]:
        return self._analyze(text) + self.parts(text)


def _modifier_forms(modifier: str, min_part: int) -> list[str]:
    forms = [modifier]
    for link in _LINKS:
        if modifier.endswith(link) and len(modifier) - len(link) >= min_part:
            forms.append(modifier[: -len(link)])
    return forms


def _geometric_mean(values: list[float]) -> float:
    return math.exp(sum(math.log(max(v, 1.0)) for v in values) / len(values))
