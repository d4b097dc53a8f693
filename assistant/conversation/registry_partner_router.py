"""The chat's PartnerRouter on top of the routing package: the responsible chambers, Wirtschaftsförderung and
regional agency for the company's place, and the statewide specialist for its topic, each with the reason it is
suggested and its official website (or none)."""

from __future__ import annotations

from assistant.answering.answer import PartnerCard
from assistant.answering.phrases import phrase
from assistant.conversation.gazetteer_location_lookup import location_result
from assistant.conversation.partner_reasons_en import english_reason
from assistant.conversation.upcoming_events import EVENT_CUES
from assistant.conversation.vocabulary_matcher import VocabularyMatcher, tokenize
from assistant.routing.partner_ranking import RankedPartner, rank_partners, without_other_chamber
from assistant.routing.partner_reasons import LOCATION_NEEDED_QUESTION
from assistant.routing.partner_registry import PartnerRegistry
from assistant.routing.partner_router import Routing, RoutingRequest

_CONTACT_LIMIT = 3  # a partner question: the chamber, the topic's specialist and the next local partner
_SEARCH_LIMIT = 2  # beside programmes: the responsible chamber and the topic's specialist
_ROUTED_INTENTS = frozenset({"partner_contact", "programme_search", "named_programme", "question", "network"})


class RegistryPartnerRouter:
    def __init__(self, registry: PartnerRegistry) -> None:
        self._registry = registry
        self._event_cues = VocabularyMatcher({"event": EVENT_CUES})

    def route(self, text: str, request: RoutingRequest) -> Routing:
        """`request` is the turn's dialogue state, handed over by the chat service (never reloaded from the session)."""
        if request.intent not in _ROUTED_INTENTS:
            return Routing(location=request.location)
        location = location_result(request.location) if request.location else None
        topic = request.topics[0] if request.topics else None
        ranked = rank_partners(self._registry, location, topic=topic, sector=request.sector, limit=12)
        contact = request.intent == "partner_contact"
        ranked = without_other_chamber(ranked, request.sector)
        events = bool(self._event_cues.find(tokenize(text), fuzzy=False))
        chosen = self._choose(ranked, contact, events)
        place = request.location.get("label") if request.location else None
        clarify: list[str] = []
        if contact and location is not None and ranked and ranked[0].location_needed:
            # e.g. a Kreis split between two chambers: the town decides
            clarify.append(phrase("en", "clarify_location") if request.locale == "en" else LOCATION_NEEDED_QUESTION)
        cards = [self._card(r, english_reason(r, place) if request.locale == "en" else r.reason) for r in chosen]
        return Routing(location=request.location, partners=cards, clarify=clarify)

    @staticmethod
    def _choose(ranked: list[RankedPartner], contact: bool, events: bool) -> list[RankedPartner]:
        """The ranking already puts the topic's specialist second; a contact question takes the first three."""
        if events:
            # Real dates are on the partners' own websites (their event calendars): only partners that have one.
            return [r for r in ranked if r.partner.website][:_CONTACT_LIMIT]
        if contact:
            return ranked[:_CONTACT_LIMIT]
        # Beside programmes, a statewide body is named unasked only when it specialises in the topic.
        first_local = [r for r in ranked if r.local][:1]
        specialist = [r for r in ranked if r.specialist][:1]
        return (first_local + specialist)[:_SEARCH_LIMIT]

    @staticmethod
    def _card(ranked: RankedPartner, reason: str) -> PartnerCard:
        p = ranked.partner
        return PartnerCard(p.id, p.name, p.type, reason, p.website, p.email, p.phone)
