"""Places through the conversation's own parts (turn understanding on the real gazetteer, dialogue state,
clarifying questions, partner router on the real registry), turn by turn as ChatService.prepare runs them:
corrections over several turns, institutions, postcodes, no needless place questions, and the place asked for
when the contact depends on it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from assistant.answering.program_mentions import ProgramMentions
from assistant.conversation.clarification import clarify
from assistant.conversation.dialogue_state import DialogueState
from assistant.conversation.gazetteer_location_lookup import GazetteerLocationLookup
from assistant.conversation.registry_partner_router import RegistryPartnerRouter
from assistant.conversation.session_store import Session
from assistant.conversation.turn_understanding import TurnUnderstanding, Understanding
from assistant.routing.routing_directory import RoutingDirectory, load_routing_directory
from indexer.catalog import load_programs
from indexer.german_analyzer import GermanAnalyzer

CORPUS = Path(__file__).resolve().parents[3] / "corpus"


@pytest.fixture(scope="module")
def directory() -> RoutingDirectory:
    found = load_routing_directory(CORPUS)
    assert found is not None and found.registry is not None
    return found


@pytest.fixture(scope="module")
def understanding(directory: RoutingDirectory) -> TurnUnderstanding:
    programs = load_programs(CORPUS / "programs.yaml")
    return TurnUnderstanding(ProgramMentions(programs), GermanAnalyzer().terms,
                             GazetteerLocationLookup(directory.resolver))


@dataclass
class Turn:
    u: Understanding
    state: DialogueState
    asked: tuple[str, ...]
    questions: tuple[str, ...]
    partners: list[str] = field(default_factory=list)


class Conversation:
    """One session through understanding → dialogue state → router → clarification, in ChatService's order."""

    def __init__(self, understanding: TurnUnderstanding, directory: RoutingDirectory) -> None:
        self._understanding = understanding
        assert directory.registry is not None
        self._router = RegistryPartnerRouter(directory.registry)
        self.session = Session("test", 0.0, 0.0)

    def say(self, text: str) -> Turn:
        state = DialogueState.load(self.session.slots)
        first = not self.session.turns
        u = self._understanding.understand(text, has_history=not first, previous_intent=state.last_intent)
        state.locale = u.language or (None if first else state.locale) or "de"
        state.apply(u)
        state.intent = u.intent.value
        state.save(self.session.slots)
        routing = self._router.route(text, state.routing_request())
        questions = clarify(u, state, u.intent)
        state.remember_turn(u.intent, None, [], list(questions.asked))
        state.save(self.session.slots)
        self.session.turns.append({"user": text})
        return Turn(u, state, questions.asked, (*questions.questions, *routing.clarify),
                    [p.id for p in routing.partners])


@pytest.fixture()
def chat(understanding: TurnUnderstanding, directory: RoutingDirectory) -> Conversation:
    return Conversation(understanding, directory)


def _place(turn: Turn) -> str | None:
    return turn.state.location.get("gemeinde") if turn.state.location else None


# --- corrections over turns ------------------------------------------------------------------------

@pytest.mark.parametrize("correction", [
    "nein, wir sitzen in Detmold, nicht Bielefeld",
    "Nein nein, Detmold – Bielefeld war falsch.",
    "Korrektur: nicht Bielefeld, sondern Detmold",
    "eigentlich sind wir in Detmold",
    "Sorry, we are actually in Detmold, not Bielefeld",
    "Sorry, not Bielefeld – we're based in Detmold.",
    "Bielefeld war ein Tippfehler, ich meinte Detmold",
])
def test_a_correction_replaces_the_remembered_place(chat: Conversation, correction: str) -> None:
    first = chat.say("Wir sind ein Handwerksbetrieb in Bielefeld. Wen kann ich wegen Digitalisierung anrufen?")
    assert _place(first) == "Bielefeld"
    turn = chat.say(correction)
    assert _place(turn) == "Detmold" and turn.state.location["kreis"] == "Lippe", correction
    assert turn.u.correction and "location" in turn.state.changed
    # The correction only gives the place: the contact question is answered again, for Detmold; a denied place
    # and the words that deny it are no search words.
    assert turn.u.slots_only and turn.u.intent.value == "partner_contact", turn.u.content_words
    assert "location" not in turn.asked
    assert turn.partners[0] == "hwk-owl" and turn.state.sector == "handwerk"


def test_a_later_correction_replaces_an_earlier_one(chat: Conversation) -> None:
    chat.say("Wir sind eine Softwarefirma aus Bielefeld")
    chat.say("Nein, aus Detmold")
    turn = chat.say("Stimmt auch nicht, wir sind in Paderborn. Wer ist unsere IHK?")
    assert _place(turn) == "Paderborn" and turn.partners[0] == "ihk-ostwestfalen"


def test_a_place_only_denied_is_forgotten_and_asked_for_when_needed(chat: Conversation) -> None:
    chat.say("Wir sind ein Metallbaubetrieb in Bielefeld")
    turn = chat.say("Moment, wir sind gar nicht mehr in Bielefeld.")
    assert turn.state.location is None and "location" in turn.state.changed
    turn = chat.say("Wer ist dann unsere Handwerkskammer?")
    assert turn.asked[0] == "location"


def test_a_denied_outside_place_is_forgotten(chat: Conversation) -> None:
    assert chat.say("Wir sitzen in Hamburg").state.outside_nrw == "Hamburg"
    turn = chat.say("Nicht Hamburg, sondern Köln!")
    assert (turn.state.outside_nrw, _place(turn)) == (None, "Köln")


