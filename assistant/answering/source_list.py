"""The sources of an answer as plain text, for a terminal or an e-mail: each once, with its date as it is honest to
show it ("Stand 02/2024 – bitte beim Anbieter prüfen", "Quelle ohne Datum, gesichtet am …"). The chat widget shows
the same list from the reply's `citations`."""

from __future__ import annotations

from assistant.answering.answer import Citation
from assistant.answering.status_phrase import as_of_phrase

_HEADER = {"de": "Quellen:", "en": "Sources:"}
_PAGE = {"de": ", Seite {page}", "en": ", page {page}"}


def source_list(citations: list[Citation], locale: str = "de") -> str:
    if not citations:
        return ""
    lines = [_HEADER.get(locale, _HEADER["de"])]
    for c in citations:
        page = _PAGE.get(locale, _PAGE["de"]).format(page=c.page) if c.page else ""
        lines.append(f"[{c.id}] {c.title}{page} ({as_of_phrase(c.as_of, c.checked_on, c.stale, locale)}): {c.url}")
        if c.attribution:  # a licence that requires it (the Förderdatenbank's CC BY-ND) travels with the source
            lines.append(f"    {c.attribution}")
    return "\n".join(lines)
