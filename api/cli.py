"""The `nrw-assistant` command: index, serve, demo, ask (eval and bench are added by their modules)."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from typing import Any

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
        p.add_argument("--workers", type=int, default=None,
                       help="worker processes (default NRWA_WORKERS, 1); more than one keeps conversations and "
                       "rate limits in the app-data database")

    ask = sub.add_parser("ask", help="ask one question, print the answer")
    ask.add_argument("question")
    ask.add_argument("--session", default=None)
    ask.add_argument("--locale", choices=["de", "en"], default=None)
    ask.add_argument("--json", action="store_true", help="print the /api/chat JSON reply")

    from assistant.evaluation.cli import add_eval_arguments

    add_eval_arguments(sub.add_parser("eval", help="score retrieval on a question set, print metrics"))

    from api.bench import add_bench_arguments

    add_bench_arguments(sub.add_parser("bench", help="run the benchmarks, print JSON"))

    from api.app_data_commands import add_app_data_commands

    add_app_data_commands(sub)

    from indexer.corpus_check_command import add_corpus_arguments

    add_corpus_arguments(sub.add_parser("corpus", help="audit the corpus: `corpus check`"))

    from api.insights.report_command import add_report_arguments

    add_report_arguments(sub.add_parser("report", help="usage statistics and unanswered questions, as text or JSON"))
    return parser


def _index(args: argparse.Namespace, settings: Settings) -> int:
    from api.composition import build_index_pipeline
    from indexer.cli import run_index

    return run_index(args, build_index_pipeline(settings), str(settings.resolved_sources_file()))


def _serve(args: argparse.Namespace, settings: Settings) -> int:
    import os

    import uvicorn

    from api.app import create_served_app
    from api.request_logging import uvicorn_log_config

    host = args.host or settings.host
    port = args.port or settings.port
    workers = settings.workers if getattr(args, "workers", None) is None else args.workers
    if workers < 1:
        raise ValueError("--workers must be at least 1")
    _prepare_app_data(settings)
    print(f"serving on http://{host}:{port}" + (f" with {workers} workers" if workers > 1 else ""), flush=True)
    # JSON logs without full client addresses; on SIGTERM, streams in flight may finish within the grace period.
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")  # a model-loading progress bar would break the log
    # Client addresses come from NRWA_TRUSTED_PROXIES alone (api/client_address.py): uvicorn's own proxy handling
    # would believe any X-Forwarded-For sent from 127.0.0.1, which lets clients behind a local proxy dodge limits.
    options: dict[str, Any] = {"host": host, "port": port, "log_config": uvicorn_log_config(), "access_log": False,
               "timeout_graceful_shutdown": settings.shutdown_grace_seconds, "proxy_headers": False}
    if workers == 1:
        uvicorn.run(create_served_app(settings.model_copy(update={"database_migrate_on_start": False})), **options)
        return 0
    # uvicorn starts each worker as a fresh process that builds its app from the environment: tell them how many
    # they are (so state is shared); the app data was migrated once above rather than racing in every worker.
    os.environ["NRWA_WORKERS"] = str(workers)
    os.environ["NRWA_DATABASE_MIGRATE_ON_START"] = "false"
    uvicorn.run("api.app:create_served_app", factory=True, workers=workers, **options)
    return 0


def _prepare_app_data(settings: Settings) -> None:
    """Migrate (or at least read) the app data before uvicorn starts: a damaged or unreachable database ends
    `serve` with one line and exit status 3 (EXIT_APP_DATA), not a traceback from the server's startup."""
    from api.appdata.migrator import prepare_app_data

    prepare_app_data(settings)


def _demo(args: argparse.Namespace, settings: Settings) -> int:
    index_args = argparse.Namespace(sources=None, full=False, dry_run=False, source=None, rollback=False, json=False)
    status = _index(index_args, settings)
    if status != 0:
        print("warning: some documents failed to index; serving what was indexed", file=sys.stderr)
    return _serve(args, settings)


def _ask(args: argparse.Namespace, settings: Settings) -> int:
    from api.chat_response import chat_response
    from assistant.answering.source_list import source_list
    from assistant.components import build_components

    components = build_components(settings)
    if components.served_index.get() is None:
        raise RuntimeError("no index yet: run `nrw-assistant index` first")
    reply = components.chat.chat(args.question, args.session, args.locale)
    if args.json:
        print(json.dumps(chat_response(reply).model_dump(), ensure_ascii=False, indent=2))
    else:
        print(reply.answer.text)
        sources = source_list(reply.answer.citations, str(reply.slots.get("locale") or "de"))
        if sources:
            print(f"\n{sources}")
    return 0


def _eval(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.evaluation.cli import run_eval

    return run_eval(args, settings)


def _bench(args: argparse.Namespace, settings: Settings) -> int:
    from api.bench import run_bench

    return run_bench(args, settings)


def _report(args: argparse.Namespace, settings: Settings) -> int:
    from api.insights.report_command import run_report

    return run_report(args, settings)


def _corpus(args: argparse.Namespace, settings: Settings) -> int:
    from indexer.corpus_check_command import run_corpus_check

    return run_corpus_check(args, settings.corpus_dir, settings.resolved_sources_file(), settings.current_date(),
                            settings.ending_soon_days, settings.stale_after_months)


def _app_data(args: argparse.Namespace, settings: Settings) -> int:
    from api.app_data_commands import run_app_data_command

    return run_app_data_command(args, settings)


COMMANDS = {"index": _index, "serve": _serve, "demo": _demo, "ask": _ask, "bench": _bench, "eval": _eval,
            "db": _app_data, "handoffs": _app_data, "retention": _app_data, "report": _report,
            "corpus": _corpus}


EXIT_ERROR = 2  # a wrong command, setting or input, or a run that failed (one line on stderr)
# The server could not start: here, the app-data database is damaged, unreachable or cannot be migrated (one line on
# stderr); uvicorn ends with the same status when it cannot start otherwise (a port already taken).
EXIT_APP_DATA = 3


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("bm25s").setLevel(logging.WARNING)  # it logs every index build at DEBUG (bench, eval, demo)
    from pydantic import ValidationError
    from sqlalchemy.exc import SQLAlchemyError

    from api.appdata.engine import AppDataUnavailableError
    from indexer.catalog import CatalogError
    from indexer.embedding_model import EmbeddingModelError
    from indexer.source_registry import SourceRegistryError

    try:
        settings = Settings()
        return COMMANDS[args.command](args, settings)
    except AppDataUnavailableError as exc:
        print(f"nrw-assistant: error: {exc}", file=sys.stderr)
        return EXIT_APP_DATA
    except SQLAlchemyError as exc:  # an app-data command (db, handoffs, retention, report) on a broken database
        reason = (str(getattr(exc, "orig", None) or exc).strip().splitlines() or [exc.__class__.__name__])[0]
        print(f"nrw-assistant: error: the app-data database cannot be used ({reason})", file=sys.stderr)
        return EXIT_APP_DATA
    except (SourceRegistryError, CatalogError, EmbeddingModelError, LookupError, ValueError, RuntimeError,
            ValidationError, OSError) as exc:
        print(f"nrw-assistant: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("nrw-assistant: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
