"""Clarifying questions, only where the answer depends on them and at most two at a time: the place when a contact
is wanted (or the place given was ambiguous), the kind of business when it decides between IHK and Handwerkskammer,
the project's topic when a search has nothing to go on."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.answering.phrases import join_list, phrase
from assistant.conversation.dialogue_state import DialogueState
from assistant.conversation.turn_understanding import Intent, Understanding

_MAX_QUESTIONS = 2
_MAX_OPTIONS = 4
# Topics whose contacts do not depend on the kind of business (EU → NRW.Europa, founding → Startercenter).
_SECTOR_INDEPENDENT_TOPICS = frozenset({"eu", "gruendung", "international", "wissenstransfer"})


@dataclass(frozen=True)
class Clarification:
    questions: tuple[str, ...] = ()
    asked: tuple[str, ...] = ()  # location | sector | topic


def clarify(u: Understanding, state: DialogueState, intent: Intent) -> Clarification:
    locale = state.locale
    questions: list[str] = []
    asked: list[str] = []

    if u.location.status == "ambiguous":
        options = join_list(locale, list(u.location.options[:_MAX_OPTIONS]))
        if locale == "de" and u.location.question:
            questions.append(u.location.question)
        else:
            questions.append(phrase(locale, "clarify_location_ambiguous", name=u.location.name or "", options=options))
        asked.append("location")
    elif intent == Intent.PARTNER_CONTACT and state.location is None and not state.outside_nrw:
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
