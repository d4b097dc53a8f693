"""How the dense side's weight in score fusion was chosen, reproducibly, with held-out discipline.

    .venv/bin/python scripts/fusion_study.py [--weights 0.5,1,1.25,1.5,2] [--heldout]

Runs the real pipeline (parsing, chunking, the configured embeddings, Chroma, the German lexical index) once per
question set and scores hybrid retrieval at each dense weight, plus the lexical and the dense side alone:
- XQuAD-de (../shared/data), split by article: tune on the even articles, check on the odd ones;
- the golden SME set (corpus/eval/golden.yaml), the second tuning set;
- with --heldout, corpus/eval/golden_heldout.yaml at the chosen default weight only: reported, never tuned on.
Prints one JSON object. Takes a few minutes (embedding the passages).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from assistant.answering.program_mentions import ProgramMentions
from assistant.evaluation.metrics import summarise
from assistant.evaluation.question_sets import load_golden, load_passages, load_queries
from assistant.evaluation.runner import RetrievalEvaluation
from assistant.evaluation.suites import golden_path
from assistant.evaluation.temporary_index import bundled_sources, index_for_evaluation, write_markdown_corpus
from assistant.retrieval.score_fusion import FusionWeights
from assistant.settings import PROJECT_ROOT, Settings
from indexer.catalog import load_programs
from indexer.embedding_choice import build_embeddings
from indexer.german_analyzer import GermanAnalyzer

SHARED = PROJECT_ROOT.parent / "shared" / "data"


def _scores(evaluation: RetrievalEvaluation, weights: list[float], split=None) -> dict:
    def metrics(outcomes) -> dict:
        chosen = [o for o in outcomes if split is None or split(o.query_id)]
        summary = summarise(chosen)
        return {"mrr@10": summary["mrr@10"], "recall@5": summary["recall@5"], "n": summary["n"]}

    out = {mode: metrics(evaluation.run(mode).outcomes) for mode in ("lexical", "dense")}
    for weight in weights:
        evaluation.retriever.weights = FusionWeights(dense=weight)
        out[f"hybrid@{weight}"] = metrics(evaluation.run("hybrid").outcomes)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--weights", default="0.5,1,1.25,1.5,2")
    parser.add_argument("--heldout", action="store_true", help="also report golden_heldout at the default weight")
    args = parser.parse_args()
    weights = [float(w) for w in args.weights.split(",")]
    settings = Settings(_env_file=None)
    embedder = build_embeddings(settings)
    analyzer = GermanAnalyzer()
    report: dict = {"embedding_model": embedder.name, "default_weight": FusionWeights().dense}
    with tempfile.TemporaryDirectory(prefix="nrwa-fusion-") as tmp:
        root = Path(tmp)
        queries = load_queries(SHARED / "xquad_de_questions.jsonl")
        sources = write_markdown_corpus(load_passages(SHARED / "xquad_de_passages.jsonl"), root / "xquad")
        served = index_for_evaluation(settings, root / "xquad", sources, root / "xquad-data", embedder, analyzer)
        evaluation = RetrievalEvaluation(served, embedder, analyzer.terms, queries, settings.candidate_k)
        passage_of = {q.id: q.relevant[0] for q in queries}
        for name, parity in (("xquad_even_articles", 0), ("xquad_odd_articles", 1)):
            report[name] = _scores(evaluation, weights,
                                   lambda qid, p=parity: int(passage_of[qid].split("-")[2]) % 2 == p)
        report["xquad_all"] = _scores(evaluation, weights)

        served = index_for_evaluation(settings, settings.corpus_dir, bundled_sources(settings), root / "golden-data",
                                      embedder, analyzer)
        named_in = ProgramMentions(load_programs(settings.corpus_dir / "programs.yaml")).find  # as served
        golden = RetrievalEvaluation(served, embedder, analyzer.terms, load_golden(golden_path(settings)),
                                     settings.candidate_k, named_in=named_in)
        report["golden"] = _scores(golden, weights)
        if args.heldout:
            heldout = RetrievalEvaluation(served, embedder, analyzer.terms,
                                          load_golden(settings.corpus_dir / "eval" / "golden_heldout.yaml"),
                                          settings.candidate_k, named_in=named_in)
            report["golden_heldout"] = _scores(heldout, [FusionWeights().dense])
    json.dump(report, sys.stdout, ensure_ascii=False, indent=1)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
