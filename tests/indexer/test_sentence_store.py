"""Sentence vectors: embedded once at index time, reused by the next run for sentences it has seen, checked by the
manifest, and read by the answer composer through the retriever."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.components import build_components
from indexer.generation_check import check_files
from indexer.sentence_store import FOLDER, SentenceStore, quotable_sentences
from indexer.source_registry import load_sources

pytestmark = pytest.mark.both_stores


def test_a_run_embeds_each_new_sentence_once_and_the_composer_reads_them(test_corpus: Path, settings_for,
                                                                         pipeline_for, embeddings) -> None:
    settings = settings_for(test_corpus)
    pipeline, counter = pipeline_for(settings)
    sources = load_sources(settings.resolved_sources_file())
    first = pipeline.run(sources)
    generation = pipeline.generations.current()
    store = SentenceStore.load(generation.path / FOLDER)
    assert store is not None and len(store) == first.sentences_embedded > 0
    assert store.vectors.shape == (len(store), 384)

    doc = next(test_corpus.glob("sample/*.md"))
    doc.write_text(doc.read_text(encoding="utf-8") + "\nDieser neue Satz steht erst seit heute im Dokument.\n",
                   encoding="utf-8")
    embedded_before = counter.embedded
    second = pipeline.run(sources)
    assert counter.embedded - embedded_before == second.chunks_embedded  # the counter sees chunks only
    assert second.switched and 0 < second.sentences_embedded < first.sentences_embedded
    new_rows = set(SentenceStore.load(pipeline.generations.current().path / FOLDER).rows) - set(store.rows)
    assert second.sentences_embedded == len(new_rows)  # only (chunk, sentence) pairs not seen before were embedded

    current = pipeline.generations.current()
    assert not check_files(pipeline.generations, current, None).problems  # the manifest covers the sentences

    components = build_components(settings, embeddings=embeddings)
    relevance = components.retriever.sentence_relevance(components.retriever.embed("Zuschuss für KI-Projekte"))
    loaded = components.served_index.get()
    chunk = next(c for c in loaded.chunks.values() if quotable_sentences(c))
    value = relevance(chunk.chunk_id, quotable_sentences(chunk)[0])
    assert value is not None and 0.0 <= value <= 1.0
    assert relevance(chunk.chunk_id, "Ein Satz, den das Dokument nicht enthält.") is None


def test_a_damaged_sentence_store_is_found_and_the_next_run_repairs_it(test_corpus: Path, settings_for,
                                                                        pipeline_for) -> None:
    settings = settings_for(test_corpus)
    pipeline, _ = pipeline_for(settings)
    sources = load_sources(settings.resolved_sources_file())
    pipeline.run(sources)
    generation = pipeline.generations.current()
    (generation.path / FOLDER / "vectors.npy").write_bytes(b"not an array")
    assert check_files(pipeline.generations, generation, None).problems
    repaired = pipeline.run(sources)
    assert repaired.switched
    assert SentenceStore.load(pipeline.generations.current().path / FOLDER) is not None
