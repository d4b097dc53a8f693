"""/metrics on a real server: request counts and latency by route, retrieval, first-piece and answer times of chat
turns (JSON and streamed), the served index's age and size; /healthz and /readyz before and after an index exists."""

from __future__ import annotations

import httpx
from prometheus_client.parser import text_string_to_metric_families

from api.app import create_app
from assistant.components import build_components
from tests.api.handoff.problems import assert_problem
from tests.live_server import live_server


def _samples(url: str) -> dict[tuple[str, tuple], float]:
    text = httpx.get(f"{url}/metrics").text
    return {(s.name, tuple(sorted(s.labels.items()))): s.value
            for family in text_string_to_metric_families(text) for s in family.samples}


def test_chat_turns_are_timed_and_the_index_is_described(indexed):
    with live_server(create_app(components=indexed)) as url:
        assert httpx.post(f"{url}/api/chat", json={"message": "Gibt es einen Zuschuss für KI?"}).status_code == 200
        with httpx.stream("POST", f"{url}/api/chat", json={"message": "Forschungszulage"},
                          headers={"Accept": "text/event-stream"}) as stream:
            assert "event: final" in "".join(stream.iter_text())
        httpx.get(f"{url}/api/search", params={"q": "Zuschuss"})
        samples = _samples(url)

    assert samples[("nrwa_retrieval_seconds_count", ())] == 2
    assert samples[("nrwa_answer_seconds_count", ())] == 2
    assert samples[("nrwa_answer_first_delta_seconds_count", ())] == 1  # only the streamed turn has a first piece
    assert 0 < samples[("nrwa_retrieval_seconds_sum", ())] <= samples[("nrwa_answer_seconds_sum", ())]
    assert samples[("nrwa_http_requests_total", (("method", "POST"), ("route", "/api/chat"), ("status", "200")))] == 2
    assert samples[("nrwa_http_request_duration_seconds_count", (("route", "/api/search"),))] == 1
    assert samples[("nrwa_index_age_seconds", ())] > 0
    assert samples[("nrwa_index_chunks", ())] > 0
    assert samples[("nrwa_index_last_run_failures", ())] == 0


def test_raw_paths_do_not_become_metric_labels(indexed):
    with live_server(create_app(components=indexed)) as url:
        for n in range(5):
            httpx.get(f"{url}/api/unbekannt-{n}")
        labels = {dict(key[1]).get("route") for key in _samples(url) if key[0] == "nrwa_http_requests_total"}
    assert "unmatched" in labels and not any(str(label).startswith("/api/unbekannt") for label in labels)


def test_readiness_waits_for_an_index_while_liveness_does_not(tmp_path, test_corpus, settings_for, embeddings):
    settings = settings_for(test_corpus)  # nothing indexed yet
    with live_server(create_app(components=build_components(settings, embeddings=embeddings))) as url:
        assert httpx.get(f"{url}/healthz").json() == {"status": "ok"}
        not_ready = assert_problem(httpx.get(f"{url}/readyz"), 503)
        assert "nrw-assistant index" in not_ready["detail"]
        assert httpx.get(f"{url}/metrics").status_code == 200
