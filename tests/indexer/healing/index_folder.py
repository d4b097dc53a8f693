"""An index folder for the healing tests: two committed generations of the test corpus (the current one holds one
document more), the `nrw-assistant` CLI run on it as a process of its own, and reads of its files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from typing import Any

import httpx

from assistant.settings import Settings
from indexer.composition import build_pipeline
from indexer.generations import Generation, IndexGenerations
from indexer.source_registry import load_sources
from tests.api.handoff.problems import assert_problem

ADMIN_TOKEN = "healing-admin-token-0123456789abcdef"
ADMIN = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
QUESTION = "Wie beantrage ich die Forschungszulage?"
NEW_DOCUMENT_ID = "quantensensorik"
NEW_DOCUMENT_QUERY = "Quantensensorik Magnetfelder"
NEW_DOCUMENT = """---
id: quantensensorik
kind: guide
title: Quantensensorik im Mittelstand
source_url: https://example.org/quantensensorik
as_of: 2026-11-02
---
# Quantensensorik im Mittelstand

Die Quantensensorik misst Magnetfelder so genau, dass Betriebe Materialfehler früh erkennen.
"""


@dataclass
class IndexFolder:
    settings: Settings
    older: str  # the generation before the current one: the test corpus
    current: str  # the served one: the test corpus and the Quantensensorik guide

    @property
    def generations(self) -> IndexGenerations:
        from indexer.generations import open_generations

        return open_generations(self.settings)

    def generation(self, gen_id: str) -> Generation:
        return self.generations.generation(gen_id)

    def served_id(self) -> str:
        return (self.settings.index_dir / "CURRENT").read_text(encoding="utf-8").strip()

    def history(self) -> list[str]:
        return json.loads((self.settings.index_dir / "HISTORY").read_text(encoding="utf-8"))

    def generation_folders(self) -> set[str]:
        return {p.name for p in (self.settings.index_dir / "generations").iterdir()}

    def server_collections(self) -> set[str]:
        """Generation ids with a collection on the Chroma server (none in embedded mode)."""
        if not self.settings.chroma_url:
            return set()
        from indexer.vector_store import chroma_client

        prefix = f"{self.settings.collection_prefix}_"
        return {c.name.removeprefix(prefix) for c in chroma_client(url=self.settings.chroma_url).list_collections()
                if c.name.startswith(prefix)}

    def last_run(self) -> dict[str, Any]:
        return json.loads((self.settings.index_dir / "LAST_RUN.json").read_text(encoding="utf-8"))

    def cli(self, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
        return cli(self.settings, *args, **extra)


def environment(settings: Settings, **extra: str) -> dict[str, str]:
    """The environment of a process on these settings' folders (server-store settings included when set); `extra`
    adds NRWA_* variables."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NRWA_")}
    stores = {"NRWA_CHROMA_URL": settings.chroma_url, "NRWA_DATABASE_URL": settings.database_url,
              "NRWA_COLLECTION_PREFIX": settings.collection_prefix}
    env.update({k: v for k, v in stores.items() if v})
    env.update({"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false",
                "NRWA_DATA_DIR": str(settings.data_dir), "NRWA_CORPUS_DIR": str(settings.corpus_dir), **extra})
    return env


def cli(settings: Settings, *args: str, timeout: float = 600, **extra: str) -> subprocess.CompletedProcess[str]:
    """`nrw-assistant ARGS` as a process of its own, configured only through its environment."""
    return subprocess.run([sys.executable, "-m", "api.cli", *args], cwd=settings.data_dir.parent,
                          env=environment(settings, **extra), capture_output=True, text=True, timeout=timeout,
                          check=False)


def build_index_folder(settings: Settings, embedder: Any) -> IndexFolder:
    """Index the test corpus, add the Quantensensorik guide, index again: two generations, the second served."""
    pipeline = build_pipeline(settings, embedder=embedder)
    older = pipeline.run(load_sources(settings.resolved_sources_file()), all_sources=True)
    (settings.corpus_dir / "sample" / "quantensensorik.md").write_text(NEW_DOCUMENT, encoding="utf-8")
    current = pipeline.run(load_sources(settings.resolved_sources_file()), all_sources=True)
    assert older.switched and current.switched and current.totals()["added"] == 1
    return IndexFolder(settings, older.generation or "", current.generation or "")


# --- what a client sees -------------------------------------------------------------------------------------------
def ready_generation(url: str) -> str:
    ready = httpx.get(f"{url}/readyz", timeout=30)
    assert ready.status_code == 200, ready.text
    return ready.json()["generation"]


def chat_citations(url: str, question: str = QUESTION) -> list[str]:
    reply = httpx.post(f"{url}/api/chat", json={"message": question}, timeout=60)
    assert reply.status_code == 200, reply.text
    citations = [c["url"] for c in reply.json()["citations"]]
    assert citations, reply.json()
    return citations


def search_ids(url: str, query: str = NEW_DOCUMENT_QUERY) -> list[str]:
    found = httpx.get(f"{url}/api/search", params={"q": query, "k": 5}, timeout=30)
    assert found.status_code == 200, found.text
    return [r["doc_id"] for r in found.json()["results"]]


def admin_status(url: str) -> dict[str, Any]:
    status = httpx.get(f"{url}/api/admin/index", headers=ADMIN, timeout=30)
    assert status.status_code == 200, status.text
    return status.json()


def metric(url: str, name: str) -> float:
    for line in httpx.get(f"{url}/metrics", timeout=30).text.splitlines():
        if line.startswith(f"{name} "):
            return float(line.split()[1])
    raise AssertionError(f"{name} is not in /metrics")


def assert_unavailable(response: httpx.Response, *words: str) -> dict[str, Any]:
    body = assert_problem(response, 503)
    assert all(word in body["detail"] for word in words), body
    return body
