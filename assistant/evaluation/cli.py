"""`nrw-assistant eval retrieval|golden`: score retrieval on a passage set or on the golden SME questions.

    nrw-assistant eval retrieval --passages P.jsonl --queries Q.jsonl [--mode hybrid|dense|lexical] [--k 10] --json
    nrw-assistant eval golden [--mode ...] [--json] [--misses FILE] [--compare]
    nrw-assistant eval conversations [--cases FILE] [--json] [--failures FILE]

Prints one JSON object (n, recall@1/5/10, mrr@10, ndcg@10, mode, seconds) with --json, else a short line.
--compare scores all three modes on the one index and adds them under "compare", with the per-question oracle of
the lexical and the dense side and the hybrid's margin over the better side.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from assistant.retrieval.hybrid_retriever import MODES
from assistant.settings import Settings


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--mode", choices=MODES, default="hybrid", help="retrieval mode to score")
    parser.add_argument("--k", type=int, default=10, help="results retrieved per question (metrics use ≤ 10)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--misses", metavar="FILE",
                        help="write every question whose answer is not ranked first as JSON lines")
    parser.add_argument("--compare", action="store_true",
                        help="also score the other modes on the same index, with their oracle and the hybrid margin")


def add_eval_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="eval_command", required=True)
    retrieval = sub.add_parser("retrieval", help="index passages into a temporary store and score questions")
    retrieval.add_argument("--passages", required=True, help='JSON lines {"passage_id","title","text"}')
    retrieval.add_argument("--queries", required=True, help='JSON lines {"id","question","passage_id"}')
    _common(retrieval)
    golden = sub.add_parser("golden", help="the golden SME questions over the bundled corpus")
    golden.add_argument("--golden", help="question file (default: corpus/eval/golden.yaml)")
    _common(golden)
    talk = sub.add_parser("conversations", help="realistic conversations through the chat, every expectation checked")
    talk.add_argument("--cases", help="case file (default: corpus/eval/conversations.yaml)")
    talk.add_argument("--json", action="store_true", help="print one JSON object")
    talk.add_argument("--failures", metavar="FILE", help="write every failed turn as JSON lines")


def run_eval(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.evaluation.suites import evaluate_golden, evaluate_passages
    from indexer.embedding_choice import build_embeddings

    if args.eval_command == "conversations":
        return _run_conversations(args, settings)
    if args.k < 1:
        raise ValueError("--k must be at least 1")
    embedder = build_embeddings(settings)
    modes = MODES if args.compare else (args.mode,)
    if args.eval_command == "retrieval":
        result = evaluate_passages(settings, Path(args.passages), Path(args.queries), embedder, modes, args.k)
    else:
        result = evaluate_golden(settings, embedder, modes, args.k, Path(args.golden) if args.golden else None)
    summary: dict[str, Any] = {**result.summary(args.mode), "k": args.k}
    if args.compare:
        summary["compare"] = result.comparison()
    if args.misses:
        misses = result.reports[args.mode].misses()
        with open(args.misses, "w", encoding="utf-8") as handle:
            for miss in misses:
                handle.write(json.dumps(miss, ensure_ascii=False) + "\n")
        summary["misses"] = len(misses)
        summary["misses_file"] = args.misses
    if args.json:
        print(json.dumps(summary, ensure_ascii=False))
    else:
        print(f"{args.eval_command} {args.mode}: n={summary['n']} R@1={summary['recall@1']} R@5={summary['recall@5']} "
              f"R@10={summary['recall@10']} MRR@10={summary['mrr@10']} nDCG@10={summary['ndcg@10']} "
              f"({summary['seconds']} s)", file=sys.stdout)
        if args.compare:
            print(json.dumps(summary["compare"], ensure_ascii=False))
    return 0


def _run_conversations(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.evaluation.suites import evaluate_conversations
    from indexer.embedding_choice import build_embeddings

    report = evaluate_conversations(settings, build_embeddings(settings), Path(args.cases) if args.cases else None)
    summary = report.summary()
    if args.failures:
        with open(args.failures, "w", encoding="utf-8") as handle:
            for failure in report.failures():
                handle.write(json.dumps(failure, ensure_ascii=False) + "\n")
        summary["failures_file"] = args.failures
    if args.json:
        print(json.dumps(summary, ensure_ascii=False))
    else:
        print(f"conversations: {summary['cases']} cases, {summary['turns']} turns, "
              f"{summary['turns_passed']:.0%} of turns meet every expectation; expected programme in the first three: "
              f"{summary['top3_share']}; direct answer addresses the question: {summary['direct_answer_share']}")
        print(json.dumps(summary["checks"], ensure_ascii=False))
    return 0
