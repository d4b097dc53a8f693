"""The scripted OpenAI-compatible model of the conversation tests, for the acceptance tests."""

from __future__ import annotations

from tests.assistant.conversation.conftest import fake_model  # noqa: F401  (a fixture, used by name)
