"""The lexical side: BM25 (bm25s) over German analysed text in two fields, persisted beside the dense store.

- `terms`: stemmed terms, plus the parts of compound words split against the corpus vocabulary
  (compound_splitter.py), so "Digitalisierungsförderung" meets "Förderung der Digitalisierung".
- `grams`: character 4-grams of the stemmed terms (char_ngrams.py), for compounds the splitter does not know
  and for typos.

Each field's scores are divided by that field's best score for the query (BM25 scores are not comparable across
fields or queries), then added with the field weights. The term frequencies learned at index time are saved with
the index, so queries are split the same way the chunks were.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import bm25s
import numpy as np

from indexer.char_ngrams import CharNGrams
from indexer.compound_splitter import MIN_PART_FREQUENCY, CompoundTerms
from indexer.documents import Chunk

Analyze = Callable[[str], list[str]]

_FREQUENCIES_FILE = "term_frequencies.json"


@dataclass(frozen=True)
class FieldWeights:
    """How much each field adds after per-query normalisation. Chosen on German QA (assistant/evaluation): on
    XQuAD-de terms alone reach MRR@10 0.936, grams alone 0.950, both at equal weight 0.955 (0.5 or 2 for grams:
    within 0.002)."""

    terms: float = 1.0
    grams: float = 1.0


def lexical_text(chunk: Chunk) -> str:
    """Title and section are searched with the text: a passage about 'Antrag' under 'ZIM' should match 'ZIM'."""
    return f"{chunk.title}\n{chunk.section}\n{chunk.text}"


class _Field:
    """One bm25s index; scores are summed from its CSC postings with bincount (faster than bm25s' add.at)."""

    def __init__(self, retriever: bm25s.BM25) -> None:
        self.retriever = retriever
        self.vocab: dict[str, int] = dict(retriever.vocab_dict)
        scores = retriever.scores
        self._data = scores["data"]
        self._indices = scores["indices"]
        self._indptr = scores["indptr"]
        self._docs = int(scores["num_docs"])

    @classmethod
    def build(cls, corpus: list[list[str]]) -> _Field:
        retriever = bm25s.BM25(k1=1.2, b=0.75)
        retriever.index([tokens or [""] for tokens in corpus], show_progress=False)
        return cls(retriever)

    def known(self, tokens: list[str]) -> list[str]:
        return [t for t in tokens if t in self.vocab]

    def contains(self, token: str, rows: np.ndarray) -> np.ndarray:
        """Which of the rows hold the token. bm25s stores each token's postings in row order, so a binary search
        answers without touching the other rows."""
        column = self.vocab.get(token)
        if column is None or self._indptr[column] == self._indptr[column + 1]:
            return np.zeros(len(rows), dtype=bool)
        postings = self._indices[self._indptr[column] : self._indptr[column + 1]]
        at = np.minimum(np.searchsorted(postings, rows), len(postings) - 1)
        return postings[at] == rows

    def rarity(self, token: str) -> float:
        """Inverse document frequency; a token no chunk holds is as rare as a token can be."""
        column = self.vocab.get(token)
        frequency = 0 if column is None else int(self._indptr[column + 1] - self._indptr[column])
        return float(np.log((self._docs + 1) / (frequency + 0.5)))

    def scores(self, tokens: list[str]) -> np.ndarray:
        ids = [self.vocab[t] for t in tokens if t in self.vocab]
        if not ids:
            return np.zeros(self._docs, dtype=np.float32)
        slices = [slice(self._indptr[i], self._indptr[i + 1]) for i in ids]
        indices = np.concatenate([self._indices[s] for s in slices])
        data = np.concatenate([self._data[s] for s in slices])
        return np.bincount(indices, weights=data, minlength=self._docs).astype(np.float32)


class LexicalIndex:
    def __init__(self, fields: dict[str, _Field], chunk_ids: list[str], analyze: Analyze,
                 frequencies: dict[str, int] | None = None, weights: FieldWeights | None = None) -> None:
        self._fields = fields
        self.chunk_ids = chunk_ids
        self.weights = weights or FieldWeights()
        self._frequencies = frequencies or {}
        # An index saved before compounds were learned still works, without splitting.
        self._terms: Analyze = CompoundTerms(analyze, self._frequencies) if frequencies else analyze
        self._analyze = analyze
        self._grams = CharNGrams()
        self._rows = {chunk_id: row for row, chunk_id in enumerate(chunk_ids)}

    @classmethod
    def build(cls, chunk_ids: list[str], texts: Sequence[str], analyze: Analyze) -> LexicalIndex:
        if not chunk_ids:
            return cls({}, [], analyze)
        base = [analyze(t) for t in texts]
        frequencies = Counter(term for terms in base for term in set(terms))
        compounds = CompoundTerms(analyze, frequencies)
        grams = CharNGrams()
        fields = {
            "terms": _Field.build([terms + compounds.parts(text) for terms, text in zip(base, texts, strict=True)]),
            "grams": _Field.build([grams(terms) for terms in base]),
        }
        kept = {t: n for t, n in frequencies.items() if n >= MIN_PART_FREQUENCY}  # rarer terms are never parts
        return cls(fields, list(chunk_ids), analyze, kept)

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "chunk_ids.json").write_text(json.dumps(self.chunk_ids), encoding="utf-8")
        (folder / _FREQUENCIES_FILE).write_text(json.dumps(self._frequencies, ensure_ascii=False), encoding="utf-8")
        for name, field in self._fields.items():
            field.retriever.save(str(folder / _field_folder(name)), show_progress=False)

    @classmethod
    def load(cls, folder: Path, analyze: Analyze) -> LexicalIndex:
        chunk_ids = json.loads((folder / "chunk_ids.json").read_text(encoding="utf-8"))
        fields: dict[str, _Field] = {}
        if chunk_ids:
            for name in ("terms", "grams"):
                path = folder / _field_folder(name)
                if path.exists():  # an index from before the grams field has only terms
                    fields[name] = _Field(bm25s.BM25.load(str(path)))
        frequencies_file = folder / _FREQUENCIES_FILE
        frequencies = json.loads(frequencies_file.read_text(encoding="utf-8")) if frequencies_file.exists() else None
        return cls(fields, chunk_ids, analyze, frequencies)

    def __len__(self) -> int:
        return len(self.chunk_ids)

    def row(self, chunk_id: str) -> int | None:
        """Position of a chunk in the score arrays, None if this index does not hold it."""
        return self._rows.get(chunk_id)

    def terms(self, text: str) -> list[str]:
        """The text's search terms as this index analyses them: compound parts included, known or not."""
        return self._terms(text)

    def query_terms(self, query: str) -> list[str]:
        """The query's search terms that occur in the index, compound parts included."""
        field = self._fields.get("terms")
        return field.known(self._terms(query)) if field else []

    def coverage(self, query: str, chunk_ids: Sequence[str]) -> list[float]:
        """Per chunk, the share of the query's search terms (compound parts included, known to the index or not)
        that its indexed title, section and text contain, each term weighted by how rare it is in the corpus (a
        term the corpus never uses weighs most): a passage that has "Zuschuss" and "Handwerk" but not
        "Photovoltaik" covers little of "Zuschuss Photovoltaik Handwerk". Read from the postings, so no chunk is
        analysed again."""
        terms = set(self._terms(query))
        field = self._fields.get("terms")
        if not terms or field is None:
            return [0.0] * len(chunk_ids)
        rows = np.array([self._rows.get(chunk_id, -1) for chunk_id in chunk_ids], dtype=np.int64)
        found = np.zeros(len(rows), dtype=np.float64)
        total = 0.0
        for term in terms:
            weight = self.rarity(term)
            total += weight
            found += weight * field.contains(term, rows)
        return (found / total).tolist() if total > 0 else [0.0] * len(chunk_ids)

    def rarity(self, term: str) -> float:
        """How rare a search term is in the indexed chunks (its inverse document frequency)."""
        field = self._fields.get("terms")
        return field.rarity(term) if field is not None else 0.0

    def field_scores(self, query: str) -> dict[str, np.ndarray]:
        """Raw BM25 scores of every chunk (in chunk_ids order), per field."""
        out: dict[str, np.ndarray] = {}
        if "terms" in self._fields:
            out["terms"] = self._fields["terms"].scores(self._terms(query))
        if "grams" in self._fields:
            out["grams"] = self._fields["grams"].scores(self._grams(self._analyze(query)))
        return out

    def scores(self, query: str, mask: np.ndarray | None = None) -> np.ndarray:
        """Fused score of every chunk (in chunk_ids order): each field divided by its best score among the
        chunks `mask` lets through, weighted and summed."""
        total = np.zeros(len(self.chunk_ids), dtype=np.float32)
        for name, raw in self.field_scores(query).items():
            if mask is not None:
                raw = np.where(mask, raw, 0.0)
            best = float(raw.max(initial=0.0))
            if best > 0:
                total += getattr(self.weights, name) * raw / best
        return total

    def search(self, query: str, k: int, mask: np.ndarray | None = None) -> list[tuple[str, float]]:
        """Top k (chunk_id, score) with score > 0; `mask` (bool per chunk) restricts to filtered chunks."""
        return self.top(self.scores(query, mask), k)

    def top(self, scores: np.ndarray, k: int) -> list[tuple[str, float]]:
        """The k best (chunk_id, score) of a score array in chunk_ids order, zero scores left out."""
        k = min(k, int(np.count_nonzero(scores > 0)))
        if k <= 0:
            return []
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(self.chunk_ids[i], float(scores[i])) for i in top]


def _field_folder(name: str) -> str:
    return "bm25" if name == "terms" else f"bm25_{name}"
