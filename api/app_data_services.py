"""Everything the feedback, hand-off and admin endpoints (and their CLI commands) need, built from Settings.

Building touches no database and sends nothing: the engine connects lazily, migrations and the background worker
start in the app's lifespan (api.app_lifespan) or in the CLI command that needs them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine

from api.appdata.clock import utc_now
from api.appdata.engine import engine_from_settings
from api.appdata.feedback_store import FeedbackStore
from api.appdata.handoff_store import HandoffStore
from api.appdata.retention import PurgeReport, purge_expired_personal_data
from api.appdata.session_erasure import ErasureReport, erase_session
from api.appdata.turn_log import TurnLog
from api.handoff.background_worker import BackgroundWorker
from api.handoff.channels import HandoffChannels, HandoffChannelsError, load_handoff_channels
from api.handoff.handoff_delivery import HandoffDelivery
from api.handoff.handoff_service import HandoffService
from api.handoff.retry_schedule import RetrySchedule
from api.handoff.smtp_sender import SmtpSender
from api.handoff.webhook_sender import WebhookSender
from api.insights.insights_service import Insights, build_insights
from api.insights.question_recorder import QuestionRecorder
from api.insights.recent_questions import RecentQuestions
from assistant.settings import Settings
from indexer.corpus_catalogues import CorpusCatalogues, load_corpus_catalogues


@dataclass
class AppDataServices:
    settings: Settings
    engine: Engine
    turns: TurnLog
    feedback: FeedbackStore
    handoffs: HandoffStore
    channels: HandoffChannels | None
    delivery: HandoffDelivery
    handoff_service: HandoffService
    worker: BackgroundWorker
    questions: QuestionRecorder
    insights: Insights

    def purge(self, now: datetime | None = None) -> PurgeReport:
        return purge_expired_personal_data(self.engine, self.settings.retention_days, now or utc_now(),
                                           self.settings.statistics_retention_days)

    def erase_session(self, session_id: str) -> ErasureReport:
        self.questions.forget_session(session_id)
        return erase_session(self.engine, session_id)


def build_app_data_services(settings: Settings,
                            on_delivery_attempt: Callable[[str, str], None] | None = None,
                            catalogues: CorpusCatalogues | None = None) -> AppDataServices:
    """`catalogues`: the corpus catalogues the app loaded once (default: read from settings.corpus_dir)."""
    catalogues = catalogues or load_corpus_catalogues(settings.corpus_dir)
    engine = engine_from_settings(settings)
    handoffs = HandoffStore(engine)
    channels = _channels(settings)
    delivery = HandoffDelivery(
        store=handoffs,
        channels=channels,
        smtp=_smtp(settings),
        webhooks=WebhookSender(allow_private=settings.handoff_allow_private_webhooks),
        schedule=RetrySchedule(settings.handoff_max_attempts, settings.handoff_retry_base_seconds),
        retention_days=settings.retention_days,
        default_webhook_secret=(settings.handoff_webhook_secret.get_secret_value()
                                if settings.handoff_webhook_secret else None),
        on_attempt=on_delivery_attempt,
    )

    def purge() -> PurgeReport:
        return purge_expired_personal_data(engine, settings.retention_days, utc_now(),
                                           settings.statistics_retention_days)

    worker = BackgroundWorker(delivery, purge, settings.handoff_poll_seconds)
    # Lenient on purpose: an entry with an id and a name accepts hand-offs, whatever routing thinks of it.
    partners = catalogues.partners.names() if catalogues.partners is not None else {}
    return AppDataServices(
        settings=settings, engine=engine, turns=TurnLog(engine), feedback=FeedbackStore(engine), handoffs=handoffs,
        channels=channels, delivery=delivery,
        handoff_service=HandoffService(handoffs, partners, channels, worker.wake), worker=worker,
        questions=QuestionRecorder(engine, settings.min_answer_score,
                                   RecentQuestions(settings.session_ttl_seconds, settings.max_sessions)),
        insights=build_insights(settings, engine, catalogues),
    )


def _channels(settings: Settings) -> HandoffChannels | None:
    if settings.handoff_channels_file is None:
        return None
    channels = load_handoff_channels(settings.handoff_channels_file, settings.handoff_allow_private_webhooks)
    if channels.uses_email and not (settings.smtp_host and settings.smtp_from):
        raise HandoffChannelsError(f"{settings.handoff_channels_file}: e-mail channels need NRWA_SMTP_HOST and "
                                   "NRWA_SMTP_FROM")
    return channels


def _smtp(settings: Settings) -> SmtpSender | None:
    if not (settings.smtp_host and settings.smtp_from):
        return None
    return SmtpSender(
        host=settings.smtp_host, port=settings.smtp_port, sender=settings.smtp_from, user=settings.smtp_user,
        password=settings.smtp_password.get_secret_value() if settings.smtp_password else None,
        starttls=settings.smtp_starttls, timeout_seconds=settings.smtp_timeout_seconds,
    )
