"""Clarifying questions, only where the answer depends on them and at most two at a time: the place when a contact
is wanted and the responsible partner depends on it (or when the place given fits places with different partners),
the kind of business when it decides between IHK and Handwerkskammer, the project's topic when a search has nothing
to go on."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.answering.phrases import join_list, phrase
from assistant.conversation.dialogue_state import DialogueState
from assistant.conversation.turn_understanding import Intent, Understanding

_MAX_QUESTIONS = 2
_MAX_OPTIONS = 4
# Topics whose contacts do not depend on the kind of business (EU → NRW.Europa, founding → Startercenter).
_SECTOR_INDEPENDENT_TOPICS = frozenset({"eu", "gruendung", "international", "wissenstransfer"})
# Topics whose contact is one statewide specialist whatever the place (EU → NRW.Europa, Hochschul-Kooperation →
# innovation2business.nrw): a contact question about them needs no place, unless it asks for a local body.
_PLACE_INDEPENDENT_TOPICS = frozenset({"eu", "wissenstransfer"})
# Parts of words that ask for the local chamber or agency, for which the place always decides ("Kammer" also
# finds "Handwerkskammer", "regional" "regionale").
_LOCAL_BODY_WORDS = ("ihk", "hwk", "kammer", "wirtschaftsförderung", "wirtschaftsfoerderung", "vor ort",
                     "in der nähe", "regional", "chamber", "local", "nearby")


@dataclass(frozen=True)
class Clarification:
    questions: tuple[str, ...] = ()
    asked: tuple[str, ...] = ()  # location | sector | topic


def clarify(u: Understanding, state: DialogueState, intent: Intent) -> Clarification:
    locale = state.locale
    questions: list[str] = []
    asked: list[str] = []

    if u.location.status == "ambiguous" and _place_matters(u, state, intent):
        options = join_list(locale, list(u.location.options[:_MAX_OPTIONS]))
        if locale == "de" and u.location.question:
            questions.append(u.location.question)
        else:
            questions.append(phrase(locale, "clarify_location_ambiguous", name=u.location.name or "", options=options))
        asked.append("location")
    elif intent == Intent.PARTNER_CONTACT and state.location is None and not state.outside_nrw \
            and _contact_depends_on_place(u, state):
        questions.append(phrase(locale, "clarify_location"))
        asked.append("location")

    if intent == Intent.PARTNER_CONTACT and not state.sector \
            and not set(state.topics) & _SECTOR_INDEPENDENT_TOPICS and "sector" not in state.asked:
        questions.append(phrase(locale, "clarify_sector"))
        asked.append("sector")

    vague = not (state.topics or state.funding_type or u.named_programs or u.free_words)
    if intent == Intent.PROGRAMME_SEARCH and vague and "topic" not in state.asked:
        questions.append(phrase(locale, "clarify_topic"))
        asked.append("topic")
    return Clarification(tuple(questions[:_MAX_QUESTIONS]), tuple(asked[:_MAX_QUESTIONS]))


def _place_matters(u: Understanding, state: DialogueState, intent: Intent) -> bool:
    """An ambiguous place is worth a question when a contact is wanted, or when the message was about the place
    (the answer to our question, a correction); a programme question is answered the same for either place."""
    return intent == Intent.PARTNER_CONTACT or u.slots_only or u.correction or "location" in state.asked


def _contact_depends_on_place(u: Understanding, state: DialogueState) -> bool:
    """Whether the partner to contact depends on where the company sits: it does, unless the topic has one
    statewide specialist and the user does not ask for a local body."""
    topic = state.topics[0] if state.topics else None
    if topic not in _PLACE_INDEPENDENT_TOPICS:
        return True
    text = u.text.lower()
    return any(word in text for word in _LOCAL_BODY_WORDS)
