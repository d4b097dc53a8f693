"""The plain-text source list (`nrw-assistant ask`, the hand-off e-mail): each source with its honest date, and the
licence's attribution under a source that requires one."""

from __future__ import annotations

from assistant.answering.answer import Citation
from assistant.answering.source_list import source_list

FDB_URL = "https://www.foerderdatenbank.de/FDB/Content/DE/Foerderprogramm/Bund/BMAS/einstiegsgeld.html"
ATTRIBUTION = f"Einstiegsgeld, Bundesministerium für Wirtschaft und Energie, CC BY-ND 4.0, Quelle: {FDB_URL}"


def _citation(number: int, **fields: object) -> Citation:
    values: dict = {"id": number, "title": f"Quelle {number}", "url": f"https://example.org/{number}", "page": None,
                    "snippet": "…", "as_of": "2026-07-30", "doc_id": f"d{number}", "chunk_id": f"c{number}"}
    return Citation(**{**values, **fields})


def test_a_licensed_source_carries_its_attribution_and_others_carry_none():
    text = source_list([_citation(1, title="Einstiegsgeld", url=FDB_URL, attribution=ATTRIBUTION), _citation(2)])
    lines = text.splitlines()
    assert lines[0] == "Quellen:"
    assert lines[1] == f"[1] Einstiegsgeld (Stand 30.07.2026): {FDB_URL}"
    assert lines[2] == f"    {ATTRIBUTION}"
    assert lines[3].startswith("[2] Quelle 2 (Stand 30.07.2026)") and len(lines) == 4


def test_no_sources_no_list():
    assert source_list([]) == ""
