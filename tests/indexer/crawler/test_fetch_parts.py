"""The fetcher's parts on their own: canonical URLs and ids, robots.txt status rules and Crawl-delay, sitemaps with
lastmod and indexes, content sniffing and decoding, and the private-address guard."""

from __future__ import annotations

import gzip

import pytest

from indexer.fetch.address_guard import BlockedAddressError, check_public_host
from indexer.fetch.canonical_url import canonical_url, doc_id_for_url
from indexer.fetch.content_sniffing import decode_text, sniff_format
from indexer.fetch.robots import RobotsCache
from indexer.fetch.sitemap import SitemapError, parse_sitemap
from indexer.parsers.errors import ParseError


def test_canonical_url_drops_fragment_tracking_and_default_port():
    url = "HTTPS://www.NRWBank.de:443/de/foerderung/?utm_source=x&id=7&fbclid=abc&mtm_campaign=y#antrag"
    assert canonical_url(url) == "https://www.nrwbank.de/de/foerderung/?id=7"
    assert canonical_url("http://127.0.0.1:8080") == "http://127.0.0.1:8080/"
    assert doc_id_for_url(url) == doc_id_for_url("https://www.nrwbank.de/de/foerderung/?id=7")
    assert doc_id_for_url(url) != doc_id_for_url("https://www.nrwbank.de/de/foerderung/?id=8")
    assert doc_id_for_url("https://e.org/Programme/MID-Digitalisierung.html").startswith("web-mid-digitalisierung-")


@pytest.mark.parametrize("status,body,allowed,unreachable", [
    (200, "User-agent: *\nDisallow: /intern/\n", False, False),
    (404, "", True, False),  # no robots.txt: everything allowed (RFC 9309)
    (403, "", True, False),
    (503, "", False, True),  # server error: the whole host counts as disallowed for this run
    (None, "", False, True),  # unreachable
])
def test_robots_status_rules(status, body, allowed, unreachable):
    fetched: list[str] = []

    def fetch(url: str):
        fetched.append(url)
        return status, body

    robots = RobotsCache(fetch, "NRWA-Test/1.0")
    assert robots.allowed("https://a.example/intern/x") is allowed
    assert robots.unreachable("https://a.example/") is unreachable
    assert robots.allowed("https://a.example/intern/y") is allowed
    assert fetched == ["https://a.example/robots.txt"]  # once per origin


def test_robots_agent_groups_and_crawl_delay():
    text = "User-agent: NRWA-Test\nCrawl-delay: 4\nDisallow: /nur-fuer-uns/\n\nUser-agent: *\nDisallow: /\n"
    robots = RobotsCache(lambda url: (200, text), "NRWA-Test/1.0 (+mailto:x@example.org)")
    assert robots.allowed("https://a.example/foerderung") is True
    assert robots.allowed("https://a.example/nur-fuer-uns/a") is False
    assert robots.crawl_delay("https://a.example/") == 4.0
    other = RobotsCache(lambda url: (200, text), "AndererBot/2.0")
    assert other.allowed("https://a.example/foerderung") is False


def test_sitemaps_with_lastmod_indexes_and_gzip():
    urlset = (b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
              b"<url><loc> https://a.example/p1 </loc><lastmod>2026-10-01T08:00:00+02:00</lastmod></url>"
              b"<url><loc>https://a.example/p2</loc></url></urlset>")
    pages, children = parse_sitemap(gzip.compress(urlset))
    assert [(p.url, p.lastmod) for p in pages] == [("https://a.example/p1", "2026-10-01"),
                                                   ("https://a.example/p2", None)]
    assert children == []
    index = (b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
             b"<sitemap><loc>https://a.example/s1.xml</loc></sitemap></sitemapindex>")
    assert parse_sitemap(index) == ([], ["https://a.example/s1.xml"])
    with pytest.raises(SitemapError, match="not a sitemap"):
        parse_sitemap(b"<html><body>Kein Sitemap</body></html>")


def test_content_is_sniffed_from_bytes_before_headers():
    assert sniff_format(b"%PDF-1.7\n...", "text/html") == "pdf"
    assert sniff_format(b"BEGIN:VCALENDAR\r\n", "text/plain") == "ical"
    assert sniff_format(b"<!DOCTYPE html><html>", "application/octet-stream") == "html"
    assert sniff_format(b"PK\x03\x04", "application/zip") is None


def test_text_is_decoded_by_declared_charset_and_invalid_utf8_is_an_error():
    assert decode_text("Grüße".encode("latin-1"), "text/html; charset=ISO-8859-1") == "Grüße"
    assert decode_text(b'<meta charset="windows-1252"><p>\x84Zitat\x93</p>', "text/html") == \
        '<meta charset="windows-1252"><p>„Zitat“</p>'
    with pytest.raises(ParseError, match="not valid UTF-8"):
        decode_text("Grüße".encode("latin-1"), "text/html; charset=utf-8")
    with pytest.raises(ParseError, match="unknown character set"):
        decode_text(b"abc", "text/html; charset=klingonisch")


@pytest.mark.parametrize("host", ["127.0.0.1", "10.1.2.3", "192.168.0.10", "169.254.169.254", "::1",
                                  "::ffff:127.0.0.1", "localhost", "100.64.0.1"])
def test_private_loopback_and_link_local_addresses_are_refused(host: str):
    with pytest.raises(BlockedAddressError, match="non-public address"):
        check_public_host(host, 80)


def test_public_address_passes_and_unresolvable_host_is_refused():
    check_public_host("8.8.8.8", 443)  # a literal public address needs no DNS
    with pytest.raises(BlockedAddressError, match="does not resolve"):
        check_public_host("a..b", 80)  # rejected before any DNS query
