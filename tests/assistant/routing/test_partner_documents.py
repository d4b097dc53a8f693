"""Every partner has a German profile document whose front matter matches partners.yaml."""

from __future__ import annotations

import re

import pytest

from assistant.routing.partner_registry import PartnerRegistry
from indexer.parsers.front_matter import split_front_matter
from tests.assistant.routing.conftest import CORPUS_DIR

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
PHONE = re.compile(r"\b0\d{2,5}[ /-]?\d{3,}")
WEBSITE_LINE = re.compile(r"^Website: (\S+?)\.? ", re.M)


def dated(partner) -> dict:
    """The front matter's date: the source's as_of, or checked_on (and no as_of) for an undated source."""
    return {"as_of": partner.as_of} if partner.as_of else {"checked_on": partner.checked_on}


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
        **dated(partner),
        "language": "de",
    }
    assert 150 <= len(re.findall(r"\w+", body)) <= 300
    undated = "nicht tagesgenau datiert" in body and "gesichtet am 7. Dezember 2026" in body
    assert ("Stand:" in body and not undated) if partner.as_of else undated
    assert not EMAIL.search(body) and not PHONE.search(body)


def test_all_profiles_have_valid_front_matter_and_length(registry: PartnerRegistry) -> None:
    for partner in registry.partners:
        meta, body = split_front_matter((CORPUS_DIR / partner.document).read_text(encoding="utf-8"))
        assert meta["partner_id"] == partner.id, partner.id
        assert {k: meta.get(k) for k in ("as_of", "checked_on") if k in meta} == dated(partner), partner.id
        assert "2026-06-01" not in str(meta) and "1. Juni 2026" not in body, partner.id  # never the research date
        shortest = 100 if partner.type == "wirtschaftsfoerderung" else 150  # short: only attested facts
        assert shortest <= len(re.findall(r"\w+", body)) <= 300, partner.id
        assert not EMAIL.search(body) and not PHONE.search(body), partner.id


def test_a_profile_names_the_official_website_or_says_there_is_none(registry: PartnerRegistry) -> None:
    for partner in registry.partners:
        body = (CORPUS_DIR / partner.document).read_text(encoding="utf-8")
        named = WEBSITE_LINE.findall(body)
        if partner.website:
            assert named == [partner.website], partner.id
        else:
            assert named == [] and "Eine offizielle Website ist in unseren Quellen nicht belegt" in body, partner.id


def test_merger_review_is_recorded_as_uncertain_in_both_entries_and_profiles(registry: PartnerRegistry) -> None:
    for partner_id in ("ihk-essen", "ihk-mittleres-ruhrgebiet"):
        partner = registry.get(partner_id)
        body = (CORPUS_DIR / partner.document).read_text(encoding="utf-8")
        assert "Zusammenschluss" in body and "Juli 2025" in body and "Juni 2026" in body
        assert "Unsicher:" in body and "nicht belegt" in body  # no outcome is claimed
        assert len(partner.uncertain) == 1
        assert "Juni 2026" in partner.uncertain[0] and "nicht belegt" in partner.uncertain[0]
        assert "https://www.kammer-machen.de/" in {s.url for s in partner.sources}


def test_wirtschaftsfoerderung_profiles_say_only_what_is_attested(registry: PartnerRegistry) -> None:
    offices = [p for p in registry.partners if p.type == "wirtschaftsfoerderung"]
    assert len(offices) >= 20
    for partner in offices:
        _, body = split_front_matter((CORPUS_DIR / partner.document).read_text(encoding="utf-8"))
        assert partner.name in body and partner.source_url in body, partner.id
        places = [registry.gazetteer.kreise[k].name.split()[-1] for k in partner.coverage.kreise]  # Neuss, Soest
        assert all(place in body for place in places), partner.id
        # The general role is said as general, with its own sources; the office's own services are not invented.
        assert "steht nicht in unseren Quellen" in body and "https://www.land.nrw/de/node/18412" in body, partner.id


def test_witten_hattingen_exception_in_profiles(registry: PartnerRegistry) -> None:
    for partner_id in ("sihk-hagen", "ihk-mittleres-ruhrgebiet"):
        body = (CORPUS_DIR / registry.get(partner_id).document).read_text(encoding="utf-8")
        assert "Witten" in body and "Hattingen" in body
