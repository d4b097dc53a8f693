"""The settings sections: every field in exactly one section, each section a faithful read-only view of the flat
fields however they were set (environment, `.env`, keyword arguments, model_copy), and .env.example documented under
one heading per section."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from assistant.settings import PROJECT_ROOT, SECTIONS, Settings
from indexer.settings import SettingsSection

# A value other than the default for every field, as it is written in the environment.
NOT_DEFAULT = {
    "data_dir": "/srv/nrwa/data",
    "corpus_dir": "/srv/nrwa/corpus",
    "sources_file": "/srv/nrwa/sources.yaml",
    "today": "2025-06-30",
    "ending_soon_days": "30",
    "stale_after_months": "6",
    "embedding_backend": "openai",
    "embedding_model": "e5-passage",
    "embedding_url": "http://10.0.0.5:8080/v1",
    "embedding_api_key": "embedding-key",
    "embedding_query_model": "e5-query",
    "embedding_query_prefix": "query: ",
    "embedding_passage_prefix": "passage: ",
    "embedding_batch_size": "16",
    "embedding_threads": "2",
    "server_torch_threads": "2",
    "crawler_user_agent": "TestBot/1.0 (test@example.org)",
    "index_keep_generations": "5",
    "test_stop_at": "embed:SIGTERM",
    "chroma_url": "http://127.0.0.1:8001",
    "collection_prefix": "t_prefix",
    "chunk_size": "600",
    "chunk_overlap": "60",
    "retrieval_k": "5",
    "candidate_k": "40",
    "min_answer_score": "0.4",
    "answerer": "llm",
    "llm_base_url": "http://127.0.0.1:11434/v1",
    "llm_model": "llama3.1",
    "llm_api_key": "llm-key",
    "llm_timeout_seconds": "7.5",
    "llm_personal_data": "true",
    "session_ttl_seconds": "600",
    "max_sessions": "50",
    "state_store": "database",
    "host": "0.0.0.0",
    "port": "8080",
    "workers": "2",
    "shutdown_grace_seconds": "10",
    "admin_token": "admin-token",
    "cors_origins": '["https://www.ihk.de"]',
    "widget_origins": '{"demo": ["http://localhost:8080"]}',
    "trusted_proxies": '["127.0.0.1"]',
    "max_concurrent_requests": "4",
    "rate_limit_chat_per_minute": "21",
    "rate_limit_session_per_minute": "11",
    "rate_limit_search_per_minute": "61",
    "rate_limit_handoff_per_hour": "6",
    "database_url": "postgresql+psycopg://user:password@127.0.0.1/nrwa",
    "database_migrate_on_start": "false",
    "retention_days": "14",
    "statistics_retention_days": "365",
    "handoff_channels_file": "/etc/nrwa/handoff_channels.yaml",
    "handoff_max_attempts": "3",
    "handoff_retry_base_seconds": "5",
    "handoff_poll_seconds": "2",
    "handoff_allow_private_webhooks": "true",
    "handoff_webhook_secret": "webhook-secret",
    "smtp_host": "smtp.example.org",
    "smtp_port": "25",
    "smtp_from": "assistent@example.org",
    "smtp_user": "assistent",
    "smtp_password": "smtp-password",
    "smtp_starttls": "false",
    "smtp_timeout_seconds": "3",
}


@pytest.fixture(autouse=True)
def no_nrwa_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only what a test sets: no NRWA_ variable of the surrounding shell (or of a server-store run)."""
    for name in list(os.environ):
        if name.upper().startswith("NRWA_"):
            monkeypatch.delenv(name)


def assert_sections_match_flat_fields(settings: Settings) -> None:
    for name, section in SECTIONS.items():
        view = getattr(settings, name)
        assert type(view) is section, name
        for field in section.model_fields:
            assert getattr(view, field) == getattr(settings, field), f"{name}.{field}"


def assert_not_defaults(settings: Settings) -> None:
    for field, info in Settings.model_fields.items():
        default = info.get_default(call_default_factory=True)
        assert getattr(settings, field) != default, f"{field} kept its default"


