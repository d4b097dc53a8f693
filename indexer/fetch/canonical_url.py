"""Canonical URLs (no fragment, no tracking parameters, normalised host and port) and the document ids made
from them, so one page gets one id however it was linked."""

from __future__ import annotations

import hashlib
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_TRACKING_PREFIXES = ("utm_", "mtm_", "pk_", "matomo_", "piwik_", "at_")
_TRACKING_NAMES = {"fbclid", "gclid", "dclid", "msclkid", "yclid", "mc_cid", "mc_eid", "_hsenc", "_hsmi", "igshid",
                   "wt_mc", "wt.mc_id", "etcc_med", "etcc_cmp", "ref_src", "cmpid"}
_DEFAULT_PORTS = {"http": 80, "https": 443}
_SLUG = re.compile(r"[^a-z0-9]+")


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in _TRACKING_NAMES or lowered.startswith(_TRACKING_PREFIXES)


def canonical_url(url: str) -> str:
    """Strip the fragment and tracking parameters; lower-case scheme and host; drop default ports."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port
    netloc = host if port is None or _DEFAULT_PORTS.get(scheme) == port else f"{host}:{port}"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)])
    path = parts.path or "/"
    return urlunsplit((scheme, netloc, path, query, ""))


def doc_id_for_url(url: str) -> str:
    """A stable, readable id: 'web-' + the last path words + a short hash of the canonical URL."""
    canonical = canonical_url(url)
    digest = hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]
    path = urlsplit(canonical).path.rstrip("/")
    tail = path.rsplit("/", 1)[-1] or urlsplit(canonical).hostname or "page"
    slug = _SLUG.sub("-", tail.lower().rsplit(".", 1)[0] if "." in tail else tail.lower()).strip("-")[:40]
    return f"web-{slug or 'page'}-{digest}"
