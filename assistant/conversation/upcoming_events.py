"""Questions about events ("Welche Veranstaltungen zu KI gibt es im Münsterland?") and the upcoming events that
answer them.

Events are documents of kind `event` (indexer/event_documents.py). Past events never come back: the indexer skips
them and the search filter drops those that ended since. With a place known, only events in its economic region
and online events are kept; with a topic named, only events on that topic (by category or by their text).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from assistant.conversation.vocabulary import TOPIC_QUERY_WORDS
from assistant.conversation.vocabulary_matcher import VocabularyMatcher, tokenize
from assistant.retrieval.hybrid_retriever import HybridRetriever, Passage
from indexer.search_filter import SearchFilter

# Words that ask for dates rather than funding ("Termin" alone asks for an appointment with a partner).
EVENT_CUES = ("veranstaltung*", "infoveranstaltung*", "event*", "workshop*", "webinar*", "seminar*", "infoabend*",
              "meetup*", "sprechtag*", "sprechstunde*", "praxistag*", "stammtisch*", "schulung*", "termine",
              "veranstaltungskalender", "qualifizierungsangebot*")
# Words that make a message a funding question even when it names a workshop or training.
FUNDING_WORDS = ("förder*", "foerder*", "zuschuss*", "zuschüsse*", "kredit*", "darlehen*", "geld", "finanzier*",
                 "funding", "grant*", "loan*")
# "Wir wollen …", "we need …": the message describes a project of the company's own.
_PLAN = re.compile(r"\b(?:wir|ich|we|i)\s+(?:wollen|will|möchten|möchte|planen|plane|brauchen|brauche|want|plan|"
                   r"need)\b", re.IGNORECASE)
MAX_EVENTS = 5
_CANDIDATES = 30  # events fetched before the place and topic are checked


class UpcomingEvents:
    def __init__(self, retriever: HybridRetriever, analyze: Callable[[str], list[str]]) -> None:
        self._retriever = retriever
        self._analyze = analyze
        self._cues = VocabularyMatcher({"event": EVENT_CUES})
        self._funding = VocabularyMatcher({"funding": FUNDING_WORDS})

    def asked_for(self, text: str) -> bool:
        """A question for events ("Gibt es Webinare zu EU-Förderung?"), not a project that includes one ("Wir wollen
        Firewall und eine Schulung für alle – gibt es dafür Förderung?")."""
        tokens = tokenize(text)
        if not self._cues.find(tokens, fuzzy=False):
            return False
        return not (_PLAN.search(text) and self._funding.find(tokens, fuzzy=False))

    def find(self, query: str, topics: tuple[str, ...], location: dict[str, Any] | None) -> list[Passage]:
        """Upcoming events for the question, soonest first, one passage per event."""
        regions = tuple(str(r) for r in (location or {}).get("regions") or ())
        search = " ".join([query, *regions])
        flt = SearchFilter(kind=("event",), exclude_past_events=True)
        found: dict[str, Passage] = {}
        for passage in self._retriever.retrieve(search, k=_CANDIDATES, search_filter=flt).passages:
            metadata = passage.chunk.metadata
            if passage.chunk.doc_id in found:
                continue
            if regions and not (metadata.get("event_online") or metadata.get("event_region") in regions):
                continue
            if topics and not self._on_topic(passage, topics):
                continue
            found[passage.chunk.doc_id] = passage
        return sorted(found.values(), key=lambda p: str(p.chunk.metadata.get("event_start") or ""))[:MAX_EVENTS]

    def _on_topic(self, passage: Passage, topics: tuple[str, ...]) -> bool:
        if set(topics) & set(passage.chunk.metadata.get("topics") or ()):
            return True  # the feed's own category
        text_terms = set(self._analyze(f"{passage.chunk.title} {passage.chunk.text}"))
        return any(set(self._analyze(TOPIC_QUERY_WORDS.get(t, t))) & text_terms for t in topics)
