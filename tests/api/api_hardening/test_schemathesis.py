"""Schemathesis against the app's own OpenAPI schema on a real server: no 5xx, no schema violations.

Run twice: without credentials and with the admin token, so admin endpoints are exercised both ways.
"""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from api.app import create_app
from assistant.routing.routing_directory import load_routing_directory
from assistant.settings import PROJECT_ROOT
from tests.live_server import live_server

CHECKS = ",".join([
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_headers_conformance",
    "response_schema_conformance",
])
ADMIN_TOKEN = "schemathesis-admin-token-0123456789"
# Without a token, 401s from admin endpoints are the point of the run, not a finding: every other warning stays on.
WARNINGS_WITHOUT_AUTH = ",".join([
    "missing_test_data", "base_url_mismatch", "validation_mismatch", "missing_deserializer", "unused_openapi_auth",
    "unsupported_regex", "method_not_allowed", "unresolvable_reference", "rate_limited",
])


def _st() -> str:
    found = shutil.which("st", path=str(Path(sys.executable).parent))
    if found is None:
        pytest.fail("schemathesis is not installed (it is part of requirements.lock)")
    return found


@pytest.mark.slow
@pytest.mark.parametrize("with_token", [False, True], ids=["anonymous", "admin"])
def test_schemathesis_finds_no_server_errors_or_schema_violations(indexed, tmp_path, with_token):
    settings = indexed.settings.model_copy(update={
        "admin_token": ADMIN_TOKEN, "rate_limit_chat_per_minute": 100_000, "rate_limit_session_per_minute": 100_000,
        "rate_limit_search_per_minute": 100_000, "rate_limit_handoff_per_hour": 100_000,
    })
    # The bundled gazetteer and partner list, so /api/locations/resolve and /api/partners answer (503 without).
    components = dataclasses.replace(indexed, routing=load_routing_directory(PROJECT_ROOT / "corpus"))
    with live_server(create_app(settings=settings, components=components)) as url:
        command = [_st(), "run", f"{url}/openapi.json", "--checks", CHECKS, "--max-examples", "30", "--seed", "7",
                   "--request-timeout", "20", "--report-dir", str(tmp_path), "--no-color"]
        if with_token:
            command += ["--header", f"Authorization: Bearer {ADMIN_TOKEN}"]
        else:
            command += ["--warnings", WARNINGS_WITHOUT_AUTH]
        result = subprocess.run(command, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert "No issues found" in result.stdout, result.stdout[-4000:]
