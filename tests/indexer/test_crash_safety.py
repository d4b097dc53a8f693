"""A killed indexer leaves the previous generation serving the same answers; `--rollback` works from the command
line; two runs never write at the same time."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from assistant.components import build_components
from assistant.settings import PROJECT_ROOT
from indexer.generations import IndexGenerations
from indexer.index_record import IndexRecord
from indexer.run_lock import IndexBusyError, run_lock
from indexer.source_registry import load_sources

pytestmark = pytest.mark.both_stores

QUERIES = ("Forschungszulage Finanzamt", "KI-Zuschuss Losverfahren", "Innovationskredit Hausbank")

INDEX_SCRIPT = textwrap.dedent("""
    import sys
    from indexer.composition import build_pipeline
    from assistant.settings import Settings
    from indexer.source_registry import load_sources
    settings = Settings(_env_file=None, data_dir=sys.argv[1], corpus_dir=sys.argv[2])
    def progress(done, total, label):
        print(f"progress {done} {total}", flush=True)
    build_pipeline(settings).run(load_sources(settings.resolved_sources_file()), progress=progress)
    print("finished", flush=True)
""")


def _answers(settings, embeddings) -> list[list[str]]:
    components = build_components(settings, embeddings=embeddings)
    return [[p.chunk.chunk_id for p in components.retriever.retrieve(q, k=5).passages] for q in QUERIES]


def _add_many_documents(corpus: Path, count: int) -> None:
    folder = corpus / "sample" / "viele"
    folder.mkdir()
    for i in range(count):
        paragraphs = "\n\n".join(
            f"Absatz {j} über Förderbaustein {i}: Unternehmen in Nordrhein-Westfalen erhalten Beratung, Zuschüsse "
            f"und Darlehen für Digitalisierung, Energieeffizienz und Innovation in Handwerk und Industrie." * 3
            for j in range(4))
        (folder / f"dokument-{i:04d}.md").write_text(
            f"---\nid: viele-{i:04d}\nkind: guide\nsource_url: https://example.org/viele/{i}\nas_of: 2026-01-01\n"
            f"---\n# Förderbaustein {i}\n\n{paragraphs}\n", encoding="utf-8")


@pytest.mark.slow
def test_killing_the_indexer_while_it_embeds_leaves_the_previous_index_answering(
        test_corpus, settings_for, pipeline_for, embeddings, tmp_path):
    settings = settings_for(test_corpus)
    pipeline, _ = pipeline_for(settings, sentence_vectors=False)  # what is killed is the chunks' embedding
    first = pipeline.run(load_sources(settings.resolved_sources_file()))
    before = _answers(settings, embeddings)
    assert all(before)

    _add_many_documents(test_corpus, 260)
    process = subprocess.Popen(
        [sys.executable, "-c", INDEX_SCRIPT, str(settings.data_dir), str(test_corpus)],
        cwd=PROJECT_ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        env={**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"},
    )
    generations_dir = settings.index_dir / "generations"
    try:
        # The first embedding batch is written after ~170 documents; by 200 the new generation holds vectors.
        deadline = time.monotonic() + 240
        for line in process.stdout:  # type: ignore[union-attr]
            if line.startswith("progress") and int(line.split()[1]) >= 200:
                break
            assert time.monotonic() < deadline, "the indexer did not get going"
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL

    # It died mid-write: the half-built generation already holds embedded documents beyond the first run's five.
    [half_built] = [p for p in generations_dir.iterdir() if (p / "IN_PROGRESS").exists()]
    copy = tmp_path / "half-built"
    copy.mkdir()
    for file in half_built.glob("record.sqlite*"):  # with its journal, so SQLite rolls back the torn write
        shutil.copy(file, copy / file.name)
    record = IndexRecord(copy / "record.sqlite")
    assert record.count()[0] > 5
    record.close()

    generations = IndexGenerations(settings.index_dir)
    assert generations.current().id == first.generation
    assert _answers(settings, embeddings) == before  # the served index answers exactly as before

    # The next run is not blocked by the killed one: it clears the half-written generation and indexes everything.
    summary = pipeline.run(load_sources(settings.resolved_sources_file()))
    assert summary.switched and summary.totals()["added"] == 260
    assert sorted(p.name for p in generations_dir.iterdir()) == sorted([first.generation, summary.generation])


def test_rollback_from_the_command_line(test_corpus, settings_for, pipeline_for):
    settings = settings_for(test_corpus)
    pipeline, _ = pipeline_for(settings)
    first = pipeline.run(load_sources(settings.resolved_sources_file()))
    (test_corpus / "sample" / "regeln.md").unlink()
    second = pipeline.run(load_sources(settings.resolved_sources_file()))
    assert IndexGenerations(settings.index_dir).current().id == second.generation

    env = {**os.environ, "NRWA_DATA_DIR": str(settings.data_dir), "NRWA_CORPUS_DIR": str(test_corpus)}
    command = [sys.executable, "-m", "api.cli", "index", "--rollback"]
    done = subprocess.run(command, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"now serving generation {first.generation}"
    assert IndexGenerations(settings.index_dir).current().id == first.generation

    again = subprocess.run(command, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert again.returncode == 2
    assert "no earlier index generation" in again.stderr and "Traceback" not in again.stderr


def test_a_second_run_is_refused_while_one_holds_the_index(test_corpus, settings_for, pipeline_for):
    settings = settings_for(test_corpus)
    pipeline, counter = pipeline_for(settings)
    with run_lock(settings.index_dir), pytest.raises(IndexBusyError, match="in progress"):
        pipeline.run(load_sources(settings.resolved_sources_file()))
    assert counter.embedded == 0 and IndexGenerations(settings.index_dir).current() is None
    assert pipeline.run(load_sources(settings.resolved_sources_file())).switched  # free again afterwards
