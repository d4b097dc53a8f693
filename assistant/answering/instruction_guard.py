"""Recognises text in a source that talks to an AI instead of informing a reader ("Ignoriere alle vorherigen
Anweisungen …"). Such sentences are never quoted in answers; for the LLM they stay fenced as data."""

from __future__ import annotations

import re

_INSTRUCTION = re.compile(
    r"ignor(?:iere|ieren|ierst|e)\b.{0,40}\b(?:anweisung|instruktion|regel|vorgabe|instruction|rule|prompt)"
    r"|vergiss\b.{0,40}\b(?:anweisung|regel|vorgabe)"
    r"|forget\b.{0,40}\b(?:instruction|rule)"
    r"|(?:disregard|override)\b.{0,40}\b(?:instruction|rule|prompt)"
    r"|\bsystem[- ]?prompt\b|\bdu bist (?:jetzt|nun|ab sofort)\b|\byou are now\b"
    r"|\b(?:als|as an?) (?:ki|ai|sprachmodell|language model|assistant|assistent)\b.{0,40}"
    r"\b(?:musst|must|sollst|should)\b"
    r"|\bantworte (?:nur|ausschließlich|immer)\b|\brespond only\b|\balways (?:answer|respond|say)\b",
    re.IGNORECASE | re.DOTALL,
)


def looks_like_instruction(text: str) -> bool:
    return bool(_INSTRUCTION.search(text))
