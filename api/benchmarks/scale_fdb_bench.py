"""The whole Förderdatenbank at real scale: a synthetic export of 2,500 programmes with the real texts
(api/benchmarks/fdb_export_generator.py, about 450 kept for NRW) indexed with the bundled corpus.

Measured, each index run as its own `nrw-assistant index` process with the configured embedding model
(build_embeddings(settings), as a deployment runs it):
- full index: seconds, chunks, peak RSS of the indexer process;
- the same export again: nothing embedded;
- a day's edits: 50 programmes of the export with another text (drawn from all 2,500, as the database changes), and
  the worst case, 50 changed programmes that are all kept for NRW; seconds and chunks embedded, as a share of the
  full run (target ≤ 10 %);
- at that size, in process: search latency (hybrid retrieval as GET /api/search asks it, with and without the
  advisor's filters; target p95 ≤ 100 ms) and chat latency (ChatService.astream, the path of POST /api/chat; target
  p95 ≤ 250 ms), and the advisor page's facet counts over the served catalogue.
`--quick` uses 400 programmes.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from api.benchmarks.chat_bench import _measure, _summary, conversations
from api.benchmarks.fdb_export_generator import (
    kept_for_nrw,
    load_texts,
    plan_programmes,
    with_new_texts,
    write_export,
)
from api.benchmarks.retrieval_bench import _percentiles
from assistant.components import build_components
from assistant.settings import PROJECT_ROOT, Settings
from indexer.embedding_choice import build_embeddings
from indexer.search_filter import SearchFilter

TEXTS = PROJECT_ROOT.parent / "shared" / "data" / "real_docs" / "fdb_texts_foerderbot"
PROGRAMMES, QUICK_PROGRAMMES = 2500, 400
CHANGED = 50
SOURCE = "foerderdatenbank"
SEARCHES = [
    "Zuschuss für Energieeffizienz im Handwerk", "Förderung für Gründung aus der Arbeitslosigkeit",
    "Forschungsprojekt mit einer Hochschule", "Darlehen für Investitionen in NRW", "Digitalisierung kleiner Betriebe",
    "Wer ist antragsberechtigt?", "Bürgschaft für Betriebsmittel", "Förderung von Messeteilnahmen im Ausland",
    "Wasserstoff Forschung Verbundprojekt", "Weiterbildung von Beschäftigten", "Kultur und Film Förderung",
    "Richtlinie Zuwendungsempfänger Antragsverfahren",
]
ADVISOR_FILTERS = [None, SearchFilter(topic=("energie",)), SearchFilter(funding_type=("Zuschuss",), level=("Land",)),
                   SearchFilter(target_group=("handwerk",), status=("open",))]
FDB_TURNS = [["welche Programme gibt es für Handwerksbetriebe im Bereich Energieeffizienz", "und gibt es Kredite?"],
             ["Ich beziehe Bürgergeld und möchte mich selbstständig machen. Welche Förderung gibt es?"],
             ["Wir sind ein Maschinenbauer in Bielefeld und suchen Förderung für ein Wasserstoff-Forschungsprojekt"]]
FACETS = {"funding_type": "Förderart", "level": "Ebene", "target_groups": "Zielgruppe", "topics": "Thema",
          "status": "Status", "region": "Region"}


def run(settings: Settings, args: argparse.Namespace) -> dict[str, Any]:
    quick = bool(getattr(args, "quick", False))
    count = QUICK_PROGRAMMES if quick else PROGRAMMES
    texts = load_texts(TEXTS)
    programmes = plan_programmes(texts, count)
    kept = [p.number for p in programmes if kept_for_nrw(p)]
    rng = random.Random(count)
    with tempfile.TemporaryDirectory(prefix="nrwa-scale-fdb-") as tmp:
        root = Path(tmp)
        corpus = root / "corpus"
        shutil.copytree(settings.corpus_dir, corpus)
        export = corpus / "foerderdatenbank-export.zip"
        with_export_source(corpus / "sources.yaml", export.name)
        local = settings.model_copy(update={"data_dir": root / "data", "corpus_dir": corpus, "sources_file": None})

        write_export(programmes, export)
        export_mb = round(export.stat().st_size / 1e6, 1)
        full = _phase("full_index", _index(local))
        again = _phase("unchanged_export", _index(local))
        daily = with_new_texts(programmes, set(rng.sample(range(count), CHANGED)), texts)
        write_export(daily, export)
        one_day = _phase("daily_edits_50_of_all", _index(local))
        worst = with_new_texts(daily, set(rng.sample(kept, CHANGED)), texts)
        write_export(worst, export)
        worst_day = _phase("worst_case_50_kept_changed", _index(local))

        components = build_components(local, embeddings=build_embeddings(local))
        search = _phase("search", _search_latency(components, rounds=2 if quick else 3))
        chat = _phase("chat", _chat_latency(components, quick))
        facets = _facet_counts(components)
    return {
        "programmes_in_export": count,
        "programmes_kept_for_nrw": len(kept),
        "export_zip_mb": export_mb,
        "embedding_model": f"{settings.embedding_backend}: "
                           f"{getattr(components.embeddings, 'name', type(components.embeddings).__name__)}",
        "full_index": full,
        "unchanged_export": again,
        "daily_edits_50_of_all": {**one_day, "share_of_full_seconds": round(one_day["seconds"] / full["seconds"], 3)},
        "worst_case_50_kept_changed": {**worst_day,
                                       "share_of_full_seconds": round(worst_day["seconds"] / full["seconds"], 3)},
        "search": search,
        "chat": chat,
        "advisor_facets": facets,
        "targets": {"incremental_share_of_full": 0.10, "search_p95_ms": 100, "chat_p95_ms": 250},
        "note": "index runs are separate `nrw-assistant index` processes (seconds include starting Python and loading "
                "the model when something changed); search and chat in process over the served generation",
    }


def with_export_source(sources_file: Path, path: str) -> None:
    """The registry with one export source reading `path` (under the corpus folder, or absolute) in place of the
    bundled export sample: one export, as deployed, and no clash of source names."""
    registry = yaml.safe_load(sources_file.read_text(encoding="utf-8"))
    registry["sources"] = [s for s in registry["sources"] if s.get("kind") != "foerderdatenbank_export"]
    registry["sources"].append({"name": SOURCE, "kind": "foerderdatenbank_export", "path": path})
    sources_file.write_text(yaml.safe_dump(registry, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _phase(name: str, result: dict[str, Any]) -> dict[str, Any]:
    """Each phase on stderr as it finishes: the full run takes hours on 2 cores, and a run stopped early still leaves
    the figures it measured."""
    print(f"scale-fdb {name}: {json.dumps(result, ensure_ascii=False)}", file=sys.stderr, flush=True)
    return result


def _index(settings: Settings) -> dict[str, Any]:
    """One `nrw-assistant index --json` run in its own process: its summary, wall time and peak RSS."""
    env = {**os.environ, "NRWA_DATA_DIR": str(settings.data_dir), "NRWA_CORPUS_DIR": str(settings.corpus_dir)}
    env.pop("NRWA_SOURCES_FILE", None)
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "api.cli", "index", "--json"], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, cwd=PROJECT_ROOT)
    output = process.stdout.read() if process.stdout else b""
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):
        raise RuntimeError(f"nrw-assistant index failed with exit status {process.returncode}")
    summary = json.loads(output)
    source = next(s for s in summary["sources"] if s["name"] == SOURCE)
    return {
        "seconds": round(seconds, 1),
        "read_seconds": summary["timings"].get("read"),
        "embed_and_store_seconds": summary["timings"].get("embed_and_store"),
        "chunks_embedded": summary["chunks_embedded"],
        "documents": summary["documents"],
        "chunks": summary["chunks"],
        "export": {**{k: source[k] for k in ("added", "updated", "unchanged", "removed")},
                   "failed": len(source["failed"])},
        "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),  # kilobytes on Linux
    }


def _search_latency(components: Any, rounds: int) -> dict[str, Any]:
    """Hybrid retrieval as GET /api/search runs it (k=10, every passage of a document allowed): the whole search, the
    query's embedding alone (the model's share, which a busy machine stretches most), and the search with the vector
    at hand (lexical, dense and fusion: what the index's size costs). The first search under each filter builds its
    mask and vector subset once per generation; it is warmed up and reported apart."""
    retriever = components.retriever
    first_use: list[float] = []
    for search_filter in ADVISOR_FILTERS:
        started = time.perf_counter()
        retriever.retrieve(SEARCHES[0], k=10, search_filter=search_filter, per_document=0)
        first_use.append(time.perf_counter() - started)
    whole: list[float] = []
    embed: list[float] = []
    stores: list[float] = []
    for _ in range(rounds):
        for number, query in enumerate(SEARCHES):
            search_filter = ADVISOR_FILTERS[number % len(ADVISOR_FILTERS)]
            started = time.perf_counter()
            retriever.retrieve(query, k=10, search_filter=search_filter, per_document=0)
            whole.append(time.perf_counter() - started)
            started = time.perf_counter()
            vector = retriever.embed(query)
            embed.append(time.perf_counter() - started)
            started = time.perf_counter()
            retriever.retrieve(query, k=10, search_filter=search_filter, per_document=0, vector=vector)
            stores.append(time.perf_counter() - started)
    return {"queries": len(whole), **_percentiles(whole), "query_embedding": _percentiles(embed),
            "with_the_vector_at_hand": _percentiles(stores),
            "first_search_under_a_filter_ms": [round(s * 1000, 1) for s in first_use]}


def _chat_latency(components: Any, quick: bool) -> dict[str, Any]:
    sessions = FDB_TURNS + conversations([p.name for p in list(components.programs.values())[:40]])
    if quick:
        sessions = sessions[::4]
    asyncio.run(_measure(components.chat, sessions[:3]))  # warm-up
    first_delta, total = asyncio.run(_measure(components.chat, sessions))
    return {"turns": len(total), "time_to_first_delta": _summary(first_delta), "time_to_final": _summary(total)}


def _facet_counts(components: Any) -> dict[str, Any]:
    """What the advisor page shows on load: programmes in the catalogue and the counts of each facet's values
    (a programme naming several kinds of funding counts for each), the ten largest per facet."""
    started = time.perf_counter()
    programmes = list(components.programs.values())
    counts: dict[str, Counter[str]] = {facet: Counter() for facet in FACETS}
    for program in programmes:
        for facet in FACETS:
            value = getattr(program, facet)
            values = list(value) if isinstance(value, tuple) else [value] if value else []
            if facet == "funding_type":
                values = [part for v in values for part in v.split(", ")]
            counts[facet].update(values)
    return {
        "programmes": len(programmes),
        "from_the_export": sum(1 for p in programmes if p.id.startswith("fdb-")),
        "seconds": round(time.perf_counter() - started, 3),
        **{FACETS[f]: dict(c.most_common(10)) for f, c in counts.items()},
    }
