"""The default answerer: the extractive composer behind the Answerer interface, streamed line by line."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

from assistant.answering.answer import Answer
from assistant.answering.answerer import AnswerDelta, AnswerDone, AnswerEvent
from assistant.answering.extractive_composer import CompositionInput, ExtractiveComposer


class ExtractiveAnswerer:
    def __init__(self, composer: ExtractiveComposer) -> None:
        self.composer = composer

    def answer(self, given: CompositionInput) -> Answer:
        return self.composer.compose(given)

    async def aanswer(self, given: CompositionInput) -> Answer:
        return await asyncio.to_thread(self.composer.compose, given)

    async def astream(self, given: CompositionInput) -> AsyncIterator[AnswerEvent]:
        composition = self.composer.start(given)
        pieces = composition.pieces()
        while True:
            # Composing a line runs the analyzer over sentences: keep it off the event loop.
            piece = await asyncio.to_thread(next, pieces, None)
            if piece is None:
                break
            yield AnswerDelta(piece)
        yield AnswerDone(composition.answer)
