"""Splits source text into whole sentences, as German text is written: a period after "z. B.", "bzw.", "max.",
"Nr.", "Mio." or a day ("am 7. Januar") does not end a sentence; nor does one inside parentheses. PDF text comes
with hard line breaks inside sentences (and words hyphenated across lines): those lines are joined first, so a
sentence is never cut at the end of a printed line.
"""

from __future__ import annotations

import itertools
import re

# Words that end with a period without ending the sentence (compared lower-case, without the period).
_ABBREVIATIONS = frozenset({
    "bzw", "ca", "max", "min", "mind", "nr", "abs", "art", "gem", "ggf", "inkl", "zzgl", "evtl", "vgl", "dr",
    "prof", "st", "str", "tel", "bspw", "insb", "sog", "rd", "co", "mio", "mrd", "tsd", "lt", "zt", "jan", "feb",
    "mär", "apr", "jun", "jul", "aug", "sep", "sept", "okt", "nov", "dez", "ziff", "kap", "bd", "hrsg", "ehem",
    "einschl", "ausschl", "mtl", "jährl", "ff", "approx", "incl", "vs", "etc", "usw", "u.a", "z.b",
    "d.h", "e.v", "i.d.r", "u.u", "o.ä", "e.g", "i.e",
})
_CONJUNCTIONS = frozenset({"und", "oder", "bzw", "sowie", "bis", "and", "or"})
# A list item or heading starts a new line of its own; any other line may continue the sentence above it.
_ITEM = re.compile(r"^\s*(?:[-*•–—](?=\s)|\d{1,2}[.)](?=\s)|#{1,6}\s|[a-z]\)\s)")
_ITEM_MARKER = re.compile(r"^\s*(?:[-*•–—]|\d{1,2}[.)]|#{1,6}|[a-z]\))\s+")
_EMPHASIS = re.compile(r"\*\*|__")
_PARAGRAPH = re.compile(r"\n\s*\n")
# A candidate sentence end: . ! ? (and closing quotes or brackets), whitespace, then what may open a sentence.
_END = re.compile(r"[.!?…][\"'“”»)\]]*\s+(?=[A-ZÄÖÜ0-9„\"“»(\[])")
_WORD_BEFORE = re.compile(r"([\wÄÖÜäöüß.]+)[.!?…][\"'“”»)\]]*\s*$")
_ORDINAL = re.compile(r"(?:^|[^\d.])\d{1,2}$")  # "7" of "am 7. Januar", not "2029" nor "31.12.2029"
_WRAPPED_SHARE = 0.6  # a line this long (of the paragraph's longest) was wrapped by the layout, not ended
_MAX_PAREN_SPAN = 300  # an unclosed "(" stops protecting its sentence after this many characters
_SENTENCE_CLOSE = re.compile(r"[.!?][\"'“”»)\]]*$")
_SENTENCE_OPEN = re.compile(r"^[A-ZÄÖÜ„\"“»]")


_HEADING_LINE = re.compile(r"#{1,6}\s+(\S.*)")


def split_sentences(text: str) -> list[str]:
    """The text's sentences in order, list markers and Markdown emphasis removed, whitespace normalised."""
    sentences: list[str] = []
    for paragraph in _PARAGRAPH.split(text):
        for line in _logical_lines(paragraph):
            if not _HEADING_LINE.match(line):  # a heading is no sentence
                sentences.extend(_split_line(line))
    return [s for s in sentences if s]


def is_complete(sentence: str, names: tuple[str, ...] = ()) -> bool:
    """A whole sentence: opens with a capital letter, a quote or one of `names` (a programme written in lower
    case, "progres.nrw …"), and closes with . ! or ?"""
    s = sentence.strip()
    if not _SENTENCE_CLOSE.search(s) or s.endswith("..."):
        return False
    return bool(_SENTENCE_OPEN.match(s)) or any(n and s.lower().startswith(n.lower()) for n in names)


def _logical_lines(paragraph: str) -> list[str]:
    """Joins the lines of one paragraph that continue a sentence; list items and headings stay lines of their own."""
    raw = [line.rstrip() for line in paragraph.split("\n") if line.strip()]
    if not raw:
        return []
    longest = max(len(line) for line in raw)
    lines: list[str] = [raw[0]]
    for previous_raw, line in itertools.pairwise(raw):
        previous = lines[-1]
        head = line.lstrip()
        first_word = head.split(" ", 1)[0]
        continues = not _ITEM.match(line) and not _HEADING_LINE.match(previous) and not _HEADING_LINE.match(line) \
            and not previous.endswith((".", "!", "?", ":", ";")) and (
            head[:1].islower() or len(previous_raw) >= _WRAPPED_SHARE * longest)
        if not continues:
            lines.append(line)
        elif previous.endswith("-") and previous[-2:-1].isalpha() and head[:1].islower() \
                and first_word not in _CONJUNCTIONS:
            lines[-1] = previous[:-1] + head  # "Förder-" + "programm": a word hyphenated across lines
        elif previous.endswith("-"):
            # "Forschungs-" + "und …" keeps its space; "KMU-" + "Definition" is one word
            lines[-1] = previous + (" " if first_word in _CONJUNCTIONS else "") + head
        else:
            lines[-1] = previous + " " + head
    return lines


def _split_line(line: str) -> list[str]:
    text = _EMPHASIS.sub("", _ITEM_MARKER.sub("", line, count=1))
    text = re.sub(r"\s+", " ", text).strip()
    out: list[str] = []
    start = 0
    for match in _END.finditer(text):
        piece = text[start: match.end()]
        if _keeps_going(piece):
            continue
        out.append(piece.strip())
        start = match.end()
    out.append(text[start:].strip())
    return out


def _keeps_going(piece: str) -> bool:
    """Whether the period that ends `piece` is not a sentence end (abbreviation, day, open parenthesis)."""
    stripped = piece.rstrip()
    if stripped.endswith((".",)) or re.search(r"\.[\"'“”»)\]]+$", stripped):
        found = _WORD_BEFORE.search(stripped)
        word = found.group(1) if found else ""
        bare = word.rstrip(".").lower()
        if len(bare) == 1 and bare.isalpha():
            return True  # "z. B.", "e. V.", an initial
        if bare in _ABBREVIATIONS or bare.split(".")[-1] in _ABBREVIATIONS:
            return True
        if _ORDINAL.search(word.rstrip(".")):
            return True  # "am 7. Januar", "zum 1. Juli"
    depth_text = piece[-_MAX_PAREN_SPAN:]
    return depth_text.count("(") > depth_text.count(")")


def under_headings(section: str, text: str) -> list[tuple[str, str]]:
    """The chunk's text under its headings: a short section the chunker merged into the one before it keeps its
    heading as a Markdown heading line ("## Wie hoch ist die Förderung?\n70 % der …")."""
    blocks: list[tuple[str, str]] = []
    for paragraph in text.split("\n\n"):
        first, _, rest = paragraph.strip().partition("\n")
        heading = _HEADING_LINE.match(first)
        if heading:
            section = heading.group(1).strip()
            paragraph = rest
        blocks.append((section, paragraph))
    return blocks
