"""The log of `nrw-assistant serve`: one JSON object per line (the server's own lines too), one access line per
request with its request id and a truncated client address, and nothing a user typed — no chat text, no search
query, no contact data. A path crafted to forge a log line stays inside its JSON string."""

from __future__ import annotations

import json

import httpx
import pytest

from tests.api.operations.server_process import serve_process

SECRET_QUERY = "Geheimprojekt-Quasar"
CONTACT = "erika.musterfrau@beispiel-gmbh.de"


@pytest.mark.slow
def test_logs_are_json_lines_with_request_ids_and_no_personal_data(indexed, tmp_path):
    env = {"NRWA_DATA_DIR": str(indexed.settings.data_dir), "NRWA_CORPUS_DIR": str(indexed.settings.corpus_dir)}
    with serve_process(tmp_path, env) as server:
        chat = httpx.post(f"{server.url}/api/chat", headers={"X-Request-ID": "trace-0001-abcd"}, timeout=60,
                          json={"message": f"{SECRET_QUERY}: gibt es Förderung? Meine Adresse: {CONTACT}"})
        assert chat.status_code == 200 and chat.headers["x-request-id"] == "trace-0001-abcd"
        assert httpx.get(f"{server.url}/api/search", params={"q": SECRET_QUERY}).status_code == 200
        forged = '/x\n{"level": "CRITICAL", "msg": "forged"}'
        assert httpx.get(server.url + forged.replace("\n", "%0A")).status_code == 404
        server.terminate()
        server.wait(timeout=30)
        lines = server.log_lines()

    entries = [json.loads(line) for line in lines]  # every line is one JSON object
    assert all({"ts", "level", "logger", "msg"} <= set(e) for e in entries)
    access = [e for e in entries if e["logger"] == "nrwa.access"]
    by_path = {e["path"]: e for e in access}
    assert by_path["/api/chat"]["request_id"] == "trace-0001-abcd" and by_path["/api/chat"]["status"] == 200
    assert by_path["/api/search"]["status"] == 200 and len(by_path["/api/search"]["request_id"]) == 32
    assert by_path[forged.replace("%0A", "\n")]["status"] == 404  # the newline is data inside the JSON string
    assert not any(e["level"] == "CRITICAL" for e in entries)
    assert {e["client"] for e in access} == {"127.0.0.0"}  # truncated to the /24, never the full address
    assert not any(e["logger"] == "uvicorn.access" for e in entries)  # it would log full addresses and queries
    text = "\n".join(lines)
    assert SECRET_QUERY not in text and CONTACT not in text
