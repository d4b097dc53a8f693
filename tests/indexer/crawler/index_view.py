"""Read what the served generation holds: documents by URL, chunks, and the vector count in Chroma."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from assistant.settings import Settings
from indexer.documents import Chunk
from indexer.generations import open_generations
from indexer.index_record import DocumentEntry, IndexRecord


@dataclass
class IndexView:
    documents: dict[str, DocumentEntry]  # by URL
    entries: list[DocumentEntry]  # all of them (events of one feed may share the feed's URL)
    chunks: list[Chunk]
    vectors: int

    def chunks_of(self, url: str) -> list[Chunk]:
        doc_id = self.documents[url].doc_id
        return [c for c in self.chunks if c.doc_id == doc_id]

    @property
    def text(self) -> str:
        return "\n".join(c.text for c in self.chunks)


def served(index_dir: Path) -> IndexView:
    # The stores the test runs on: embedded, or the Chroma server tests/conftest.py names in the environment.
    generations = open_generations(Settings(_env_file=None, data_dir=index_dir.parent))
    generation = generations.current()
    assert generation is not None, "no generation is served"
    record = IndexRecord(generation.record_path, read_only=True)
    try:
        entries = sorted(record.documents().values(), key=lambda d: d.doc_id)
        documents = {d.url: d for d in entries}
        chunks = list(record.iter_chunks())
    finally:
        record.close()
    return IndexView(documents, entries, chunks, generations.vector_store(generation).count())
