"""Issue 18's acceptance: `nrw-assistant ask` and `POST /api/chat` give an LLM the same prompt, with the contact
details of the message masked (PRIVACY.md) — the masking belongs to the chat turn, not to one entry point.

The model is the only fake: a scripted OpenAI-compatible server on 127.0.0.1 that records its requests. The API runs
as a real HTTP server on 127.0.0.1, the command in-process with its settings from the environment, as a user sets them.
"""

from __future__ import annotations

import json
import os
import re
from typing import Any

import httpx

from api.app import create_app
from api.cli import main
from assistant.components import build_components
from assistant.conversation.personal_data_masking import REMOVED
from tests.live_server import live_server

EMAIL, PHONE, IBAN = "erika.musterfrau@beispiel-gmbh.de", "0211 98765432", "DE89 3704 0044 0532 0130 00"
MESSAGE = f"Kann ich den KI-Zuschuss Test beantragen? Erreichbar unter {EMAIL} oder {PHONE}, Konto {IBAN}."
_NONCE = re.compile(r"<<<SOURCES ([0-9a-f]+)>>>")


def _without_nonce(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The messages with the prompt's random source boundary (a fresh nonce per prompt, assistant/llm/prompt.py)
    replaced by a fixed word: everything else must be the same."""
    found = _NONCE.search(json.dumps(messages, ensure_ascii=False))
    assert found, "the prompt has no source boundary"
    return [{**m, "content": str(m["content"]).replace(found.group(1), "NONCE")} for m in messages]


def test_ask_and_the_api_send_the_same_masked_prompt(indexed, fake_model, tmp_path, monkeypatch, capsys):
    model, llm_url = fake_model
    settings = indexed.settings.model_copy(update={"answerer": "llm", "llm_base_url": llm_url})
    with live_server(create_app(components=build_components(settings, embeddings=indexed.embeddings))) as url:
        reply = httpx.post(f"{url}/api/chat", json={"message": MESSAGE}, timeout=60)
        assert reply.status_code == 200, reply.text
    assert len(model.requests) == 1

    # The same deployment as the command line sees it: the environment, and no .env file in the working folder.
    for name in [n for n in os.environ if n.startswith("NRWA_")]:
        monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NRWA_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("NRWA_CORPUS_DIR", str(settings.corpus_dir))
    monkeypatch.setenv("NRWA_ANSWERER", "llm")
    monkeypatch.setenv("NRWA_LLM_BASE_URL", llm_url)
    assert main(["ask", MESSAGE, "--json"]) == 0, capsys.readouterr().err
    assert json.loads(capsys.readouterr().out)["answer"]
    assert len(model.requests) == 2

    from_api, from_cli = (_without_nonce(request["messages"]) for request in model.requests)
    assert from_cli == from_api
    for messages in (from_api, from_cli):
        sent = json.dumps(messages, ensure_ascii=False)
        for personal in (EMAIL, PHONE, IBAN, "98765432", "erika.musterfrau"):
            assert personal not in sent
        assert REMOVED in sent
        assert "KI-Zuschuss Test" in sent  # the question itself does reach the model

