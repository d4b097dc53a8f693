"""Folding of place names and user text to one comparable form: lower case, umlauts as ae/oe/ue, ß as ss.

Users type "Muenster", "Münster" or "MÜNSTER"; all fold to "muenster". The same folding is applied to the
gazetteer names and to every token of a message, so exact matching is a dictionary lookup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.text_folding import fold_name

# Letters and digits; hyphens, slashes, dots and brackets separate tokens ("Rheda-Wiedenbrück").
_TOKEN = re.compile(r"[^\W_]+")


def name_tokens(name: str) -> tuple[str, ...]:
    """A place name as the tuple of folded tokens it is matched by."""
    return tuple(fold_name(m.group()) for m in _TOKEN.finditer(name))


@dataclass(frozen=True, slots=True)
class Token:
    norm: str  # folded form
    start: int  # span in the original text
    end: int
    capitalised: bool  # written with a capital first letter (a hint that it is a name)


def tokenize(text: str) -> list[Token]:
    return [Token(fold_name(m.group()), m.start(), m.end(), m.group()[0].isupper()) for m in _TOKEN.finditer(text)]
