"""The default answerer: no LLM. It answers the question asked from cited source sentences and the catalog's facts,
so every claim stands in a source and every status is the one computed for today.

An answer reads, top to bottom:
1. the AI notice (first turn only) and acknowledgements ("Verstanden, Ihr Standort ist …");
2. the direct answer: for a programme the user named, its status today and what was asked about it; for a question
   of a kind (how to apply, eligibility, combining, loan or grant …) the one to three source sentences that answer
   it; for a search, one line saying what was looked for;
3. at most three fitting programmes, one line each (the cards carry the details); a programme the company cannot use
   is named only with the reason, an ended one only as ended; a follow-up does not repeat the list it already got;
4. the partner to talk to, one line (the card carries the contacts), and at most two clarifying questions.
Sources are cited once each by number; the client shows them from `citations` (no URLs in the text).

The answer is written line by line; `Composition.pieces()` hands each piece out as soon as it is written, so a
streaming client sees the first line before the rest is composed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date

from assistant.answering.answer import Answer, Citation, PartnerCard, ProgramCard
from assistant.answering.direct_answer import DirectAnswerFinder, SentenceSimilarity
from assistant.answering.eligibility import misfits
from assistant.answering.instruction_guard import looks_like_instruction
from assistant.answering.phrases import join_list, label, phrase
from assistant.answering.program_description import ProgramDescriber
from assistant.answering.program_fit import FitProfile, fit_bonus, rank_by_fit
from assistant.answering.sme_check import sme_verdict
from assistant.answering.status_phrase import stale_note, status_phrase
from assistant.retrieval.hybrid_retriever import Passage, RetrievalResult
from indexer.catalog import Program
from indexer.sentences import is_complete, split_sentences, under_headings
from indexer.source_date import is_stale

_MAX_SNIPPET = 280
_MAX_PROGRAMS = 3
_MAX_PROGRAMS_BESIDE_NAMED = 2
_MAX_PARTNERS = 3
_MAX_MISFITS = 2
_MAX_ENDED = 2
# A programme is listed when its passage covers at least this share of what the best one covers (or fits well).
_RELATIVE_COVERAGE = 0.5
# An ended programme is only mentioned when its passage shares this much of the question's terms.
_RELEVANT_COVERAGE = 0.34
_DESCRIBES = re.compile(r"\b(?:förder\w*|gefördert|finanzier\w*|unterstütz\w*|zuschuss|zuschüsse|darlehen|kredit\w*|"
                        r"stipendium|gutschein\w*|bietet|berät|vermittelt|funds?|grants?|loans?)\b", re.I)
_HEDGE = re.compile(r"\b(?:nicht hervor|unsicher|unklar|nicht gefunden|bitte\b.{0,30}prüfen|laut älteren|"
                    r"vermutlich)\b", re.I)
_LIST_SECTION = re.compile(r"quellen|sources|links", re.I)
_STATUS_SECTION = re.compile(r"status|frist", re.I)
_MIN_WORDS = 5
# Kinds answered by source sentences first (the others: the programme list is the answer).
_SENTENCE_KINDS = frozenset({"procedure", "documents", "eligibility", "combination", "comparison", "orientation",
                             "loan_vs_grant", "amount", "deadline", "ended"})
_STATUS_KINDS = frozenset({"deadline", "ended"})  # questions the status line itself answers
_ENDING_QUESTION = re.compile(
    r"\b(?:laufen|läuft|laeuft)\b.{0,40}\baus\b|\bauslauf\w*|\bending\b|\bend(?:s)? (?:this|at)", re.I)
_LINE_STARTS = re.compile(r"(?<=[^\n])(?=\n)")  # before each line break that ends a line of text
_ENDED_YEARS = 3  # "what has ended": the programmes that ended in the last few years
_MAX_LISTED = 6
# What the detail of a named programme maps to.
_DETAIL_KINDS = {"amount": "amount", "eligibility": "eligibility", "deadline": "deadline", "procedure": "procedure"}
# Out-of-scope subjects and who helps with them.
_OUT_OF_SCOPE = (
    ("tax", re.compile(r"\b(?:\w*steuer\w*|\w*freibetrag|finanzamt|abschreib\w*|afa|tax\w*|vat)\b", re.I)),
    ("legal", re.compile(r"\b(?:\w*recht\w*|\w*vertrag\w*|abmahnung\w*|kündigung\w*|klage\w*|verklagen|"
                         r"anwalt\w*|impressum|agb|dsgvo|legal|lawyer|lawsuit|sue|contract\w*)\b", re.I)),
    ("social", re.compile(r"\b(?:kindergeld\w*|elterngeld\w*|rente\w*|bafög|wohngeld\w*|kranken\w*|"
                          r"pension\w*|child benefit\w*)\b", re.I)),
)


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
    kind: str | None = None  # question_kinds.QuestionKind of the turn (None: which programmes fit)
    today: date | None = None  # the day the statuses were computed for
    previous_programs: tuple[str, ...] = ()  # programmes the previous answer listed (a follow-up says what is new)
    employees: int | None = None  # for the SME check ("zählen wir als KMU?")
    turnover_eur: int | None = None
    sentence_similarity: SentenceSimilarity | None = None  # the question against the index's sentence vectors
    stale_after_months: int = 12  # a source older than this is flagged
    notes_given: tuple[str, ...] = ()  # standing advice already given in this conversation
    ended_mentioned: tuple[str, ...] = ()  # ended programmes already named for context in this conversation

    @property
    def confident(self) -> bool:
        confidence = self.retrieval.confidence if self.confidence is None else self.confidence
        return confidence >= self.min_confidence


@dataclass
class _Draft:
    citations: list[Citation] = field(default_factory=list)
    cited: dict[tuple[str, int | None], int] = field(default_factory=dict)  # (document, page) → number
    cards: list[ProgramCard] = field(default_factory=list)
    confident: bool = True
    lead: str = ""
    notes: list[str] = field(default_factory=list)

    stale_after_months: int = 12

    def cite(self, passage: Passage, snippet: str, today: date | None = None) -> int:
        """One number per source (document and page): a second sentence of it reuses the number."""
        chunk = passage.chunk
        key = (chunk.doc_id, chunk.page)
        if key not in self.cited:
            number = max((c.id for c in self.citations), default=0) + 1
            checked = chunk.metadata.get("checked_on")
            if chunk.as_of is None and not checked and chunk.metadata.get("as_of_source") == "fetched":
                checked = chunk.metadata.get("first_seen")
            stale = bool(today and chunk.as_of and is_stale(chunk.as_of, today, self.stale_after_months))
            self.citations.append(Citation(number, chunk.title, chunk.url, chunk.page, snippet, chunk.as_of,
                                           chunk.doc_id, chunk.chunk_id, str(checked) if checked else None, stale,
                                           chunk.metadata.get("attribution")))
            self.cited[key] = number
        return self.cited[key]

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
            # Line by line: a list of programmes appears as it is written, not as one block.
            yield from (line for line in _LINE_STARTS.split(piece) if line)
        d = self._draft
        self._answer = Answer(self._writer.text, list(d.citations), list(d.cards), list(self._partners),
                              list(self._clarify), confident=d.confident, lead=d.lead, notes=tuple(d.notes))

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
        self._finder = DirectAnswerFinder(analyze)

    @property
    def programs(self) -> Mapping[str, Program]:
        return self._programs

    def compose(self, given: CompositionInput) -> Answer:
        return self.start(given).answer

    def start(self, given: CompositionInput) -> Composition:
        draft = _Draft(stale_after_months=given.stale_after_months)
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
                  cards: list[ProgramCard]) -> tuple[str, list[Citation], tuple[str, ...]]:
        """Caveats, the partner line and clarifying questions after a body; the citations grow by the partner
        profiles cited; the standing advice given is returned with them."""
        d = _Draft(citations=list(citations), cited={(c.doc_id, c.page): c.id for c in citations}, cards=list(cards))
        writer = _TextWriter(continues=True)
        for lines in (self._notes(g, d), self._partner_lines(g, d, fallback=False)):
            writer.add(lines)
        for lines in self._clarify_lines(g):
            writer.add(lines)
        return writer.text, d.citations, tuple(d.notes)

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
        return rank(best), _shorten(best)

    @staticmethod
    def card(program: Program, locale: str = "de") -> ProgramCard:
        today = program.today
        return ProgramCard(program.id, program.name, program.provider, program.level, program.funding_type,
                           program.status, program.source_url, program.as_of, program.status_note,
                           status_text=status_phrase(program, locale), ends_on=today.ends_on if today else None,
                           ending_soon=bool(today and today.ending_soon), stale=bool(today and today.stale),
                           checked_on=program.checked_on)

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
            yield self._lead(d, self._small_talk_lines(g))
            yield from self._clarify_lines(g)
            d.confident = True
            return
        if g.intent == "out_of_scope":
            d.confident = False
            yield self._lead(d, self._out_of_scope_lines(g))
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
            yield self._lead(d, [phrase(locale, "no_answer")])
            yield self._partner_lines(g, d, fallback=True)
            yield from self._clarify_lines(g)
            return

        terms = set(g.retrieval.query_terms)
        if named:
            yield self._lead(d, self._named_answer(g, named, passages, terms, d))
        else:
            lead = self._catalog_ended_lines(g, d) if g.kind == "ended" else []
            lead = lead or (self._direct_lines(g, passages, d) if g.kind in _SENTENCE_KINDS else [])
            if lead:
                yield self._lead(d, lead)
        # After a direct answer, programmes only where the conversation says what the project is about (or the
        # question is which kind of funding to take).
        if not d.lead or named or g.kind not in _SENTENCE_KINDS or g.profile.topics or g.profile.funding_types \
                or g.kind == "loan_vs_grant":
            yield from self._programme_lines(g, passages, terms, named, d)
        yield self._notes(g, d)
        yield self._partner_lines(g, d, fallback=False)
        yield from self._clarify_lines(g)

    @staticmethod
    def _lead(d: _Draft, lines: list[str]) -> list[str]:
        if not d.lead:
            d.lead = " ".join(line for line in lines if line)
        return lines

    def _out_of_scope_lines(self, g: CompositionInput) -> list[str]:
        subject = next((name for name, pattern in _OUT_OF_SCOPE if pattern.search(g.question)), None)
        if subject is not None:
            return [phrase(g.locale, f"out_of_scope_{subject}")]
        return [phrase(g.locale, "out_of_scope")]

    # --- the direct answer ---------------------------------------------------------------------
    def _direct_lines(self, g: CompositionInput, passages: list[Passage], d: _Draft,
                      program: Program | None = None) -> list[str]:
        """One to three cited sentences that answer a question of the turn's kind."""
        kind = g.kind or (g.detail and _DETAIL_KINDS.get(g.detail)) or "programmes"
        lines: list[str] = []
        if kind == "eligibility" and program is None:
            verdict = sme_verdict(g.employees, g.turnover_eur, g.locale)
            if verdict is not None:
                # Cited only to a sentence that states the definition's limit.
                source = self._finder.find("KMU Definition 250 Beschäftigte Umsatz Bilanzsumme", "eligibility",
                                           passages, limit=1, similarity=g.sentence_similarity,
                                           required=lambda sentence: "250" in sentence)
                if source:
                    number = d.cite(source[0].passage, source[0].sentence, g.today)
                    return [f"{verdict} [{number}]"]
        pool = passages
        if program is not None:
            own = [p for p in passages if p.chunk.metadata.get("program_id") == program.id]
            extra = g.program_documents(program.id) if g.program_documents is not None else []
            pool = own + [p for p in extra if p.chunk.chunk_id not in {o.chunk.chunk_id for o in own}]
        ignore = " ".join((program.name, *program.aliases)) if program is not None else ""
        chosen = self._finder.find(g.question, kind, pool, limit=3 if kind == "procedure" else 2,
                                   similarity=g.sentence_similarity, ignore=ignore)
        sentences = [f"{self._quoted(c.sentence, g.locale)} [{d.cite(c.passage, c.sentence, g.today)}]"
                     for c in chosen]
        if sentences:
            lines.append(" ".join(sentences) if kind != "procedure" or len(sentences) == 1
                         else "\n".join(f"{i}. {s}" for i, s in enumerate(sentences, start=1)))
        return lines

    def _named_answer(self, g: CompositionInput, named: list[Program], passages: list[Passage], terms: set[str],
                      d: _Draft) -> list[str]:
        if g.kind == "comparison" and len(named) >= 2:
            return self._comparison_lines(g, named[:2], passages, terms, d)
        if g.kind in ("combination", "comparison") and named:
            # About two programmes together: what the sources say about combining first, then each programme's
            # status today.
            pool = [*passages]
            for program in named[:2]:
                if g.program_documents is not None:
                    pool += g.program_documents(program.id)
            lines = self._direct_lines(g, pool, d)
            for program in named[:2]:
                lines.append(self._status_line(g, program, self._own(g, program, passages), terms, d))
            return lines
        lines = []
        for program in named[:2]:
            lines += self._named_lines(g, program, passages, terms, d)
        return lines

    def _comparison_lines(self, g: CompositionInput, named: list[Program], passages: list[Passage], terms: set[str],
                          d: _Draft) -> list[str]:
        """Two programmes side by side from the catalog's facts (kind, provider, how much, where to apply, for whom,
        status today), each line cited to the programme's own document."""
        locale = g.locale
        lines = [phrase(locale, "comparison_intro")]
        for program in named:
            own = self._own(g, program, passages)
            facts = [label(locale, program.funding_type), program.provider]
            if program.amount:
                facts.append(program.amount.rstrip("."))
            route = phrase(locale, f"route_{program.eligibility.application_via}") \
                if program.eligibility.application_via else ""
            if route and not any(route.lower() in (f or "").lower() for f in facts):  # the amount may say it already
                facts.append(route)
            facts.append(status_phrase(program, locale))
            line = f"- **{program.name}**: {'; '.join(f for f in facts if f)}"
            source = self._description(program, own, None) or (self.best_in(own, terms) if own else None)
            if source is not None:
                line += f" [{d.cite(source[0], source[1], g.today)}]"
            lines.append(line)
            d.add_card(self.card(program, locale))
        return lines

    def _catalog_ended_lines(self, g: CompositionInput, d: _Draft) -> list[str]:
        """ "Welche Programme sind ausgelaufen / laufen zum Jahresende aus?": the catalog's answer for the day, on
        the conversation's topics, each cited to the programme's own document."""
        locale = g.locale
        today = g.today
        if today is None:
            return []
        ending = _ENDING_QUESTION.search(g.question) is not None
        topics = set(g.profile.topics)
        chosen: list[Program] = []
        for program in self._programs.values():
            if topics and not topics & set(program.topics):
                continue
            status = program.today
            ends_this_year = status is not None and bool(status.ends_on) and \
                str(status.ends_on) <= f"{today.year}-12-31"
            ended_lately = program.status == "closed" and bool(program.ended_on) and \
                str(program.ended_on)[:4] >= str(today.year - _ENDED_YEARS)
            if (ending and ends_this_year) or (not ending and ended_lately):
                chosen.append(program)
        chosen.sort(key=lambda p: (p.today.ends_on if ending and p.today else p.ended_on or "", p.name),
                    reverse=not ending)
        if not chosen:
            return []
        lines = [phrase(locale, "ending_intro" if ending else "ended_intro")]
        for program in chosen[:_MAX_LISTED]:
            line = f"- **{program.name}** – {status_phrase(program, locale)}"
            documents = g.program_documents(program.id) if g.program_documents is not None else []
            status_passage = next((p for p in documents if _has_section(p, _STATUS_SECTION)),
                                  documents[0] if documents else None)
            if status_passage is not None:
                sentence = self.best_sentence(status_passage.chunk.text, {"beendet", "bis", "endet"})
                if sentence:
                    line += f" [{d.cite(status_passage, sentence, g.today)}]"
            lines.append(line)
            d.add_card(self.card(program, locale))
        return lines

    def _own(self, g: CompositionInput, program: Program, passages: list[Passage]) -> list[Passage]:
        """The programme's passages retrieval found, then its own documents' leading passages."""
        documents = g.program_documents(program.id) if g.program_documents is not None else []
        found = [p for p in passages if p.chunk.metadata.get("program_id") == program.id]
        return [*found, *[p for p in documents if p.chunk.chunk_id not in {f.chunk.chunk_id for f in found}]]

    def _status_line(self, g: CompositionInput, program: Program, own: list[Passage], terms: set[str],
                     d: _Draft) -> str:
        """"**X** kann nicht mehr beantragt werden – beendet am …" / "… ist offen – nur noch bis …", cited to the
        programme's own status section."""
        locale = g.locale
        status_passage = next((p for p in own if _has_section(p, _STATUS_SECTION)), own[0] if own else None)
        marker = ""
        if status_passage is not None:
            snippet = self.best_sentence(status_passage.chunk.text, terms | {"status", "beendet", "bis"})
            if snippet:
                marker = f" [{d.cite(status_passage, snippet, g.today)}]"
        d.add_card(self.card(program, locale), first=True)
        status = status_phrase(program, locale)
        if program.status == "closed":
            text = phrase(locale, "named_closed", name=program.name, status=status)
            successor = self._programs.get(program.successor or "")
            if successor is not None and successor.status != "closed":
                text += phrase(locale, "named_successor", successor=successor.name)
                d.add_card(self.card(successor, locale))
            return text + marker
        key = {"open": "named_open", "unknown": "named_unknown"}.get(program.status, "named_unknown")
        if program.today is not None and program.today.ending_soon:
            key = "named_ending"
        elif key == "named_open" and status != phrase(locale, "status_open"):
            key = "named_open_dated"  # "offen, Anträge bis 31.12.2029" says more than "offen"
        line = phrase(locale, key, name=program.name, status=status) + marker
        note = stale_note(program, locale)
        return f"{line} ({note})" if note else line

    def _named_lines(self, g: CompositionInput, program: Program, passages: list[Passage], terms: set[str],
                     d: _Draft) -> list[str]:
        locale = g.locale
        own = self._own(g, program, passages)
        lines = [self._status_line(g, program, own, terms, d)]
        if program.status == "closed":
            return lines
        problems = misfits(program, g.profile, locale, named=True)
        if problems:
            # Named with the reason, never shown as a card beside the programmes that fit.
            d.cards = [c for c in d.cards if c.id != program.id]
            lines.append(phrase(locale, "named_misfit", reasons=join_list(locale, problems)))
        if g.kind in _SENTENCE_KINDS or g.detail:
            answer = self._direct_lines(g, own, d, program=program)
            if answer and g.kind not in _STATUS_KINDS and not problems:
                # "Wie hoch …?" is answered by the amount; that it is open comes second.
                return answer + lines
            lines += answer
        else:
            what = self._description(program, own, None)
            if what is not None:
                number = d.cite(what[0], what[1], g.today)
                lines.append(f"{self._quoted(what[1], locale)} [{number}]")
        return lines

    # --- programmes ------------------------------------------------------------------------------
    def _programme_lines(self, g: CompositionInput, passages: list[Passage], terms: set[str],
                         named: list[Program], d: _Draft) -> Iterator[list[str]]:
        locale = g.locale
        seen = {c.id for c in d.cards} | set(g.named_programs)
        candidates: list[Program] = []
        own: dict[str, Passage] = {}
        ended: list[tuple[Program, Passage]] = []
        unfit: list[tuple[Program, Passage, list[str]]] = []
        for passage in passages:
            program = self._program_of(passage)
            if program is None or program.id in seen:
                continue
            seen.add(program.id)
            if program.status == "closed":
                ended.append((program, passage))
                continue
            problems = misfits(program, g.profile, locale)
            if problems:
                unfit.append((program, passage, problems))
                continue
            candidates.append(program)
            own[program.id] = passage
        sections = {program_id: [p for p in passages if p.chunk.metadata.get("program_id") == program_id]
                    for program_id in own}

        # Beside a programme the user named, "similar" means on its topics or the project's.
        similar = tuple(dict.fromkeys([*g.profile.topics, *(t for p in named for t in p.topics)]))
        ranked = self._shortlist(candidates, own, g.profile, named=bool(named), similar=similar)
        repeated = [p for p in ranked if p.id in g.previous_programs]
        fresh = [p for p in ranked if p.id not in g.previous_programs]
        if ranked:
            lines = [line for program in fresh
                     if (line := self._program_line(program, sections[program.id], g, d, terms))]
            if lines:
                if named:
                    intro = phrase(locale, "intro_more_programs")
                elif d.lead:
                    intro = phrase(locale, "intro_programs_short")
                elif g.profile_summary:
                    intro = phrase(locale, "intro_programs_profile", profile=g.profile_summary)
                else:
                    intro = phrase(locale, "intro_programs")
                if not d.lead:
                    self._lead(d, [intro])
                yield ["", intro, *lines] if d.lead != intro else [intro, *lines]
            if repeated:
                for program in repeated:
                    d.add_card(self.card(program, locale))
                yield ["", phrase(locale, "still_fitting", names=join_list(locale, [p.name for p in repeated]))]
        elif not named and not d.lead:
            yield from self._passage_lines(g, passages, terms, d)

        shown_unfit = [u for u in unfit if u[1].term_coverage >= _RELEVANT_COVERAGE or u[0].id in g.named_programs]
        if shown_unfit[:_MAX_MISFITS]:
            lines = ["", phrase(locale, "misfit_header")]
            for program, passage, problems in shown_unfit[:_MAX_MISFITS]:
                sentence = self.best_sentence(passage.chunk.text, terms) or program.name
                number = d.cite(passage, sentence, g.today)
                lines.append(f"- **{program.name}**: {join_list(locale, problems)} [{number}]")
            yield lines

        # An ended programme is context once per conversation, not news in every follow-up.
        ended = [(p, x) for p, x in ended
                 if x.term_coverage >= _RELEVANT_COVERAGE and p.id not in g.ended_mentioned]
        if ended[:_MAX_ENDED] and not named:
            lines = ["", phrase(locale, "ended_header")]
            for program, passage in ended[:_MAX_ENDED]:
                snippet = self.best_sentence(passage.chunk.text, terms | {"beendet"})
                if not snippet:
                    continue
                number = d.cite(passage, snippet, g.today)
                lines.append(f"- **{program.name}** – {status_phrase(program, locale)} [{number}]")
                d.add_card(self.card(program, locale))
            if len(lines) > 2:
                yield lines

    @staticmethod
    def _shortlist(candidates: list[Program], own: dict[str, Passage], profile: FitProfile,
                   named: bool, similar: tuple[str, ...] = ()) -> list[Program]:
        """The programmes worth a line: relevant enough, of the funding type asked for, best fit first."""
        if not candidates:
            return []
        best = max(own[p.id].term_coverage for p in candidates)
        relevant = [p for p in candidates
                    if own[p.id].term_coverage >= _RELATIVE_COVERAGE * best or fit_bonus(p, profile) >= 0.35]
        ranked = rank_by_fit(relevant, profile)
        if profile.funding_types:
            wanted = [p for p in ranked if p.funding_type in profile.funding_types]
            if wanted:
                ranked = wanted + [p for p in ranked if p not in wanted and len(wanted) < 2]
        if profile.topics:
            # A passage can match the words of a question without being on its topic ("KMU-Definition der EU" in
            # an IT-security programme): with enough programmes on the topic, those are the answer.
            on_topic = [p for p in ranked if set(p.topics) & set(profile.topics)]
            if len(on_topic) >= 2:
                ranked = on_topic
        if named:  # beside a programme the user named, only close relatives on its or the project's topics
            return [p for p in ranked if set(p.topics) & set(similar)
                    and fit_bonus(p, profile) > -0.2][:_MAX_PROGRAMS_BESIDE_NAMED]
        return ranked[:_MAX_PROGRAMS]

    def _program_line(self, program: Program, passages: list[Passage], g: CompositionInput, d: _Draft,
                      terms: set[str]) -> str | None:
        """"- **Name** – Zuschuss, nur noch bis 31.12.2026: what it funds [n]"; the card carries the rest."""
        locale = g.locale
        found = self._description(program, passages, g.program_documents) or self.best_in(passages, terms)
        if found is None:
            return None
        passage, sentence = found
        number = d.cite(passage, sentence, g.today)
        facts = ", ".join(x for x in (label(locale, program.funding_type), status_phrase(program, locale)) if x)
        line = f"- **{program.name}** ({facts}): {self._quoted(sentence, locale)} [{number}]"
        note = stale_note(program, locale)
        if note:
            line += f" ({note})"
        d.add_card(self.card(program, locale))
        return line

    def _description(self, program: Program, passages: list[Passage],
                     documents: Callable[[str], list[Passage]] | None) -> tuple[Passage, str] | None:
        """What the programme is or funds: a sentence of its own documents (looked up, their start first) or of its
        passages retrieval found."""
        own = [p for p in passages if p.chunk.metadata.get("program_id") == program.id]
        lead = documents(program.id) if documents is not None else []
        found = self._describer.describe(program, [*lead, *own])
        return (found[0], _shorten(found[1])) if found else None

    def _passage_lines(self, g: CompositionInput, passages: list[Passage], terms: set[str],
                       d: _Draft) -> Iterator[list[str]]:
        locale = g.locale
        chosen = self._finder.find(g.question, g.kind or "programmes", passages, limit=2,
                                   similarity=g.sentence_similarity)
        if chosen:
            line = " ".join(f"{self._quoted(c.sentence, locale)} [{d.cite(c.passage, c.sentence, g.today)}]"
                            for c in chosen)
            yield self._lead(d, [line])
            return
        lines = [phrase(locale, "intro_network" if g.intent == "network" else "intro_passages")]
        for passage in passages[:2]:
            sentence = self.best_sentence(passage.chunk.text, terms)
            if sentence:
                lines.append(f"- {self._quoted(sentence, locale)} [{d.cite(passage, sentence, g.today)}]")
        if len(lines) > 1:
            yield self._lead(d, lines)

    # --- partners, events, notes -------------------------------------------------------------------
    def _partner_answer(self, g: CompositionInput, d: _Draft) -> Iterator[list[str]]:
        locale = g.locale
        if g.partners:
            intro = phrase(locale, "partners_intro_place", place=g.place) if g.place else \
                phrase(locale, "partners_intro")
            yield self._lead(d, [intro])
            yield [self._partner_line(partner, g, d) for partner in g.partners[:_MAX_PARTNERS]]
        elif not g.clarify:
            d.confident = False
            yield self._lead(d, [phrase(locale, "no_answer_default_partner")])
        passages = [p for p in g.retrieval.passages if self._program_of(p) is not None]
        if g.profile.topics and passages and g.confident:
            own: dict[str, list[Passage]] = {}
            for passage in passages:
                program = self._program_of(passage)
                if program is not None and program.status != "closed" and not misfits(program, g.profile, locale):
                    own.setdefault(program.id, []).append(passage)
            candidates = [self._programs[program_id] for program_id in own]
            lines = ["", phrase(locale, "programs_for_partner")]
            for program in rank_by_fit(candidates, g.profile)[:_MAX_PROGRAMS_BESIDE_NAMED]:
                line = self._program_line(program, own[program.id], g, d, set(g.retrieval.query_terms))
                if line:
                    lines.append(line)
            if len(lines) > 2:
                yield lines
        yield from self._clarify_lines(g)

    def _event_answer(self, g: CompositionInput, d: _Draft) -> Iterator[list[str]]:
        """Upcoming events with date, place and organiser, each cited; or that none were found, and where the
        partners publish theirs."""
        locale = g.locale
        if g.events:
            yield self._lead(d, [phrase(locale, "events_intro_place", place=g.place) if g.place
                                 else phrase(locale, "events_intro")])
            yield [self._event_line(passage, d, g.today) for passage in g.events]
            yield self._partner_lines(g, d, fallback=False)
        else:
            # No invented dates: where real ones are published, the partners' own websites, linked by those only.
            d.confident = False
            yield self._lead(d, [phrase(locale, "events_none")])
            calendars = [p for p in g.partners if p.url][:_MAX_PARTNERS]
            if calendars:
                header = phrase(locale, "events_calendars_place", place=g.place) if g.place else \
                    phrase(locale, "events_calendars")
                yield ["", header] + [self._partner_line(p, g, d, link=True) for p in calendars]
            else:
                yield [phrase(locale, "no_answer_default_partner")]
        yield from self._clarify_lines(g)

    @staticmethod
    def _event_line(passage: Passage, d: _Draft, today: date | None) -> str:
        facts = passage.chunk.metadata
        when = str(facts.get("event_when") or facts.get("event_start") or "")
        place, region = str(facts.get("event_place") or ""), str(facts.get("event_region") or "")
        where = place + (f" ({region})" if region and region not in place else "")
        snippet = "; ".join(x for x in (when and f"Termin: {when}", where and f"Ort: {where}") if x)
        details = " · ".join(x for x in (when, where, str(facts.get("organiser") or "")) if x)
        return f"- **{passage.chunk.title}** – {details} [{d.cite(passage, snippet or passage.chunk.title, today)}]"

    def _partner_line(self, partner: PartnerCard, g: CompositionInput, d: _Draft, link: bool = False) -> str:
        """`link`: the partner's official website as a Markdown link on its name (where the answer sends the reader
        to it, e.g. for event calendars); otherwise the card carries website and contacts."""
        name = f"[**{partner.name}**]({partner.url})" if link and partner.url else f"**{partner.name}**"
        line = f"- {name} – {partner.reason}"
        passage = next((p for p in g.partner_passages if p.chunk.metadata.get("partner_id") == partner.id), None)
        if passage is not None:
            snippet = self.best_sentence(passage.chunk.text, set(g.retrieval.query_terms))
            if snippet:
                line += f" [{d.cite(passage, snippet, g.today)}]"
        return line

    def _partner_lines(self, g: CompositionInput, d: _Draft, fallback: bool) -> list[str]:
        """Beside an answer, the partner in one line each; the cards carry website, phone and e-mail."""
        locale = g.locale
        if g.partners:
            if fallback:
                header = phrase(locale, "no_answer_partner")
            elif g.place:
                header = phrase(locale, "partners_header_place", place=g.place)
            else:
                header = phrase(locale, "partners_header")
            limit = _MAX_PARTNERS if fallback else 2
            return ["", header] + [self._partner_line(p, g, d) for p in g.partners[:limit]]
        if fallback:
            return [phrase(locale, "no_answer_default_partner")]
        return []

    @staticmethod
    def _notes(g: CompositionInput, d: _Draft) -> list[str]:
        """The two rules people get wrong: starting before approval (grants), applying via the Hausbank (loans);
        each said once per conversation."""
        open_cards = [c for c in d.cards if c.status != "closed"]
        keys: list[str] = []
        if any(c.funding_type == "Zuschuss" for c in open_cards):
            keys.append("caveat")
        if any(c.funding_type in ("Darlehen", "Kredit") for c in open_cards):
            keys.append("hausbank")
        keys = [k for k in keys if k not in g.notes_given]
        d.notes += keys
        return ["", " ".join(phrase(g.locale, k) for k in keys)] if keys else []

    def _small_talk_lines(self, g: CompositionInput) -> list[str]:
        kind = g.small_talk or "greeting"
        follow = {"greeting": "invite", "about": "invite", "thanks": "invite_more", "farewell": None}.get(kind)
        lines = [phrase(g.locale, kind)]
        if follow:
            lines.append(phrase(g.locale, follow))
        return [" ".join(lines)]

    @staticmethod
    def _clarify_lines(g: CompositionInput) -> Iterator[list[str]]:
        if g.clarify:
            yield ["", *g.clarify]

    @staticmethod
    def _quoted(sentence: str, locale: str) -> str:
        """English answers quote the German source sentences they cite as quotations."""
        return f"„{sentence}“" if locale == "en" else sentence


def _has_section(passage: Passage, pattern: re.Pattern[str]) -> bool:
    """Whether the passage holds a section of this name (also one the chunker merged into it)."""
    return any(pattern.search(section) for section, _ in under_headings(passage.chunk.section, passage.chunk.text))


def _shorten(sentence: str) -> str:
    return sentence if len(sentence) <= _MAX_SNIPPET else sentence[: _MAX_SNIPPET - 1].rsplit(" ", 1)[0] + " …"
