"""Understanding single turns without an LLM: intent, slots, follow-ups, corrections, typos, German and English."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.answering.program_mentions import ProgramMentions
from assistant.conversation.company_size import extract_company_size, size_class
from assistant.conversation.dialogue_state import DialogueState
from assistant.conversation.language_detection import detect_language
from assistant.conversation.query_rewriter import QueryRewriter
from assistant.conversation.turn_understanding import Intent, TurnUnderstanding
from indexer.catalog import load_programs
from indexer.german_analyzer import GermanAnalyzer
from tests.corpus_builder import PROGRAMS_YAML


@pytest.fixture(scope="module")
def programs(tmp_path_factory):
    path: Path = tmp_path_factory.mktemp("catalog") / "programs.yaml"
    path.write_text(PROGRAMS_YAML, encoding="utf-8")
    return load_programs(path)


@pytest.fixture(scope="module")
def understanding(programs) -> TurnUnderstanding:
    return TurnUnderstanding(ProgramMentions(programs), GermanAnalyzer().terms)


@pytest.mark.parametrize(("text", "expected"), [
    ("Wir sind ne Schreinerei mit 12 Leuten in Herford und wollen unsere Auftragsplanung digitalisieren – gibts "
     "da was?", {"intent": "programme_search", "sector": "handwerk", "trade": "Schreinerei", "employees": 12,
                 "topics": ("digitalisierung",), "language": "de"}),
    ("Wir sind eine Bäkerei und wollen digitalisiern", {"sector": "handwerk", "topics": ("digitalisierung",)}),
    ("Gibt es was für künstliche Inteligenz im Betrieb?", {"topics": ("ki",), "intent": "programme_search"}),
    ("Foerderung fuer Energieeffizienz in der Produktion", {"topics": ("energie",), "intent": "programme_search"}),
    # A compound names the subject and its kind: an energy consultation is about energy and about consulting.
    ("Zahlt jemand was für eine Energieberatung in unserer Druckerei?", {"topics": ("energie", "beratung")}),
    ("Gibt es Zuschüsse für eine Digitalisierungsberatung?", {"topics": ("digitalisierung", "beratung")}),
    ("Wir suchen einen günstigen Kredit für eine neue Maschine",
     {"funding_type": "darlehen", "topics": ("investition",), "intent": "programme_search"}),
    ("Elektrobetrieb, ca. 25 MA, Umsatz 3,2 Mio. €, wir wollen eine Wärmepumpen-Sparte aufbauen",
     {"sector": "handwerk", "employees": 25, "turnover_eur": 3_200_000, "topics": ("energie",)}),
    ("Maschinenbauer mit 180 Beschäftigten, Forschungsprojekt mit einer Hochschule geplant",
     {"sector": "industrie", "employees": 180, "topics": ("wissenstransfer", "fue")}),
    ("Onlinehändler, wollen nach Frankreich exportieren", {"sector": "handel", "topics": ("international",)}),
    ("Ich will mich selbstständig machen – gibt es ein Gründungsstipendium?",
     {"topics": ("gruendung",), "funding_type": "stipendium"}),
    ("Kann ich noch das Altprogramm beantragen?", {"intent": "named_programme",
                                                    "named_programs": ("test-altprogramm",)}),
    ("Wer ist bei der IHK mein Ansprechpartner?", {"intent": "partner_contact"}),
    ("Gibt es Veranstaltungen vom Netzwerk NRW.Innovationspartner?", {"intent": "network"}),
    ("Hallo!", {"intent": "small_talk", "small_talk": "greeting"}),
    ("Danke, das hilft mir sehr.", {"intent": "small_talk", "small_talk": "thanks"}),
    ("Wer bist du eigentlich?", {"intent": "small_talk", "small_talk": "about"}),
    ("Wie backe ich einen Marmorkuchen mit Schokoladenglasur?", {"intent": "out_of_scope"}),
    ("Wann darf ich mit dem Vorhaben beginnen?", {"intent": "question"}),
    ("We are a bakery with 8 employees and want to use AI – is there a grant?",
     {"language": "en", "sector": "handwerk", "employees": 8, "topics": ("ki",), "funding_type": "zuschuss"}),
    ("Who can I call about EU funding for our software company?",
     {"language": "en", "intent": "partner_contact", "sector": "dienstleistung", "topics": ("eu",)}),
    # A business the user hires is not the user's own line of business; one the user runs is.
    ("Muss ich was einreichen, bevor ich den IT-Dienstleister beauftrage?", {"sector": None}),
    ("Wir sind ein IT-Dienstleister aus Hamm", {"sector": "dienstleistung"}),
    ("Ich führe einen Malerbetrieb und will digitalisieren", {"sector": "handwerk"}),
    ("Bin frisch Elektrotechnikermeister und will einen Betrieb übernehmen", {"sector": "handwerk"}),
    # Hiring is the staff topic (wage subsidies such as the Eingliederungszuschuss); a head count is not.
    ("Wir wollen einen Langzeitarbeitslosen einstellen, gibt es einen Lohnkostenzuschuss?",
     {"topics": ("fachkraefte",)}),
    ("We are hiring two people, is there a wage subsidy?", {"topics": ("fachkraefte",)}),
    ("Wir sind eine Schreinerei mit 12 Mitarbeitern und wollen eine neue CNC-Maschine", {"topics": ("investition",)}),
    # "Wer …?" in the second sentence still asks for a person to talk to.
    ("Wir sitzen übrigens in Lübbecke. Wer kann mich da beraten?", {"intent": "partner_contact"}),
])
def test_single_turns(understanding, text, expected):
    u = understanding.understand(text)
    for name, value in expected.items():
        got = getattr(u, name)
        assert (got.value if isinstance(got, Intent) else got) == value, (name, got, text)


@pytest.mark.parametrize("text", ["Wir wollen eine Pilotanlage testen, die grünen Wasserstoff nutzt",
                                  "Anlage fuer gruenen Wasserstoff", "Wir machen eine Ausbildung zum Meister"])
def test_everyday_words_are_not_typos_of_founding(understanding, text):
    """ "grünen" is one letter from "gründen": a word the vocabulary knows is never read as a typo of a topic."""
    assert "gruendung" not in understanding.understand(text).topics, text


@pytest.mark.parametrize(("text", "follow_up", "correction", "slots_only"), [
    ("und für KI?", True, False, False),
    ("wen kann ich da anrufen?", True, False, False),
    ("und wie hoch ist der?", True, False, False),
    ("nein, wir sind eine Bäckerei", True, True, True),
    ("Nee, eigentlich sind wir 30 Leute", True, True, True),
    ("Moment, falsch ausgedrückt: wir sind eigentlich eine Bäckerei, die Baustelle ist beim Kunden", True, True,
     True),
    ("Welche Förderung gibt es für Photovoltaik auf dem Hallendach?", False, False, False),
])
def test_follow_ups_and_corrections(understanding, text, follow_up, correction, slots_only):
    u = understanding.understand(text, has_history=True, previous_intent="programme_search")
    assert (u.follow_up, u.correction, u.slots_only) == (follow_up, correction, slots_only), text


def test_a_bare_fact_repeats_the_previous_request(understanding):
    u = understanding.understand("wir sind 30 Leute", has_history=True, previous_intent="partner_contact")
    assert u.intent == Intent.PARTNER_CONTACT and u.employees == 30


@pytest.mark.parametrize(("text", "employees", "turnover"), [
    ("Wir sind 12 Leute", 12, None),
    ("Team von 8", 8, None),
    ("rund 1.200 Mitarbeiterinnen und Mitarbeiter", 1200, None),
    ("Umsatz von 800.000 Euro im Jahr", None, 800_000),
    ("2,5 Mio. € Umsatz und 40 Beschäftigte", 40, 2_500_000),
    ("turnover of EUR 3 million, 20 employees", 20, 3_000_000),
    ("Ich bin ein Ein-Mann-Betrieb", 1, None),
    ("Wir sind 2019 gegründet worden", None, None),
    ("Unser Betrieb ist seit 30 Jahren am Markt", None, None),
])
def test_company_size(text, employees, turnover):
    size = extract_company_size(text)
    assert (size.employees, size.turnover_eur) == (employees, turnover)


def test_size_classes():
    assert size_class(5, None) == "kleinst"
    assert size_class(30, 4_000_000) == "klein"
    assert size_class(120, None) == "mittel"
    assert size_class(None, 80_000_000) == "gross"
    assert size_class(None, None) is None


@pytest.mark.parametrize(("text", "language"), [
    ("Is there any funding for our company?", "en"),
    ("Gibt es eine Förderung für unseren Betrieb?", "de"),
    ("KI?", None),
    ("What about AI?", "en"),
    ("und für KI?", "de"),
])
def test_language(text, language):
    assert detect_language(text) == language


def test_slots_persist_and_corrections_replace(understanding):
    state = DialogueState()
    state.apply(understanding.understand("Schreinerei, 12 Leute, wir wollen digitalisieren"))
    state.apply(understanding.understand("und für KI?", has_history=True, previous_intent="programme_search"))
    assert (state.sector, state.employees, state.topics) == ("handwerk", 12, ["ki"])
    state.apply(understanding.understand("nein, eigentlich 30 Mitarbeiter", has_history=True,
                                         previous_intent="programme_search"))
    assert state.employees == 30 and state.changed == ["employees"] and state.topics == ["ki"]
    restored = DialogueState()
    slots: dict = {}
    state.save(slots)
    restored = DialogueState.load(slots)
    assert restored.public_slots() == state.public_slots()


def test_follow_up_queries_are_self_contained(understanding, programs):
    analyze = GermanAnalyzer().terms
    rewriter = QueryRewriter(programs, analyze)
    state = DialogueState()
    first = understanding.understand("Wir sind ne Schreinerei mit 12 Leuten und wollen die Auftragsplanung "
                                     "digitalisieren")
    state.apply(first)
    first_query = rewriter.plan(first, state).query
    assert "Auftragsplanung" in first_query and "12" not in first_query and "Schreinerei" not in first_query
    follow = understanding.understand("und für KI?", has_history=True, previous_intent="programme_search")
    state.apply(follow)
    query = rewriter.plan(follow, state).query
    assert {"ki", "handwerk"} <= set(analyze(query)) and "digitalisier" not in " ".join(analyze(query))
    english = understanding.understand("Is there a grant for artificial intelligence?")
    english_state = DialogueState(locale="en")
    english_state.apply(english)
    plan = rewriter.plan(english, english_state)
    assert {"ki", "kunstlich", "zuschuss"} <= set(analyze(plan.query))
    assert plan.steer is not None and plan.steer.funding_type == ("Zuschuss",)
