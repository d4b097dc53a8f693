"""Embedded defaults against the scale-out stores at 10k chunks: retrieval latency in process, and chats per second
through `nrw-assistant serve` with one and with two workers.

- embedded: Chroma PersistentClient and the lexical index under the data folder; conversations and rate limits in
  memory with one worker, in the SQLite app database with two (they must be shared between the workers).
- server: a real `chroma run` server and a real PostgreSQL cluster (api/benchmarks/throwaway_services.py), both on
  127.0.0.1; conversations and rate limits in PostgreSQL.
The index is one generation of synthetic German chunks (the retrieval benchmark's generator: the bundled corpus's
words, programme/guide/partner metadata) with random unit vectors, so no hour of embedding is needed; queries and
chat turns are embedded for real. Chats run the chat benchmark's conversations (multi-turn, with session ids) from
several concurrent clients, each turn on a new connection so the kernel spreads them over the workers.
"""

from __future__ import annotations

import argparse
import tempfile
import threading
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import numpy as np

from api.benchmarks.api_processes import api_servers, clean_environment, resident_mb, worker_pids
from api.benchmarks.chat_bench import conversations
from api.benchmarks.retrieval_bench import FILTERS, QUERIES, _percentiles, _synthetic_chunks, _vocabulary
from api.benchmarks.throwaway_services import ThrowawayChroma, ThrowawayPostgres
from assistant.components import build_components
from assistant.settings import Settings
from indexer.catalog import load_programs
from indexer.documents import Chunk
from indexer.embedding_choice import build_embeddings
from indexer.generations import IndexGenerations, open_generations
from indexer.german_analyzer import GermanAnalyzer
from indexer.index_record import DocumentEntry, IndexRecord
from indexer.lexical_index import LexicalIndex, lexical_text

CHUNKS, QUICK_CHUNKS = 10_000, 2_000
CLIENTS = 4  # concurrent chat clients
TURNS, QUICK_TURNS = 120, 30  # chat turns timed per server


def run(settings: Settings, args: argparse.Namespace) -> dict[str, Any]:
    quick = bool(getattr(args, "quick", False))
    size, turns = (QUICK_CHUNKS, QUICK_TURNS) if quick else (CHUNKS, TURNS)
    analyzer = GermanAnalyzer()
    embeddings = build_embeddings(settings)
    documents = _synthetic_chunks(size, _vocabulary(settings.corpus_dir), np.random.default_rng(size))
    talk = conversations([p.name for p in load_programs(settings.corpus_dir / "programs.yaml").values()])
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="nrwa-scale-bench-") as tmp, ThrowawayPostgres() as postgres, \
            ThrowawayChroma() as chroma:
        modes = {
            "embedded": {},
            "server": {"chroma_url": chroma.url, "database_url": postgres.create_database(),
                       "collection_prefix": f"bench{uuid.uuid4().hex[:8]}"},
        }
        for mode, stores in modes.items():
            folder = Path(tmp) / mode
            folder.mkdir()
            local = settings.model_copy(update={"data_dir": folder / "data", **stores})
            started = time.perf_counter()
            _build(open_generations(local), documents, embeddings.dimension, analyzer.terms)
            build_seconds = time.perf_counter() - started
            components = build_components(local, embeddings=embeddings)
            results[mode] = {
                "build_seconds": round(build_seconds, 1),
                "query": _query_latency(components, rounds=1 if quick else 3),
                **{f"chat_{n}_worker{'s' if n > 1 else ''}": _chat_rate(local, folder, n, talk, turns)
                   for n in (1, 2)},
            }
    return {
        "chunks": size,
        "concurrent_clients": CLIENTS,
        "chat_turns_timed": turns,
        "results": results,
        "note": "query: hybrid retrieval in process with the chat's filters (the dense side over HTTP in server "
                "mode); chats: POST /api/chat through real `serve` processes, extractive answerer. Both modes run "
                "on this machine, so server mode also pays for Chroma and PostgreSQL on the same cores.",
    }