def test_denying_another_place_keeps_the_remembered_one(chat: Conversation) -> None:
    chat.say("Wir sind in Münster")
    turn = chat.say("Wir sind nicht in Bielefeld, wie gesagt.")
    assert _place(turn) == "Münster"


# --- Hochschulen and institutes ---------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Wir wollen mit der Hochschule Hamm-Lippstadt einen Prototyp entwickeln – gibt es Förderung?",
    "Welche Förderung gibt es für ein Forschungsprojekt mit der Uni Siegen?",
    "We are planning an R&D project with RWTH Aachen. Any funding?",
])
def test_an_institution_sets_no_place_and_asks_nothing_but_keeps_the_hochschule(
    chat: Conversation, text: str
) -> None:
    turn = chat.say(text)
    assert turn.state.location is None and turn.u.location.status == "not_found"
    assert "location" not in turn.asked
    assert {"wissenstransfer", "fue"} & set(turn.state.topics), turn.state.topics  # the Hochschule still counts


def test_an_institution_does_not_overwrite_the_company_place(chat: Conversation) -> None:
    chat.say("Wir sind ein Maschinenbauer aus Soest")
    turn = chat.say("Wir arbeiten dafür mit der FH Münster zusammen")
    assert _place(turn) == "Soest"


def test_the_own_town_beside_its_university(chat: Conversation) -> None:
    turn = chat.say("Wir sind in Siegen und arbeiten mit der Uni Siegen. Wer berät uns zu Fördermitteln?")
    assert _place(turn) == "Siegen" and turn.partners[0] == "ihk-siegen"


# --- postcodes and several places --------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Unsere PLZ ist 58511. Wer ist für uns zuständig?",
    "PLZ 58511, Industriebetrieb, wer hilft bei der Digitalisierung?",
    "Our postcode is 58511 – who can we contact?",
])
def test_a_postcode_sets_the_place(chat: Conversation, text: str) -> None:
    turn = chat.say(text)
    assert (_place(turn), turn.state.location["plz"]) == ("Lüdenscheid", "58511")
    assert "location" not in turn.asked


@pytest.mark.parametrize("text", [
    "Wir haben Standorte in Aachen und Düren. Wer ist unser Ansprechpartner?",
    "Handwerksbetrieb mit PLZ 40721 – wer ist für uns zuständig?",
    "Wir sind in Lippstadt und Soest, welche Kammer ist zuständig?",
])
def test_places_with_the_same_partners_are_not_asked_about(chat: Conversation, text: str) -> None:
    turn = chat.say(text)
    assert turn.state.location is not None and "location" not in turn.asked
    assert turn.questions == () or all("Ort" not in q for q in turn.questions)
    assert turn.partners and turn.partners[0].startswith(("ihk", "hwk"))


def test_places_with_different_partners_are_asked_about_for_a_contact(chat: Conversation) -> None:
    turn = chat.say("Wir haben Werke in Bochum und Dortmund. Wen kann ich anrufen?")
    assert turn.asked[0] == "location" and "Bochum" in turn.questions[0]
    turn = chat.say("Bochum")
    assert _place(turn) == "Bochum" and turn.partners[0] == "ihk-mittleres-ruhrgebiet"


def test_an_ambiguous_place_in_a_programme_question_is_not_asked_about(chat: Conversation) -> None:
    turn = chat.say("Welche Förderung gibt es für Photovoltaik? Wir haben Werke in Bochum und Dortmund.")
    assert "location" not in turn.asked


# --- asking for the place only when the answer depends on it ------------------------------------------

@pytest.mark.parametrize("text", [
    "Wen kann ich wegen Förderung für unsere Digitalisierung anrufen?",
    "Wer ist unsere Handwerkskammer?",
    "Wer berät uns zur Energieeffizienz in der Produktion?",
    "Who can I call about financing a new machine?",
    "Wer ist bei der IHK für EU-Förderung zuständig?",  # asks for the local chamber
])
def test_a_contact_that_depends_on_the_place_asks_for_it(chat: Conversation, text: str) -> None:
    turn = chat.say(text)
    assert turn.u.intent.value == "partner_contact"
    assert turn.asked[0] == "location", (text, turn.asked)


@pytest.mark.parametrize("text", [
    "Wer hilft uns bei einem EU-Förderantrag?",
    "Who can advise us on EU funding?",
    "Wir suchen einen Ansprechpartner für eine Kooperation mit einer Hochschule",
])
def test_a_statewide_specialist_topic_needs_no_place(chat: Conversation, text: str) -> None:
    turn = chat.say(text)
    assert turn.u.intent.value == "partner_contact"
    assert "location" not in turn.asked and turn.partners
    assert turn.partners[0] in ("nrw-europa", "innovation2business-nrw")


@pytest.mark.parametrize("text", [
    "Welche Förderprogramme gibt es für KI im Mittelstand?",
    "Gibt es einen Zuschuss für eine neue CNC-Maschine?",
    "Is there a grant for energy efficiency?",
])
def test_a_plain_programme_question_needs_no_place(chat: Conversation, text: str) -> None:
    assert "location" not in chat.say(text).asked


def test_the_place_is_asked_when_a_programme_talk_turns_to_contacts(chat: Conversation) -> None:
    assert "location" not in chat.say("Welche Förderung gibt es für die Digitalisierung im Handwerk?").asked
    turn = chat.say("und wen kann ich da anrufen?")
    assert turn.asked[0] == "location"
    turn = chat.say("PLZ 33602")
    assert _place(turn) == "Bielefeld" and turn.partners[0] == "hwk-owl" and "location" not in turn.asked
