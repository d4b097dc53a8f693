"""Admin endpoints need the bearer token: 401 (with WWW-Authenticate) without it or with a wrong one, 404 when the
deployment configured no token at all."""

from __future__ import annotations

import httpx
import pytest

from tests.api.handoff.app_under_test import ADMIN_TOKEN, running_app
from tests.api.handoff.problems import assert_problem

pytestmark = pytest.mark.both_stores

ADMIN_CALLS = [("GET", "/api/admin/handoffs"), ("GET", "/api/admin/feedback"),
               ("DELETE", "/api/admin/sessions/session-0001-abcdef")]


def test_without_or_with_a_wrong_token_admin_answers_401(indexed, tmp_path):
    wrong_headers = [
        {},
        {"Authorization": "Bearer wrong-token"},
        {"Authorization": f"Bearer {ADMIN_TOKEN}x"},
        {"Authorization": f"Bearer {ADMIN_TOKEN[:-1]}"},
        {"Authorization": f"Basic {ADMIN_TOKEN}"},
        {"Authorization": ADMIN_TOKEN},
        {"Authorization": "Bearer"},
        {"Authorization": "Bearer t\u00f6ken".encode("latin-1")},  # not ASCII: still a clean 401, never a 500
    ]
    with running_app(indexed, tmp_path, channels=None) as server:
        for method, path in ADMIN_CALLS:
            for headers in wrong_headers:
                response = httpx.request(method, f"{server.url}{path}", headers=headers)
                assert_problem(response, 401)
                assert response.headers["www-authenticate"].startswith("Bearer")
            ok = httpx.request(method, f"{server.url}{path}", headers=server.admin_headers)
            assert ok.status_code == 200, ok.text
        # Authentication comes before validation: a bad parameter without a token is still a 401.
        assert_problem(httpx.get(f"{server.url}/api/admin/handoffs", params={"limit": "viele"}), 401)
        assert_problem(httpx.get(f"{server.url}/api/admin/handoffs", params={"limit": "viele"},
                                 headers=server.admin_headers), 422)


def test_without_a_configured_token_admin_does_not_exist(indexed, tmp_path):
    with running_app(indexed, tmp_path, channels=None, admin_token=None) as server:
        unknown_route = httpx.get(f"{server.url}/api/admin/nothing-here")
        for method, path in ADMIN_CALLS:
            for headers in ({}, {"Authorization": f"Bearer {ADMIN_TOKEN}"}, {"Authorization": "Bearer"}):
                response = httpx.request(method, f"{server.url}{path}", headers=headers)
                body = assert_problem(response, 404)
                assert "www-authenticate" not in response.headers
                assert body == unknown_route.json()  # indistinguishable from a route that does not exist
