"""Bounded optimal-string-alignment distance (Levenshtein plus adjacent transposition) for typo matching."""

from __future__ import annotations


def osa_distance(a: str, b: str, limit: int) -> int:
    """The OSA distance of a and b, or limit + 1 as soon as it is certain to exceed limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    if a == b:
        return 0
    before_previous: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        row_min = i
        char = a[i - 1]
        for j in range(1, len(b) + 1):
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char != b[j - 1]))
            if i > 1 and j > 1 and char == b[j - 2] and a[i - 2] == b[j - 1]:
                value = min(value, before_previous[j - 2] + 1)
            current[j] = value
            row_min = min(row_min, value)
        if row_min > limit:
            return limit + 1
        before_previous, previous = previous, current
    return previous[-1]
