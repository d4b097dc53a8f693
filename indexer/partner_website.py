"""Whether a URL belongs to a partner's official website, as recorded in partners.yaml (`official_domain`).

An official domain is a host ("hwk-aachen.de", "bochum.ihk.de") or, for chambers that share one host, a host with
the path of their part of it ("ihk.de/aachen"). A leading "www." is ignored on both sides. A plain host also
covers its subdomains (blog.ostwestfalen.ihk.de belongs to ostwestfalen.ihk.de); a shared host does not (on
ihk.de, only the chamber's own path counts).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_DOMAIN = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}(?:/[a-z0-9._~-]+)*$")


def valid_official_domain(domain: str) -> bool:
    """A lower-case host with an optional path, no scheme, no "www.", no trailing slash."""
    return bool(_DOMAIN.match(domain)) and not domain.startswith("www.")


def _host(netloc: str) -> str:
    host = netloc.rsplit("@", 1)[-1].split(":", 1)[0].lower()
    return host.removeprefix("www.")


def _split(domain: str) -> tuple[str, str]:
    host, _, path = domain.partition("/")
    return host.removeprefix("www."), f"/{path}" if path else ""


def on_official_site(url: str, domain: str) -> bool:
    """The URL is a page of the official website `domain`."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return False
    host = _host(parts.netloc)
    official_host, official_path = _split(domain)
    if official_path:
        path = parts.path.rstrip("/")
        return host == official_host and (path == official_path or path.startswith(official_path + "/"))
    return host == official_host or host.endswith("." + official_host)


def is_home_page(url: str, domain: str) -> bool:
    """The URL is the root of the official website: its host (or the shared host's path), nothing deeper."""
    parts = urlsplit(url)
    official_host, official_path = _split(domain)
    return (parts.scheme in ("http", "https") and _host(parts.netloc) == official_host
            and parts.path.rstrip("/") == official_path and not parts.query and not parts.fragment)
