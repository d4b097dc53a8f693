"""The one Settings object. Built once (by the CLI or the app factory) and passed in; never read at import.

The settings are grouped into typed sections (SECTIONS). `Settings` inherits every section, so each knob is one flat
field with one name — `llm_model`, NRWA_LLM_MODEL — read from the environment, `.env` and keyword arguments as
before, and `settings.llm` gives the LLM section alone as a typed, read-only copy. The indexer's sections (paths,
calendar, embedding, index) are declared in `indexer/settings.py`; the assistant's and the service's here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal, TypeVar, cast

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from indexer.settings import (
    PROJECT_ROOT,
    CalendarSettings,
    EmbeddingSettings,
    IndexerSettings,
    IndexSettings,
    PathSettings,
    SettingsSection,
)

__all__ = [  # PROJECT_ROOT and the indexer's sections are declared in indexer/settings.py, importable here too
    "PROJECT_ROOT", "SECTIONS", "AppDataSettings", "CalendarSettings", "EmbeddingSettings", "HandoffSettings",
    "HttpSettings", "IndexSettings", "LlmSettings", "PathSettings", "RateLimitSettings", "RetrievalSettings",
    "SessionSettings", "Settings", "SettingsSection", "SmtpSettings",
]

_Section = TypeVar("_Section", bound=SettingsSection)


# --- the assistant ---------------------------------------------------------------------------------


class RetrievalSettings(SettingsSection):
    """How many passages a question fetches and hands on."""

    retrieval_k: int = Field(8, ge=1, le=50, description="Passages handed to the answerer.")
    candidate_k: int = Field(50, ge=5, le=500, description="Candidates fetched from each side before fusion.")
    min_answer_score: float = Field(
        0.25, ge=0.0, le=1.0, description="Below this normalised relevance the assistant says it has no sure answer."
    )


class LlmSettings(SettingsSection):
    """The answerer: extractive, or an OpenAI-compatible chat model."""

    answerer: Literal["extractive", "llm"] = Field("extractive", description="extractive needs no LLM.")
    llm_base_url: str | None = Field(None, description="OpenAI-compatible endpoint, e.g. http://127.0.0.1:11434/v1")
    llm_model: str = Field("gpt-4o-mini")
    llm_api_key: str = Field("not-needed")
    llm_timeout_seconds: float = Field(20.0, gt=0)
    llm_personal_data: bool = Field(
        False, description="Send e-mail addresses, phone numbers and IBANs in chat messages to the LLM as written. "
        "Off: they are masked before an LLM answerer sees the message (PRIVACY.md)."
    )


class SessionSettings(SettingsSection):
    """Conversations: how long and how many are kept, and where."""

    session_ttl_seconds: int = Field(3600, ge=60, description="Idle conversations are forgotten after this.")
    max_sessions: int = Field(10_000, ge=10, description="Upper bound of conversations held in memory.")
    state_store: Literal["auto", "memory", "database"] = Field(
        "auto", description="Where conversations and rate-limit counters live. memory = this process only; "
        "database = the app-data database, shared by every worker and replica; auto = database when "
        "database_url is set or workers > 1, else memory."
    )


# --- the service -----------------------------------------------------------------------------------


class HttpSettings(SettingsSection):
    """The HTTP server: address, processes, admin access, browser origins, proxies and load shedding."""

    host: str = Field("127.0.0.1")
    port: int = Field(8000, ge=1, le=65535)
    workers: int = Field(1, ge=1, le=64, description="API worker processes of `nrw-assistant serve`.")
    shutdown_grace_seconds: int = Field(
        30, ge=1, le=600, description="On SIGTERM, requests and streams in flight get this long to finish."
    )
    admin_token: str | None = Field(None, description="Bearer token for /api/admin/*; unset = admin disabled.")
    cors_origins: list[str] = Field(default_factory=list, description="Origins allowed to call the API.")
    widget_origins: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Partner id → origins whose pages may embed that partner's widget, as JSON, e.g. "
        '{"ihk-ostwestfalen": ["https://www.ostwestfalen.ihk.de"]}. Deny by default: browser requests to /api/* '
        "from any other origin get 403 (same-origin pages such as /advisor always work).",
    )
    trusted_proxies: list[str] = Field(
        default_factory=list, description="Proxy IPs whose X-Forwarded-For is believed (client IP for limits)."
    )
    # 8 on 2 cores: shedding early keeps answered p95 near 300 ms under overload (load bench); 32 let requests
    # queue for seconds before the limit saw them.
    max_concurrent_requests: int = Field(8, ge=1, description="Above this, requests are shed with 503.")


class RateLimitSettings(SettingsSection):
    """Abuse limits per client IP or session (429 with Retry-After beyond them)."""

    rate_limit_chat_per_minute: int = Field(20, ge=1, description="Chat turns per client IP and minute.")
    rate_limit_session_per_minute: int = Field(10, ge=1, description="Chat turns per session and minute.")
    rate_limit_search_per_minute: int = Field(60, ge=1, description="Searches per client IP and minute.")
    rate_limit_handoff_per_hour: int = Field(5, ge=1, description="Hand-offs per client IP and hour.")


class AppDataSettings(SettingsSection):
    """The app-data database (turn metadata, feedback, hand-offs, statistics) and how long it keeps things."""

    database_url: str | None = Field(
        None, description="SQLAlchemy URL of the app data; unset = SQLite file data_dir/app.db. "
        "PostgreSQL: postgresql+psycopg://user:password@host/db"
    )
    database_migrate_on_start: bool = Field(
        True, description="Run the Alembic migrations when the API starts (else `nrw-assistant db upgrade`)."
    )
    retention_days: int = Field(
        30, ge=1, le=3650, description="Personal data of hand-offs and feedback comments are deleted after this."
    )
    statistics_retention_days: int = Field(
        730, ge=1, le=3650, description="The anonymous daily counters of the usage statistics (questions per topic, "
        "Kreis, programme …; no question texts) are deleted after this. Unanswered questions go after retention_days."
    )


class HandoffSettings(SettingsSection):
    """Hand-off delivery to partners: channels, retries, webhooks."""

    handoff_channels_file: Path | None = Field(
        None, description="YAML: partner id → {channel: email, to: [...]} or {channel: webhook, url: ...}, "
        "plus `default`. Unset = hand-offs are refused (503). Deployment data: never in the corpus."
    )
    handoff_max_attempts: int = Field(8, ge=1, le=50, description="Delivery attempts before a hand-off fails.")
    handoff_retry_base_seconds: float = Field(
        60.0, gt=0, description="First retry delay; doubled after each failed attempt (capped at 6 hours)."
    )
    handoff_poll_seconds: float = Field(30.0, gt=0, description="How often the worker looks for due deliveries.")
    handoff_allow_private_webhooks: bool = Field(
        False, description="Allow webhook URLs on loopback/private addresses (tests, internal partner systems)."
    )
    handoff_webhook_secret: SecretStr | None = Field(
        None, description="Shared secret for the X-NRWA-Signature HMAC header (a channel may set its own)."
    )


class SmtpSettings(SettingsSection):
    """The SMTP server that sends hand-off e-mails."""

    smtp_host: str | None = Field(None, description="SMTP server for hand-off e-mails.")
    smtp_port: int = Field(587, ge=1, le=65535)
    smtp_from: str | None = Field(None, description="Sender address of hand-off e-mails.")
    smtp_user: str | None = Field(None)
    smtp_password: SecretStr | None = Field(None)
    smtp_starttls: bool = Field(True, description="Upgrade the SMTP connection with STARTTLS (required if set).")
    smtp_timeout_seconds: float = Field(20.0, gt=0)


# Section name (the attribute of Settings and the heading in .env.example) → its fields.
SECTIONS: dict[str, type[SettingsSection]] = {
    "paths": PathSettings,
    "calendar": CalendarSettings,
    "embedding": EmbeddingSettings,
    "index": IndexSettings,
    "retrieval": RetrievalSettings,
    "llm": LlmSettings,
    "sessions": SessionSettings,
    "http": HttpSettings,
    "rate_limits": RateLimitSettings,
    "app_data": AppDataSettings,
    "handoff": HandoffSettings,
    "smtp": SmtpSettings,
}


# The sections are listed last to first: pydantic collects the fields of the last base first, so the fields (and
# repr, model_dump, validation errors) come in SECTIONS order.
class Settings(
    BaseSettings, SmtpSettings, HandoffSettings, AppDataSettings, RateLimitSettings, HttpSettings, SessionSettings,
    LlmSettings, RetrievalSettings, IndexerSettings,
):
    """Every knob of the service. Environment variables use the prefix NRWA_ (e.g. NRWA_DATA_DIR).

    The fields are declared in the sections; the root keeps them flat, so NRWA_ names, `.env`, `Settings(x=…)` and
    `model_copy(update={"x": …})` work on the field names alone.
    """

    # frozen=False: the sections are frozen, the root stays as it always was.
    model_config = SettingsConfigDict(env_prefix="NRWA_", env_file=".env", extra="ignore", frozen=False)

    def _section(self, section: type[_Section]) -> _Section:
        # A fresh copy on every read: a section taken before model_copy(update=…) never goes stale unnoticed.
        return cast(_Section, section.model_construct(**{name: getattr(self, name) for name in section.model_fields}))

    @property
    def paths(self) -> PathSettings:
        return self._section(PathSettings)

    @property
    def calendar(self) -> CalendarSettings:
        return self._section(CalendarSettings)

    @property
    def embedding(self) -> EmbeddingSettings:
        return self._section(EmbeddingSettings)

    @property
    def index(self) -> IndexSettings:
        return self._section(IndexSettings)

    @property
    def retrieval(self) -> RetrievalSettings:
        return self._section(RetrievalSettings)

    @property
    def llm(self) -> LlmSettings:
        return self._section(LlmSettings)

    @property
    def sessions(self) -> SessionSettings:
        return self._section(SessionSettings)

    @property
    def http(self) -> HttpSettings:
        return self._section(HttpSettings)

    @property
    def rate_limits(self) -> RateLimitSettings:
        return self._section(RateLimitSettings)

    @property
    def app_data(self) -> AppDataSettings:
        return self._section(AppDataSettings)

    @property
    def handoff(self) -> HandoffSettings:
        return self._section(HandoffSettings)

    @property
    def smtp(self) -> SmtpSettings:
        return self._section(SmtpSettings)

    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'app.db'}"

    def shared_state(self) -> bool:
        """Whether conversations and rate limits must be shared between processes (see state_store)."""
        if self.state_store == "auto":
            return self.database_url is not None or self.workers > 1
        return self.state_store == "database"
