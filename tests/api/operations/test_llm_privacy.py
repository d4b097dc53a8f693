"""No personal data reaches an LLM unless the deployment allows it: e-mail addresses, phone numbers and IBANs in a
chat message are masked before the LLM answerer builds its prompt; NRWA_LLM_PERSONAL_DATA=true sends them as
written. The masked message is the one the turn is understood from (still a question about the named programme).
The model is the only fake: a scripted OpenAI-compatible server on 127.0.0.1 that records its requests."""

from __future__ import annotations

import json

import httpx

from api.app import create_app
from assistant.components import build_components
from assistant.conversation.personal_data_masking import REMOVED
from tests.live_server import live_server

EMAIL, PHONE, IBAN = "erika.musterfrau@beispiel-gmbh.de", "0211 98765432", "DE89 3704 0044 0532 0130 00"
MESSAGE = f"Kann ich den KI-Zuschuss Test beantragen? Erreichbar unter {EMAIL} oder {PHONE}, Konto {IBAN}."


def _sent_to_model(indexed, fake_model, **overrides) -> str:
    model, llm_url = fake_model
    settings = indexed.settings.model_copy(update={"answerer": "llm", "llm_base_url": llm_url, **overrides})
    components = build_components(settings, embeddings=indexed.embeddings)
    with live_server(create_app(components=components)) as url:
        for accept in ("application/json", "text/event-stream"):
            reply = httpx.post(f"{url}/api/chat", json={"message": MESSAGE}, headers={"Accept": accept}, timeout=60)
            assert reply.status_code == 200, reply.text
    assert len(model.requests) == 2  # both turns asked the model
    return json.dumps(model.requests, ensure_ascii=False)


def test_contact_data_is_masked_before_the_llm(indexed, fake_model):
    sent = _sent_to_model(indexed, fake_model)
    assert "KI-Zuschuss Test" in sent  # the question itself does reach the model
    for personal in (EMAIL, PHONE, IBAN, "98765432", "erika.musterfrau"):
        assert personal not in sent
    assert sent.count(REMOVED) >= 6  # three details in each of the two turns


def test_a_deployment_may_allow_sending_them(indexed, fake_model):
    sent = _sent_to_model(indexed, fake_model, llm_personal_data=True)
    assert EMAIL in sent and PHONE in sent
