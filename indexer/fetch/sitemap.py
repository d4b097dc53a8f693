"""Sitemaps (urlset and sitemapindex, optionally gzipped) → page URLs with their lastmod dates."""

from __future__ import annotations

import gzip
import io
import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass

_MAX_UNZIPPED = 50_000_000  # the sitemap protocol caps a file at 50 MB uncompressed


class SitemapError(ValueError):
    pass


@dataclass(frozen=True)
class SitemapEntry:
    url: str
    lastmod: str | None  # ISO date (YYYY-MM-DD) or None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _lastmod(value: str | None) -> str | None:
    match = re.match(r"\s*(\d{4}-\d{2}-\d{2})", value or "")
    return match.group(1) if match else None


def _unzip(data: bytes) -> bytes:
    with gzip.GzipFile(fileobj=io.BytesIO(data)) as handle:
        out = handle.read(_MAX_UNZIPPED + 1)
    if len(out) > _MAX_UNZIPPED:
        raise SitemapError("gzipped sitemap is larger than 50 MB unpacked")
    return out


def parse_sitemap(data: bytes) -> tuple[list[SitemapEntry], list[str]]:
    """Return (pages, child sitemaps). Raises SitemapError for anything that is not a sitemap."""
    if data[:2] == b"\x1f\x8b":
        try:
            data = _unzip(data)
        except (OSError, EOFError) as exc:
            raise SitemapError("gzipped sitemap is broken") from exc
    head = data[:4096].lower()
    if b"<!doctype" in head or b"<!entity" in data.lower():
        raise SitemapError("sitemap declares a DTD or entities; refused")  # entity expansion bombs
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise SitemapError(f"sitemap is not valid XML ({exc})") from exc
    kind = _local(root.tag)
    if kind not in ("urlset", "sitemapindex"):
        raise SitemapError(f"not a sitemap (root element <{kind}>)")
    pages: list[SitemapEntry] = []
    children: list[str] = []
    for item in root:
        loc = lastmod = None
        for child in item:
            name = _local(child.tag)
            if name == "loc":
                loc = (child.text or "").strip()
            elif name == "lastmod":
                lastmod = _lastmod(child.text)
        if not loc:
            continue
        if kind == "sitemapindex":
            children.append(loc)
        else:
            pages.append(SitemapEntry(loc, lastmod))
    return pages, children
