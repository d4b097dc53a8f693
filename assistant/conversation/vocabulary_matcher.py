"""Finds vocabulary entries (words, word beginnings, phrases) in colloquial text, tolerating small typos.

Text and entries are folded the same way as the search index (umlauts, ß, ae/oe/ue), so "Baeckerei",
"Bäckerei" and "backerei" meet. Typos are allowed only on longer words, where a one-letter slip rarely turns
one real word into another.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from indexer.text_folding import search_fold as fold

_WORD = re.compile(r"[0-9a-zäöüß&]+", re.IGNORECASE)
# Typos are accepted from this length on (one edit), and two edits from the second length on.
_FUZZY_MIN = 6
_FUZZY_TWO = 10


@dataclass(frozen=True)
class Token:
    text: str  # as written
    folded: str
    start: int
    end: int


@dataclass(frozen=True)
class Match:
    value: str  # the slot value the entry stands for
    surface: str  # what the user wrote
    start: int
    end: int
    fuzzy: bool = False


def tokenize(text: str) -> list[Token]:
    """Words with their character spans; hyphenated words are split (KI-Projekt → KI, Projekt)."""
    return [Token(m.group(0), fold(m.group(0)), m.start(), m.end()) for m in _WORD.finditer(text)]


def within_edits(a: str, b: str, limit: int) -> bool:
    """Optimal-string-alignment distance of a and b is at most limit (swapped neighbours count once)."""
    if abs(len(a) - len(b)) > limit:
        return False
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return False
        previous2, previous = previous, current
    return previous[-1] <= limit


class VocabularyMatcher:
    """Entries are written like `"bäckerei"` (whole word), `"digitali*"` (word beginning), `"*stipendium"` (word
    ending, for German compounds) or `"künstliche intelligenz"` (phrase). Each maps to a value (a topic slug,
    a sector …)."""

    def __init__(self, entries: Mapping[str, Iterable[str]]) -> None:
        self._words: dict[str, str] = {}
        self._prefixes: list[tuple[str, str]] = []
        self._suffixes: list[tuple[str, str]] = []  # compound heads: "*stipendium" finds "Gründungsstipendium"
        self._phrases: list[tuple[tuple[str, ...], str]] = []
        for value, patterns in entries.items():
            for pattern in patterns:
                words = tuple(t.folded for t in tokenize(pattern.strip("*")))
                if not words:
                    continue
                if len(words) > 1:
                    self._phrases.append((words, value))
                elif pattern.endswith("*"):
                    self._prefixes.append((words[0], value))
                elif pattern.startswith("*"):
                    self._suffixes.append((words[0], value))
                else:
                    self._words[words[0]] = value
        self._prefixes.sort(key=lambda item: -len(item[0]))
        self._phrases.sort(key=lambda item: -len(item[0]))
        self._by_first_letter: dict[str, list[str]] = {}
        for word in self._words:
            if len(word) >= _FUZZY_MIN:
                self._by_first_letter.setdefault(word[0], []).append(word)

    def find(self, tokens: list[Token], fuzzy: bool = True,
             exact_only: frozenset[int] = frozenset(), heads: bool = False) -> list[Match]:
        """All matches in reading order; phrases win over the words inside them. Tokens at the positions in
        exact_only (words known to mean something else) are never matched by similarity. `heads`: a compound whose
        beginning and ending name two values gives both ("Energieberatung" is energie and beratung)."""
        matches: list[Match] = []
        taken: set[int] = set()
        for words, value in self._phrases:
            n = len(words)
            for i in range(len(tokens) - n + 1):
                if any(k in taken for k in range(i, i + n)):
                    continue
                if all(tokens[i + k].folded == words[k] for k in range(n)):
                    matches.append(Match(value, " ".join(t.text for t in tokens[i:i + n]),
                                         tokens[i].start, tokens[i + n - 1].end))
                    taken.update(range(i, i + n))
        for i, token in enumerate(tokens):
            if i in taken:
                continue
            found = self._match_word(token.folded, fuzzy and i not in exact_only)
            if found is not None:
                value, was_fuzzy = found
                matches.append(Match(value, token.text, token.start, token.end, was_fuzzy))
                head = self._head(token.folded) if heads and not was_fuzzy else None
                if head is not None and head != value:
                    matches.append(Match(head, token.text, token.start, token.end))
        return sorted(matches, key=lambda m: m.start)

    def _head(self, word: str) -> str | None:
        """The value of the compound's ending ("*beratung"), if the word is longer than that ending."""
        for suffix, value in self._suffixes:
            if word.endswith(suffix) and len(word) > len(suffix):
                return value
        return None

    def _match_word(self, word: str, fuzzy: bool) -> tuple[str, bool] | None:
        if word in self._words:
            return self._words[word], False
        for prefix, value in self._prefixes:
            if word.startswith(prefix):
                return value, False
        head = self._head(word)
        if head is not None:
            return head, False
        if not fuzzy or len(word) < _FUZZY_MIN:
            return None
        limit = 2 if len(word) >= _FUZZY_TWO else 1
        for candidate in self._by_first_letter.get(word[0], ()):
            if within_edits(word, candidate, limit):
                return self._words[candidate], True
        for prefix, value in self._prefixes:  # a typo inside the word beginning ("digtalisieren")
            if len(prefix) >= _FUZZY_MIN - 1 and prefix[0] == word[0] and any(
                within_edits(word[:n], prefix, 1) for n in (len(prefix) - 1, len(prefix), len(prefix) + 1)
            ):
                return value, True
        return None
