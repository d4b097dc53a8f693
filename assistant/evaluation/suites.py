"""The two evaluation suites: a passage set with its questions (XQuAD-de, or any set in the same JSON lines),
and the golden SME questions over the bundled corpus. Each indexes into a temporary folder with the real
pipeline, then scores the requested retrieval modes on that one index."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.answering.program_mentions import ProgramMentions
from assistant.evaluation.metrics import best_of, summarise
from assistant.evaluation.question_sets import EvalQuestion, load_golden, load_passages, load_queries
from assistant.evaluation.runner import EvalReport, RetrievalEvaluation
from assistant.evaluation.temporary_index import bundled_sources, index_for_evaluation, write_markdown_corpus
from assistant.retrieval.hybrid_retriever import Mode
from assistant.retrieval.score_fusion import FusionWeights
from assistant.retrieval.served_index import ServedIndex
from assistant.settings import Settings
from indexer.catalog import load_programs
from indexer.embedding_model import EmbeddingModel
from indexer.generations import IndexGenerations
from indexer.german_analyzer import GermanAnalyzer

if TYPE_CHECKING:
    from datetime import date

    from assistant.components import AssistantComponents
    from assistant.evaluation.conversation_eval import ConversationReport


def golden_path(settings: Settings) -> Path:
    return settings.corpus_dir / "eval" / "golden.yaml"


@dataclass
class SuiteResult:
    reports: dict[str, EvalReport]
    index_seconds: float
    embedding_seconds: float
    extra: dict[str, float] = field(default_factory=dict)

    def summary(self, mode: str) -> dict:
        report = self.reports[mode]
        total = self.index_seconds + self.embedding_seconds + report.seconds
        return {**report.summary(), "seconds": round(total, 2), "index_seconds": round(self.index_seconds, 2),
                "query_embedding_seconds": round(self.embedding_seconds, 2)}

    def comparison(self) -> dict:
        """The three modes side by side (needs all three): their metrics, the per-question oracle of the lexical
        and the dense side, and the hybrid's MRR@10 margin over the better side (issue #3 asks at least 0.02)."""
        metrics = ("recall@1", "recall@5", "recall@10", "mrr@10", "ndcg@10")
        out: dict = {mode: {m: report.summary()[m] for m in metrics} for mode, report in self.reports.items()}
        oracle = summarise(best_of(self.reports["lexical"].outcomes, self.reports["dense"].outcomes))
        out["oracle_lexical_dense"] = {m: oracle[m] for m in metrics}
        better_side = max(out["lexical"]["mrr@10"], out["dense"]["mrr@10"])
        out["hybrid_margin_mrr@10"] = round(out["hybrid"]["mrr@10"] - better_side, 4)
        return out


def _run(settings: Settings, corpus_dir: Path, sources: list, questions: list[EvalQuestion],
         embedder: EmbeddingModel, modes: tuple[Mode, ...], k: int, weights: FusionWeights | None,
         data_dir: Path, built: bool = False,
         named_in: Callable[[str], Iterable[str]] | None = None) -> SuiteResult:
    """`built`: data_dir already holds an index of these sources (it is read, not built again). `named_in`: the
    programme names the served retriever knows."""
    analyzer = GermanAnalyzer()
    started = time.perf_counter()
    if built:
        served = ServedIndex(IndexGenerations(data_dir / "index"), analyzer.terms)
    else:
        served = index_for_evaluation(settings, corpus_dir, sources, data_dir, embedder, analyzer)
    index_seconds = time.perf_counter() - started
    evaluation = RetrievalEvaluation(served, embedder, analyzer.terms, questions, settings.candidate_k, weights,
                                     named_in)
    reports: dict[str, EvalReport] = {mode: evaluation.run(mode, k) for mode in modes}
    return SuiteResult(reports, index_seconds, evaluation.embedding_seconds)


def evaluate_passages(settings: Settings, passages: Path, queries: Path, embedder: EmbeddingModel,
                      modes: tuple[Mode, ...] = ("hybrid",), k: int = 10,
                      weights: FusionWeights | None = None) -> SuiteResult:
    documents = load_passages(passages)
    questions = load_queries(queries)
    with tempfile.TemporaryDirectory(prefix="nrwa-eval-") as tmp:
        corpus_dir = Path(tmp) / "corpus"
        sources = write_markdown_corpus(documents, corpus_dir)
        return _run(settings, corpus_dir, sources, questions, embedder, modes, k, weights, Path(tmp) / "data")


def evaluate_golden(settings: Settings, embedder: EmbeddingModel, modes: tuple[Mode, ...] = ("hybrid",),
                    k: int = 10, golden: Path | None = None, weights: FusionWeights | None = None,
                    data_dir: Path | None = None) -> SuiteResult:
    """The golden questions over the bundled corpus, indexed into a temporary folder (or read from `data_dir`, an
    index of it already built)."""
    questions = load_golden(golden or golden_path(settings))
    named_in = ProgramMentions(load_programs(settings.corpus_dir / "programs.yaml")).find  # as the chat's retriever
    if data_dir is not None:
        return _run(settings, settings.corpus_dir, bundled_sources(settings), questions, embedder, modes, k,
                    weights, data_dir, built=True, named_in=named_in)
    with tempfile.TemporaryDirectory(prefix="nrwa-eval-") as tmp:
        return _run(settings, settings.corpus_dir, bundled_sources(settings), questions, embedder, modes, k,
                    weights, Path(tmp) / "data", named_in=named_in)


def evaluate_conversations(settings: Settings, embedder: EmbeddingModel, cases: Path | None = None,
                           data_dir: Path | None = None) -> ConversationReport:
    """The conversation set (corpus/eval/conversations.yaml) through the chat use case over the bundled corpus,
    indexed into a temporary folder (or served from `data_dir`, an index of it already built); each case on its own
    `today`."""
    from assistant.components import build_components
    from assistant.evaluation.conversation_cases import load_cases
    from assistant.evaluation.conversation_eval import run_cases

    loaded = load_cases(cases or settings.corpus_dir / "eval" / "conversations.yaml")
    with tempfile.TemporaryDirectory(prefix="nrwa-eval-") as tmp:
        if data_dir is None:
            data_dir = Path(tmp) / "data"
            index_for_evaluation(settings, settings.corpus_dir, bundled_sources(settings), data_dir, embedder,
                                 GermanAnalyzer(), sentence_vectors=True)
        built: dict = {}

        def components(day: date) -> AssistantComponents:
            if day not in built:
                day_settings = settings.model_copy(update={
                    "data_dir": data_dir, "today": day, "database_url": f"sqlite:///{Path(tmp) / 'app.db'}"})
                built[day] = build_components(day_settings, embeddings=embedder)
            return built[day]

        return run_cases(loaded, lambda day: components(day).chat, lambda day: components(day).programs)
