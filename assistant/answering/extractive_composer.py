"""The default answerer: no LLM. It picks the best-fitting cited sentences and the programme facts from the
catalog, so every claim in the answer stands in a source and every status comes from programs.yaml."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from assistant.answering.answer import Answer, Citation, PartnerCard, ProgramCard
from assistant.answering.phrases import format_date, phrase
from assistant.retrieval.hybrid_retriever import Passage, RetrievalResult
from indexer.catalog import Program

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ0-9„\"(])|\n+")
_BULLET = re.compile(r"^\s*(?:[-*•]|\d+\.)\s+")
_MAX_SNIPPET = 280
_MAX_PROGRAMS = 4
_MAX_PASSAGES = 3
# An ended programme is only mentioned when its passage shares this much of the question's terms.
_RELEVANT_COVERAGE = 0.34


@dataclass
class CompositionInput:
    question: str
    retrieval: RetrievalResult
    locale: str = "de"
    named_programs: tuple[str, ...] = ()
    partners: tuple[PartnerCard, ...] = ()
    first_turn: bool = False
    min_confidence: float = 0.25


class ExtractiveComposer:
    def __init__(self, programs: dict[str, Program], analyze: Callable[[str], list[str]]) -> None:
        self._programs = programs
        self._analyze = analyze

    # --- helpers -----------------------------------------------------------------------------
    def _best_sentence(self, text: str, terms: set[str]) -> str:
        sentences = [_BULLET.sub("", s).strip() for s in _SENTENCE_END.split(text)]
        sentences = [s for s in sentences if len(s) > 25 and not s.startswith("#")]
        if not sentences:
            return text.strip()[:_MAX_SNIPPET]
        best = max(sentences, key=lambda s: (len(terms & set(self._analyze(s))), -sentences.index(s)))
        return best if len(best) <= _MAX_SNIPPET else best[: _MAX_SNIPPET - 1].rsplit(" ", 1)[0] + " …"

    @staticmethod
    def _card(program: Program) -> ProgramCard:
        return ProgramCard(program.id, program.name, program.provider, program.level, program.funding_type,
                           program.status, program.source_url, program.as_of, program.status_note)

    @staticmethod
    def _since(program: Program, locale: str) -> str:
        return phrase(locale, "ended_since", date=format_date(program.ended_on, locale)) if program.ended_on else ""

    def _status_word(self, locale: str, status: str) -> str:
        return phrase(locale, f"status_{status}" if status in ("open", "closed", "unknown") else "status_unknown")

    # --- composition -------------------------------------------------------------------------
    def compose(self, given: CompositionInput) -> Answer:
        locale = given.locale
        terms = set(given.retrieval.query_terms)
        citations: list[Citation] = []
        cited_chunks: dict[str, int] = {}

        def cite(passage: Passage, snippet: str) -> int:
            chunk = passage.chunk
            if chunk.chunk_id in cited_chunks:
                return cited_chunks[chunk.chunk_id]
            number = len(citations) + 1
            citations.append(Citation(number, chunk.title, chunk.url, chunk.page, snippet, chunk.as_of,
                                      chunk.doc_id, chunk.chunk_id))
            cited_chunks[chunk.chunk_id] = number
            return number

        lines: list[str] = []
        if given.first_turn:
            lines += [phrase(locale, "disclosure"), ""]

        passages = given.retrieval.passages
        named = [self._programs[p] for p in given.named_programs if p in self._programs]
        confident = given.retrieval.confidence >= given.min_confidence or bool(named)
        if not passages or not confident:
            lines.append(phrase(locale, "no_answer"))
            self._partner_lines(lines, locale, given.partners, fallback=True)
            return Answer("\n".join(lines).strip(), [], [], list(given.partners), confident=False)

        cards: list[ProgramCard] = []
        # 1) Programmes the user named: their status first, from the catalog, cited from their own document.
        for program in named:
            passage = self._passage_of(passages, program.id)
            marker = ""
            if passage is not None:
                marker = f" [{cite(passage, self._best_sentence(passage.chunk.text, terms | {'status'}))}]"
            note = f" {program.status_note}" if program.status_note else ""
            if program.status == "closed":
                since = self._since(program, locale)
                successor = self._programs.get(program.successor or "")
                text = phrase(locale, "named_closed", name=program.name, since=since, note=note)
                if successor is not None:
                    text += phrase(locale, "named_successor", successor=successor.name)
                    cards.append(self._card(successor))
            elif program.status == "open":
                text = phrase(locale, "named_open", name=program.name, note="")
                text += note
            else:
                text = phrase(locale, "named_unknown", name=program.name, note="")
                text += note
            lines.append(text + marker)
            cards.insert(0, self._card(program))
        if named:
            lines.append("")

        # 2) Programmes among the passages: open or unknown ones recommended, closed ones only named as ended.
        seen = {c.id for c in cards}
        recommended: list[tuple[Program, Passage]] = []
        ended: list[tuple[Program, Passage]] = []
        for passage in passages:
            program = self._programs.get(str(passage.chunk.metadata.get("program_id") or ""))
            if program is None or program.id in seen:
                continue
            seen.add(program.id)
            (ended if program.status == "closed" else recommended).append((program, passage))

        if recommended[:_MAX_PROGRAMS]:
            lines.append(phrase(locale, "intro_more_programs" if named else "intro_programs"))
            for program, passage in recommended[:_MAX_PROGRAMS]:
                sentence = self._best_sentence(passage.chunk.text, terms)
                number = cite(passage, sentence)
                facts = ", ".join(x for x in (program.funding_type, program.level,
                                              self._status_word(locale, program.status)) if x)
                lines.append(f"- **{program.name}** ({facts}): {sentence} [{number}]")
                cards.append(self._card(program))
        elif not named:
            lines.append(phrase(locale, "intro_passages"))
            for passage in passages[:_MAX_PASSAGES]:
                sentence = self._best_sentence(passage.chunk.text, terms)
                lines.append(f"- {sentence} [{cite(passage, sentence)}]")

        ended = [(p, x) for p, x in ended if x.term_coverage >= _RELEVANT_COVERAGE]
        if ended[:2] and not named:
            lines += ["", phrase(locale, "ended_header")]
            for program, passage in ended[:2]:
                since = self._since(program, locale)
                number = cite(passage, self._best_sentence(passage.chunk.text, terms | {"beendet"}))
                lines.append("- " + phrase(locale, "ended_line", name=program.name, since=since, note="")
                             + f" [{number}]")
                cards.append(self._card(program))

        if any(c.funding_type == "Zuschuss" and c.status != "closed" for c in cards):
            lines += ["", phrase(locale, "caveat")]
        self._partner_lines(lines, locale, given.partners, fallback=False)
        self._source_lines(lines, locale, citations)
        return Answer("\n".join(lines).strip(), citations, cards, list(given.partners), confident=True)

    def _passage_of(self, passages: list[Passage], program_id: str) -> Passage | None:
        own = [p for p in passages if p.chunk.metadata.get("program_id") == program_id]
        if not own:
            return None
        for passage in own:  # the status section says best whether it can still be applied for
            if "status" in passage.chunk.section.lower():
                return passage
        return own[0]

    def _partner_lines(self, lines: list[str], locale: str, partners: tuple[PartnerCard, ...],
                       fallback: bool) -> None:
        if partners:
            lines += ["", phrase(locale, "no_answer_partner" if fallback else "partners_header")]
            for partner in partners[:3]:
                lines.append(f"- **{partner.name}** – {partner.reason} ({partner.url})")
        elif fallback:
            lines.append(phrase(locale, "no_answer_default_partner"))

    def _source_lines(self, lines: list[str], locale: str, citations: list[Citation]) -> None:
        if not citations:
            return
        lines += ["", phrase(locale, "sources_header")]
        for c in citations:
            page = phrase(locale, "page", page=c.page) if c.page else ""
            as_of = format_date(c.as_of, locale) if c.as_of else phrase(locale, "as_of_unknown")
            lines.append(phrase(locale, "source_line", id=c.id, title=c.title, page=page, url=c.url, as_of=as_of))
