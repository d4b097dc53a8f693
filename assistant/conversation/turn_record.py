"""What the chat service records of one answered turn: kept in the session's history (`as_stored`, plain JSON) and
handed to the turn listeners (the app data's turn log, the usage statistics, a shared session store)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class TurnRecord:
    message_id: str
    user: str  # the user's words (masked before an LLM when the deployment says so)
    query: str  # the self-contained search query made of them ("" for small talk)
    intent: str
    programs: tuple[str, ...]  # programme ids of the answer, in its order
    citations: tuple[str, ...]  # doc ids of the cited sources, in citation order
    confidence: float
    answered_by: str
    # For usage statistics and the report of unanswered questions (api/insights).
    confident: bool
    asked: tuple[str, ...]  # what the clarifying questions asked for: location | sector | topic
    topics: tuple[str, ...]
    sector: str | None
    partners: tuple[str, ...]
    region: dict[str, str | None] | None  # gemeinde, kreis, kreis_ags, regierungsbezirk
    latency_ms: float

    def as_stored(self) -> dict[str, Any]:
        """The record as the session's history keeps it (and a shared store persists it as JSON)."""
        return {"message_id": self.message_id, "user": self.user, "query": self.query, "intent": self.intent,
                "programs": list(self.programs), "citations": list(self.citations), "confidence": self.confidence,
                "answered_by": self.answered_by, "confident": self.confident, "asked": list(self.asked),
                "topics": list(self.topics), "sector": self.sector, "partners": list(self.partners),
                "region": dict(self.region) if self.region is not None else None, "latency_ms": self.latency_ms}

    @classmethod
    def from_stored(cls, turn: Mapping[str, Any]) -> TurnRecord:
        """A record from its stored form. The user's words and the query may be missing: a shared store does not
        persist them (api/appdata/conversation_store.py)."""
        region = turn["region"]
        return cls(message_id=str(turn["message_id"]), user=str(turn.get("user") or ""),
                   query=str(turn.get("query") or ""), intent=str(turn["intent"]),
                   programs=tuple(turn["programs"]), citations=tuple(turn["citations"]),
                   confidence=float(turn["confidence"]), answered_by=str(turn["answered_by"]),
                   confident=bool(turn["confident"]), asked=tuple(turn["asked"]), topics=tuple(turn["topics"]),
                   sector=turn["sector"], partners=tuple(turn["partners"]),
                   region=dict(region) if region is not None else None, latency_ms=float(turn["latency_ms"]))
