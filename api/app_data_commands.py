"""`nrw-assistant db upgrade|current`, `nrw-assistant handoffs retry`, `nrw-assistant retention purge`.

For cron or a systemd timer as much as for people: each prints one JSON object, and exits 1 when something is
left undone (a hand-off still not delivered). Heavy imports wait until a command runs, so `nrw-assistant index`
does not pay for SQLAlchemy and Alembic.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from assistant.settings import Settings

if TYPE_CHECKING:
    from api.app_data_services import AppDataServices

APP_DATA_COMMANDS = ("db", "handoffs", "retention")


def add_app_data_commands(sub: argparse._SubParsersAction) -> None:
    db = sub.add_parser("db", help="app data database (feedback, hand-offs)")
    db.add_argument("action", choices=["upgrade", "current"], help="upgrade: run the migrations; current: show")
    handoffs = sub.add_parser("handoffs", help="hand-off deliveries")
    handoffs.add_argument("action", choices=["retry"], help="attempt every pending delivery now")
    handoffs.add_argument("--failed", action="store_true", help="also give failed deliveries fresh attempts")
    retention = sub.add_parser("retention", help="retention of personal data")
    retention.add_argument("action", choices=["purge"], help="delete personal data older than NRWA_RETENTION_DAYS")


def run_app_data_command(args: argparse.Namespace, settings: Settings) -> int:
    """Configuration and database errors become RuntimeError, which the CLI prints as one line (exit 2)."""
    from sqlalchemy.exc import SQLAlchemyError

    from api.app_data_services import build_app_data_services
    from api.handoff.channels import HandoffChannelsError
    from indexer.partner_catalogue import PartnerDataError

    try:
        services = build_app_data_services(settings)
    except (HandoffChannelsError, PartnerDataError) as exc:
        raise RuntimeError(str(exc)) from exc
    try:
        if args.command == "db":
            return _db(args, services)
        _require_current_schema(services)
        if args.command == "handoffs":
            return _retry(args, services)
        return _purge(services)
    except SQLAlchemyError as exc:
        raise RuntimeError(f"app data database: {exc.__class__.__name__}: {exc}") from exc
    finally:
        services.engine.dispose()


def _db(args: argparse.Namespace, services: AppDataServices) -> int:
    from api.appdata.engine import display_url
    from api.appdata.migrator import current_revision, head_revision, upgrade

    if args.action == "upgrade":
        upgrade(services.engine)
    _print({"database": display_url(services.engine), "revision": current_revision(services.engine),
            "head": head_revision()})
    return 0


def _retry(args: argparse.Namespace, services: AppDataServices) -> int:
    from api.appdata.clock import utc_now

    requeued = services.handoffs.requeue_failed(utc_now()) if args.failed else 0
    report = services.delivery.deliver_due(ignore_schedule=True, limit=10_000)
    _print({"requeued": requeued, **asdict(report)})
    return 0 if report.retrying == 0 and report.failed == 0 else 1


def _purge(services: AppDataServices) -> int:
    report = services.purge()
    _print({"cutoff": report.cutoff.isoformat(), "handoffs": report.handoffs, "feedback": report.feedback,
            "turns": report.turns, "questions": report.questions, "daily_counts": report.daily_counts})
    return 0


def _require_current_schema(services: AppDataServices) -> None:
    from api.appdata.migrator import current_revision, head_revision

    if current_revision(services.engine) != head_revision():
        raise RuntimeError("the app data schema is not current: run `nrw-assistant db upgrade` first")


def _print(data: dict[str, Any]) -> None:
    print(json.dumps(data, ensure_ascii=False))