def test_every_field_is_in_exactly_one_section():
    names = [field for section in SECTIONS.values() for field in section.model_fields]
    assert len(names) == len(set(names)), "a field is declared in two sections"
    # the same order, too: the order of the bases of Settings is what makes it so
    assert names == list(Settings.model_fields)
    assert set(NOT_DEFAULT) == set(Settings.model_fields), "NOT_DEFAULT needs a value for every field"


def test_the_indexer_declares_its_own_sections():
    assert {name for name, section in SECTIONS.items() if section.__module__ == "indexer.settings"} == {
        "paths", "calendar", "embedding", "index"}
    assert all(issubclass(section, SettingsSection) for section in SECTIONS.values())
    assert all(isinstance(getattr(Settings, name), property) for name in SECTIONS)


def test_sections_from_the_environment(monkeypatch: pytest.MonkeyPatch):
    for field, value in NOT_DEFAULT.items():
        monkeypatch.setenv(f"NRWA_{field.upper()}", value)
    settings = Settings(_env_file=None)
    assert_not_defaults(settings)
    assert_sections_match_flat_fields(settings)
    assert settings.http.cors_origins == ["https://www.ihk.de"]
    assert settings.http.widget_origins == {"demo": ["http://localhost:8080"]}
    assert settings.paths.index_dir == Path("/srv/nrwa/data/index")
    assert settings.paths.resolved_sources_file() == Path("/srv/nrwa/sources.yaml")
    assert settings.calendar.current_date() == settings.current_date()


def test_sections_from_a_dotenv_file_and_the_environment_still_wins(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch):
    dotenv = tmp_path / ".env"
    dotenv.write_text("".join(f"NRWA_{field.upper()}='{value}'\n" for field, value in NOT_DEFAULT.items()),
                      encoding="utf-8")
    settings = Settings(_env_file=dotenv)
    assert_not_defaults(settings)
    assert_sections_match_flat_fields(settings)
    assert settings.embedding.embedding_query_prefix == "query: "

    monkeypatch.setenv("NRWA_LLM_MODEL", "from-the-environment")
    assert Settings(_env_file=dotenv).llm.llm_model == "from-the-environment"


def test_sections_from_keyword_arguments_and_after_model_copy(monkeypatch: pytest.MonkeyPatch):
    for field, value in NOT_DEFAULT.items():
        monkeypatch.setenv(f"NRWA_{field.upper()}", value)
    values = {field: getattr(Settings(_env_file=None), field) for field in Settings.model_fields}
    for field in NOT_DEFAULT:
        monkeypatch.delenv(f"NRWA_{field.upper()}")

    from_keywords = Settings(_env_file=None, **values)
    assert_not_defaults(from_keywords)
    assert_sections_match_flat_fields(from_keywords)

    defaults = Settings(_env_file=None)
    llm_before = defaults.llm
    copied = defaults.model_copy(update=values)
    assert_not_defaults(copied)
    assert_sections_match_flat_fields(copied)
    # a section is a copy taken when it is read: the original and what was read before stay as they were
    assert defaults.llm == llm_before and llm_before.llm_model == "gpt-4o-mini"


def test_a_section_is_read_only():
    settings = Settings(_env_file=None)
    with pytest.raises(ValidationError):
        settings.llm.llm_model = "changed"
    assert settings.llm.llm_model == "gpt-4o-mini"
    settings.llm_model = "still-assignable-on-the-root"  # as before the sections
    assert settings.llm.llm_model == "still-assignable-on-the-root"


def test_env_example_has_one_heading_per_section_in_order_and_each_line_under_its_section():
    example = (PROJECT_ROOT / ".env.example").read_text(encoding="utf-8")
    headings = re.findall(r"^# \[(\w+)\] -+$", example, re.M)
    assert headings == list(SECTIONS)
    section = None
    documented = set()
    for line in example.splitlines():
        if heading := re.fullmatch(r"# \[(\w+)\] -+", line):
            section = heading.group(1)
        elif setting := re.match(r"# NRWA_([A-Z_0-9]+)=", line):
            assert section is not None, line
            assert setting.group(1).lower() in SECTIONS[section].model_fields, f"{line} is not under [{section}]"
            documented.add(setting.group(1).lower())
    # every section documents at least one of its settings
    assert all(set(section.model_fields) & documented for section in SECTIONS.values())
