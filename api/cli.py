"""The `nrw-assistant` command: index, serve, demo, ask (eval and bench are added by their modules)."""

from __future__ import annotations

import argparse
import json
import logging
import sys

from assistant.settings import Settings


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="nrw-assistant", description="NRW Innovation Assistant")
    sub = parser.add_subparsers(dest="command", required=True)

    from indexer.cli import add_index_arguments

    add_index_arguments(sub.add_parser("index", help="index the sources into a new generation"))

    for name, help_text in (("serve", "serve the API and widget"), ("demo", "index if needed, then serve")):
        p = sub.add_parser(name, help=help_text)
        p.add_argument("--host", default=None)
        p.add_argument("--port", type=int, default=None)

    ask = sub.add_parser("ask", help="ask one question, print the answer")
    ask.add_argument("question")
    ask.add_argument("--session", default=None)
    ask.add_argument("--locale", choices=["de", "en"], default=None)
    ask.add_argument("--json", action="store_true", help="print the /api/chat JSON reply")

    from assistant.evaluation.cli import add_eval_arguments

    add_eval_arguments(sub.add_parser("eval", help="score retrieval on a question set, print metrics"))

    from api.bench import add_bench_arguments

    add_bench_arguments(sub.add_parser("bench", help="run the benchmarks, print JSON"))

    from api.appdata.commands import add_app_data_commands

    add_app_data_commands(sub)
    return parser


def _index(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.components import build_pipeline
    from indexer.cli import run_index

    return run_index(args, build_pipeline(settings), str(settings.resolved_sources_file()))


def _serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    from api.app import create_app

    host = args.host or settings.host
    port = args.port or settings.port
    print(f"serving on http://{host}:{port}", flush=True)
    uvicorn.run(create_app(settings), host=host, port=port, log_level="info")
    return 0


def _demo(args: argparse.Namespace, settings: Settings) -> int:
    index_args = argparse.Namespace(sources=None, full=False, dry_run=False, source=None, rollback=False, json=False)
    status = _index(index_args, settings)
    if status != 0:
        print("warning: some documents failed to index; serving what was indexed", file=sys.stderr)
    return _serve(args, settings)


def _ask(args: argparse.Namespace, settings: Settings) -> int:
    from api.routers.chat import to_response
    from assistant.components import build_components

    components = build_components(settings)
    if components.served_index.get() is None:
        raise RuntimeError("no index yet: run `nrw-assistant index` first")
    reply = components.chat.chat(args.question, args.session, args.locale)
    if args.json:
        print(json.dumps(to_response(reply).model_dump(), ensure_ascii=False, indent=2))
    else:
        print(reply.answer.text)
    return 0


def _eval(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.evaluation.cli import run_eval

    return run_eval(args, settings)


def _bench(args: argparse.Namespace, settings: Settings) -> int:
    from api.bench import run_bench

    return run_bench(args, settings)


def _app_data(args: argparse.Namespace, settings: Settings) -> int:
    from api.appdata.commands import run_app_data_command

    return run_app_data_command(args, settings)


COMMANDS = {"index": _index, "serve": _serve, "demo": _demo, "ask": _ask, "bench": _bench, "eval": _eval,
            "db": _app_data, "handoffs": _app_data, "retention": _app_data}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    from pydantic import ValidationError

    from indexer.catalog import CatalogError
    from indexer.embeddings import EmbeddingModelError
    from indexer.source_registry import SourceRegistryError

    try:
        settings = Settings()
        return COMMANDS[args.command](args, settings)
    except (SourceRegistryError, CatalogError, EmbeddingModelError, LookupError, ValueError, RuntimeError,
            ValidationError, OSError) as exc:
        print(f"nrw-assistant: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("nrw-assistant: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
