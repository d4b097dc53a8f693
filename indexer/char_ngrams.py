"""Character n-grams of search terms: the second lexical field.

Grams of the stemmed terms ("_digi", "digi", …, "rder", "der_") meet across compound boundaries and spelling
slips where whole terms do not: "Digitalisierungsförderung" shares most of its grams with "Förderung der
Digitalisierung", and "Digitalisirung" with "Digitalisierung". Boundary marks keep word starts and ends apart.
"""

from __future__ import annotations

GRAM = 4
_CACHE_LIMIT = 300_000


class CharNGrams:
    """Turns a list of terms into their n-grams (repeats kept: BM25 counts them); remembers each term's grams."""

    def __init__(self, n: int = GRAM) -> None:
        self.n = n
        self._cache: dict[str, tuple[str, ...]] = {}

    def of_term(self, term: str) -> tuple[str, ...]:
        cached = self._cache.get(term)
        if cached is None:
            marked = f"_{term}_"
            if len(marked) <= self.n:
                cached = (marked,)
            else:
                cached = tuple(marked[i : i + self.n] for i in range(len(marked) - self.n + 1))
            if len(self._cache) < _CACHE_LIMIT:
                self._cache[term] = cached
        return cached

    def __call__(self, terms: list[str]) -> list[str]:
        out: list[str] = []
        for term in terms:
            out.extend(self.of_term(term))
        return out
