"""How much can any fusion of our lexical and dense signals add on a German QA set? (issue #3's 0.02 margin)

Scores every passage for every question with nine signals — word, gram and best-sentence BM25 (the lexical
side), and the bundled MiniLM's pooled passage vector, best sentence vector and token-level MaxSim (late
interaction, ColBERT-style, no training) — then fits a listwise softmax model over them: on all questions (an
upper bound, the model sees the answers) and on one half of the articles, checked on the other. Prints MRR@10.

    .venv/bin/python scripts/retrieval_ceiling.py ../shared/data/xquad_de_passages.jsonl \\
        ../shared/data/xquad_de_questions.jsonl

Takes a few minutes on two cores (the token vectors). Not part of the product or the tests: it backs the
figures in assistant/retrieval/score_fusion.py.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

import numpy as np

from indexer.embeddings import SentenceTransformerEmbeddings, bundled_minilm_path
from indexer.german_analyzer import GermanAnalyzer
from indexer.lexical_index import LexicalIndex

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ0-9])")


def _json_lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _best_per_passage(scores: np.ndarray, owner: np.ndarray, passages: int) -> np.ndarray:
    """(questions × sentences) → (questions × passages): each passage's best sentence."""
    out = np.full((scores.shape[0], passages), -np.inf, dtype=np.float32)
    for column, passage in enumerate(owner):
        out[:, passage] = np.maximum(out[:, passage], scores[:, column])
    return out


def signals(passages: list[dict], questions: list[str]) -> dict[str, np.ndarray]:
    analyzer = GermanAnalyzer()
    texts = [f"{p.get('title', '')}\n\n{p['text']}" for p in passages]
    ids = [str(i) for i in range(len(passages))]
    lexical = LexicalIndex.build(ids, texts, analyzer.terms)
    fields = [lexical.field_scores(q) for q in questions]
    sentences, owner = [], []
    for number, passage in enumerate(passages):
        for sentence in _SENTENCE_END.split(passage["text"]):
            if sentence.strip():
                sentences.append(f"{passage.get('title', '')}: {sentence}")
                owner.append(number)
    owner_array = np.array(owner)
    sentence_lexical = LexicalIndex.build([str(i) for i in range(len(sentences))], sentences, analyzer.terms)
    sentence_bm25 = np.stack([sentence_lexical.scores(q) for q in questions])

    model = SentenceTransformerEmbeddings(bundled_minilm_path())
    question_vectors = model.embed_array(questions)
    pooled = question_vectors @ model.embed_array(texts).T
    sentence_dense = question_vectors @ model.embed_array(sentences).T
    return {
        "lexical": np.stack([lexical.scores(q) for q in questions]),
        "terms": np.stack([f["terms"] for f in fields]),
        "grams": np.stack([f["grams"] for f in fields]),
        "sentence_bm25": _best_per_passage(sentence_bm25, owner_array, len(passages)),
        "dense": pooled,
        "sentence_dense": _best_per_passage(sentence_dense, owner_array, len(passages)),
        "maxsim": _maxsim(model, questions, texts),
    }


def _maxsim(model: SentenceTransformerEmbeddings, questions: list[str], texts: list[str]) -> np.ndarray:
    """Mean over the question's tokens of the best cosine with any passage token ([CLS]/[SEP] left out)."""
    def tokens(batch: list[str]) -> list[np.ndarray]:
        out = model._model.encode(batch, output_value="token_embeddings", batch_size=32, convert_to_numpy=False,
                                  show_progress_bar=False)
        return [(t / t.norm(dim=1, keepdim=True)).numpy()[1:-1] for t in out]

    question_tokens, passage_tokens = tokens(questions), tokens(texts)
    scores = np.zeros((len(questions), len(texts)), dtype=np.float32)
    for column, passage in enumerate(passage_tokens):
        for row, question in enumerate(question_tokens):
            scores[row, column] = (question @ passage.T).max(axis=1).mean()
    return scores


def mrr_at_10(scores: np.ndarray, gold: np.ndarray, rows: np.ndarray) -> float:
    right = scores[np.arange(len(gold)), gold]
    rank = (scores > right[:, None]).sum(axis=1) + 1
    return float(np.where(rank <= 10, 1.0 / rank, 0.0)[rows].mean())


def features(raw: dict[str, np.ndarray]) -> np.ndarray:
    """Per-question normalised signals: BM25 divided by its best, dense as the gap to the best and as a z-score."""
    def by_best(x: np.ndarray) -> np.ndarray:
        best = x.max(axis=1, keepdims=True)
        return x / np.where(best > 0, best, 1.0)

    def gap(x: np.ndarray) -> np.ndarray:
        return x - x.max(axis=1, keepdims=True)

    def z(x: np.ndarray) -> np.ndarray:
        return (x - x.mean(axis=1, keepdims=True)) / (x.std(axis=1, keepdims=True) + 1e-9)

    dense = ("dense", "sentence_dense", "maxsim")
    columns = [by_best(raw[name]) for name in ("terms", "grams", "sentence_bm25")]
    columns += [gap(raw[name]) for name in dense] + [z(raw[name]) for name in dense]
    return np.stack(columns, axis=-1)


def fit_listwise(x: np.ndarray, gold: np.ndarray, rows: np.ndarray, l2: float = 1e-3, steps: int = 3000,
                 rate: float = 0.5) -> np.ndarray:
    """Softmax over all passages per question, cross-entropy on the right one, plain gradient descent."""
    weights = np.zeros(x.shape[-1])
    weights[:2] = 5.0
    xs, gs = x[rows], gold[rows]
    for _ in range(steps):
        logits = xs @ weights
        probabilities = np.exp(logits - logits.max(axis=1, keepdims=True))
        probabilities /= probabilities.sum(axis=1, keepdims=True)
        expected = np.einsum("qp,qpk->k", probabilities, xs)
        observed = xs[np.arange(len(gs)), gs].sum(axis=0)
        weights -= rate * ((expected - observed) / len(gs) + l2 * weights)
    return weights


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("passages", type=Path)
    parser.add_argument("queries", type=Path)
    args = parser.parse_args()
    passages, queries = _json_lines(args.passages), _json_lines(args.queries)
    position = {p["passage_id"]: i for i, p in enumerate(passages)}
    gold = np.array([position[q["passage_id"]] for q in queries])
    # Halves by article (the passage id's middle part), so no article is on both sides.
    article = np.array([p["passage_id"].rsplit("-", 1)[0] for p in passages])[gold]
    first_half = np.isin(article, sorted(set(article))[::2])
    everyone = np.ones(len(gold), dtype=bool)

    raw = signals(passages, [q["question"] for q in queries])
    for name, scores in raw.items():
        print(f"{name:15s} alone      MRR@10 {mrr_at_10(scores, gold, everyone):.4f}")
    x = features(raw)
    fitted = fit_listwise(x, gold, everyone)
    print(f"listwise model, fitted on all   MRR@10 {mrr_at_10(x @ fitted, gold, everyone):.4f}")
    for train, test, label in ((first_half, ~first_half, "A→B"), (~first_half, first_half, "B→A")):
        weights = fit_listwise(x, gold, train)
        print(f"held out {label}: lexical {mrr_at_10(raw['lexical'], gold, test):.4f}, "
              f"model {mrr_at_10(x @ weights, gold, test):.4f}")


if __name__ == "__main__":
    main()
