"""Indexing into a real ChromaDB (on disk, or a Chroma server): record of hashes, incremental runs, removal, crash
safety, rollback."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.components import build_components
from indexer.generations import open_generations
from indexer.index_record import IndexRecord
from indexer.source_registry import load_sources

pytestmark = pytest.mark.both_stores


def _run(pipeline, settings, **kwargs):
    return pipeline.run(load_sources(settings.resolved_sources_file()), **kwargs)


def test_first_run_indexes_every_format_with_metadata(test_corpus: Path, settings_for, pipeline_for):
    settings = settings_for(test_corpus)
    pipeline, counter = pipeline_for(settings)
    summary = _run(pipeline, settings)
    assert summary.totals() == {"added": 5, "updated": 0, "unchanged": 0, "removed": 0, "failed": 0}
    assert summary.switched and counter.embedded == summary.chunks_embedded > 0

    generation = open_generations(settings).current()
    record = IndexRecord(generation.record_path, read_only=True)
    docs = record.documents()
    chunks = list(record.iter_chunks())
    record.close()
    assert set(docs) == {"prog-test-ki", "prog-test-alt", "guide-test-regeln", "prog-test-kredit", "pdf-test-forschung"}
    assert docs["prog-test-alt"].metadata["level"] == "Bund"  # catalog facts reach the record …
    assert "status" not in docs["prog-test-alt"].metadata  # … but never a status, which is computed when asked
    pdf_pages = sorted({c.page for c in chunks if c.doc_id == "pdf-test-forschung"})
    assert pdf_pages == [1, 2]
    assert all(c.url and c.as_of for c in chunks)
    store = open_generations(settings).vector_store(generation)
    assert store.count() == len(chunks)


def test_second_run_without_changes_embeds_nothing_and_keeps_the_generation(test_corpus, settings_for, pipeline_for):
    settings = settings_for(test_corpus)
    pipeline, counter = pipeline_for(settings)
    first = _run(pipeline, settings)
    embedded = counter.embedded
    second = _run(pipeline, settings)
    assert counter.embedded == embedded
    assert second.chunks_embedded == 0 and not second.switched
    assert second.totals()["unchanged"] == 5
    assert second.generation == first.generation


def test_changed_document_is_the_only_one_embedded_again(test_corpus, settings_for, pipeline_for):
    settings = settings_for(test_corpus)
    pipeline, counter = pipeline_for(settings)
    _run(pipeline, settings)
    path = test_corpus / "sample" / "regeln.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n## Neu\nEin neuer Absatz über De-minimis-Beihilfen.\n",
                    encoding="utf-8")
    before = counter.embedded
    summary = _run(pipeline, settings)
    assert summary.totals()["updated"] == 1 and summary.totals()["unchanged"] == 4
    generation = open_generations(settings).current()
    record = IndexRecord(generation.record_path, read_only=True)
    guide_chunks = [c for c in record.iter_chunks() if c.doc_id == "guide-test-regeln"]
    record.close()
    assert counter.embedded - before == len(guide_chunks)
    assert any("De-minimis" in c.text for c in guide_chunks)


def test_vanished_document_is_removed_from_every_store(test_corpus, settings_for, pipeline_for):
    settings = settings_for(test_corpus)
    pipeline, _ = pipeline_for(settings)
    _run(pipeline, settings)
    (test_corpus / "sample" / "altprogramm.md").unlink()
    summary = _run(pipeline, settings)
    assert summary.totals()["removed"] == 1
    generations = open_generations(settings)
    generation = generations.current()
    record = IndexRecord(generation.record_path, read_only=True)
    remaining = {c.chunk_id for c in record.iter_chunks()}
    record.close()
    assert not any(cid.startswith("prog-test-alt#") for cid in remaining)
    assert generations.vector_store(generation).count() == len(remaining)


def test_broken_files_are_reported_per_file_and_the_rest_is_indexed(test_corpus, settings_for, pipeline_for):
    settings = settings_for(test_corpus)
    (test_corpus / "sample" / "kaputt.pdf").write_bytes(b"%PDF-1.4 broken")
    meta = "id: x\nsource_url: https://e.org\nas_of: 2026-01-01\n"
    (test_corpus / "sample" / "kaputt.pdf.meta.yaml").write_text(meta)
    (test_corpus / "sample" / "ohne-quelle.md").write_text("---\nid: y\n---\n# Ohne Quelle\nText ohne Quelle.\n")
    pipeline, _ = pipeline_for(settings)
    summary = _run(pipeline, settings)
    failed = {f["location"]: f["reason"] for f in summary.sources[0].failed}
    assert "broken" in failed["kaputt.pdf"]
    assert "source_url" in failed["ohne-quelle.md"] and "as_of" in failed["ohne-quelle.md"]
    assert summary.totals()["added"] == 5


def test_a_crash_mid_run_leaves_the_served_index_unchanged(test_corpus, settings_for, pipeline_for, embeddings):
    settings = settings_for(test_corpus)
    pipeline, counter = pipeline_for(settings)
    first = _run(pipeline, settings)
    components = build_components(settings, embeddings=embeddings)
    before = components.retriever.retrieve("Forschungszulage Finanzamt", k=3)
    assert before.passages

    for name in ("ki-zuschuss.md", "regeln.md"):
        path = test_corpus / "sample" / name
        path.write_text(path.read_text(encoding="utf-8") + "\nGeänderter Text.\n", encoding="utf-8")
    counter.fail_after = counter.embedded  # the next embedding call crashes
    with pytest.raises(RuntimeError, match="simulated crash"):
        _run(pipeline, settings)

    generations = open_generations(settings)
    assert generations.current().id == first.generation
    assert [p.name for p in (settings.index_dir / "generations").iterdir()] == [first.generation]
    after = components.retriever.retrieve("Forschungszulage Finanzamt", k=3)
    assert [p.chunk.chunk_id for p in after.passages] == [p.chunk.chunk_id for p in before.passages]


def test_rollback_serves_the_previous_generation(test_corpus, settings_for, pipeline_for):
    settings = settings_for(test_corpus)
    pipeline, _ = pipeline_for(settings)
    first = _run(pipeline, settings)
    (test_corpus / "sample" / "regeln.md").unlink()
    second = _run(pipeline, settings)
    generations = open_generations(settings)
    assert generations.current().id == second.generation
    assert generations.rollback().id == first.generation
    assert generations.current().id == first.generation
    with pytest.raises(LookupError):
        generations.rollback()
