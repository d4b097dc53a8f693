"""Every partner has a German profile document whose front matter matches partners.yaml."""

from __future__ import annotations

import re

import pytest

from assistant.routing.partner_registry import PartnerRegistry
from indexer.parsers.front_matter import split_front_matter
from tests.routing.conftest import CORPUS_DIR

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
PHONE = re.compile(r"\b0\d{2,5}[ /-]?\d{3,}")


def test_one_document_per_partner(registry: PartnerRegistry) -> None:
    documents = {p.name for p in (CORPUS_DIR / "sample" / "partners").glob("*.md")}
    assert documents == {f"{p.id}.md" for p in registry.partners}


@pytest.mark.parametrize(
    "partner_id",
    [
        "ihk-aachen",
        "ihk-essen",
        "ihk-mittleres-ruhrgebiet",
        "sihk-hagen",
        "hwk-owl",
        "hwk-dortmund",
        "owl-gmbh",
        "nrw-bank-service-center",
        "nrw-europa",
        "startercenter-nrw",
    ],
)
def test_profile(registry: PartnerRegistry, partner_id: str) -> None:
    partner = registry.get(partner_id)
    assert partner is not None
    meta, body = split_front_matter((CORPUS_DIR / partner.document).read_text(encoding="utf-8"))
    assert meta == {
        "id": f"partner-{partner.id}",
        "kind": "partner",
        "partner_id": partner.id,
        "title": meta["title"],
        "source_url": partner.source_url,
        "as_of": partner.as_of,
        "language": "de",
    }
    assert 150 <= len(re.findall(r"\w+", body)) <= 300
    assert "Stand:" in body
    assert not EMAIL.search(body) and not PHONE.search(body)


def test_all_profiles_have_valid_front_matter_and_length(registry: PartnerRegistry) -> None:
    for partner in registry.partners:
        meta, body = split_front_matter((CORPUS_DIR / partner.document).read_text(encoding="utf-8"))
        assert meta["partner_id"] == partner.id and meta["as_of"] == partner.as_of, partner.id
        assert 150 <= len(re.findall(r"\w+", body)) <= 300, partner.id
        assert not EMAIL.search(body) and not PHONE.search(body), partner.id


def test_merger_review_is_mentioned_in_both_profiles(registry: PartnerRegistry) -> None:
    for partner_id in ("ihk-essen", "ihk-mittleres-ruhrgebiet"):
        body = (CORPUS_DIR / registry.get(partner_id).document).read_text(encoding="utf-8")
        assert "Zusammenschluss" in body and "Juli 2025" in body


def test_witten_hattingen_exception_in_profiles(registry: PartnerRegistry) -> None:
    for partner_id in ("sihk-hagen", "ihk-mittleres-ruhrgebiet"):
        body = (CORPUS_DIR / registry.get(partner_id).document).read_text(encoding="utf-8")
        assert "Witten" in body and "Hattingen" in body
