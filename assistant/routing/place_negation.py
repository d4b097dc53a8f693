"""Whether the words around a place mention deny it or correct to it.

"nein, wir sitzen in Detmold, nicht Bielefeld", "not in Bielefeld but in Detmold", "Bielefeld war falsch" deny
Bielefeld; "sondern in Detmold", "eigentlich in Detmold", "ich meine Detmold", "I meant Detmold" correct to
Detmold. Only the few words before or after a mention are looked at, and never across a clause boundary, so
"Ich weiß nicht, wir sind in Bielefeld" keeps Bielefeld.
"""

from __future__ import annotations

from assistant.routing.location_stop_words import PLACE_CUES
from assistant.routing.text_normalization import Token

# Folded forms. A negation right before the place (words of _BRIDGE may stand between).
_NEGATIONS = frozenset({
    "nicht", "kein", "keine", "keinen", "keinem", "not", "no", "nie", "never", "statt", "anstatt", "anstelle",
    "instead",
})
# "nicht nur in Bielefeld, sondern auch in Detmold" adds a place; it denies none.
_NOT_NEGATING = frozenset({"nur", "only", "just", "allein", "bloss", "auch", "also"})
# Words that may stand between a cue and the place: "nicht mehr in", "not based in", "sondern wir sitzen in".
_BRIDGE = PLACE_CUES | frozenset({
    "mehr", "longer", "more", "based", "located", "situated", "of", "the", "dem", "der", "den", "die", "das", "ja",
    "wir", "we", "are", "re", "sind", "sitzen", "ist", "is", "unser", "unsere", "our", "sitz", "firmensitz",
    "hauptsitz", "aber", "but", "doch", "zu", "at", "from", "out", "gesagt", "natuerlich", "selbstverstaendlich",
})
_MAX_BRIDGE = 3
# Words that correct to the place after them.
_CORRECTING = frozenset({"sondern", "eigentlich", "vielmehr", "actually", "rather", "korrektur", "correction",
                         "richtig", "korrekt", "stattdessen", "genauer"})
_CORRECTING_PAIRS = frozenset({("ich", "meine"), ("ich", "meinte"), ("i", "mean"), ("i", "meant")})
# What denies a place named just before it: "Bielefeld war falsch", "Bielefeld stimmt nicht", "was wrong".
_DENIALS_AFTER: tuple[tuple[str, ...], ...] = (
    ("war", "falsch"), ("ist", "falsch"), ("falsch",), ("stimmt", "nicht"), ("stimmte", "nicht"),
    ("war", "nicht", "richtig"), ("ist", "nicht", "richtig"), ("war", "nicht", "korrekt"),
    ("ist", "nicht", "korrekt"), ("war", "ein", "fehler"), ("war", "ein", "tippfehler"), ("war", "ein", "versehen"),
    ("was", "wrong"), ("is", "wrong"), ("wrong",), ("was", "incorrect"), ("is", "incorrect"), ("is", "not", "right"),
    ("was", "a", "mistake"), ("nicht", "mehr"), ("no", "longer"),
)
# Words that name the company's seat: "unser Firmensitz ist Lüdenscheid", "wir sitzen in Siegen", "based in".
_SEAT = frozenset({"firmensitz", "hauptsitz", "unternehmenssitz", "sitz", "sitzen", "sitzt", "ansaessig",
                   "beheimatet", "based", "headquartered", "headquarters"})
_SUBJECTS_AFTER = frozenset({"das", "dies", "that", "this", "it"})
_CLAUSE_BREAKS = frozenset(",;.!?()–—:")


def _boundary(text: str, before: Token, after: Token) -> bool:
    return any(c in _CLAUSE_BREAKS for c in text[before.end : after.start])


def _cue_before(text: str, tokens: list[Token], first: int, cues: frozenset[str],
                pairs: frozenset[tuple[str, str]] = frozenset()) -> int | None:
    """The index of a cue word standing before tokens[first] within the same clause, else None."""
    bridged = 0
    k = first - 1
    while k >= 0 and not _boundary(text, tokens[k], tokens[k + 1]):
        norm = tokens[k].norm
        if norm in cues or (k > 0 and (tokens[k - 1].norm, norm) in pairs):
            return k
        if norm not in _BRIDGE or bridged == _MAX_BRIDGE:
            return None
        bridged += 1
        k -= 1
    return None


def denial(text: str, tokens: list[Token], first: int, last: int) -> tuple[int, int] | None:
    """The token range of the words that deny the place in tokens[first:last] ("nicht in Bielefeld",
    "Bielefeld war falsch"), or None when nothing around it denies it."""
    k = _cue_before(text, tokens, first, _NEGATIONS)
    if k is not None and not (k + 1 < len(tokens) and tokens[k + 1].norm in _NOT_NEGATING):
        return k, last
    end = _denial_after(text, tokens, last)
    return (first, end) if end is not None else None


def _denial_after(text: str, tokens: list[Token], last: int) -> int | None:
    """The end of the words after the place that deny it."""
    k = last
    if k < len(tokens) and tokens[k].norm in _SUBJECTS_AFTER:
        k += 1  # "Bielefeld, das war falsch"
    elif k < len(tokens) and _boundary(text, tokens[k - 1], tokens[k]):
        return None
    words = tuple(t.norm for t in tokens[k : k + 3])
    for denial_words in _DENIALS_AFTER:
        n = len(denial_words)
        if words[:n] == denial_words and not any(
            _boundary(text, tokens[j], tokens[j + 1]) for j in range(k, k + n - 1)
        ):
            return k + n
    # A bare "nicht" after the place only at a clause end: "Bielefeld nicht, sondern Detmold".
    if words[:1] == ("nicht",) and (
        k + 1 == len(tokens) or _boundary(text, tokens[k], tokens[k + 1]) or tokens[k + 1].norm == "sondern"
    ):
        return k + 1
    return None


def correction(text: str, tokens: list[Token], first: int) -> int | None:
    """The index of the word that corrects to the place starting at tokens[first] ("sondern in Detmold",
    "ich meine Detmold"), or None."""
    k = _cue_before(text, tokens, first, _CORRECTING, _CORRECTING_PAIRS)
    if k is None:
        return None
    if tokens[k].norm == "sondern" and k + 1 < len(tokens) and tokens[k + 1].norm in _NOT_NEGATING:
        return None  # "sondern auch in Detmold" adds a place, it corrects nothing
    return k - 1 if (k > 0 and (tokens[k - 1].norm, tokens[k].norm) in _CORRECTING_PAIRS) else k


def phrase_start(text: str, tokens: list[Token], first: int) -> int:
    """Where the words that only lead to the place begin: "wir sitzen in", "we're based in"."""
    k = first
    while k > 0 and first - k <= _MAX_BRIDGE and tokens[k - 1].norm in _BRIDGE \
            and not _boundary(text, tokens[k - 1], tokens[k]):
        k -= 1
    return k


def seat_cue(text: str, tokens: list[Token], first: int) -> bool:
    """Whether the words before the place starting at tokens[first] say it is the company's seat."""
    return _cue_before(text, tokens, first, _SEAT) is not None

