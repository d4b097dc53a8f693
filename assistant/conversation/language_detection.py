"""German or English? Counted by everyday function words, which both languages use in almost every sentence.

Programme names and loan words ("KI", "Start-up", "Workshop") appear in both languages and are ignored.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[a-zäöüß']+", re.IGNORECASE)
_ENGLISH = frozenset({
    "the", "a", "is", "are", "were", "be", "been", "do", "does", "did", "have", "has", "had", "i", "we", "you",
    "our", "my", "your", "their", "it", "this", "that", "these", "there", "what", "which", "who", "whom", "how",
    "where", "when", "why", "can", "could", "would", "should", "shall", "may", "might", "must", "for", "with",
    "from", "of", "to", "on", "at", "by", "about", "any", "some", "and", "or", "but", "not", "no", "yes", "please",
    "thanks", "thank", "hello", "hi", "grant", "grants", "funding", "loan", "company", "business", "employees",
    "staff", "looking", "need", "want", "get", "apply",
})
_GERMAN = frozenset({
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "ist", "sind", "war",
    "waren", "bin", "bist", "wir", "ich", "sie", "du", "ihr", "unser", "unsere", "mein", "meine", "es", "gibt",
    "gibts", "was", "wer", "wie", "wo", "wann", "warum", "welche", "welcher", "welches", "kann", "können", "könnte",
    "möchte", "möchten", "will", "wollen", "für", "mit", "von", "zu", "im", "in", "am", "auf", "bei", "über", "und",
    "oder", "aber", "nicht", "kein", "keine", "ja", "nein", "bitte", "danke", "hallo", "förderung", "zuschuss",
    "kredit", "firma", "betrieb", "unternehmen", "mitarbeiter", "noch", "auch", "da", "dafür", "mal", "ne", "nen",
    "haben", "hat", "hätte", "uns",
})


def detect_language(text: str) -> str | None:
    """'en', 'de' or None when the text is too short or mixed to tell."""
    words = [w.lower() for w in _WORD.findall(text)]
    english = sum(1 for w in words if w in _ENGLISH)
    german = sum(1 for w in words if w in _GERMAN)
    if any(ch in text for ch in "äöüßÄÖÜ"):
        german += 1
    if english >= 2 and english > german * 1.5:
        return "en"
    if german >= 1 and german >= english:
        return "de"
    if english >= 1 and german == 0 and len(words) <= 3:
        return "en"
    return None
