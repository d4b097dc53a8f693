"""The static front end the API serves: widget, demo, advisor, privacy notice — and none of it reaches elsewhere."""

from __future__ import annotations

import re

import httpx
import pytest

from assistant.settings import PROJECT_ROOT

WIDGET_DIR = PROJECT_ROOT / "widget"
PAGES = {"/": "text/html", "/advisor": "text/html", "/datenschutz": "text/html", "/widget.js": "text/javascript",
         "/widget.css": "text/css", "/advisor/advisor.js": "text/javascript", "/advisor/advisor.css": "text/css"}


@pytest.mark.parametrize(("path", "media_type"), PAGES.items())
def test_files_are_served_with_their_type(api_url, path, media_type):
    r = httpx.get(api_url + path)
    assert r.status_code == 200 and r.headers["content-type"].startswith(media_type)
    assert r.headers["x-content-type-options"] == "nosniff"
    if media_type == "text/html":  # our own pages may only load and call this origin
        csp = r.headers["content-security-policy"]
        assert "default-src 'self'" in csp and "frame-ancestors 'self'" in csp


def test_front_end_names_no_third_party_address():
    """Every absolute URL in widget/ is an example, a namespace or documentation – nothing is fetched from it."""
    allowed = {"http://www.w3.org/2000/svg", "https://HOST/widget.js"}
    for file in WIDGET_DIR.rglob("*"):
        if file.suffix in {".js", ".css", ".html"}:
            urls = set(re.findall(r"https?://[^\s\"'<>)]+", file.read_text(encoding="utf-8")))
            assert urls <= allowed, f"{file.relative_to(PROJECT_ROOT)} names {urls - allowed}"


def test_privacy_notice_states_what_the_widget_keeps():
    text = (WIDGET_DIR / "privacy.html").read_text(encoding="utf-8")
    for fact in ("sessionStorage", "keine Cookies", "nicht in einer Datenbank", "Einwilligung", "30 Tagen",
                 "IP-Adressen"):
        assert fact in text, fact
