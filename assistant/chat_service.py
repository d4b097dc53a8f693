"""The chat use case: one user turn in, one cited answer out, with the conversation remembered per session."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from assistant.answering.answer import Answer, PartnerCard
from assistant.answering.extractive_composer import CompositionInput, ExtractiveComposer
from assistant.answering.program_mentions import ProgramMentions
from assistant.conversation.session_store import InMemorySessionStore, Session
from assistant.retrieval.hybrid_retriever import HybridRetriever, RetrievalResult
from indexer.catalog import Program
from indexer.search_filter import SearchFilter

# A follow-up this short ("und für KI?") is read together with the previous question.
_FOLLOW_UP_MAX_TERMS = 3


@dataclass
class Routing:
    location: dict[str, Any] | None = None
    partners: list[PartnerCard] = field(default_factory=list)
    clarify: list[str] = field(default_factory=list)


class PartnerRouter(Protocol):
    def route(self, text: str, session: Session) -> Routing: ...


class NoRouting:
    """Used until a partner registry is configured: no location, no partners."""

    def route(self, text: str, session: Session) -> Routing:
        return Routing()


@dataclass
class ChatReply:
    session_id: str
    message_id: str
    answer: Answer
    location: dict[str, Any] | None
    timings_ms: dict[str, float]


class ChatService:
    def __init__(
        self,
        retriever: HybridRetriever,
        programs: dict[str, Program],
        composer: ExtractiveComposer,
        sessions: InMemorySessionStore,
        analyze: Callable[[str], list[str]],
        router: PartnerRouter | None = None,
        k: int = 8,
        min_confidence: float = 0.25,
    ) -> None:
        self._retriever = retriever
        self._programs = programs
        self._mentions = ProgramMentions(programs)
        self._composer = composer
        self._sessions = sessions
        self._analyze = analyze
        self._router = router or NoRouting()
        self._k = k
        self._min_confidence = min_confidence

    def retrieval_query(self, message: str, session: Session) -> str:
        """Self-contained query for retrieval: short follow-ups carry the previous question along."""
        previous = [t["user"] for t in session.turns]
        if previous and len(self._analyze(message)) <= _FOLLOW_UP_MAX_TERMS:
            return f"{previous[-1]} {message}"
        return message

    def _retrieve(self, query: str, named: list[str]) -> RetrievalResult:
        result = self._retriever.retrieve(query, k=self._k)
        # A named programme's own document must be at hand to cite its status.
        have = {p.chunk.metadata.get("program_id") for p in result.passages}
        for program_id in named:
            if program_id not in have:
                own = self._retriever.retrieve(query, k=2, search_filter=SearchFilter(program_id=(program_id,)))
                result.passages = own.passages + result.passages
        return result

    def chat(self, message: str, session_id: str | None = None, locale: str | None = None) -> ChatReply:
        started = time.perf_counter()
        session, is_new = self._sessions.get_or_create(session_id)
        locale = locale or session.slots.get("locale") or "de"
        session.slots["locale"] = locale

        query = self.retrieval_query(message, session)
        named = self._mentions.find(message)
        retrieval = self._retrieve(query, named)
        retrieved = time.perf_counter()
        routing = self._router.route(message, session)

        answer = self._composer.compose(CompositionInput(
            question=message,
            retrieval=retrieval,
            locale=locale,
            named_programs=tuple(named),
            partners=tuple(routing.partners),
            first_turn=is_new or not session.turns,
            min_confidence=self._min_confidence,
        ))
        answer.clarify = answer.clarify or routing.clarify
        message_id = uuid.uuid4().hex
        session.turns.append({"message_id": message_id, "user": message, "query": query,
                              "programs": [p.id for p in answer.programs],
                              "citations": [c.doc_id for c in answer.citations],
                              "confidence": round(retrieval.confidence, 3)})
        finished = time.perf_counter()
        return ChatReply(
            session_id=session.id,
            message_id=message_id,
            answer=answer,
            location=routing.location,
            timings_ms={"retrieval": (retrieved - started) * 1000, "total": (finished - started) * 1000},
        )
