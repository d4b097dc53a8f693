"""The answerer seam: one interface for the extractive composer and the LLM, for whole answers and for streams."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Protocol

from assistant.answering.answer import Answer
from assistant.answering.extractive_composer import CompositionInput


@dataclass(frozen=True)
class AnswerDelta:
    text: str
    replace: bool = False  # drop what was shown so far and start again with this text (a withdrawn LLM answer)


@dataclass(frozen=True)
class AnswerDone:
    answer: Answer


AnswerEvent = AnswerDelta | AnswerDone


class Answerer(Protocol):
    def answer(self, given: CompositionInput) -> Answer: ...

    async def aanswer(self, given: CompositionInput) -> Answer: ...

    def astream(self, given: CompositionInput) -> AsyncIterator[AnswerEvent]:
        """Deltas whose concatenation (after the last replace) is the final answer's text, then one AnswerDone."""
        ...
