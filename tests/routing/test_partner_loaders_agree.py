"""partners.yaml is read in several places (routing, indexer facts, hand-off directory, statistics names): on the
bundled file they must all see the same partners, the Wirtschaftsförderungen included."""

from __future__ import annotations

from api.handoff.partner_directory import load_partner_directory
from api.insights.display_names import load_display_names
from assistant.routing.partner_registry import PartnerRegistry
from indexer.catalog import load_partner_facts
from tests.routing.conftest import CORPUS_DIR, PARTNERS_YAML


def test_every_reader_sees_the_same_partners(registry: PartnerRegistry) -> None:
    facts = load_partner_facts(PARTNERS_YAML)
    directory = load_partner_directory(PARTNERS_YAML)
    names = load_display_names(CORPUS_DIR)
    assert set(facts) == {p.id for p in registry.partners}
    assert len(directory) == len(registry.partners)
    for partner in registry.partners:
        fact = facts[partner.id]
        assert (fact["partner_name"], fact["partner_type"]) == (partner.name, partner.type)
        assert fact["kreise"] == list(partner.coverage.kreise) and fact["statewide"] == partner.statewide
        assert directory.get(partner.id).name == partner.name  # hand-offs accept every partner
        assert names.label("partner", partner.id) == partner.name
    assert sum(f["partner_type"] == "wirtschaftsfoerderung" for f in facts.values()) == 25
