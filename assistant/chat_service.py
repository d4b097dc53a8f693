"""The chat use case: one user turn in, one cited answer out, with the conversation remembered per session.

A turn runs in two halves. `prepare` (synchronous, CPU work: understanding, dialogue state, retrieval, routing)
and the answerer (extractive, or an LLM that may stream). `chat` does both for callers without an event loop;
`areply` and `astream` serve the API, with `astream` handing out answer pieces as they are written.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from assistant.answering.answer import Answer
from assistant.answering.answerer import AnswerDelta, AnswerDone, Answerer
from assistant.answering.extractive_composer import CompositionInput
from assistant.answering.program_mentions import ProgramMentions
from assistant.conversation import answer_context
from assistant.conversation.clarification import clarify
from assistant.conversation.dialogue_state import DialogueState
from assistant.conversation.location_lookup import LocationLookup
from assistant.conversation.personal_data_masking import mask_for_llm
from assistant.conversation.query_rewriter import QueryRewriter, SearchPlan
from assistant.conversation.question_kinds import GUIDE_SEARCH_WORDS
from assistant.conversation.session_store import Session, SessionStore
from assistant.conversation.turn_record import TurnRecord
from assistant.conversation.turn_understanding import Intent, TurnUnderstanding, Understanding
from assistant.conversation.upcoming_events import UpcomingEvents
from assistant.retrieval.hybrid_retriever import HybridRetriever, Passage, RetrievalResult
from assistant.retrieval.turn_retrieval import TurnRetrieval, TurnSearch
from assistant.routing.partner_router import NoRouting, PartnerRouter, Routing
from indexer.catalog import Program
from indexer.programme_status import ProgrammesToday

TurnListener = Callable[[str, TurnRecord], None]


@dataclass
class ChatReply:
    session_id: str
    message_id: str
    answer: Answer
    location: dict[str, Any] | None
    timings_ms: dict[str, float]
    intent: str = Intent.QUESTION.value
    slots: dict[str, Any] = field(default_factory=dict)
    query: str = ""
    asked: tuple[str, ...] = ()  # what the clarifying questions ask for: location | sector | topic
    kind: str = "programmes"  # the question's kind (question_kinds.QuestionKind), or the intent's for other turns


@dataclass(frozen=True)
class ChatDelta:
    text: str
    replace: bool = False


@dataclass(frozen=True)
class ChatFinal:
    reply: ChatReply


ChatEvent = ChatDelta | ChatFinal


@dataclass
class PreparedTurn:
    session: Session
    state: DialogueState
    understanding: Understanding
    intent: Intent
    plan: SearchPlan | None
    composition: CompositionInput
    routing: Routing
    asked: tuple[str, ...]
    started: float
    timings_ms: dict[str, float]


class ChatService:
    def __init__(
        self,
        retriever: HybridRetriever,
        programs: Mapping[str, Program],
        answerer: Answerer,
        sessions: SessionStore,
        analyze: Callable[[str], list[str]],
        router: PartnerRouter | None = None,
        locations: LocationLookup | None = None,
        k: int = 8,
        min_confidence: float = 0.25,
        mask_contact_data: bool = False,
    ) -> None:
        self._retriever = retriever
        self._programs = programs
        self._turn_retrieval = TurnRetrieval(retriever, programs, k)
        self._answerer = answerer
        self._sessions = sessions
        self._router = router or NoRouting()
        self._understanding = TurnUnderstanding(ProgramMentions(programs), analyze, locations)
        self._rewriter = QueryRewriter(programs, analyze)
        self._events = UpcomingEvents(retriever, analyze)
        self._min_confidence = min_confidence
        # Contact details reach an LLM only if the deployment allows it (PRIVACY.md); masked here, not by a caller,
        # so `/api/chat` and `nrw-assistant ask` send the same prompt.
        self._mask_contact_data = mask_contact_data
        self._turn_listeners: list[TurnListener] = []

    # --- the three entry points ------------------------------------------------------------------
    def chat(self, message: str, session_id: str | None = None, locale: str | None = None) -> ChatReply:
        turn = self.prepare(message, session_id, locale)
        return self.finish(turn, self._answerer.answer(turn.composition))

    async def areply(self, message: str, session_id: str | None = None, locale: str | None = None) -> ChatReply:
        turn = await asyncio.to_thread(self.prepare, message, session_id, locale)
        return self.finish(turn, await self._answerer.aanswer(turn.composition))

    async def astream(self, message: str, session_id: str | None = None,
                      locale: str | None = None) -> AsyncIterator[ChatEvent]:
        turn = await asyncio.to_thread(self.prepare, message, session_id, locale)
        async for event in self.stream_prepared(turn):
            yield event

    async def stream_prepared(self, turn: PreparedTurn) -> AsyncIterator[ChatEvent]:
        """The answer to a prepared turn as deltas, then the final reply (the turn is recorded then)."""
        async for event in self._answerer.astream(turn.composition):
            if isinstance(event, AnswerDelta):
                if "first_delta" not in turn.timings_ms:
                    turn.timings_ms["first_delta"] = (time.perf_counter() - turn.started) * 1000
                yield ChatDelta(event.text, event.replace)
            elif isinstance(event, AnswerDone):
                yield ChatFinal(self.finish(turn, event.answer))

    # --- the halves ------------------------------------------------------------------------------
    def prepare(self, message: str, session_id: str | None, locale: str | None) -> PreparedTurn:
        started = time.perf_counter()
        # First, so the turn is understood (and recorded) from the masked text, as the LLM will see it.
        message = mask_for_llm(message) if self._mask_contact_data else message
        session, is_new = self._sessions.get_or_create(session_id)
        state = DialogueState.load(session.slots)
        first_turn = is_new or not session.turns
        u = self._understanding.understand(message, has_history=not first_turn, previous_intent=state.last_intent)
        # The language the user writes in wins; a message that does not tell ("Bielefeld") keeps the conversation's
        # language; the page's locale only opens a conversation.
        state.locale = u.language or (None if first_turn else state.locale) or locale or "de"
        had_location = state.location is not None
        previous_programs = tuple(state.last_programs) if (u.follow_up or u.slots_only) else ()
        state.apply(u)
        understood = time.perf_counter()

        intent = u.intent
        plan: SearchPlan | None = None
        retrieval = RetrievalResult([], [])
        confidence: float | None = None
        vector: list[float] | None = None
        partner_passages: list[Passage] = []
        if intent not in (Intent.SMALL_TALK, Intent.OUT_OF_SCOPE):
            plan = self._rewriter.plan(u, state)
            if plan.named_programs and intent in (Intent.PROGRAMME_SEARCH, Intent.QUESTION):
                intent = Intent.NAMED_PROGRAMME
            named = self._programs.get(plan.named_programs[0]) if plan.named_programs else None
            if named is not None and named.topics and not state.topics:
                # "Welche Unterlagen brauche ich für das NRW.Mikrodarlehen?" is about founding: the partner for
                # that topic (the STARTERCENTER) is named even before the place is known.
                state.topics = [named.topics[0]]
            found = self._turn_retrieval.search(_turn_search(plan, u.kind))
            retrieval, confidence, vector = found.result, found.confidence, found.vector
            if intent == Intent.PARTNER_CONTACT and plan.partner_query:
                kreis_ags = state.location.get("kreis_ags") if state.location else None
                partner_passages = self._turn_retrieval.partner_passages(plan.partner_query,
                                                                          str(kreis_ags) if kreis_ags else None)
        asks_events = plan is not None and self._events.asked_for(message)
        events = self._events.find(plan.query, u.topics, state.location) if plan is not None and asks_events else []
        retrieved = time.perf_counter()

        state.intent = intent.value
        state.save(session.slots)  # kept: a turn that fails in the answerer leaves the same slots behind as before
        routing = self._router.route(message, state.routing_request())
        questions = clarify(u, state, intent)
        routed = time.perf_counter()

        composition = CompositionInput(
            question=message,
            retrieval=retrieval,
            locale=state.locale,
            named_programs=plan.named_programs if plan else (),
            partners=tuple(routing.partners),
            first_turn=first_turn,
            min_confidence=self._min_confidence,
            intent=intent.value,
            small_talk=u.small_talk,
            profile=answer_context.fit_profile(state, self._programs),
            profile_summary=answer_context.profile_summary(state),
            place=answer_context.place_label(state.location, state.locale),
            notices=answer_context.notices(u, state, had_location),
            clarify=tuple(dict.fromkeys([*questions.questions, *routing.clarify]))[:2],
            partner_passages=tuple(partner_passages),
            confidence=confidence,
            detail=u.detail,
            ask_first="topic" in questions.asked,
            program_documents=self._turn_retrieval.program_documents,
            asks_events=asks_events,
            events=tuple(events),
            kind=u.kind,
            today=self._programs.today if isinstance(self._programs, ProgrammesToday) else None,
            stale_after_months=self._programs.stale_after_months if isinstance(self._programs, ProgrammesToday)
            else 12,
            previous_programs=previous_programs,
            notes_given=tuple(state.notes_given),
            ended_mentioned=tuple(state.ended_mentioned),
            employees=state.employees,
            turnover_eur=state.turnover_eur,
            sentence_similarity=self._retriever.sentence_relevance(vector),
        )
        timings = {"understanding": (understood - started) * 1000, "retrieval": (retrieved - understood) * 1000,
                   "routing": (routed - retrieved) * 1000}
        return PreparedTurn(session, state, u, intent, plan, composition, routing, questions.asked, started,
                            timings)

    def finish(self, turn: PreparedTurn, answer: Answer) -> ChatReply:
        state = turn.state
        message_id = uuid.uuid4().hex
        query = turn.plan.query if turn.plan else ""
        state.remember_turn(turn.intent, query, [p.id for p in answer.programs if p.status != "closed"],
                            list(turn.asked))
        state.notes_given = sorted(set(state.notes_given) | set(answer.notes))
        ended = {p.id for p in answer.programs if p.status == "closed"}
        state.ended_mentioned = sorted(set(state.ended_mentioned) | ended)
        state.save(turn.session.slots)
        location = turn.routing.location or state.location
        confidence = turn.composition.confidence if turn.composition.confidence is not None \
            else turn.composition.retrieval.confidence
        record = TurnRecord(
            message_id=message_id, user=turn.understanding.text, query=query, intent=turn.intent.value,
            programs=tuple(p.id for p in answer.programs), citations=tuple(c.doc_id for c in answer.citations),
            confidence=round(confidence, 3), answered_by=answer.answered_by,
            confident=answer.confident, asked=tuple(turn.asked), topics=tuple(state.topics), sector=state.sector,
            partners=tuple(p.id for p in answer.partners),
            region={k: location.get(k) for k in ("gemeinde", "kreis", "kreis_ags", "regierungsbezirk")}
            if location else None,
            latency_ms=round((time.perf_counter() - turn.started) * 1000, 1))
        turn.session.turns.append(record.as_stored())
        for listener in list(self._turn_listeners):
            listener(turn.session.id, record)
        timings = dict(turn.timings_ms)
        timings["total"] = (time.perf_counter() - turn.started) * 1000
        return ChatReply(turn.session.id, message_id, answer, location, timings, turn.intent.value,
                         state.public_slots(), query, turn.asked, _reply_kind(turn))

    def add_turn_listener(self, listener: TurnListener) -> Callable[[], None]:
        """Call listener(session_id, turn record) after each answered turn (the API keeps feedback metadata).

        Returns the function that removes the listener again. Listeners must not raise.
        """
        self._turn_listeners.append(listener)
        return lambda: self._turn_listeners.remove(listener)


def _turn_search(plan: SearchPlan, kind: str | None) -> TurnSearch:
    """The turn's searches from its plan; the guides are searched with the kind's words unless a programme is named."""
    guide_words = None if plan.named_programs else GUIDE_SEARCH_WORDS.get(kind or "")
    return TurnSearch(plan.query, plan.steer, tuple(plan.named_programs), guide_words)


def _reply_kind(turn: PreparedTurn) -> str:
    """What kind of answer was given: the question's kind, else what the intent answers (partners, events, …)."""
    if turn.intent == Intent.PARTNER_CONTACT and turn.composition.kind != "orientation":
        return "partner"
    if turn.intent in (Intent.SMALL_TALK, Intent.OUT_OF_SCOPE):
        return turn.intent.value
    if turn.composition.kind:
        return turn.composition.kind
    if turn.composition.asks_events:
        return "events"
    return {Intent.PARTNER_CONTACT: "partner", Intent.SMALL_TALK: "small_talk", Intent.OUT_OF_SCOPE: "out_of_scope",
            Intent.NAMED_PROGRAMME: "programmes"}.get(turn.intent, "programmes")
