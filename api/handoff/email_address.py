"""A pragmatic e-mail address check for hand-off forms and channel configuration.

Not RFC 5322 in full: one @, an ASCII local part without spaces or control characters, a dotted domain — what a
person types into a form and what any SMTP server accepts. Header injection (CR/LF) is impossible by construction.
Domains with umlauts ("müller-bau.de") are accepted and stored in their ASCII (IDNA) form.
"""

from __future__ import annotations

import re

_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_EMAIL = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@" + _LABEL + r"(?:\." + _LABEL + r")+")
MAX_EMAIL_LENGTH = 254


def is_valid_email(value: str) -> bool:
    return len(value) <= MAX_EMAIL_LENGTH and _EMAIL.fullmatch(value) is not None and ".." not in value


def normalize_email(value: str) -> str | None:
    """The address with an IDNA domain, or None if it is not a usable address."""
    local, at, domain = value.strip().rpartition("@")
    if not at:
        return None
    if not domain.isascii():
        try:
            domain = domain.encode("idna").decode("ascii")
        except UnicodeError:
            return None
    candidate = f"{local}@{domain}"
    return candidate if is_valid_email(candidate) else None
