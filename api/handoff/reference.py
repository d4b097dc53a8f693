"""The reference a user quotes when a partner calls back: NRW-<year>-<6 characters>.

Characters that are easily confused on the phone or in handwriting (0/O, 1/I/L) are left out; 31^6 ≈ 890 million
codes per year, so collisions are rare and the store refuses the few that happen.
"""

from __future__ import annotations

import secrets
from datetime import datetime

_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
_LENGTH = 6


def new_reference(now: datetime) -> str:
    code = "".join(secrets.choice(_ALPHABET) for _ in range(_LENGTH))
    return f"NRW-{now.year}-{code}"
