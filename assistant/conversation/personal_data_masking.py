"""Mask e-mail addresses, phone numbers and IBANs in free text before it is stored (feedback comments, recorded
questions) or sent to an LLM (`mask_for_llm`, used by the chat turn itself so every entry point masks alike).

Phone numbers are recognised by their German and international shapes (+49 …, 0211 …, with spaces, slashes,
dashes, parentheses) and by at least six digits, so amounts ("50.000 Euro"), years and dates stay readable.
"""

from __future__ import annotations

import re

EMAIL_MASK = "[E-Mail entfernt]"
PHONE_MASK = "[Telefonnummer entfernt]"
IBAN_MASK = "[IBAN entfernt]"
# A neutral mark for removed contact details: the stored-feedback masks name what was removed ("E-Mail"), which the
# turn understanding would read as a request for contact.
REMOVED = "[…]"

# Also the usual obfuscations: "name (at) firma.de", "name [at] firma [dot] de".
_EMAIL = re.compile(
    r"[\w.+%-]+\s*(?:@|\(at\)|\[at\])\s*[\w-]+(?:\s*(?:\.|\(dot\)|\[dot\])\s*[\w-]+)*\s*(?:\.|\(dot\)|\[dot\])\s*[a-z]{2,}\b",
    re.IGNORECASE,
)
# Starts with + or 0 (area code or international prefix), then digits with phone separators (no dots or commas,
# which German uses in amounts and dates).
_PHONE = re.compile(r"(?<![\w+(])\(?(?:\+|0)\d[\d /()\-\u2010-\u2015]{4,}\d(?!\w)")
_MIN_PHONE_DIGITS = 7  # "Stand 05/2025" is a date, "030 12345" the shortest real number
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){3,7}(?: ?[A-Z0-9]{1,3})?\b")


def mask_personal_data(text: str) -> str:
    masked = _EMAIL.sub(EMAIL_MASK, text)
    masked = _IBAN.sub(IBAN_MASK, masked)
    return _PHONE.sub(_mask_phone, masked)


def _mask_phone(match: re.Match[str]) -> str:
    digits = sum(ch.isdigit() for ch in match.group(0))
    return PHONE_MASK if digits >= _MIN_PHONE_DIGITS else match.group(0)


def mask_for_llm(message: str) -> str:
    """The message with its contact details replaced by REMOVED, for a deployment that keeps them from an LLM
    (PRIVACY.md)."""
    masked = mask_personal_data(message)
    for label in (EMAIL_MASK, PHONE_MASK, IBAN_MASK):
        masked = masked.replace(label, REMOVED)
    return masked
