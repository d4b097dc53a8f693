"""Mask the names of persons in a chat question before it is stored ("Ich bin Erika Musterfrau …").

Names cannot be recognised in general, so this looks where German and English questions put them: after a form of
address (Herr, Frau, Dr.), after an introduction (mein Name ist, ich heiße, ich bin), after a greeting at the end
(Viele Grüße), and after a common first name. A capitalised noun taken for a name now and then is the price of not
keeping a real one: the report of unanswered questions needs the subject of a question, not its author.
"""

from __future__ import annotations

import re

NAME_MASK = "[Name entfernt]"

_WORD = r"[A-ZÄÖÜ][a-zäöüßéèáàçñ]+(?:-[A-ZÄÖÜ][a-zäöüßéèáàçñ]+)?"
_PARTICLE = r"(?:von|van|de|zu|vom)"
# One to three capitalised words, with a nobility particle allowed in between ("Anna von Berg").
_NAME = rf"{_WORD}(?:\s+(?:{_PARTICLE}\s+)?{_WORD}){{0,2}}"
_TITLES = r"(?:(?:Dr|Prof|Dipl\.-Ing|Dipl\.-Kfm)\.\s*)*"

_ADDRESSED = re.compile(rf"\b(?P<cue>(?:Herrn?|Frau|Hr\.|Fr\.|Mr\.?|Mrs\.?|Ms\.?)\s+{_TITLES}|(?:Dr|Prof)\.\s*)"
                        rf"(?P<name>{_NAME})")
_INTRODUCED = re.compile(rf"(?i:\b(?P<cue>mein\s+name\s+ist|ich\s+hei(?:ß|ss)e|my\s+name\s+is|hier\s+(?:ist|spricht)|"
                         rf"this\s+is)\s+{_TITLES})(?P<name>{_NAME})")
# "ich bin …" is also how people name their trade ("ich bin Schreiner"): only two or more capitalised words count.
_I_AM = re.compile(rf"(?i:\b(?P<cue>ich\s+bin|i\s+am|i'm)\s+)(?P<name>{_WORD}(?:\s+(?:{_PARTICLE}\s+)?{_WORD}){{1,2}})"
                   r"(?=\s*(?:[,.;:!?)]|$|\s+(?:von|aus|bei|und|from|of|at)\b))")
_SIGNED = re.compile(rf"(?i:\b(?P<cue>(?:viele|beste|liebe|freundliche|herzliche|mit\s+freundlichen)?\s*"
                     rf"(?:grüße|grüßen|gruß|grüsse|gruss)|mfg|lg|vg|regards|best|cheers|thanks)[,!.]?\s+)"
                     rf"(?P<name>{_NAME})\s*[.!]?\s*$")
# The most common first names in Germany; followed by a capitalised word they are taken for a full name.
_FIRST_NAMES = frozenset({
    "Alexander", "Andrea", "Andreas", "Angelika", "Anja", "Anna", "Anne", "Annette", "Barbara", "Bernd", "Birgit",
    "Brigitte", "Carsten", "Christian", "Christina", "Christine", "Claudia", "Daniel", "Daniela", "David", "Dennis",
    "Dieter", "Dirk", "Doris", "Elena", "Elisabeth", "Emma", "Erika", "Felix", "Florian", "Frank", "Gabriele",
    "Georg", "Gerhard", "Hans", "Harald", "Heike", "Heinz", "Helga", "Helmut", "Ingrid", "Jan", "Jana", "Jens",
    "Joachim", "Johanna", "Johannes", "Jonas", "Jörg", "Julia", "Jürgen", "Karin", "Karl", "Katharina", "Kathrin",
    "Katrin", "Klaus", "Kerstin", "Laura", "Lea", "Lena", "Leon", "Lisa", "Lukas", "Manfred", "Manuela", "Marc",
    "Marcel", "Maria", "Marie", "Mario", "Markus", "Martin", "Martina", "Matthias", "Max", "Maximilian", "Melanie",
    "Michael", "Michaela", "Monika", "Nadine", "Nicole", "Niklas", "Nina", "Oliver", "Patrick", "Paul", "Peter",
    "Petra", "Philipp", "Ralf", "Renate", "Robert", "Sabine", "Sandra", "Sarah", "Sascha", "Sebastian", "Silke",
    "Simon", "Sonja", "Stefan", "Stefanie", "Steffen", "Stephan", "Susanne", "Sven", "Tanja", "Thomas", "Tim",
    "Tobias", "Torsten", "Ulrich", "Ursula", "Ute", "Uwe", "Werner", "Wolfgang", "Yvonne",
})
_FIRST_AND_LAST = re.compile(rf"\b(?P<first>{_WORD})\s+(?:{_PARTICLE}\s+)?{_WORD}")


def mask_person_names(text: str) -> str:
    for pattern in (_ADDRESSED, _INTRODUCED, _I_AM, _SIGNED):
        text = pattern.sub(lambda m: _cue(m) + NAME_MASK, text)
    return _FIRST_AND_LAST.sub(lambda m: NAME_MASK if m.group("first") in _FIRST_NAMES else m.group(0), text)


def _cue(match: re.Match[str]) -> str:
    """What the match holds before the name (the cue and the space after it), kept so the sentence still reads."""
    return match.group(0)[: match.start("name") - match.start(0)]
