"""Index documents for an evaluation with the real pipeline (parsers, chunker, the configured embeddings, Chroma,
German BM25) into a folder the caller owns and throws away afterwards; nothing touches the served index."""

from __future__ import annotations

from pathlib import Path

import yaml

from assistant.retrieval.served_index import ServedIndex
from assistant.settings import Settings
from indexer.chunker import Chunker
from indexer.documents import ParsedDocument
from indexer.embedding_model import EmbeddingModel
from indexer.generations import IndexGenerations
from indexer.german_analyzer import GermanAnalyzer
from indexer.pipeline import IndexingPipeline
from indexer.source_registry import LocalFolderSource, Source, load_sources


def write_markdown_corpus(documents: list[ParsedDocument], corpus_dir: Path) -> list[Source]:
    """Write documents as Markdown with front matter (what the bundled corpus looks like) and return the source
    that reads them, so evaluation passages take the same parse → chunk → embed path as real documents."""
    folder = corpus_dir / "documents"
    folder.mkdir(parents=True, exist_ok=True)
    for number, doc in enumerate(documents):
        meta = {"id": doc.doc_id, "title": doc.title or doc.doc_id, "source_url": doc.url,
                "as_of": doc.as_of or "2000-01-01", "kind": doc.metadata.get("kind", "document")}
        # A passage line that starts with '#' must not become a heading.
        body = "\n\n".join(_no_headings(s.text) for s in doc.sections)
        text = f"---\n{yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)}---\n{body}\n"
        (folder / f"{number:06d}.md").write_text(text, encoding="utf-8")
    return [LocalFolderSource(name="evaluation", kind="local_folder", path="documents", include=["**/*.md"])]


def bundled_sources(settings: Settings) -> list[Source]:
    """The local folders of the source registry: the bundled corpus, no web fetches."""
    return [s for s in load_sources(settings.resolved_sources_file()) if s.kind == "local_folder"]


def index_for_evaluation(settings: Settings, corpus_dir: Path, sources: list[Source], data_dir: Path,
                         embedder: EmbeddingModel, analyzer: GermanAnalyzer,
                         sentence_vectors: bool = False) -> ServedIndex:
    """Run the indexing pipeline over `sources` into data_dir and return the served view of the result. Retrieval
    needs no sentence vectors; an evaluation of answers asks for them (`sentence_vectors`)."""
    generations = IndexGenerations(data_dir / "index")
    pipeline = IndexingPipeline(
        generations=generations,
        corpus_dir=corpus_dir,
        embedder_factory=lambda: embedder,
        chunker=Chunker(settings.chunk_size, settings.chunk_overlap),
        analyze=analyzer.terms,
        batch_size=settings.embedding_batch_size,
        sentence_vectors=sentence_vectors,
    )
    summary = pipeline.run(sources, full=True)
    if summary.failed:
        failures = [f for s in summary.sources for f in s.failed]
        raise RuntimeError(f"evaluation corpus did not index cleanly: {failures[:3]}")
    return ServedIndex(generations, analyzer.terms)


def _no_headings(text: str) -> str:
    return "\n".join(" " + line if line.startswith("#") else line for line in text.splitlines())
