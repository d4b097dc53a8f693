"""Typo-tolerant lookup of place names by a deletion neighbourhood (the SymSpell idea).

Each name is stored under every string reachable by deleting up to its allowed number of characters (never the
first one, so a match always shares the first letter). A query generates its own deletions and looks them up:
a few dozen dictionary hits instead of comparing against hundreds of names; survivors are checked with the
real edit distance.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from assistant.routing.edit_distance import osa_distance

MAX_DISTANCE = 2


def allowed_distance(name: str) -> int:
    """How many typos a name tolerates: none below 5 letters, 1 from 5, 2 from 9 (spaces not counted)."""
    length = len(name) - name.count(" ")
    if length >= 9:
        return 2
    if length >= 5:
        return 1
    return 0


def _deletions(word: str, depth: int) -> set[str]:
    found = {word}
    frontier = {word}
    for _ in range(depth):
        frontier = {w[:k] + w[k + 1 :] for w in frontier for k in range(1, len(w))}
        found |= frontier
    return found


@dataclass(frozen=True, slots=True)
class FuzzyHit:
    name: str
    distance: int


class FuzzyNameIndex:
    def __init__(self, names: Iterable[str]) -> None:
        self._by_deletion: dict[str, set[str]] = defaultdict(set)
        for name in names:
            distance = allowed_distance(name)
            if distance == 0:
                continue
            for variant in _deletions(name, distance):
                self._by_deletion[variant].add(name)

    def lookup(self, query: str) -> list[FuzzyHit]:
        """Names within their allowed distance of query (exact matches excluded), closest first."""
        depth = MAX_DISTANCE if len(query) >= 7 else 1
        candidates: set[str] = set()
        for variant in _deletions(query, depth):
            hit = self._by_deletion.get(variant)
            if hit:
                candidates |= hit
        hits = []
        for name in candidates:
            limit = allowed_distance(name)
            if name[0] != query[0] or name == query:
                continue
            distance = osa_distance(query, name, limit)
            if distance <= limit:
                hits.append(FuzzyHit(name, distance))
        return sorted(hits, key=lambda h: (h.distance, h.name))
