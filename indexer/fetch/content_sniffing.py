"""What a response is (HTML, PDF, iCalendar, XML) from its first bytes and its Content-Type, and how to decode
HTML text: declared charset first, then <meta charset>, else UTF-8 — invalid bytes are an error, not mojibake."""

from __future__ import annotations

import codecs
import re
from typing import Literal

from indexer.parsers.errors import ParseError

Format = Literal["html", "pdf", "ical", "xml", "text"]
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)


def sniff_format(content: bytes, content_type: str) -> Format | None:
    """Bytes win over the header: servers often send PDFs as octet-stream or HTML as text/plain."""
    head = content[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if content[:1024].lstrip().startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"begin:vcalendar"):
        return "ical"
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head or b"<body" in head:
        return "html"
    if head.startswith(b"<?xml") or head.startswith(b"<urlset") or head.startswith(b"<sitemapindex"):
        return "html" if b"<html" in content[:4096].lower() else "xml"
    media = content_type.split(";", 1)[0].strip().lower()
    if media in ("text/html", "application/xhtml+xml"):
        return "html"
    if media == "application/pdf":
        return "pdf"
    if media == "text/calendar":
        return "ical"
    if media in ("application/xml", "text/xml"):
        return "xml"
    if media == "text/plain":
        return "text"
    return None


def declared_charset(content: bytes, content_type: str) -> str | None:
    match = _HEADER_CHARSET.search(content_type or "")
    if match:
        return match.group(1)
    meta = _META_CHARSET.search(content[:4096])
    return meta.group(1).decode("ascii", errors="ignore") if meta else None


def decode_text(content: bytes, content_type: str) -> str:
    """Decode a text response. Raises ParseError for an unknown charset or bytes invalid in it."""
    charset = (declared_charset(content, content_type) or "utf-8").lower()
    try:
        codec = codecs.lookup(charset)
    except LookupError as exc:
        raise ParseError(f"page declares an unknown character set {charset!r}") from exc
    if codec.name == "utf-8" and content.startswith(codecs.BOM_UTF8):
        content = content[len(codecs.BOM_UTF8):]
    try:
        return content.decode(codec.name)
    except UnicodeDecodeError as exc:
        raise ParseError(f"page is not valid {codec.name.upper()} text (bad byte at offset {exc.start})") from exc
