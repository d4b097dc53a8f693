"""The default answerer: no LLM. It picks the best-fitting cited sentences and the programme facts from the
catalog, so every claim in the answer stands in a source and every status comes from programs.yaml.

The answer is written line by line; `Composition.pieces()` hands each piece out as soon as it is written, so a
streaming client sees the first line before the rest is composed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field

from assistant.answering.answer import Answer, Citation, PartnerCard, ProgramCard
from assistant.answering.instruction_guard import looks_like_instruction
from assistant.answering.phrases import format_date, join_list, label, phrase
from assistant.answering.program_description import ProgramDescriber
from assistant.answering.program_fit import FitProfile, fit_bonus, rank_by_fit
from assistant.answering.sentences import is_complete, split_sentences
from assistant.retrieval.hybrid_retriever import Passage, RetrievalResult
from indexer.catalog import Program

_MAX_SNIPPET = 280
_MAX_PROGRAMS = 4
_MAX_PROGRAMS_WITH_PARTNERS = 2
_MAX_PASSAGES = 3
_MAX_PARTNERS = 3
_MAX_GROUPS = 4
# A programme is listed when its passage covers at least this share of what the best one covers (or fits well).
_RELATIVE_COVERAGE = 0.5
# An ended programme is only mentioned when its passage shares this much of the question's terms.
_RELEVANT_COVERAGE = 0.34
# Sentences that answer a detail question about a programme.
_DETAIL_PATTERNS = {
    # a number with its unit (a date or "bis zu 12 Monate" is no amount)
    "amount": re.compile(r"\d[\d.,]*\s*(?:%|€|eur\b|euro|mio|prozent)|\b(?:hälfte|half|percent)\b", re.I),
    "eligibility": re.compile(r"\b(?:kmu|unternehmen|betriebe|antragsberechtigt|gründ\w*|sitz|firms?|companies)\b",
                              re.I),
    "deadline": re.compile(r"\b(?:frist|bis zum|stichtag|laufzeit|\d{1,2}\.\s?\w+\s\d{4}|20\d\d)\b", re.I),
    "procedure": re.compile(r"\b(?:antrag|beantrag\w*|hausbank|verfahren|losverfahren|bescheinigung|online|"
                            r"portal|berater\w*)\b", re.I),
}
# The sections that answer each detail; their sentences come first. Contacts and sources answer none.
_DETAIL_SECTIONS = {
    "amount": re.compile(r"hoch|höhe|betrag|quote|amount", re.I),
    "eligibility": re.compile(r"\bwer\b|berechtigt|zielgruppe|who", re.I),
    "deadline": re.compile(r"status|frist|laufzeit|termin|deadline", re.I),
    "procedure": re.compile(r"verfahren|antrag|ablauf|procedure|apply", re.I),
}
_NO_DETAIL_SECTION = re.compile(r"quellen|sources|links|ansprechpartner|kontakt|contact", re.I)
# A sentence that says what is funded or offered, and one that only says what the sources leave open.
_DESCRIBES = re.compile(r"\b(?:förder\w*|gefördert|finanzier\w*|unterstütz\w*|zuschuss|zuschüsse|darlehen|kredit\w*|"
                        r"stipendium|gutschein\w*|bietet|berät|vermittelt|funds?|grants?|loans?)\b", re.I)
_HEDGE = re.compile(r"\b(?:nicht hervor|unsicher|unklar|nicht gefunden|bitte\b.{0,30}prüfen|laut älteren|"
                    r"vermutlich)\b", re.I)
_LIST_SECTION = re.compile(r"quellen|sources|links", re.I)
_END_WORDS = re.compile(r"\b(?:beendet|zum|seit|am|ended|since|on)\b|[\d.\-/]+|[;:,()]", re.I)
_MIN_WORDS = 5
# Answer modes by intent (the strings are turn_understanding.Intent values; answering does not import it).
_PASSAGE_INTENTS = frozenset({"question", "network"})


@dataclass
class CompositionInput:
    question: str
    retrieval: RetrievalResult
    locale: str = "de"
    named_programs: tuple[str, ...] = ()
    partners: tuple[PartnerCard, ...] = ()
    first_turn: bool = False
    min_confidence: float = 0.25
    intent: str = "programme_search"
    small_talk: str | None = None  # greeting | thanks | farewell | about
    profile: FitProfile = field(default_factory=FitProfile)
    profile_summary: str | None = None  # "Handwerk, 12 Beschäftigte, in Herford"
    place: str | None = None  # the company's place as shown to the user
    notices: tuple[str, ...] = ()  # acknowledgements shown before the answer ("Verstanden, …")
    clarify: tuple[str, ...] = ()
    partner_passages: tuple[Passage, ...] = ()  # partner profile documents, to cite partner facts
    confidence: float | None = None  # overrides retrieval.confidence when results were merged from several searches
    detail: str | None = None  # amount | eligibility | deadline | procedure: asked about a named programme
    ask_first: bool = False  # the request is too vague to search: acknowledge, name partners, ask
    # A programme's own leading passages (the start of its documents), looked up only for the programmes an answer
    # lists, so their line can say what the programme is even when retrieval found another of its sections.
    program_documents: Callable[[str], list[Passage]] | None = None
    asks_events: bool = False  # the question asks for events: the answer lists `events` (or says there are none)
    events: tuple[Passage, ...] = ()  # upcoming events that fit, soonest first (assistant/conversation/upcoming_events)

    @property
    def confident(self) -> bool:
        confidence = self.retrieval.confidence if self.confidence is None else self.confidence
        return confidence >= self.min_confidence


@dataclass
class _Draft:
    citations: list[Citation] = field(default_factory=list)
    cited_chunks: dict[str, int] = field(default_factory=dict)
    cards: list[ProgramCard] = field(default_factory=list)
    confident: bool = True

    def cite(self, passage: Passage, snippet: str) -> int:
        chunk = passage.chunk
        if chunk.chunk_id not in self.cited_chunks:
            number = max((c.id for c in self.citations), default=0) + 1
            self.citations.append(Citation(number, chunk.title, chunk.url, chunk.page, snippet, chunk.as_of,
                                           chunk.doc_id, chunk.chunk_id, chunk.metadata.get("attribution")))
            self.cited_chunks[chunk.chunk_id] = number
        return self.cited_chunks[chunk.chunk_id]

    def add_card(self, card: ProgramCard, first: bool = False) -> None:
        if any(c.id == card.id for c in self.cards):
            return
        if first:
            self.cards.insert(0, card)
        else:
            self.cards.append(card)


class _TextWriter:
    """Joins lines with newlines; a "" line is a paragraph break, written only if text follows it."""

    def __init__(self, continues: bool = False) -> None:
        self.parts: list[str] = []
        self._blank = continues  # continuing after other text: start with a paragraph break
        self._continues = continues

    def add(self, lines: list[str]) -> str:
        out: list[str] = []
        for line in lines:
            if not line:
                self._blank = bool(self.parts or out)
                continue
            prefix = ("\n\n" if self._blank else "\n") if (self.parts or out or self._continues) else ""
            out.append(prefix + line)
            self._blank = False
        piece = "".join(out)
        if piece:
            self.parts.append(piece)
        return piece

    @property
    def text(self) -> str:
        return "".join(self.parts)


class Composition:
    """One answer being written: iterate pieces() to stream it, then read answer."""

    def __init__(self, sections: Iterator[list[str]], draft: _Draft, partners: tuple[PartnerCard, ...],
                 clarify: tuple[str, ...]) -> None:
        self._sections = sections
        self._draft = draft
        self._partners = partners
        self._clarify = clarify
        self._writer = _TextWriter()
        self._answer: Answer | None = None

    def pieces(self) -> Iterator[str]:
        for lines in self._sections:
            piece = self._writer.add(lines)
            if piece:
                yield piece
        d = self._draft
        self._answer = Answer(self._writer.text, list(d.citations), list(d.cards), list(self._partners),
                              list(self._clarify), confident=d.confident)

    @property
    def answer(self) -> Answer:
        if self._answer is None:
            for _ in self.pieces():
                pass
        assert self._answer is not None
        return self._answer


class ExtractiveComposer:
    def __init__(self, programs: Mapping[str, Program], analyze: Callable[[str], list[str]]) -> None:
        self._programs = programs
        self._analyze = analyze
        self._describer = ProgramDescriber(programs)

    @property
    def programs(self) -> Mapping[str, Program]:
        return self._programs

    def compose(self, given: CompositionInput) -> Answer:
        return self.start(given).answer

    def start(self, given: CompositionInput) -> Composition:
        draft = _Draft()
        return Composition(self._sections(given, draft), draft, given.partners, given.clarify)

    # --- the frame another answerer (the LLM) writes into -------------------------------------------
    def head_text(self, g: CompositionInput) -> str:
        """The disclosure (first turn) and acknowledgements that open every answer."""
        lines: list[str] = []
        if g.first_turn:
            lines += [phrase(g.locale, "disclosure"), ""]
        if g.notices:
            lines += [*g.notices, ""]
        return _TextWriter().add(lines)

    def tail_text(self, g: CompositionInput, citations: list[Citation],
                  cards: list[ProgramCard]) -> tuple[str, list[Citation]]:
        """Caveats, partners, clarifying questions and the source list after a body; the citations grow by the
        partner profiles cited."""
        d = _Draft(citations=list(citations), cited_chunks={c.chunk_id: c.id for c in citations}, cards=list(cards))
        writer = _TextWriter(continues=True)
        for lines in (self._notes(g.locale, d.cards), self._partner_lines(g, d, fallback=False)):
            writer.add(lines)
        for lines in self._clarify_lines(g):
            writer.add(lines)
        writer.add(self._source_lines(g.locale, d.citations))
        return writer.text, d.citations

    # --- helpers -----------------------------------------------------------------------------
    def best_sentence(self, text: str, terms: set[str]) -> str | None:
        """The sentence sharing most terms with the question; None if the passage only talks to machines."""
        found = self._ranked_sentence(text, terms)
        return found[1] if found else None

    def best_in(self, passages: list[Passage], terms: set[str]) -> tuple[Passage, str] | None:
        """The best sentence across several passages (a programme's sections) and the passage it stands in."""
        best: tuple[tuple[bool, int, int], Passage, str] | None = None
        for order, passage in enumerate(passages):
            if _LIST_SECTION.search(passage.chunk.section):
                continue  # a list of links or contacts says nothing about the programme itself
            found = self._ranked_sentence(passage.chunk.text, terms)
            if found is None:
                continue
            rank = (found[0][0], found[0][1], -order)  # equal sentences: the better-retrieved passage
            if best is None or rank > best[0]:
                best = (rank, passage, found[1])
        return (best[1], best[2]) if best else None

    def _ranked_sentence(self, text: str, terms: set[str]) -> tuple[tuple[bool, int, int], str] | None:
        sentences = [s for s in split_sentences(text) if len(s) > 25 and len(s.split()) >= _MIN_WORDS
                     and not s.startswith(("#", "–", "-")) and not s.endswith("?")
                     and "http" not in s and not looks_like_instruction(s)]
        if not sentences:
            fallback = text.strip()[:_MAX_SNIPPET]
            if not fallback or "http" in fallback or looks_like_instruction(fallback):
                return None
            return (False, 0, 0), fallback

        def rank(sentence: str) -> tuple[bool, int, int]:
            # Whole sentences before headings, list intros and title lines; then what the sentence tells (what is
            # funded, not how unsure the sources are) and its overlap with the question; then order.
            whole = is_complete(sentence) and " / " not in sentence
            tells = 2 * bool(_DESCRIBES.search(sentence)) - 3 * bool(_HEDGE.search(sentence))
            return whole, len(terms & set(self._analyze(sentence))) + tells, -sentences.index(sentence)

        best = max(sentences, key=rank)
        text_out = best if len(best) <= _MAX_SNIPPET else best[: _MAX_SNIPPET - 1].rsplit(" ", 1)[0] + " …"
        return rank(best), text_out

    @staticmethod
    def card(program: Program) -> ProgramCard:
        return ProgramCard(program.id, program.name, program.provider, program.level, program.funding_type,
                           program.status, program.source_url, program.as_of, program.status_note)

    @staticmethod
    def _since(program: Program, locale: str) -> str:
        return phrase(locale, "ended_since", date=format_date(program.ended_on, locale)) if program.ended_on else ""

    @staticmethod
    def _status_word(locale: str, status: str) -> str:
        return phrase(locale, f"status_{status}" if status in ("open", "closed", "unknown") else "status_unknown")

    def _program_of(self, passage: Passage) -> Program | None:
        return self._programs.get(str(passage.chunk.metadata.get("program_id") or ""))

    # --- the answer, section by section --------------------------------------------------------
    def _sections(self, g: CompositionInput, d: _Draft) -> Iterator[list[str]]:
        locale = g.locale
        if g.first_turn:
            yield [phrase(locale, "disclosure"), ""]
        if g.notices:
            yield [*g.notices, ""]

        if g.intent == "small_talk":
            yield self._small_talk_lines(g)
            yield from self._clarify_lines(g)
            d.confident = True
            return
        if g.intent == "out_of_scope":
            d.confident = False
            yield [phrase(locale, "no_answer"), phrase(locale, "out_of_scope")]
            return
        if g.intent == "partner_contact":
            yield from self._partner_answer(g, d)
            return
        if g.asks_events:
            yield from self._event_answer(g, d)
            return

        if g.ask_first and not g.named_programs:
            yield self._partner_lines(g, d, fallback=False)
            yield from self._clarify_lines(g)
            return
        passages = [p for p in g.retrieval.passages if not p.chunk.metadata.get("partner_id")] or \
            list(g.retrieval.passages)
        named = [self._programs[p] for p in g.named_programs if p in self._programs]
        confident = g.confident or bool(named)
        if not passages or not confident:
            d.confident = False
            yield [phrase(locale, "no_answer")]
            yield self._partner_lines(g, d, fallback=True)
            yield from self._clarify_lines(g)
            return

        terms = set(g.retrieval.query_terms)
        for program in named:
            yield self._named_lines(program, passages, terms, locale, d, g.detail, g.program_documents)
        if named:
            yield [""]

        if g.intent in _PASSAGE_INTENTS and not named:
            yield from self._passage_lines(g, passages, terms, d)
        else:
            yield from self._programme_lines(g, passages, terms, named, d)

        yield self._notes(locale, d.cards)
        yield self._partner_lines(g, d, fallback=False)
        yield from self._clarify_lines(g)
        yield self._source_lines(locale, d.citations)

    @staticmethod
    def _notes(locale: str, cards: list[ProgramCard]) -> list[str]:
        """The two rules people get wrong: starting before approval (grants), applying via the Hausbank (loans)."""
        notes: list[str] = []
        if any(c.funding_type == "Zuschuss" and c.status != "closed" for c in cards):
            notes.append(phrase(locale, "caveat"))
        if any(c.funding_type in ("Darlehen", "Kredit") and c.status != "closed" for c in cards):
            notes.append(phrase(locale, "hausbank"))
        return ["", *notes] if notes else []

    def _small_talk_lines(self, g: CompositionInput) -> list[str]:
        kind = g.small_talk or "greeting"
        follow = {"greeting": "invite", "about": "invite", "thanks": "invite_more", "farewell": None}.get(kind)
        lines = [phrase(g.locale, kind)]
        if follow:
            lines.append(phrase(g.locale, follow))
        return lines

    def _named_lines(self, program: Program, passages: list[Passage], terms: set[str], locale: str,
                     d: _Draft, detail: str | None = None,
                     documents: Callable[[str], list[Passage]] | None = None) -> list[str]:
        # Its own documents beside what retrieval found: the status section cites the status best.
        passages = [*passages, *(documents(program.id) if documents is not None else [])]
        passage = self._status_passage(passages, program.id)
        marker = ""
        if passage is not None:
            snippet = self.best_sentence(passage.chunk.text, terms | {"status"})
            if snippet:
                marker = f" [{d.cite(passage, snippet)}]"
        note = f" {program.status_note}" if program.status_note else ""
        lines: list[str] = []
        if program.status == "closed":
            note = "" if _only_restates_end(program) else note
            text = phrase(locale, "named_closed", name=program.name, since=self._since(program, locale), note=note)
            d.add_card(self.card(program), first=True)
            successor = self._programs.get(program.successor or "")
            if successor is not None:
                text += phrase(locale, "named_successor", successor=successor.name)
                d.add_card(self.card(successor))
            return [text + marker]
        key = "named_open" if program.status == "open" else "named_unknown"
        lines.append(phrase(locale, key, name=program.name, note="") + note + marker)
        d.add_card(self.card(program), first=True)
        found = self._detail_sentence(passages, program.id, detail) if detail else None
        if found is not None:
            detail_passage, sentence = found
            lines.append(f"{sentence} [{d.cite(detail_passage, sentence)}]")
        others = [p for p in passages if p.chunk.metadata.get("program_id") == program.id and p is not passage]
        what = self._description(program, others, None)
        if what is not None:
            what_passage, sentence = what
            if found is None or sentence != found[1]:
                number = d.cite(what_passage, sentence)
                lines.append(phrase(locale, "named_what", sentence=sentence) + f" [{number}]")
                marker = f" [{number}]"
        facts = self._facts(program, locale)
        if facts and marker:
            lines.append(facts + marker)
        return lines

    def _facts(self, program: Program, locale: str) -> str:
        """For whom and how much, from the catalog (which the programme's own source states)."""
        parts: list[str] = []
        groups = [label(locale, g) for g in program.target_groups[:_MAX_GROUPS]]
        if groups:
            parts.append(phrase(locale, "for_whom", groups=join_list(locale, groups)))
        if program.amount and program.status != "closed":
            parts.append(phrase(locale, "amount", amount=program.amount.rstrip(".")))
        return " ".join(parts)

    def _programme_lines(self, g: CompositionInput, passages: list[Passage], terms: set[str],
                         named: list[Program], d: _Draft) -> Iterator[list[str]]:
        locale = g.locale
        seen = {c.id for c in d.cards}
        candidates: list[Program] = []
        own: dict[str, Passage] = {}
        ended: list[tuple[Program, Passage]] = []
        for passage in passages:
            program = self._program_of(passage)
            if program is None or program.id in seen:
                continue
            seen.add(program.id)
            if program.status == "closed":
                ended.append((program, passage))
            else:
                candidates.append(program)
                own[program.id] = passage
        sections = {program_id: [p for p in passages if p.chunk.metadata.get("program_id") == program_id]
                    for program_id in own}

        ranked = self._shortlist(candidates, own, g.profile, named=bool(named))
        if ranked:
            if named:
                intro = phrase(locale, "intro_more_programs")
            elif g.profile_summary:
                intro = phrase(locale, "intro_programs_profile", profile=g.profile_summary)
            else:
                intro = phrase(locale, "intro_programs")
            lines = [self._program_line(program, sections[program.id], locale, d, g.program_documents, terms)
                     for program in ranked]
            if any(lines):  # never an intro without a programme under it
                yield [intro]
                yield from ([line] for line in lines if line)
            elif not named:
                yield from self._passage_lines(g, passages, terms, d)
        elif not named:
            yield from self._passage_lines(g, passages, terms, d)

        ended = [(p, x) for p, x in ended if x.term_coverage >= _RELEVANT_COVERAGE]
        if ended[:2] and not named:
            lines = ["", phrase(locale, "ended_header")]
            for program, passage in ended[:2]:
                snippet = self.best_sentence(passage.chunk.text, terms | {"beendet"})
                if not snippet:
                    continue
                number = d.cite(passage, snippet)
                lines.append("- " + phrase(locale, "ended_line", name=program.name,
                                           since=self._since(program, locale), note="") + f" [{number}]")
                d.add_card(self.card(program))
            if len(lines) > 2:
                yield lines

    @staticmethod
    def _shortlist(candidates: list[Program], own: dict[str, Passage], profile: FitProfile,
                   named: bool) -> list[Program]:
        """The programmes worth a line: relevant enough, of the funding type asked for, best fit first."""
        if not candidates:
            return []
        best = max(own[p.id].term_coverage for p in candidates)
        relevant = [p for p in candidates
                    if own[p.id].term_coverage >= _RELATIVE_COVERAGE * best or fit_bonus(p, profile) >= 0.35]
        ranked = rank_by_fit(relevant, profile)
        if profile.funding_types:
            wanted = [p for p in ranked if p.funding_type in profile.funding_types]
            if len(wanted) >= 2:
                ranked = wanted
        if profile.topics:
            # A passage can match the words of a question without being on its topic ("KMU-Definition der EU" in
            # an IT-security programme): with enough programmes on the topic, those are the answer.
            on_topic = [p for p in ranked if set(p.topics) & set(profile.topics)]
            if len(on_topic) >= 2:
                ranked = on_topic
        if named:  # beside a programme the user named, only close relatives are worth mentioning
            return [p for p in ranked if fit_bonus(p, profile) > 0][:_MAX_PROGRAMS_WITH_PARTNERS]
        return ranked[:_MAX_PROGRAMS]

    def _program_line(self, program: Program, passages: list[Passage], locale: str, d: _Draft,
                      documents: Callable[[str], list[Passage]] | None = None,
                      terms: set[str] | None = None) -> str | None:
        """"- **Name** (type, level, status): what it funds [n] For whom, how much [n]" – the sentence and the
        facts cited to the programme document the sentence stands in."""
        # No describing sentence (an odd page): the passage retrieval found still shows the programme and its status.
        found = self._description(program, passages, documents) or self.best_in(passages, terms or set())
        if found is None:
            return None
        passage, sentence = found
        number = d.cite(passage, sentence)
        facts = ", ".join(x for x in (label(locale, program.funding_type), label(locale, program.level),
                                      self._status_word(locale, program.status)) if x)
        line = f"- **{program.name}** ({facts}): {sentence} [{number}]"
        extra = self._facts(program, locale)
        if extra:
            line += f" {extra} [{number}]"
        d.add_card(self.card(program))
        return line

    def _description(self, program: Program, passages: list[Passage],
                     documents: Callable[[str], list[Passage]] | None) -> tuple[Passage, str] | None:
        """What the programme is or funds: a sentence of its own documents (looked up, their start first) or of its
        passages retrieval found."""
        own = [p for p in passages if p.chunk.metadata.get("program_id") == program.id]
        lead = documents(program.id) if documents is not None else []
        return self._describer.describe(program, [*lead, *own])

    def _passage_lines(self, g: CompositionInput, passages: list[Passage], terms: set[str],
                       d: _Draft) -> Iterator[list[str]]:
        locale = g.locale
        lines = [phrase(locale, "intro_network" if g.intent == "network" else "intro_passages")]
        for passage in passages[:_MAX_PASSAGES]:
            sentence = self.best_sentence(passage.chunk.text, terms)
            if not sentence:
                continue
            program = self._program_of(passage)
            prefix = ""
            if program is not None:
                status = self._status_word(locale, program.status)
                prefix = f"**{program.name}** ({status}): "
                d.add_card(self.card(program))
            lines.append(f"- {prefix}{sentence} [{d.cite(passage, sentence)}]")
        if len(lines) > 1:
            yield lines

    def _partner_answer(self, g: CompositionInput, d: _Draft) -> Iterator[list[str]]:
        locale = g.locale
        if g.partners:
            intro = phrase(locale, "partners_intro_place", place=g.place) if g.place else \
                phrase(locale, "partners_intro")
            yield [intro]
            for partner in g.partners[:_MAX_PARTNERS]:
                yield [self._partner_line(partner, g, d)]
        elif not g.clarify:
            d.confident = False
            yield [phrase(locale, "no_answer_default_partner")]
        passages = [p for p in g.retrieval.passages if self._program_of(p) is not None]
        if g.profile.topics and passages and g.confident:
            lines = ["", phrase(locale, "programs_for_partner")]
            own: dict[str, list[Passage]] = {}
            for passage in passages:
                program = self._program_of(passage)
                if program is not None and program.status != "closed":
                    own.setdefault(program.id, []).append(passage)
            candidates = [self._programs[program_id] for program_id in own]
            for program in rank_by_fit(candidates, g.profile)[:_MAX_PROGRAMS_WITH_PARTNERS]:
                line = self._program_line(program, own[program.id], locale, d, g.program_documents)
                if line:
                    lines.append(line)
            if len(lines) > 2:
                yield lines
        yield from self._clarify_lines(g)
        yield self._source_lines(locale, d.citations)

    def _event_answer(self, g: CompositionInput, d: _Draft) -> Iterator[list[str]]:
        """Upcoming events with date, place and organiser, each cited; or that none were found, and who to ask."""
        locale = g.locale
        if g.events:
            yield [phrase(locale, "events_intro_place", place=g.place) if g.place else phrase(locale, "events_intro")]
            yield [self._event_line(passage, d) for passage in g.events]
        else:
            d.confident = False
            yield [phrase(locale, "events_none")]
        yield self._partner_lines(g, d, fallback=not g.events)
        yield from self._clarify_lines(g)
        yield self._source_lines(locale, d.citations)

    @staticmethod
    def _event_line(passage: Passage, d: _Draft) -> str:
        facts = passage.chunk.metadata
        when = str(facts.get("event_when") or facts.get("event_start") or "")
        place, region = str(facts.get("event_place") or ""), str(facts.get("event_region") or "")
        where = place + (f" ({region})" if region and region not in place else "")
        snippet = "; ".join(x for x in (when and f"Termin: {when}", where and f"Ort: {where}") if x)
        details = " · ".join(x for x in (when, where, str(facts.get("organiser") or "")) if x)
        return f"- **{passage.chunk.title}** – {details} [{d.cite(passage, snippet or passage.chunk.title)}]"

    def _partner_line(self, partner: PartnerCard, g: CompositionInput, d: _Draft) -> str:
        locale = g.locale
        channels = [phrase(locale, "phone", phone=partner.phone)] if partner.phone else []
        if partner.email:
            channels.append(phrase(locale, "email", email=partner.email))
        channels.append(partner.url)
        line = f"- **{partner.name}** – {partner.reason} ({', '.join(channels)})"
        passage = next((p for p in g.partner_passages if p.chunk.metadata.get("partner_id") == partner.id), None)
        if passage is not None:
            snippet = self.best_sentence(passage.chunk.text, set(g.retrieval.query_terms))
            if snippet:
                line += f" [{d.cite(passage, snippet)}]"
        return line

    def _partner_lines(self, g: CompositionInput, d: _Draft, fallback: bool) -> list[str]:
        locale = g.locale
        if g.partners:
            if fallback:
                header = phrase(locale, "no_answer_partner")
            elif g.place:
                header = phrase(locale, "partners_header_place", place=g.place)
            else:
                header = phrase(locale, "partners_header")
            return ["", header] + [self._partner_line(p, g, d) for p in g.partners[:_MAX_PARTNERS]]
        if fallback:
            return [phrase(locale, "no_answer_default_partner")]
        return []

    @staticmethod
    def _clarify_lines(g: CompositionInput) -> Iterator[list[str]]:
        if g.clarify:
            yield ["", *g.clarify]

    def _source_lines(self, locale: str, citations: list[Citation]) -> list[str]:
        if not citations:
            return []
        lines = ["", phrase(locale, "sources_header")]
        for c in citations:
            page = phrase(locale, "page", page=c.page) if c.page else ""
            as_of = format_date(c.as_of, locale) if c.as_of else phrase(locale, "as_of_unknown")
            lines.append(phrase(locale, "source_line", id=c.id, title=c.title, page=page, url=c.url, as_of=as_of))
        return lines

    @staticmethod
    def _status_passage(passages: list[Passage], program_id: str) -> Passage | None:
        own = [p for p in passages if p.chunk.metadata.get("program_id") == program_id]
        for passage in own:  # the status section says best whether it can still be applied for
            if "status" in passage.chunk.section.lower():
                return passage
        return own[0] if own else None

    def _detail_sentence(self, passages: list[Passage], program_id: str, detail: str) -> tuple[Passage, str] | None:
        """The first sentence of the programme's own passages that states the detail asked for, from the section
        about that detail if there is one."""
        pattern = _DETAIL_PATTERNS.get(detail)
        if pattern is None:
            return None
        own = [p for p in passages if p.chunk.metadata.get("program_id") == program_id
               and not _NO_DETAIL_SECTION.search(p.chunk.section)]
        on_detail = _DETAIL_SECTIONS[detail]
        for passage in sorted(own, key=lambda p: not on_detail.search(p.chunk.section)):
            for sentence in split_sentences(passage.chunk.text):
                if len(sentence) > 25 and is_complete(sentence) and " / " not in sentence \
                        and pattern.search(sentence) and not looks_like_instruction(sentence):
                    return passage, sentence[:_MAX_SNIPPET]
        return None


def _only_restates_end(program: Program) -> bool:
    """A status note like "Beendet zum 31.12.2023." says no more than "beendet (seit 31.12.2023)" already does."""
    note = program.status_note or ""
    return bool(program.ended_on) and not _END_WORDS.sub(" ", note).strip()
