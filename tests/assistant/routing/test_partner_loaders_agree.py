"""partners.yaml is read by one module (indexer/partner_catalogue.py) into one catalogue; every view of it (routing,
indexer facts, hand-off names, statistics names) must see the same partners on the bundled file, the
Wirtschaftsförderungen included."""

from __future__ import annotations

from api.insights.display_names import display_names_from
from assistant.routing.routing_directory import routing_directory_from
from indexer.corpus_catalogues import load_corpus_catalogues
from tests.assistant.routing.conftest import CORPUS_DIR


def test_every_reader_sees_the_same_partners() -> None:
    catalogues = load_corpus_catalogues(CORPUS_DIR)
    registry = routing_directory_from(catalogues).registry
    facts = catalogues.partners.chunk_facts()
    directory = catalogues.partners.names()  # what the hand-off accepts
    names = display_names_from(catalogues)
    assert set(facts) == {p.id for p in registry.partners}
    assert len(directory) == len(registry.partners)
    for partner in registry.partners:
        fact = facts[partner.id]
        assert (fact["partner_name"], fact["partner_type"]) == (partner.name, partner.type)
        assert fact["kreise"] == list(partner.coverage.kreise) and fact["statewide"] == partner.statewide
        assert directory.get(partner.id) == partner.name  # hand-offs accept every partner
        assert names.label("partner", partner.id) == partner.name
    assert sum(f["partner_type"] == "wirtschaftsfoerderung" for f in facts.values()) == 25
