"""A fetched page or PDF → ParsedDocument: canonical URL and id, main text, programme facts, source defaults,
catalog facts, and an as-of date that says where it came from.

as-of, in this order: the Last-Modified header (`as_of_source: last_modified`), the sitemap lastmod (`sitemap`),
a date the page states for itself (`page`), else the day this exact text was first fetched (`fetched`) — kept
while the text stays the same, so an unchanged page is not re-embedded just because a day passed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import unquote, urlsplit

from indexer.catalog import Program
from indexer.documents import ParsedDocument, Section
from indexer.fetch.canonical_url import canonical_url, doc_id_for_url
from indexer.fetch.content_sniffing import decode_text, sniff_format
from indexer.fetch.http_fetcher import http_date_to_iso
from indexer.fetch.site_crawler import FetchedPage, PageFailure
from indexer.index_record import FetchState
from indexer.near_duplicates import normalised_text_hash
from indexer.parsers.errors import ParseError
from indexer.parsers.html_parser import parse_html_page
from indexer.parsers.pdf_parser import parse_pdf
from indexer.parsers.programme_facts import read_programme_facts
from indexer.source_registry import WebSource


@dataclass
class WebPage:
    document: ParsedDocument
    links: list[str]
    state: FetchState
    facts_status: str = "unknown"  # what the page itself says, to compare with the catalog


@dataclass
class CatalogLookup:
    programs: Mapping[str, Program] = field(default_factory=dict)
    partners: Mapping[str, dict[str, Any]] = field(default_factory=dict)

    def facts(self, program_id: str | None, partner_id: str | None) -> dict[str, Any]:
        facts: dict[str, Any] = {}
        if program_id:
            program = self.programs.get(program_id)
            if program is None:
                raise ParseError(f"program_id {program_id!r} is not in programs.yaml")
            facts.update(program.chunk_metadata())
        if partner_id:
            partner = self.partners.get(partner_id)
            if partner is None:
                raise ParseError(f"partner_id {partner_id!r} is not in partners.yaml")
            facts.update(partner)
        return facts


class WebDocumentBuilder:
    def __init__(self, source: WebSource, catalog: CatalogLookup, previous: Mapping[str, FetchState],
                 today: date, same_site: Callable[[str], bool]) -> None:
        self.source = source
        self.catalog = catalog
        self.previous = previous
        self.today = today
        self.same_site = same_site  # a canonical link elsewhere is ignored

    def build(self, page: FetchedPage) -> WebPage:
        """Raises PageFailure (with whether it may hide links) for pages that cannot be indexed."""
        fmt = sniff_format(page.content, page.content_type)
        links: list[str] = []
        page_date = None
        canonical = page.final_url
        if fmt == "html":
            try:
                html = parse_html_page(decode_text(page.content, page.content_type), page.final_url)
            except ParseError as exc:
                raise PageFailure(str(exc), hides_links=True) from exc
            links = [] if html.nofollow else html.links
            if html.noindex:
                raise PageFailure("page asks not to be indexed (meta robots noindex)", hides_links=False)
            title, sections, page_date = html.title, html.sections, html.page_date
            if html.canonical and self.same_site(html.canonical):
                canonical = canonical_url(html.canonical)
        elif fmt == "pdf":
            try:
                title, sections = parse_pdf(page.content)
            except ParseError as exc:
                raise PageFailure(str(exc), hides_links=False) from exc
        else:
            kind = page.content_type.split(";")[0].strip() or "unknown"
            raise PageFailure(f"unsupported content type {kind!r} (only HTML and PDF are indexed)",
                              hides_links=False)
        if not sections:
            raise PageFailure("page has no main text", hides_links=fmt == "html")

        text_hash = normalised_text_hash(sections)
        state = self._state(page, text_hash)
        as_of, as_of_source = self._as_of(page, page_date, state)
        metadata, facts_status = self._metadata(fmt, "\n".join(s.text for s in sections))
        metadata["as_of_source"] = as_of_source
        title = getattr(self.source, "title", None) or title or _title_from_url(canonical)
        document = ParsedDocument(
            doc_id=doc_id_for_url(canonical),
            title=str(title),
            url=canonical,
            sections=[Section(s.text, s.heading_path, s.page) for s in sections],
            as_of=as_of,
            metadata=metadata,
            location=page.url,
        )
        return WebPage(document, links, state, facts_status)

    def _state(self, page: FetchedPage, text_hash: str) -> FetchState:
        previous = self.previous.get(page.url)
        first_seen = previous.first_seen if previous and previous.text_hash == text_hash else self.today.isoformat()
        body = previous.compressed_body if previous and page.origin != "network" else FetchState.compress(
            page.content)
        return FetchState(
            url=page.url, source=self.source.name, final_url=page.final_url, etag=page.etag,
            last_modified=page.last_modified, sitemap_lastmod=page.sitemap_lastmod, content_type=page.content_type,
            compressed_body=body, text_hash=text_hash, first_seen=first_seen,
            fetched_at=datetime.now(UTC).isoformat(timespec="seconds"),
        )

    def _as_of(self, page: FetchedPage, page_date: str | None, state: FetchState) -> tuple[str, str]:
        modified = http_date_to_iso(page.last_modified)
        if modified:
            return modified, "last_modified"
        if page.sitemap_lastmod:
            return page.sitemap_lastmod, "sitemap"
        if page_date:
            return page_date, "page"
        return state.first_seen, "fetched"

    def _metadata(self, fmt: str, text: str) -> tuple[dict[str, Any], str]:
        """Page facts < source defaults < catalog facts: the operator's and the catalog's word win."""
        defaults = dict(self.source.defaults)
        facts = read_programme_facts(text, self.today)
        metadata: dict[str, Any] = {"source_format": fmt, "language": "de"}
        program_id = getattr(self.source, "program_id", None)
        kind = str(defaults.get("kind") or ("programme" if program_id or facts.labelled else "document"))
        if kind == "programme":
            metadata.update(facts.metadata())
        metadata.update(defaults)
        metadata["kind"] = kind
        metadata.update(self.catalog.facts(program_id, getattr(self.source, "partner_id", None)))
        if program_id:
            # A catalog programme's status is computed from the catalog when asked; what the page read as is kept
            # only for the indexer's warning (source_reading.py).
            metadata.pop("status", None)
        else:
            metadata.setdefault("status", "unknown" if kind == "programme" else "")
        return metadata, facts.status if kind == "programme" else "unknown"


def _title_from_url(url: str) -> str:
    tail = unquote(urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1]) or urlsplit(url).hostname or url
    return tail.rsplit(".", 1)[0].replace("-", " ").replace("_", " ").strip() or url
