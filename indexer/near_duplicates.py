"""Near-duplicate pages: the same normalised text under two URLs is indexed once, with both URLs known.

"Normalised" means case-folded, Unicode-normalised and with punctuation and whitespace collapsed, so a page that
differs only in layout, tracking links or typography counts as the same text.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from indexer.documents import ParsedDocument, Section

_NON_WORD = re.compile(r"[\W_]+")


def normalised_text_hash(sections: Iterable[Section]) -> str:
    text = " ".join(s.text for s in sections)
    text = unicodedata.normalize("NFKC", text).casefold()
    return hashlib.sha256(_NON_WORD.sub(" ", text).strip().encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Duplicate:
    source: str
    document: ParsedDocument  # dropped
    kept: ParsedDocument  # the one indexed in its place


def merge_near_duplicates(documents: list[tuple[str, ParsedDocument]]) -> tuple[list[tuple[str, ParsedDocument]],
                                                                               list[Duplicate]]:
    """Keep one document per normalised text (the shortest, then alphabetically first URL, so the choice is
    stable between runs); the kept one lists the others' URLs in metadata `alternate_urls`."""
    groups: dict[str, list[tuple[str, ParsedDocument]]] = {}
    for source, doc in documents:
        groups.setdefault(normalised_text_hash(doc.sections), []).append((source, doc))
    kept: list[tuple[str, ParsedDocument]] = []
    dropped: list[Duplicate] = []
    for group in groups.values():
        group.sort(key=lambda item: (len(item[1].url), item[1].url))
        source, first = group[0]
        if len(group) > 1:
            others = sorted({*first.metadata.get("alternate_urls", []), *(d.url for _, d in group[1:])} - {first.url})
            first.metadata["alternate_urls"] = others
            dropped.extend(Duplicate(s, d, first) for s, d in group[1:])
        kept.append((source, first))
    return kept, dropped
