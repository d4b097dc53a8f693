"""What one answered chat turn contributes to the statistics, and whether it is a question the assistant could not
answer well. Read from the turn record the chat service hands to its listeners
(assistant/conversation/turn_record.py)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from api.insights.daily_counts import Key
from assistant.conversation.turn_record import TurnRecord

# Upper bounds (ms) of the latency classes; percentiles are read from these.
LATENCY_BOUNDS_MS = (250, 500, 1000, 2000, 4000, 8000, 15000)
OVER_ALL_BOUNDS = "inf"
# Intents that ask the corpus something: only these can reveal a gap in it. A named programme is answered from
# its own page even when the search around it is weak.
_SEARCHING_INTENTS = frozenset({"question", "programme_search", "network"})
_SMALL_TALK = "small_talk"


@dataclass(frozen=True)
class TurnFacts:
    message_id: str
    question: str
    intent: str
    topics: list[str]
    sector: str | None
    gemeinde: str | None
    kreis: str | None
    regierungsbezirk: str | None
    programmes: list[str]
    partners: list[str]
    confidence: float | None
    latency_ms: float | None
    weak: bool
    declined: bool

    @property
    def unanswered(self) -> bool:
        return self.weak or self.declined

    def counts(self) -> dict[Key, tuple[int, float]]:
        """(metric, item) → (count, total) for the daily counters."""
        counted: Counter[Key] = Counter({("intent", self.intent): 1})
        if self.intent != _SMALL_TALK:
            counted[("questions", "")] += 1
            counted.update(("topic", t) for t in self.topics or [""])
            counted[("sector", self.sector or "")] += 1
            counted[("kreis", self.kreis or "")] += 1
            counted[("regierungsbezirk", self.regierungsbezirk or "")] += 1
        counted.update(("programme", p) for p in dict.fromkeys(self.programmes))
        counted.update(("partner", p) for p in dict.fromkeys(self.partners))
        if self.unanswered:
            counted[("unanswered", "")] += 1
            counted.update(("unanswered", reason) for reason, flag in (("weak", self.weak),
                                                                      ("declined", self.declined)) if flag)
        counts = {key: (n, 0.0) for key, n in counted.items()}
        if self.latency_ms is not None:
            counts[("latency", latency_class(self.latency_ms))] = (1, self.latency_ms)
        return counts


def latency_class(latency_ms: float) -> str:
    return next((str(bound) for bound in LATENCY_BOUNDS_MS if latency_ms <= bound), OVER_ALL_BOUNDS)


def turn_facts(turn: TurnRecord, weak_below: float) -> TurnFacts:
    """`weak_below` is the relevance under which retrieval counts as weak (Settings.min_answer_score)."""
    intent = turn.intent or "question"
    confidence = turn.confidence
    region = turn.region or {}
    # A turn that asked back what the project is about was too vague to search; that is no gap in the corpus.
    vague = "topic" in turn.asked
    weak = intent in _SEARCHING_INTENTS and not vague and confidence is not None and confidence < weak_below
    return TurnFacts(
        message_id=turn.message_id,
        question=turn.user,
        intent=intent,
        topics=list(turn.topics),
        sector=turn.sector,
        gemeinde=region.get("gemeinde"),
        kreis=region.get("kreis"),
        regierungsbezirk=region.get("regierungsbezirk"),
        programmes=list(turn.programs),
        partners=list(turn.partners),
        confidence=confidence,
        latency_ms=turn.latency_ms,
        weak=weak,
        declined=intent != _SMALL_TALK and not turn.confident,
    )
