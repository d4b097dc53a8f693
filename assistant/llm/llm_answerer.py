"""The LLM answerer: a chat model writes the body of the answer from fenced sources; the checker reads it before
anyone else does. When the check fails, the model errs or times out, the extractive answer is given instead.

Streaming releases the model's text sentence by sentence, each only after the text so far passed the check. If
a later sentence fails, a replacing delta withdraws what was shown and the extractive answer follows.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import AsyncIterator, Mapping
from dataclasses import replace

from langchain_core.language_models.chat_models import BaseChatModel

from assistant.answering.answer import Answer, Citation, ProgramCard
from assistant.answering.answerer import AnswerDelta, AnswerDone, AnswerEvent
from assistant.answering.extractive_answerer import ExtractiveAnswerer
from assistant.answering.extractive_composer import CompositionInput, ExtractiveComposer
from assistant.answering.program_mentions import ProgramMentions
from assistant.llm.answer_checker import AnswerChecker, CheckProblem
from assistant.llm.chat_model import build_chat_model
from assistant.llm.prompt import Prompt, build_prompt
from assistant.retrieval.hybrid_retriever import Passage
from assistant.settings import Settings
from indexer.catalog import Program

log = logging.getLogger(__name__)

_LLM_INTENTS = frozenset({"programme_search", "named_programme", "question", "network"})
_SENTENCE_BOUNDARY = re.compile(r"[.!?:](?=\s)|\n")
_CITATION = re.compile(r"\[(\d+(?:\s*[,;]\s*\d+)*)\]")


class CheckFailed(Exception):
    def __init__(self, problems: list[CheckProblem]) -> None:
        super().__init__("; ".join(p.detail for p in problems))
        self.problems = problems


class LlmAnswerer:
    def __init__(self, model: BaseChatModel, extractive: ExtractiveAnswerer, programs: Mapping[str, Program],
                 timeout_seconds: float) -> None:
        self._model = model
        self._extractive = extractive
        self._composer: ExtractiveComposer = extractive.composer
        self._programs = programs
        self._mentions = ProgramMentions(programs)
        self._checker = AnswerChecker(programs)
        self._timeout = timeout_seconds

    def _use_llm(self, g: CompositionInput) -> bool:
        """Small talk, partner lists, clarifications and 'no sure answer' need no model and are not risked."""
        if g.intent not in _LLM_INTENTS or not g.retrieval.passages or g.asks_events:
            return False  # (an event list is the feed's facts, written as they stand)
        return g.confident or bool(g.named_programs)

    def _prompt(self, g: CompositionInput) -> Prompt:
        terms = set(g.retrieval.query_terms)

        def snippet(passage: Passage) -> str:
            return self._composer.best_sentence(passage.chunk.text, terms) or passage.chunk.text[:280]

        return build_prompt(g, self._programs, snippet)

    # --- whole answers ---------------------------------------------------------------------------
    def answer(self, given: CompositionInput) -> Answer:
        if not self._use_llm(given):
            return self._extractive.answer(given)
        prompt = self._prompt(given)
        try:
            body = _content(self._model.invoke(prompt.messages))  # the client's own timeout applies
            return self._assemble(given, prompt, body)
        except Exception as exc:  # any model or check failure: the extractive answer is always there
            return self._fallback(given, exc)

    async def aanswer(self, given: CompositionInput) -> Answer:
        if not self._use_llm(given):
            return await self._extractive.aanswer(given)
        prompt = self._prompt(given)
        try:
            async with asyncio.timeout(self._timeout):
                body = _content(await self._model.ainvoke(prompt.messages))
            return self._assemble(given, prompt, body)
        except Exception as exc:
            return await asyncio.to_thread(self._fallback, given, exc)

    # --- streaming -------------------------------------------------------------------------------
    async def astream(self, given: CompositionInput) -> AsyncIterator[AnswerEvent]:
        if not self._use_llm(given):
            async for event in self._extractive.astream(given):
                yield event
            return
        prompt = self._prompt(given)
        head = self._composer.head_text(given)
        shown = False
        if head:
            yield AnswerDelta(head)
            shown = True
        raw = ""
        released = 0  # characters of the (left-stripped) body already sent
        try:
            async with asyncio.timeout(self._timeout):
                async for chunk in self._model.astream(prompt.messages):
                    raw += _content(chunk)
                    body = raw.lstrip()
                    cut = _last_boundary(body)
                    if cut > released:
                        self._raise_on_problems(body[:cut], prompt, final=False)
                        piece = body[released:cut]
                        yield AnswerDelta(("\n\n" if head and released == 0 else "") + piece)
                        shown = True
                        released = cut
            answer = self._assemble(given, prompt, raw)
        except Exception as exc:
            fallback = await asyncio.to_thread(self._fallback, given, exc)
            yield AnswerDelta(fallback.text, replace=shown)
            yield AnswerDone(fallback)
            return
        # What was sent is a prefix of the final text: head, paragraph break, the released sentences. The last
        # sentence follows, then the frame (caveats, partners, sources).
        sent = len(head) + (2 if head and released else 0) + released
        body_end = len(head) + (2 if head else 0) + len(raw.strip())
        for piece in (answer.text[sent:body_end], answer.text[body_end:]):
            if piece:
                yield AnswerDelta(piece)
        yield AnswerDone(answer)

    # --- pieces ----------------------------------------------------------------------------------
    def _raise_on_problems(self, body: str, prompt: Prompt, final: bool) -> None:
        problems = self._checker.check(body, prompt.sources, self._allowed_urls(prompt), final=final)
        if problems:
            raise CheckFailed(problems)

    def _allowed_urls(self, prompt: Prompt) -> set[str]:
        urls = {ref.citation.url for ref in prompt.sources.values()}
        urls |= {p.source_url for p in self._programs.values()}
        return urls

    def _assemble(self, g: CompositionInput, prompt: Prompt, raw: str) -> Answer:
        """The checked body inside the fixed frame: disclosure, caveats, partners, questions, sources."""
        body = raw.strip()
        self._raise_on_problems(body, prompt, final=True)
        cited_numbers = sorted({int(n) for group in _CITATION.findall(body) for n in re.split(r"\s*[,;]\s*", group)})
        citations: list[Citation] = [prompt.sources[n].citation for n in cited_numbers]
        cards = self._cards(g, prompt, cited_numbers, body)
        head = self._composer.head_text(g)
        tail, citations, notes = self._composer.tail_text(g, citations, cards)
        text = (head + "\n\n" + body if head else body) + tail
        return Answer(text, citations, cards, list(g.partners), list(g.clarify), confident=True, answered_by="llm",
                      notes=notes)

    def _cards(self, g: CompositionInput, prompt: Prompt, cited: list[int], body: str) -> list[ProgramCard]:
        """Named programmes, then the programmes of cited sources, then any other programme the body names."""
        ordered: list[str] = list(g.named_programs)
        ordered += [ref.program.id for n in cited if (ref := prompt.sources[n]).program is not None]
        ordered += self._mentions.find(body)
        cards: list[ProgramCard] = []
        for program_id in dict.fromkeys(ordered):
            program = self._programs.get(program_id)
            if program is not None:
                cards.append(self._composer.card(program))
        return cards

    def _fallback(self, g: CompositionInput, exc: Exception) -> Answer:
        reason = f"check failed: {exc}" if isinstance(exc, CheckFailed) else \
            f"model error: {type(exc).__name__}: {exc}".strip()
        if isinstance(exc, TimeoutError):
            reason = "model timed out"
        log.warning("LLM answer replaced by the extractive answer (%s)", reason)
        answer = self._extractive.answer(g)
        return replace(answer, fallback_reason=reason[:300])


def _content(message: object) -> str:
    content = getattr(message, "content", "")
    if isinstance(content, list):  # some providers return content parts
        return "".join(part.get("text", "") if isinstance(part, dict) else str(part) for part in content)
    return str(content or "")


def _last_boundary(text: str) -> int:
    """End of the last complete sentence (or line) in a growing text; 0 if there is none yet."""
    last = 0
    for match in _SENTENCE_BOUNDARY.finditer(text):
        last = match.end() if match.group(0) != "\n" else match.start()
    return last


def build_llm_answerer(settings: Settings, extractive: ExtractiveAnswerer) -> LlmAnswerer:
    llm = settings.llm
    return LlmAnswerer(build_chat_model(llm), extractive, extractive.composer.programs, llm.llm_timeout_seconds)
