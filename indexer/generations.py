"""Index generations: every run writes a new generation and switches to it atomically at the end.

Layout under the index folder:
    CURRENT                     id of the served generation (replaced with os.replace: atomic)
    HISTORY                     committed ids, oldest first (for --rollback, and what a server falls back to)
    generations/<id>/record.sqlite, lexical/, chroma/ (embedded mode), MANIFEST.json (generation_manifest.py)
A crashed or killed run leaves a generation folder that is never named in CURRENT; the next run removes it
(`tidy`), also one that a kill inside the switch left named in HISTORY after the served one, and every committed
generation beyond the retention count (`keep`, NRWA_INDEX_KEEP_GENERATIONS).
With a Chroma server, a generation's vectors live in the collection `<prefix>_<id>` instead of chroma/.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from indexer.settings import IndexerSettings
from indexer.vector_store import ChromaVectorStore, chroma_client

KEEP_GENERATIONS = 3
_GENERATION_ID = re.compile(r"\d{8}T\d{6}-[0-9a-f]{6}")


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
    def __init__(self, root: Path, chroma_url: str | None = None, collection_prefix: str = "nrwa_chunks",
                 keep: int = KEEP_GENERATIONS) -> None:
        self.root = root
        self.chroma_url = chroma_url
        self.collection_prefix = collection_prefix
        self.keep = max(1, keep)

    # --- reading -----------------------------------------------------------------------------
    def generation(self, gen_id: str) -> Generation:
        return Generation(gen_id, self.root / "generations" / gen_id)

    def current(self) -> Generation | None:
        try:
            gen_id = (self.root / "CURRENT").read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        return self.generation(gen_id) if gen_id else None

    def history(self) -> list[str]:
        try:
            history = json.loads((self.root / "HISTORY").read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            return []
        return [str(g) for g in history] if isinstance(history, list) else []

    def candidates(self) -> list[Generation]:
        """The served generation, then the committed ones before it, newest first: what to fall back to."""
        current = self.current()
        if current is None:
            return []
        history = self.history()
        older = history[: history.index(current.id)] if current.id in history else history
        return [current, *(self.generation(g) for g in reversed(older) if g != current.id)]

    def marker_mtime(self) -> float:
        """Changes whenever another generation is switched in; servers poll it to reload."""
        try:
            return (self.root / "CURRENT").stat().st_mtime_ns / 1e9
        except FileNotFoundError:
            return 0.0

    def vector_store(self, generation: Generation, create: bool = False) -> ChromaVectorStore:
        if self.chroma_url:
            return ChromaVectorStore(chroma_client(url=self.chroma_url), self.collection(generation), create=create)
        # Embedded: each generation has its own folder, so one collection name suffices.
        return ChromaVectorStore(chroma_client(path=generation.chroma_path), self.collection_prefix, create=create)

    def collection(self, generation: Generation) -> str:
        """The Chroma collection of a generation (on a Chroma server one per generation)."""
        return f"{self.collection_prefix}_{generation.id}" if self.chroma_url else self.collection_prefix

    # --- writing -----------------------------------------------------------------------------
    def begin(self, copy_current: bool = False, *, record_from: Generation | None = None,
              vectors_from: Generation | None = None) -> Generation:
        """A fresh generation folder. It may start with a copy of another generation's record and vectors
        (`copy_current`: both of the served one)."""
        self._remove_abandoned()
        gen_id = time.strftime("%Y%m%dT%H%M%S", time.gmtime()) + "-" + uuid.uuid4().hex[:6]
        generation = self.generation(gen_id)
        generation.path.mkdir(parents=True)
        (generation.path / "IN_PROGRESS").write_text(str(os.getpid()), encoding="utf-8")
        current = self.current()
        if copy_current and current is not None and current.path.exists():
            record_from = vectors_from = current
        if record_from is not None:
            shutil.copy2(record_from.record_path, generation.record_path)
        if vectors_from is not None:
            if self.chroma_url:
                self.vector_store(generation, create=True).copy_from(self.vector_store(vectors_from))
            else:
                shutil.copytree(vectors_from.chroma_path, generation.chroma_path)
        return generation

    def commit(self, generation: Generation, checkpoint: Callable[[str], None] | None = None) -> None:
        """Make `generation` the served one in one atomic step (the rename of CURRENT), then prune old ones.
        HISTORY names it first: a kill between the two leaves it named there after the served one, which the next
        run's `tidy` removes."""
        (generation.path / "IN_PROGRESS").unlink(missing_ok=True)
        history = [g for g in self.history() if g != generation.id] + [generation.id]
        self._write_atomic("HISTORY", json.dumps(history))
        if checkpoint is not None:
            checkpoint("switch")
        self._write_atomic("CURRENT", generation.id)
        self._prune(history)

    def abandon(self, generation: Generation) -> None:
        """Remove a generation that was never switched in (also from HISTORY, if the switch had begun)."""
        current = self.current()
        if current is not None and current.id == generation.id:
            return
        history = self.history()
        if generation.id in history:
            self._write_atomic("HISTORY", json.dumps([g for g in history if g != generation.id]))
        self._drop(generation)

    def rollback(self) -> Generation:
        """Serve the generation before the current one again."""
        history = self.history()
        current = self.current()
        if current is None or current.id not in history or history.index(current.id) == 0:
            raise LookupError("there is no earlier index generation to roll back to")
        previous = self.generation(history[history.index(current.id) - 1])
        if not previous.path.exists():
            raise LookupError(f"the earlier generation {previous.id} has already been removed")
        self._write_atomic("HISTORY", json.dumps(history[: history.index(previous.id) + 1]))
        self._write_atomic("CURRENT", previous.id)
        return previous

    # --- housekeeping ------------------------------------------------------------------------
    def tidy(self, damaged: Iterable[str] = ()) -> list[str]:
        """Bring the folder back to what CURRENT and HISTORY say, under the run lock: HISTORY ends with the served
        generation (a kill inside the switch may have named a newer one), `damaged` generations other than the
        served one leave it, at most `keep` remain; every generation folder (and Chroma collection) not named
        any more is removed. Returns the ids removed."""
        current = self.current()
        history = self.history()
        if current is not None:
            history = history[: history.index(current.id) + 1] if current.id in history else [*history, current.id]
        drop = set(damaged) - ({current.id} if current else set())
        history = [g for g in history if g not in drop][-self.keep:]
        if history != self.history():
            self._write_atomic("HISTORY", json.dumps(history))
        return self._remove_abandoned()

    def _write_atomic(self, name: str, text: str) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        tmp = self.root / f".{name}.{uuid.uuid4().hex}.tmp"
        tmp.write_text(text, encoding="utf-8")
        with open(tmp, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, self.root / name)

    def _remove_abandoned(self) -> list[str]:
        keep = set(self.history())
        current = self.current()
        if current is not None:
            keep.add(current.id)
        removed: list[str] = []
        folder = self.root / "generations"
        if folder.exists():
            for path in folder.iterdir():
                if path.name not in keep:
                    self._drop(self.generation(path.name))
                    removed.append(path.name)
        for gen_id in self._server_collections():
            if gen_id not in keep and gen_id not in removed:
                self._drop(self.generation(gen_id))
                removed.append(gen_id)
        return sorted(removed)

    def _server_collections(self) -> list[str]:
        """Generation ids that have a collection of this index on the Chroma server (none in embedded mode)."""
        if not self.chroma_url:
            return []
        prefix = f"{self.collection_prefix}_"
        names = [getattr(c, "name", c) for c in chroma_client(url=self.chroma_url).list_collections()]
        return [n[len(prefix):] for n in names
                if isinstance(n, str) and n.startswith(prefix) and _GENERATION_ID.fullmatch(n[len(prefix):])]

    def _prune(self, history: list[str]) -> None:
        for gen_id in history[: -self.keep]:
            self._drop(self.generation(gen_id))
        if len(history) > self.keep:
            self._write_atomic("HISTORY", json.dumps(history[-self.keep:]))

    def _drop(self, generation: Generation) -> None:
        if self.chroma_url:
            with contextlib.suppress(Exception):
                chroma_client(url=self.chroma_url).delete_collection(self.collection(generation))
        shutil.rmtree(generation.path, ignore_errors=True)


def open_generations(settings: IndexerSettings) -> IndexGenerations:
    """The configured index folder and vector store: what the indexer writes and the assistant serves."""
    return IndexGenerations(settings.index_dir, chroma_url=settings.chroma_url,
                            collection_prefix=settings.collection_prefix, keep=settings.index_keep_generations)
