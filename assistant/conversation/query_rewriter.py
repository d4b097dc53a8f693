"""Turns a turn plus the dialogue state into a self-contained search: "und für KI?" after a question about a
Schreinerei's digitalisation becomes "KI Künstliche Intelligenz Handwerk Förderung"; place names and head counts
stay out (they route partners, they do not describe programmes); English questions search with German words."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from assistant.conversation import vocabulary as vocab
from assistant.conversation.dialogue_state import DialogueState
from assistant.conversation.turn_understanding import Intent, Understanding
from indexer.catalog import Program
from indexer.search_filter import SearchFilter
from indexer.text_folding import search_fold as fold

_FUNDING_TYPE_WORDS = {
    "zuschuss": "Zuschuss", "darlehen": "Darlehen Kredit", "buergschaft": "Bürgschaft", "beteiligung": "Beteiligung",
    "steuer": "steuerliche Förderung", "beratung": "Beratung", "stipendium": "Stipendium",
}


# Questions about a detail of applying: asked after a programme was shown, they are about that programme.
_DETAIL_KINDS = frozenset({"procedure", "documents", "amount", "deadline"})


@dataclass(frozen=True)
class SearchPlan:
    query: str
    named_programs: tuple[str, ...] = ()  # programmes whose own documents must be at hand
    steer: SearchFilter | None = None  # preferred results (topic, funding type asked for); never the only results
    partner_query: str | None = None  # search for partner profiles (partner questions)


class QueryRewriter:
    def __init__(self, programs: Mapping[str, Program], analyze: Callable[[str], list[str]]) -> None:
        self._programs = programs
        self._analyze = analyze

    def plan(self, u: Understanding, state: DialogueState) -> SearchPlan:
        words: list[str] = []
        english = (u.language or state.locale) == "en"
        named = list(u.named_programs)
        asks_detail = bool(u.detail) or u.kind in _DETAIL_KINDS
        if not named and state.last_programs and u.follow_up and asks_detail and not u.topics \
                and not u.slots_only and u.intent != Intent.PARTNER_CONTACT:
            named = state.last_programs[:1]  # "und wie hoch ist der?" asks about the programme just shown
        for program_id in named:
            program = self._programs.get(program_id)
            if program is not None and fold(program.name) not in fold(u.text):
                words.append(program.name)

        if not english:
            words.extend(u.content_words)
        elif not (state.topics or state.sector or state.funding_type or named):
            words.extend(u.free_words)  # English words only help the dense side; German ones carry the search
        if u.intent == Intent.NETWORK:
            words.append("NRW.Innovationspartner Netzwerk Veranstaltungen")
        elif (u.intent == Intent.PROGRAMME_SEARCH or (u.intent == Intent.PARTNER_CONTACT and state.topics)) \
                and (len(u.content_words) < 3 or english):
            words.append("Förderung")
        # What this message says in its own words is searched as written; what it leaves to the earlier turns
        # (or says in English) is searched with the canonical German words.
        for topic in state.topics[:2]:
            canonical = vocab.TOPIC_QUERY_WORDS.get(topic, topic)
            own_word = u.topic_words.get(topic)
            searched = own_word is not None and own_word in u.content_words  # not a cue word taken out
            if english or topic not in u.topics or not (u.named_programs or (searched and _compound_of(own_word,
                                                                                                       canonical))):
                words.append(canonical)
        if state.sector and u.intent != Intent.NETWORK:
            canonical = vocab.SECTOR_QUERY_WORDS.get(state.sector, state.sector)
            generic = bool(u.sector and u.trade and fold(canonical) in fold(u.trade))
            words.append(u.trade if generic and not english and u.trade else canonical)
        if state.funding_type and u.intent in (Intent.PROGRAMME_SEARCH, Intent.PARTNER_CONTACT):
            # Said or remembered, the kind of funding is searched with its canonical words ("Förderkredite" is a
            # cue word, taken out of the message's own words).
            words.append(_FUNDING_TYPE_WORDS.get(state.funding_type, state.funding_type))

        query = self._dedupe(" ".join(words))
        if not self._analyze(query):
            # Nothing searchable of its own: read the message together with the previous question.
            query = f"{state.last_query} {u.text}" if (u.follow_up and state.last_query) else u.text
        partner_query = None
        if u.intent == Intent.PARTNER_CONTACT:
            topics = " ".join(vocab.TOPIC_QUERY_WORDS.get(t, t) for t in state.topics[:2])
            sector = vocab.SECTOR_QUERY_WORDS.get(state.sector or "", "")
            partner_query = self._dedupe(f"Ansprechpartner Beratung {topics} {sector}".strip())
        return SearchPlan(query, tuple(named), self._steer(state, u), partner_query)

    def _steer(self, state: DialogueState, u: Understanding) -> SearchFilter | None:
        """Programmes that can still be applied for, on the project's topic, of the funding type asked for."""
        if u.intent != Intent.PROGRAMME_SEARCH or u.named_programs:
            return None  # a partner question shows two programmes at most: the open search finds them
        wanted = catalog_funding_types(self._programs, state.funding_type) if state.funding_type else ()
        if not (state.topics or wanted):
            return None
        # Both leading topics: "FuE mit einer Hochschule" is research funding as much as knowledge transfer.
        return SearchFilter(kind=("programme",), status=("open", "unknown"), topic=tuple(state.topics[:2]),
                            funding_type=wanted)

    def _dedupe(self, text: str) -> str:
        """Each search term once: repeated words would only dilute how well passages cover the query."""
        seen: set[str] = set()
        kept: list[str] = []
        for word in text.split():
            terms = self._analyze(word)
            if terms and all(t in seen for t in terms):
                continue
            seen.update(terms)
            kept.append(word)
        return " ".join(kept)


def _compound_of(word: str | None, canonical: str) -> bool:
    """ "Forschungszulage" is a compound of "Forschung": the user's word is the more specific search term."""
    if not word:
        return False
    folded = fold(word)
    return any(folded.startswith(fold(c)) and len(folded) >= len(c) + 4 for c in canonical.split())


def catalog_funding_types(programs: Mapping[str, Program], wanted: str) -> tuple[str, ...]:
    """The catalog's funding_type values that mean the wanted kind ("darlehen" → "Darlehen", "Förderkredit").
    Consulting is no restriction: "Wird eine Beratung gefördert?" means free consulting and consulting grants (BPW,
    BAFA) alike, so the topic "beratung" steers the search instead."""
    if wanted == "beratung":
        return ()
    stems = vocab.FUNDING_TYPE_CATALOG_WORDS.get(wanted, (wanted,))
    values = {p.funding_type for p in programs.values() if any(s in fold(p.funding_type) for s in stems)}
    return tuple(sorted(values))
