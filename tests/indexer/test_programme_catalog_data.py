"""The bundled programme catalog as data: big enough, every entry dated honestly and backed by a source and a
document, ended programmes recorded as ended, the programmes that end on 31.12.2026 carrying that date."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
import yaml

from assistant.settings import PROJECT_ROOT
from indexer.catalog import Program, load_programs
from indexer.parsers.front_matter import split_front_matter
from indexer.programme_status import programme_status
from indexer.source_date import SourceDate

CORPUS = PROJECT_ROOT / "corpus"
RESEARCH_DATES = {"2026-07-01", "2026-06-01", "2026-12-07"}  # days the research was done: never a source's "Stand"
RESEARCH_DAY = date(2026, 12, 7)
NOW_WORDS = re.compile(r"\b(derzeit|zurzeit|aktuell offen)\b")  # "jederzeit" is fine

# programmes_2026-12.md section 3: never recommend as open (ended programmes and variants).
ENDED = (
    "kfw-unternehmerkredit", "kfw-erp-gruenderkredit-universell", "nrw-bank-universalkredit-weg-vom-gas",
    "nrw-bank-universalkredit-a45", "energie-in-nrw", "industrie-in-nrw", "neue-werkstoffe-nrw", "datipilot",
    "exzellenz-startup-center-nrw", "dwnrw-hubs", "bildungsscheck-nrw-betrieblich",
    # and the earlier list of domain.md section B
    "go-digital", "digital-jetzt", "mid-analyse-innovation", "mid-invest", "kfw-380",
    "foerderung-unternehmerischen-know-hows", "progres-nrw-markteinfuehrung", "progres-nrw-research", "ki4kmu",
)
# Section 3 as well: their 2026 cut-offs have passed; no 2027 date is known, so they must not be "open".
PASSED_CUTOFFS = ("eic-pathfinder", "eic-transition", "eurostars")


@pytest.fixture(scope="module")
def programs() -> dict[str, Program]:
    return load_programs(CORPUS / "programs.yaml")


def test_the_catalog_holds_at_least_90_programmes(programs):
    assert len(programs) >= 90


def test_every_programme_has_a_status_a_source_and_an_honest_date(programs):
    for program in programs.values():
        assert program.status in {"open", "closed", "unknown"}, program.id
        assert program.source_url.startswith(("http://", "https://")), program.id
        assert program.source_url in program.sources or not program.sources, program.id
        if program.as_of is None:
            assert program.checked_on, f"{program.id}: undated sources need checked_on"
        else:
            assert program.as_of not in RESEARCH_DATES, f"{program.id}: as_of is a research date"
            assert SourceDate.parse(program.as_of).first_day() <= RESEARCH_DAY, f"{program.id}: as_of in the future"


def test_no_made_up_first_of_the_month(programs):
    """A source that gives only a month or a year is recorded at that precision, not as its first day."""
    raw = yaml.safe_load((CORPUS / "programs.yaml").read_text(encoding="utf-8"))["programs"]
    suspicious = [e["id"] for e in raw if str(e.get("as_of") or "").endswith("-01-01")]
    assert not suspicious, f"as_of on 1 January looks like a year written as a day: {suspicious}"


def test_every_document_exists_and_names_its_programme(programs):
    for program in programs.values():
        assert program.document, program.id
        path = CORPUS / program.document
        assert path.exists(), f"{program.id}: {program.document} missing"
        meta, body = split_front_matter(path.read_text(encoding="utf-8"))
        assert meta.get("program_id") == program.id, path
        assert meta.get("id") == f"prog-{program.id}", path
        assert meta.get("as_of") or meta.get("checked_on"), path
        assert str(meta.get("as_of")) not in RESEARCH_DATES, path
        for section in ("## Voraussetzungen und Ausschlüsse", "## Status und Fristen", "## Quellen"):
            assert section in body, f"{path}: lacks {section}"


def test_documents_state_dated_facts_not_a_frozen_today():
    for path in sorted((CORPUS / "sample" / "programmes").glob("*.md")):
        text = path.read_text(encoding="utf-8").lower()
        assert not NOW_WORDS.search(text), path
        assert "stand 01.07.2026" not in text, path


def test_every_successor_is_in_the_catalog(programs):
    for program in programs.values():
        if program.successor:
            assert program.successor in programs, program.id


def test_ended_programmes_are_closed_or_carry_an_end_date_before_the_research_day(programs):
    for program_id in ENDED:
        program = programs[program_id]
        end = program.ended_on or program.valid_until
        ended_before = end is not None and SourceDate.parse(end).last_day() < RESEARCH_DAY
        assert program.status == "closed" or ended_before, program_id
        assert programme_status(program, RESEARCH_DAY).status == "closed", program_id


def test_passed_eu_cutoffs_are_not_presented_as_open(programs):
    for program_id in PASSED_CUTOFFS:
        program = programs[program_id]
        assert program.status != "open", program_id
        assert program.deadlines and all(date.fromisoformat(d) < RESEARCH_DAY for d in program.deadlines)
        assert programme_status(program, RESEARCH_DAY).next_deadline is None, program_id


@pytest.mark.parametrize("program_id", ["bafa-unternehmensberatung", "invest-wagniskapital", "igf"])
def test_programmes_ending_on_31_december_2026_carry_that_date(programs, program_id):
    program = programs[program_id]
    assert program.valid_until == "2026-12-31"
    assert programme_status(program, date(2026, 12, 7)).status == "open"
    assert programme_status(program, date(2027, 1, 5)).status == "closed"


def test_eligibility_constraints_the_sources_state_are_recorded(programs):
    assert programs["mid-digitalisierung"].eligibility.excluded_projects >= ("standard_software", "hardware")
    assert programs["exist-gruendungsstipendium"].eligibility.founders_from_research
    assert programs["invest-wagniskapital"].eligibility.recipient == "investor"
    assert programs["igf"].eligibility.recipient == "research_association"
    assert programs["nrw-mikrodarlehen"].eligibility.application_via == "startercenter"
    assert programs["forschungszulage"].eligibility.application_via == "bsfz_finanzamt"
    assert programs["meistergruendungspraemie-nrw"].eligibility.sectors_only == ("handwerk",)
    assert programs["nrw-seedcap"].eligibility.company_age_max_years == 3
    assert programs["nrw-bank-mittelstandskredit"].eligibility.company_age_min_years == 5
    assert programs["kfw-erp-gruenderkredit-startgeld"].eligibility.company_age_max_years == 5
    loans = [p for p in programs.values() if p.funding_type == "Darlehen" and p.status != "closed"
             and p.id != "nrw-mikrodarlehen" and p.curated_status == "open" and p.valid_until is None]
    assert loans and all(p.eligibility.application_via == "hausbank" for p in loans), \
        [p.id for p in loans if p.eligibility.application_via != "hausbank"]


def test_guides_are_dated_and_name_their_sources():
    for path in sorted((CORPUS / "sample" / "guides").glob("*.md")):
        meta, body = split_front_matter(path.read_text(encoding="utf-8"))
        assert meta.get("kind") == "guide" and meta.get("id", "").startswith("guide-"), path
        assert meta.get("as_of") or meta.get("checked_on"), path
        assert str(meta.get("as_of")) not in RESEARCH_DATES, path
        assert "## Quellen" in body and not NOW_WORDS.search(body.lower()), path


def test_the_ended_programmes_guide_names_every_ended_programme(programs):
    text = (CORPUS / "sample" / "guides" / "beendete-programme.md").read_text(encoding="utf-8")
    for needle in ("KfW-Unternehmerkredit", "ERP-Gründerkredit – Universell", "Weg vom Gas", "A45", "Energie.IN.NRW",
                   "Industrie.IN.NRW", "Neue Werkstoffe.NRW", "DATIpilot", "Exzellenz Start-up Center.NRW",
                   "DWNRW-Hubs", "Bildungsscheck", "EIC Pathfinder", "Eurostars", "31.12.2026"):
        assert needle in text, needle


def test_document_paths_are_relative_to_the_corpus(programs):
    assert all(not Path(p.document).is_absolute() for p in programs.values())
