"""What a turn asks and what it says about the company, read without an LLM: question kinds, company facts,
eligibility misfits, the SME check, status phrases."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from assistant.answering.eligibility import misfits
from assistant.answering.program_fit import FitProfile
from assistant.answering.sme_check import sme_verdict
from assistant.answering.status_phrase import as_of_phrase, stale_note, status_phrase
from assistant.conversation.company_facts import read_company_facts
from assistant.conversation.question_kinds import QuestionKinds
from indexer.catalog import Eligibility, Program
from indexer.programme_status import on_day

KINDS = QuestionKinds()


@pytest.mark.parametrize(("text", "kind"), [
    ("Wie beantrage ich eigentlich die Forschungszulage?", "procedure"),
    ("wo stell ich den antrag für den mikrokredit", "procedure"),
    ("How do we apply for ZIM?", "procedure"),
    ("Welche Unterlagen brauche ich für den Gründerkredit?", "documents"),
    ("brauch ich nen businessplan?", "documents"),
    ("Zählen wir mit 180 Leuten noch als KMU?", "eligibility"),
    ("Geht das auch für Handwerksbetriebe?", "eligibility"),
    ("Do we qualify as an SME with 60 staff?", "eligibility"),
    ("Kann man EXIST und das Gründungsstipendium kombinieren?", "combination"),
    ("Can I combine a KfW loan with a Bürgschaft?", "combination"),
    ("Was ist der Unterschied zwischen ZIM und Forschungszulage?", "comparison"),
    ("Gibt es go-digital noch?", "ended"),
    ("is Digital Jetzt still open?", "ended"),
    ("Wo bekomme ich eine kostenlose Erstberatung zu Fördermitteln?", "orientation"),
    ("Lieber Kredit oder Zuschuss für die neue CNC-Fräse?", "loan_vs_grant"),
    ("Muss man das Geld zurückzahlen?", "loan_vs_grant"),
    ("Wie hoch ist die Förderung bei MID?", "amount"),
    ("Bis wann läuft die Frist?", "deadline"),
    # The more specific question wins; among the details of applying, the one asked first.
    ("Darf ich progres.nrw mit der EEW kombinieren?", "combination"),
    ("Bis wann kann ich den Antrag stellen?", "deadline"),
    ("und wie laeuft das ab, muss ich was einreichen bevor ich beauftrage?", "procedure"),
    ("Kommt für unser neues Lager der NRW.BANK Mittelstandskredit in Frage?", "eligibility"),
    ("Gibts den ERP Digitalisierungs- und Innovationskredit 380 noch?", "ended"),
    ("Gibts jemanden, der mich erstmal kostenlos beraet?", "orientation"),
    ("Wo gibt es eine kostenlose erste Beratung zu Förderung?", "orientation"),
    ("Wer ist bei uns für Innovationsberatung zuständig, die IHK oder die Wirtschaftsförderung?", "orientation"),
])
def test_question_kinds_in_everyday_words(text: str, kind: str) -> None:
    assert KINDS.kind(text) == kind


def test_a_plain_search_has_no_kind() -> None:
    assert KINDS.kind("Wir wollen eine Pilotanlage mit der Uni testen. Welche Förderung kommt in Frage?") is None
    assert KINDS.kind("Welche Förderung gibt es für Digitalisierung in meiner Schreinerei?") is None


def test_company_facts() -> None:
    assert read_company_facts("Ich komme nicht von der Uni und will mich selbstständig machen").from_research is False
    assert read_company_facts("Wir sind ein Spin-off der RWTH").from_research is True
    assert read_company_facts("Wir wollen mit der Uni Siegen forschen").from_research is None  # a partner, not origin
    assert read_company_facts("Wir wollen ein ERP-System einführen").project_kinds == ("standard_software",)
    assert read_company_facts("Wir brauchen neue Laptops für das Büro").project_kinds == ("hardware",)
    assert read_company_facts("Ich bin Business Angel und will investieren").investor
    assert read_company_facts("Die Firma gibt es seit 2001", today=date(2026, 12, 7)).company_age_years == 25
    assert read_company_facts("I want to start a business").founding
    assert read_company_facts("Grafikdesign, hab Ausbildung gemacht, kein Studium").from_research is False
    # Taking over a running business is no spin-off from a Hochschule.
    assert read_company_facts("Ich will den Betrieb von meinem alten Chef übernehmen").from_research is False
    assert read_company_facts("Wir übernehmen als Ausgründung der RWTH eine Lizenz").from_research is True


PROGRAM = Program(id="p", name="Programm", provider="Bund", level="Bund", funding_type="Zuschuss", status="open",
                  as_of="2026-01-07", source_url="https://example.org/p", target_groups=("kmu",))


def test_misfits_only_from_stated_facts() -> None:
    exist = replace(PROGRAM, eligibility=Eligibility(recipient="founder", founders_from_research=True))
    assert misfits(exist, FitProfile()) == []  # not said: never excluded
    assert misfits(exist, FitProfile(from_research=False)) == [
        "nur für Gründungen aus Hochschulen und Forschungseinrichtungen"]
    mid = replace(PROGRAM, eligibility=Eligibility(excluded_projects=("standard_software", "hardware")))
    assert "Standardsoftware" in misfits(mid, FitProfile(project_kinds=("standard_software",)))[0]
    invest = replace(PROGRAM, eligibility=Eligibility(recipient="investor"))
    assert misfits(invest, FitProfile(funding_kinds=("darlehen",)))
    assert not misfits(invest, FitProfile(investor=True))
    assert misfits(PROGRAM, FitProfile(large=True)) == ["nur für kleine und mittlere Unternehmen"]
    master = replace(PROGRAM, eligibility=Eligibility(sectors_only=("handwerk",)))
    assert misfits(master, FitProfile(sector="industrie")) and not misfits(master, FitProfile(sector="handwerk"))
    loan = replace(PROGRAM, eligibility=Eligibility(company_age_min_years=5))
    assert misfits(loan, FitProfile(founding=True)) and not misfits(loan, FitProfile(company_age_years=12))
    igf = replace(PROGRAM, eligibility=Eligibility(recipient="research_association"))
    assert "Forschungsvereinigungen" in misfits(igf, FitProfile())[0]


def test_the_sme_check() -> None:
    assert "zählen Sie als KMU" in sme_verdict(180, None, "de")
    assert "über der Grenze" in sme_verdict(320, None, "de")
    assert "nur dann als KMU" in sme_verdict(120, 80_000_000, "de")
    assert "count as an SME" in sme_verdict(40, 5_000_000, "en")
    assert sme_verdict(None, 1_000_000) is None


def test_status_phrases_on_the_day() -> None:
    program = replace(PROGRAM, valid_until="2026-12-31")
    assert status_phrase(on_day(program, date(2026, 12, 7))) == "nur noch bis 31.12.2026"
    assert status_phrase(on_day(program, date(2026, 6, 1))) == "offen, Anträge bis 31.12.2026"
    assert status_phrase(on_day(program, date(2027, 1, 5))) == "beendet am 31.12.2026"
    assert status_phrase(on_day(program, date(2027, 1, 5)), "en") == "ended on 2026-12-31"
    assert status_phrase(on_day(replace(PROGRAM, status="unknown"), date(2026, 1, 1))).startswith("Status unklar")
    old = on_day(replace(PROGRAM, as_of="2024-02"), date(2026, 12, 7))
    assert stale_note(old) == "Stand 02/2024 – bitte beim Anbieter prüfen"
    assert as_of_phrase(None, "2026-12-07", False) == "Quelle ohne Datum, gesichtet am 07.12.2026"
    assert as_of_phrase("2026-01-07", None, False) == "Stand 07.01.2026"
