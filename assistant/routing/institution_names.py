"""Names of universities and research institutes that contain a place: "Hochschule Hamm-Lippstadt", "Uni Siegen",
"RWTH Aachen", "Fraunhofer IML in Dortmund", "Universität zu Köln".

The place in such a name is the partner's seat, not the company's, so the resolver ignores place mentions inside
these spans. The words themselves stay in the message: that the company works with a Hochschule is for the rest
of the conversation to read.
"""

from __future__ import annotations

from assistant.routing.text_normalization import Token

# Folded words that open an institution's name (abbreviations as people write them).
_HEADS = frozenset({
    "uni", "unis", "universitaet", "universitaeten", "university", "univ", "hochschule", "hochschulen",
    "fachhochschule", "fachhochschulen", "fh", "th", "tu", "hs", "rwth", "wwu", "hhu", "rub", "hsbi",
    "institut", "institute", "instituts", "instituten", "fraunhofer", "forschungszentrum", "forschungseinrichtung",
    "forschungseinrichtungen", "uniklinik", "universitaetsklinikum", "college", "dlr",
})
# Compounds that end like a head: "Sporthochschule", "Forschungsinstitut", "Leibniz-Institut" (one token each
# only when written together).
_HEAD_ENDINGS = ("hochschule", "hochschulen", "universitaet", "institut", "forschungszentrum")
# Words that may stand between the head and the name ("Fraunhofer IML in Dortmund", "Universität zu Köln",
# "Hochschule für angewandte Wissenschaften"). After the name has started only "für"/"of" may continue it, so
# "Spin-off der TU Dortmund in Dortmund" keeps the company's own Dortmund.
_LEAD_WORDS = frozenset({"in", "zu", "am", "an", "der", "des", "aus", "at", "of", "the", "fuer", "for", "im"})
_NAME_WORDS = frozenset({"fuer", "for", "of"})
# "Hochschulen in Aachen und Köln": a second name joined to a written-out one.
_COORDINATORS = frozenset({"und", "oder", "and", "or", "sowie"})
_MAX_TOKENS = 6  # after the head
_BREAKS = frozenset(",;:!?()[]–—\"„“”")


def _is_head(token: Token) -> bool:
    return token.norm in _HEADS or token.norm.endswith(_HEAD_ENDINGS)


def _is_acronym(text: str, token: Token) -> bool:
    word = text[token.start : token.end]
    return 2 <= len(word) <= 6 and word.isalpha() and word.isupper()


def _breaks(text: str, before: Token, after: Token, abbreviation: bool) -> bool:
    """A clause boundary between two tokens ends a name; "Univ. Siegen" keeps its dot."""
    gap = text[before.end : after.start]
    if any(c in _BREAKS for c in gap):
        return True
    return "." in gap and not abbreviation


def _links(tokens: list[Token], j: int, end: int, named: bool, acronym: bool) -> bool:
    """Whether tokens[j] only links parts of a name: "in" in "Fraunhofer IML in Dortmund", "für" in "Institut für
    Produktionstechnik", "und" in "Hochschulen in Aachen und Köln"."""
    norm = tokens[j].norm
    if norm in _LEAD_WORDS and (not named or acronym):
        return True
    if not named:
        return False
    if norm in _NAME_WORDS:
        return True
    return norm in _COORDINATORS and tokens[end].capitalised and j + 1 < len(tokens) and tokens[j + 1].capitalised


def _name_end(text: str, tokens: list[Token], i: int) -> int:
    """The index of the last word of the name that the head tokens[i] opens (i itself when none follows)."""
    end = i
    named = False  # the name proper (not only lead words and acronyms) has started
    acronym = False  # the last word taken was an acronym ("IML")
    for j in range(i + 1, min(len(tokens), i + 1 + _MAX_TOKENS)):
        token = tokens[j]
        if _breaks(text, tokens[j - 1], token, abbreviation=j == i + 1 and tokens[i].norm == "univ"):
            break
        joined = text[tokens[j - 1].end : token.start] in ("-", "/")
        if joined or _is_acronym(text, token):
            end, acronym = j, not joined
        elif _links(tokens, j, end, named, acronym):
            continue
        elif not named or token.capitalised:
            # The first word after the head is the name whatever its case ("uni siegen"); later ones only when
            # written as names ("Hochschule Ruhr West").
            end, named, acronym = j, True, False
        else:
            break
    return end


def institution_spans(text: str, tokens: list[Token]) -> list[tuple[int, int]]:
    """Character spans of institution names in text, each from the head word to the end of its name."""
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        if not _is_head(tokens[i]):
            i += 1
            continue
        start = i
        # "Ruhr-Universität", "Max-Planck-Institut": parts joined by a hyphen belong to the name.
        while start > 0 and text[tokens[start - 1].end : tokens[start].start] == "-":
            start -= 1
        end = _name_end(text, tokens, i)
        if end > i:
            spans.append((tokens[start].start, tokens[end].end))
        i = end + 1
    return spans
