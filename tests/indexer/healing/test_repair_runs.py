"""What the next run does with a damaged index, counted: it embeds only what it must, builds on the newest whole
generation, never reads a damaged record (not even with --full), says what it repaired, and removes damaged
generations, orphans and generations beyond the retention count. A dry run reports without writing."""

from __future__ import annotations

import json

import numpy as np

from indexer.composition import build_pipeline
from indexer.generation_check import check_generation
from indexer.generation_manifest import MANIFEST_FILE
from indexer.pipeline import RunSummary
from indexer.source_registry import load_sources
from tests.indexer.healing.damage import DAMAGES
from tests.indexer.healing.index_folder import NEW_DOCUMENT, IndexFolder


class CountingEmbedder:
    def __init__(self, inner) -> None:
        self.inner = inner
        self.embedded = 0

    def embed_array(self, texts: list[str]) -> np.ndarray:
        self.embedded += len(texts)
        return self.inner.embed_array(texts)


def _run(folder: IndexFolder, embeddings, **options) -> tuple[RunSummary, int]:
    counter = CountingEmbedder(embeddings)
    pipeline = build_pipeline(folder.settings, embedder=counter, sentence_embedder=embeddings)
    summary = pipeline.run(load_sources(folder.settings.resolved_sources_file()), all_sources=True, **options)
    return summary, counter.embedded


def _whole(folder: IndexFolder, gen_id: str) -> bool:
    return check_generation(folder.generations, folder.generation(gen_id), "multilingual-e5-small-q4").ok


def test_the_manifest_records_counts_model_and_file_checksums(index_folder):
    manifest = json.loads((index_folder.generation(index_folder.current).path / MANIFEST_FILE).read_text())
    assert manifest["counts"] == {"documents": 6, "chunks": 8, "vectors": 8, "lexical": 8}
    assert manifest["embedding"] == {"model": "multilingual-e5-small-q4", "dimension": 384}
    files = manifest["files"]
    assert len(files["record.sqlite"]["sha256"]) == 64 and len(files["lexical/chunk_ids.json"]["sha256"]) == 64
    assert files["chroma/chroma.sqlite3"]["grows"] is True
    assert _whole(index_folder, index_folder.current) and _whole(index_folder, index_folder.older)


def test_a_damaged_lexical_index_is_rebuilt_from_the_record_without_embedding(index_folder, embeddings):
    DAMAGES["bm25 arrays overwritten"].apply(index_folder.generation(index_folder.current), index_folder.generations)
    summary, embedded = _run(index_folder, embeddings)
    assert summary.switched and embedded == 0 and summary.chunks == 8
    [repair] = summary.repairs
    assert repair.startswith(f"generation {index_folder.current}: lexical: lexical/bm25/")
    assert _whole(index_folder, summary.generation)
    assert index_folder.current in summary.removed_generations


def test_a_damaged_record_is_rebuilt_on_the_older_generation_embedding_only_what_changed_since(
        index_folder, embeddings):
    DAMAGES["record truncated"].apply(index_folder.generation(index_folder.current), index_folder.generations)
    summary, embedded = _run(index_folder, embeddings)
    assert summary.switched and f"rebuilt on the whole generation {index_folder.older}" in summary.repairs[0]
    assert summary.totals() == {"added": 1, "updated": 0, "unchanged": 5, "removed": 0, "failed": 0}
    assert embedded == 1 == summary.chunks_embedded  # the Quantensensorik guide, one chunk: nothing else
    assert summary.chunks == 8 and _whole(index_folder, summary.generation)


def test_lost_vectors_without_a_whole_older_generation_are_embedded_again_from_the_record(index_folder, embeddings):
    for gen_id in (index_folder.older, index_folder.current):
        DAMAGES["HNSW segment missing"].apply(index_folder.generation(gen_id), index_folder.generations)
    summary, embedded = _run(index_folder, embeddings)
    assert "no older generation is whole, so the chunks of its record are embedded again" in summary.repairs[0]
    assert embedded == 8 and summary.totals()["unchanged"] == 6  # every chunk, but no document read as new
    assert set(summary.removed_generations) == {index_folder.older, index_folder.current}
    assert index_folder.history() == [summary.generation] and _whole(index_folder, summary.generation)


def test_full_never_reads_a_damaged_record(index_folder, embeddings):
    for gen_id in (index_folder.older, index_folder.current):
        DAMAGES["record overwritten"].apply(index_folder.generation(gen_id), index_folder.generations)
    summary, embedded = _run(index_folder, embeddings, full=True)  # reading the record would raise "malformed"
    assert summary.switched and summary.totals()["added"] == 6 and embedded == 8
    assert "every document is read and embedded again" in summary.repairs[0]
    assert index_folder.generation_folders() == {summary.generation}


def test_a_dry_run_reports_the_repair_and_writes_nothing(index_folder, embeddings):
    DAMAGES["lexical folder missing"].apply(index_folder.generation(index_folder.current), index_folder.generations)
    before = index_folder.generation_folders()
    summary, embedded = _run(index_folder, embeddings, dry_run=True)
    assert summary.dry_run and not summary.switched and embedded == 0
    assert summary.repairs and index_folder.generation_folders() == before
    assert index_folder.served_id() == index_folder.current


def test_orphans_are_removed_even_by_a_run_that_changes_nothing(index_folder, embeddings):
    generations = index_folder.settings.index_dir / "generations"
    (generations / "20260101T000000-0a0b0c" / "chroma").mkdir(parents=True)  # a run killed long ago
    (generations / "20990101T000000-abcdef").mkdir()  # a run killed inside the switch: named after CURRENT
    history = [*index_folder.history(), "20990101T000000-abcdef"]
    (index_folder.settings.index_dir / "HISTORY").write_text(json.dumps(history))
    summary, embedded = _run(index_folder, embeddings)
    assert not summary.switched and embedded == 0
    assert set(summary.removed_generations) == {"20260101T000000-0a0b0c", "20990101T000000-abcdef"}
    assert index_folder.history() == [index_folder.older, index_folder.current]
    assert index_folder.generation_folders() == {index_folder.older, index_folder.current}


def test_generations_beyond_the_retention_count_are_removed(index_folder, embeddings):
    index_folder.settings = index_folder.settings.model_copy(update={"index_keep_generations": 2})
    guide = index_folder.settings.corpus_dir / "sample" / "quantensensorik.md"
    for n in range(3):
        guide.write_text(NEW_DOCUMENT + f"\nNachtrag {n}: Auch Prüflabore nutzen die Quantensensorik.\n")
        summary, _ = _run(index_folder, embeddings)
        assert summary.switched
    history = index_folder.history()
    assert len(history) == 2 and history[-1] == summary.generation
    assert index_folder.generation_folders() == set(history)


def test_a_scheduled_tick_with_nothing_due_still_repairs_a_damaged_index(index_folder):
    DAMAGES["chunk_ids.json damaged"].apply(index_folder.generation(index_folder.current), index_folder.generations)
    tick = index_folder.cli("index", "--due")
    assert tick.returncode == 0, tick.stderr
    assert tick.stdout.startswith(f"nothing due\nrepair: generation {index_folder.current}: lexical: ")
    assert "(switched)" in tick.stdout and "chunks embedded: 0;" in tick.stdout
    assert index_folder.history() == [index_folder.older, index_folder.served_id()]
    again = index_folder.cli("index", "--due")  # whole again: a tick with nothing due does nothing
    assert again.returncode == 0 and again.stdout.strip() == "nothing due", again.stdout
