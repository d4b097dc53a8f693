"""Near-duplicate search hits folded into the first one, so an advisor reads a passage once.

The same text reaches the index more than once: a programme page copied by a partner site or a database under
another URL, a PDF that repeats its web page, chunks of one document whose text overlaps. The rule: a hit is
folded into a hit ranked above it when at least 80 % of its word 3-grams (case-folded, Unicode-normalised,
punctuation and Markdown marks dropped) occur in that hit. Measured against the lower-ranked hit only, so folding
never hides more than a fifth of what the folded hit says, and text that merely shares a sentence with another
(the ordinary overlap of neighbouring chunks) stays a hit of its own. It is a superset of "Jaccard ≥ 0.8".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

SHARE_ALREADY_SHOWN = 0.8
_NGRAM = 3
_NON_WORD = re.compile(r"[\W_]+")

Hit = TypeVar("Hit")


def word_ngrams(text: str) -> frozenset[tuple[str, ...]]:
    """The text's word 3-grams after normalising; a text shorter than three words is one n-gram."""
    words = _NON_WORD.sub(" ", unicodedata.normalize("NFKC", text).casefold()).split()
    if len(words) <= _NGRAM:
        return frozenset({tuple(words)}) if words else frozenset()
    return frozenset(tuple(words[i:i + _NGRAM]) for i in range(len(words) - _NGRAM + 1))


def share_contained(text_ngrams: frozenset, other_ngrams: frozenset) -> float:
    """How much of a text (given as its n-grams) also occurs in another: 0.0 … 1.0."""
    return len(text_ngrams & other_ngrams) / len(text_ngrams) if text_ngrams else 0.0


@dataclass
class FoldedHit(Generic[Hit]):
    hit: Hit
    duplicates: list[Hit] = field(default_factory=list)  # in rank order


def fold_near_duplicates(hits: Sequence[Hit], text: Callable[[Hit], str]) -> list[FoldedHit[Hit]]:
    """Hits in rank order → the hits to show, each with the lower-ranked near-duplicates folded into it."""
    shown: list[tuple[frozenset, FoldedHit[Hit]]] = []
    for hit in hits:
        ngrams = word_ngrams(text(hit))
        target = next((folded for kept, folded in shown
                       if ngrams and share_contained(ngrams, kept) >= SHARE_ALREADY_SHOWN), None)
        if target is None:
            shown.append((ngrams, FoldedHit(hit)))
        else:
            target.duplicates.append(hit)
    return [folded for _, folded in shown]