def _build(generations: IndexGenerations, documents: list[tuple[list[Chunk], dict[str, Any]]], dimension: int,
           analyze: Any) -> None:
    """One served generation: record, vectors in the configured Chroma (random unit vectors), lexical index."""
    generation = generations.begin(copy_current=False)
    record = IndexRecord(generation.record_path)
    now = datetime.now(UTC).isoformat(timespec="seconds")
    chunks: list[Chunk] = []
    for doc_chunks, metadata in documents:
        first = doc_chunks[0]
        record.put_document(DocumentEntry(first.doc_id, "synthetic", first.url, first.url, first.title, first.as_of,
                                          first.doc_id, len(doc_chunks), metadata, now), doc_chunks)
        chunks.extend(doc_chunks)
    record.close()
    vectors = np.random.default_rng(len(chunks)).normal(size=(len(chunks), dimension)).astype(np.float32)
    generations.vector_store(generation, create=True).add(chunks, vectors / np.linalg.norm(vectors, axis=1,
                                                                                           keepdims=True))
    LexicalIndex.build([c.chunk_id for c in chunks], [lexical_text(c) for c in chunks], analyze).save(
        generation.lexical_path)
    generations.commit(generation)


def _query_latency(components: Any, rounds: int) -> dict[str, float]:
    retriever, k = components.retriever, components.settings.retrieval_k
    for query in QUERIES[:5]:  # warm-up: caches, filter masks, the first Chroma queries
        retriever.retrieve(query, k=k, search_filter=FILTERS[0])
    seconds = []
    for _ in range(rounds):
        for number, query in enumerate(QUERIES):
            started = time.perf_counter()
            retriever.retrieve(query, k=k, search_filter=FILTERS[number % len(FILTERS)])
            seconds.append(time.perf_counter() - started)
    return {"queries": len(seconds), **_percentiles(seconds)}


def _chat_rate(settings: Settings, folder: Path, workers: int, talk: list[list[str]], turns: int) -> dict[str, Any]:
    env = clean_environment(
        NRWA_DATA_DIR=str(settings.data_dir), NRWA_CORPUS_DIR=str(settings.corpus_dir),
        NRWA_COLLECTION_PREFIX=settings.collection_prefix, NRWA_RATE_LIMIT_CHAT_PER_MINUTE="1000000",
        NRWA_RATE_LIMIT_SESSION_PER_MINUTE="1000000", NRWA_MAX_CONCURRENT_REQUESTS="1000",
        **({"NRWA_CHROMA_URL": settings.chroma_url} if settings.chroma_url else {}),
        **({"NRWA_DATABASE_URL": settings.database_url} if settings.database_url else {}))
    with api_servers(env, folder, [workers]) as [(url, pid)]:
        _converse(url, talk[: CLIENTS * 2], clients=CLIENTS)  # warm-up: every worker's first turns
        started = time.perf_counter()
        latencies = _converse(url, _enough(talk, turns), clients=CLIENTS)
        wall = time.perf_counter() - started
        memory = [resident_mb(worker) for worker in worker_pids(pid)]
    return {"workers": workers, "chats_per_second": round(len(latencies) / wall, 2), **_percentiles(latencies),
            "worker_rss_mb": memory}


def _enough(talk: list[list[str]], turns: int) -> list[list[str]]:
    """Conversations from the chat benchmark's list, cycled, holding `turns` turns in all."""
    chosen: list[list[str]] = []
    while sum(len(c) for c in chosen) < turns:
        conversation = talk[len(chosen) % len(talk)]
        chosen.append(conversation[: turns - sum(len(c) for c in chosen)])
    return chosen


def _converse(url: str, talk: list[list[str]], clients: int) -> list[float]:
    """Run the conversations from `clients` threads; the latency of every turn, in seconds."""
    pending = list(reversed(talk))
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()

    def client() -> None:
        while True:
            with lock:
                if not pending or errors:
                    return
                conversation = pending.pop()
            session_id = None
            for message in conversation:
                started = time.perf_counter()
                try:
                    response = httpx.post(f"{url}/api/chat", json={"message": message, "session_id": session_id},
                                          timeout=120)
                    response.raise_for_status()
                except httpx.HTTPError as exc:
                    with lock:
                        errors.append(f"{type(exc).__name__}: {exc}")
                    return
                session_id = response.json()["session_id"]
                with lock:
                    latencies.append(time.perf_counter() - started)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise RuntimeError(f"chat request failed during the benchmark: {errors[0]}")
    return latencies
