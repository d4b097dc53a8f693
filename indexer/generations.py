"""Index generations: every run writes a new generation and switches to it atomically at the end.

Layout under the index folder:
    CURRENT                     id of the served generation (replaced with os.replace: atomic)
    HISTORY                     committed ids, oldest first (for --rollback)
    generations/<id>/record.sqlite, lexical/, chroma/ (embedded mode)
A crashed or killed run leaves a generation folder that is never named in CURRENT; the next run removes it.
With a Chroma server, a generation's vectors live in the collection `<prefix>_<id>` instead of chroma/.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from indexer.vector_store import ChromaVectorStore, chroma_client

KEEP_GENERATIONS = 3


@dataclass(frozen=True)
class Generation:
    id: str
    path: Path

    @property
    def record_path(self) -> Path:
        return self.path / "record.sqlite"

    @property
    def lexical_path(self) -> Path:
        return self.path / "lexical"

    @property
    def chroma_path(self) -> Path:
        return self.path / "chroma"


class IndexGenerations:
    def __init__(self, root: Path, chroma_url: str | None = None, collection_prefix: str = "nrwa_chunks") -> None:
        self.root = root
        self.chroma_url = chroma_url
        self.collection_prefix = collection_prefix

    # --- reading -----------------------------------------------------------------------------
    def _generation(self, gen_id: str) -> Generation:
        return Generation(gen_id, self.root / "generations" / gen_id)

    def current(self) -> Generation | None:
        try:
            gen_id = (self.root / "CURRENT").read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        return self._generation(gen_id) if gen_id else None

    def history(self) -> list[str]:
        try:
            return list(json.loads((self.root / "HISTORY").read_text(encoding="utf-8")))
        except FileNotFoundError:
            return []

    def marker_mtime(self) -> float:
        """Changes whenever another generation is switched in; servers poll it to reload."""
        try:
            return (self.root / "CURRENT").stat().st_mtime_ns / 1e9
        except FileNotFoundError:
            return 0.0

    def vector_store(self, generation: Generation, create: bool = False) -> ChromaVectorStore:
        if self.chroma_url:
            return ChromaVectorStore(chroma_client(url=self.chroma_url), self._collection(generation), create=create)
        # Embedded: each generation has its own folder, so one collection name suffices.
        return ChromaVectorStore(chroma_client(path=generation.chroma_path), self.collection_prefix, create=create)

    def _collection(self, generation: Generation) -> str:
        return f"{self.collection_prefix}_{generation.id}"

    # --- writing -----------------------------------------------------------------------------
    def begin(self, copy_current: bool) -> Generation:
        """A fresh generation folder, optionally starting as a copy of the served one."""
        self._remove_abandoned()
        gen_id = time.strftime("%Y%m%dT%H%M%S", time.gmtime()) + "-" + uuid.uuid4().hex[:6]
        generation = self._generation(gen_id)
        generation.path.mkdir(parents=True)
        current = self.current()
        if copy_current and current is not None and current.path.exists():
            shutil.copy2(current.record_path, generation.record_path)
            if self.chroma_url:
                self.vector_store(generation, create=True).copy_from(self.vector_store(current))
            else:
                shutil.copytree(current.chroma_path, generation.chroma_path)
        (generation.path / "IN_PROGRESS").write_text(str(os.getpid()), encoding="utf-8")
        return generation

    def commit(self, generation: Generation) -> None:
        """Make `generation` the served one in one atomic step, then prune old generations."""
        (generation.path / "IN_PROGRESS").unlink(missing_ok=True)
        history = [g for g in self.history() if g != generation.id] + [generation.id]
        self._write_atomic("HISTORY", json.dumps(history))
        self._write_atomic("CURRENT", generation.id)
        self._prune(history)

    def abandon(self, generation: Generation) -> None:
        self._drop(generation)

    def rollback(self) -> Generation:
        """Serve the generation before the current one again."""
        history = self.history()
        current = self.current()
        if current is None or current.id not in history or history.index(current.id) == 0:
            raise LookupError("there is no earlier index generation to roll back to")
        previous = self._generation(history[history.index(current.id) - 1])
        if not previous.path.exists():
            raise LookupError(f"the earlier generation {previous.id} has already been removed")
        self._write_atomic("HISTORY", json.dumps(history[: history.index(previous.id) + 1]))
        self._write_atomic("CURRENT", previous.id)
        return previous

    # --- housekeeping ------------------------------------------------------------------------
    def _write_atomic(self, name: str, text: str) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        tmp = self.root / f".{name}.{uuid.uuid4().hex}.tmp"
        tmp.write_text(text, encoding="utf-8")
        with open(tmp, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, self.root / name)

    def _remove_abandoned(self) -> None:
        folder = self.root / "generations"
        if not folder.exists():
            return
        keep = set(self.history())
        current = self.current()
        if current is not None:
            keep.add(current.id)
        for path in folder.iterdir():
            if path.name not in keep:
                self._drop(self._generation(path.name))

    def _prune(self, history: list[str]) -> None:
        for gen_id in history[:-KEEP_GENERATIONS]:
            self._drop(self._generation(gen_id))
        if len(history) > KEEP_GENERATIONS:
            self._write_atomic("HISTORY", json.dumps(history[-KEEP_GENERATIONS:]))

    def _drop(self, generation: Generation) -> None:
        if self.chroma_url:
            with contextlib.suppress(Exception):
                chroma_client(url=self.chroma_url).delete_collection(self._collection(generation))
        shutil.rmtree(generation.path, ignore_errors=True)
