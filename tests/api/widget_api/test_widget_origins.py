"""Only websites allowed for a partner may use the API from a browser (deny by default, api/widget_origins.py)."""

from __future__ import annotations

import httpx
import pytest

from api.widget_origins import OriginConfigError, WidgetOriginPolicy, normalize_origin
from assistant.settings import Settings
from tests.api.widget_api.conftest import EVERY_PARTNER_ORIGIN

PARTNER_SITE = "https://www.ihk-teststadt.example"
OTHER_PARTNER_SITE = "https://hwk-teststadt.example"
STRANGER = "https://copycat.example"


def feedback(api_url: str, origin: str | None, partner: str | None = None, **extra: str) -> httpx.Response:
    """A request that passes the origin check only if allowed; then the app answers 404 (unknown message id)."""
    headers = {"Origin": origin} if origin else {}
    if partner:
        headers["X-NRWA-Partner"] = partner
    return httpx.post(f"{api_url}/api/feedback", json={"message_id": "unknown-message-id", "rating": "up", **extra},
                      headers=headers)


def assert_refused(response: httpx.Response, readable: bool) -> None:
    assert response.status_code == 403, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["title"] == "Nicht erlaubt"
    assert ("access-control-allow-origin" in response.headers) is readable


def test_the_partners_own_site_is_answered_with_cors_headers(api_url):
    r = feedback(api_url, PARTNER_SITE, "ihk-teststadt")
    assert r.status_code == 404  # passed the origin check; the app itself answered
    assert r.headers["access-control-allow-origin"] == PARTNER_SITE
    assert "Origin" in r.headers["vary"]
    programs = httpx.get(f"{api_url}/api/programs", params={"partner": "ihk-teststadt"},
                         headers={"Origin": "http://localhost:8080"})  # configured with a trailing slash
    assert programs.status_code == 200 and programs.headers["access-control-allow-origin"] == "http://localhost:8080"


def test_unknown_sites_are_refused_and_cannot_read_the_refusal(api_url):
    assert_refused(feedback(api_url, STRANGER, "ihk-teststadt"), readable=False)
    assert_refused(feedback(api_url, "null", "ihk-teststadt"), readable=False)  # sandboxed frames, file://
    assert_refused(feedback(api_url, PARTNER_SITE + ".copycat.example", "ihk-teststadt"), readable=False)
    assert_refused(feedback(api_url, "http://www.ihk-teststadt.example", "ihk-teststadt"), readable=False)  # http


def test_a_site_is_allowed_only_for_its_own_partner(api_url):
    assert_refused(feedback(api_url, OTHER_PARTNER_SITE, "ihk-teststadt"), readable=True)
    assert_refused(feedback(api_url, PARTNER_SITE), readable=True)  # names no partner
    assert feedback(api_url, OTHER_PARTNER_SITE, "hwk-teststadt").status_code == 404
    assert feedback(api_url, EVERY_PARTNER_ORIGIN, "hwk-teststadt").status_code == 404  # NRWA_CORS_ORIGINS
    assert feedback(api_url, EVERY_PARTNER_ORIGIN).status_code == 404


def test_the_partner_may_be_named_in_the_chat_body_but_not_twice_differently(api_url):
    chat = f"{api_url}/api/chat"
    body = {"message": "", "partner": "ihk-teststadt"}  # empty message: 422 from the app if the check passes
    assert httpx.post(chat, json=body, headers={"Origin": PARTNER_SITE}).status_code == 422
    assert_refused(httpx.post(chat, json=body, headers={"Origin": OTHER_PARTNER_SITE}), readable=True)
    mixed = httpx.post(chat, json=body, headers={"Origin": PARTNER_SITE, "X-NRWA-Partner": "hwk-teststadt"})
    assert_refused(mixed, readable=True)


def test_preflight_is_answered_for_allowed_sites_only(api_url):
    def preflight(origin: str, method: str = "POST", headers: str = "content-type,x-nrwa-partner") -> httpx.Response:
        return httpx.options(f"{api_url}/api/chat", headers={
            "Origin": origin, "Access-Control-Request-Method": method, "Access-Control-Request-Headers": headers})

    ok = preflight(PARTNER_SITE)
    assert ok.status_code == 204
    assert ok.headers["access-control-allow-origin"] == PARTNER_SITE
    assert "X-NRWA-Partner" in ok.headers["access-control-allow-headers"]
    assert set(ok.headers["access-control-allow-methods"].split(", ")) == {"GET", "POST"}
    assert "access-control-allow-credentials" not in ok.headers
    assert_refused(preflight(STRANGER), readable=False)
    assert_refused(preflight(PARTNER_SITE, method="DELETE"), readable=False)
    assert_refused(preflight(PARTNER_SITE, headers="authorization"), readable=False)


def test_same_origin_pages_and_non_browser_clients_pass(api_url):
    same = feedback(api_url, api_url)  # the demo page and /advisor are served by the API itself
    assert same.status_code == 404 and "access-control-allow-origin" not in same.headers
    assert feedback(api_url, None).status_code == 404  # curl, servers: no Origin header
    page = httpx.get(f"{api_url}/widget.js", headers={"Origin": STRANGER})
    assert page.status_code == 200  # the script itself may be loaded by any page; only /api/* is guarded


def test_the_admin_api_is_never_cross_origin(api_url):
    r = httpx.get(f"{api_url}/api/admin/feedback", headers={"Origin": PARTNER_SITE, "X-NRWA-Partner": "ihk-teststadt",
                                                          "Authorization": "Bearer whatever"})
    assert_refused(r, readable=True)


def test_origins_are_normalised_and_bad_configuration_fails_at_start():
    assert normalize_origin("HTTPS://Example.ORG:443/") == "https://example.org"
    assert normalize_origin("http://127.0.0.1:8080") == "http://127.0.0.1:8080"
    for bad in ("example.org", "ftp://example.org", "https://example.org/path", "https://user@example.org", "null"):
        assert normalize_origin(bad) is None
    with pytest.raises(OriginConfigError, match="ihk-x"):
        WidgetOriginPolicy({"ihk-x": ["www.ihk-x.de"]})


def test_the_setting_reads_json_from_the_environment(monkeypatch):
    monkeypatch.setenv("NRWA_WIDGET_ORIGINS", '{"ihk-bielefeld": ["https://www.ostwestfalen.ihk.de"]}')
    assert Settings(_env_file=None).widget_origins == {"ihk-bielefeld": ["https://www.ostwestfalen.ihk.de"]}
    monkeypatch.delenv("NRWA_WIDGET_ORIGINS")
    assert Settings(_env_file=None).widget_origins == {}  # deny by default
