"""Read a `foerderdatenbank_export` source: the export (folder, ZIP file or download) → programme documents for the
index and listed programmes for the catalogue.

- The export is opened as hostile input (export_files.py, parsers/safe_xml.py). A problem with the export as a whole
  (truncated or damaged ZIP, zip bomb, zip slip, failed download, or a valid ZIP that no longer lists most of the
  programmes listed so far: a partial export) fails the source: nothing of it is used, so the served generation
  keeps every programme it had. A problem with one document fails that programme only; what was
  indexed for it before stays.
- Only programmes whose Fördergebiet is one of the source's `regions` (and whose Fördergeber is one of `funders`) are
  kept. A kept programme becomes one document cited with its public page and the licence's attribution, and one
  listed programme; a listing that belongs to a curated programme (catalogue_merge.py) carries that programme's facts.
- A document's as-of is the export day its text was first seen, so an unchanged programme keeps its date and is not
  embedded again; the catalogue entry's as-of is the day of the newest export that lists it.
- A programme that is no longer in a completely read export is recorded as vanished that day (kept, shown as ended);
  its document leaves the index through the ordinary removal of documents a complete source no longer yields.
- By URL the export is fetched politely (robots.txt, one User-Agent, retries) with a conditional GET: on 304 nothing is
  read and everything indexed stays. Its validators are stored only after the export was read completely, so a
  download that turns out broken is fetched again next time.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from indexer.catalog import Eligibility, Program
from indexer.catalogue_merge import CuratedIndex
from indexer.documents import ParsedDocument
from indexer.fetch.fetch_policy import FetchPolicy
from indexer.fetch.http_fetcher import FetchError, PoliteFetcher
from indexer.foerderdatenbank.classifiers import facets
from indexer.foerderdatenbank.export_files import (
    ExportArchiveError,
    ExportFiles,
    ExportLimits,
    FolderExport,
    ZipExport,
    export_date_of,
)
from indexer.foerderdatenbank.gsb_document import GsbDocument, parse_gsb_document
from indexer.foerderdatenbank.programme_parser import (
    LICENCE,
    PROGRAMME_TYPE,
    ExportProgramme,
    attribution,
    parse_programme,
    programme_id,
)
from indexer.index_record import FetchState
from indexer.listed_programmes import ListedProgramme
from indexer.parsers.errors import ParseError
from indexer.source_registry import FoerderdatenbankExportSource

if TYPE_CHECKING:
    from indexer.source_reading import SourceRead

Progress = Callable[[int, int, str], None]
SOURCE_FORMAT = "foerderdatenbank"
_PARTIAL_MIN_LISTED = 3  # below this many listed programmes, any share may vanish


@dataclass
class _Opened:
    files: ExportFiles
    state: FetchState | None = None  # validators of a download, stored once the export was read completely


class FoerderdatenbankExportReader:
    def __init__(self, corpus_dir: Path, curated: Mapping[str, Program], previous_states: Mapping[str, FetchState],
                 previous_programmes: Mapping[str, ListedProgramme], user_agent: str, full: bool, today: date,
                 progress: Progress | None = None) -> None:
        self.corpus_dir = corpus_dir
        self.curated = curated
        self.previous_states = previous_states
        self.previous_programmes = previous_programmes
        self.user_agent = user_agent
        self.full = full
        self.today = today
        self.progress = progress

    def read(self, source: FoerderdatenbankExportSource, read: SourceRead) -> None:
        """Fill `read` (documents, failures, listed programmes). Never raises for bad input."""
        opened: _Opened | None = None
        try:
            opened = self._open(source, read)
            if opened is not None:
                self._read_programmes(source, opened.files, read)
                if opened.state is not None:
                    read.fetch_states.append(opened.state)
        except ExportArchiveError as exc:
            read.failed.append({"location": source.url or source.path or "", "reason": str(exc)})
            read.documents, read.listed_programmes, read.fetch_states, read.complete = [], None, [], False
        finally:
            if opened is not None:
                opened.files.close()

    # --- opening the export ------------------------------------------------------------------------------
    def _limits(self, source: FoerderdatenbankExportSource) -> ExportLimits:
        return ExportLimits(max_files=source.max_files, max_unpacked_bytes=source.max_unpacked_bytes,
                            max_file_bytes=source.max_file_bytes)

    def _open(self, source: FoerderdatenbankExportSource, read: SourceRead) -> _Opened | None:
        if source.url:
            return self._download(source, read)
        path = self.corpus_dir / str(source.path)
        dated = source.export_date.isoformat() if source.export_date else None
        if path.is_dir():
            return _Opened(FolderExport(path, self._limits(source), dated))
        if path.is_file():
            size = path.stat().st_size
            if size > source.max_bytes:
                raise ExportArchiveError(f"the archive has {size:,} bytes, more than max_bytes ({source.max_bytes:,})")
            return _Opened(ZipExport(path, self._limits(source), dated))
        raise ExportArchiveError(f"{source.path}: no such folder or ZIP file")

    def _download(self, source: FoerderdatenbankExportSource, read: SourceRead) -> _Opened | None:
        url = str(source.url)
        previous = None if self.full else self.previous_states.get(url)
        policy = FetchPolicy(user_agent=self.user_agent, concurrency=1, timeout_seconds=source.timeout_seconds,
                             retries=source.retries, backoff_seconds=source.backoff_seconds,
                             max_bytes=source.max_bytes, allow_private=source.allow_private)
        with PoliteFetcher(policy) as fetcher:
            try:
                result = fetcher.fetch(url, etag=previous.etag if previous else None,
                                       last_modified=previous.last_modified if previous else None)
            except FetchError as exc:
                raise ExportArchiveError(f"download failed: {exc.reason}") from exc
            finally:
                read.crawl = {"pages": 0, "requests": fetcher.requests, "not_modified": 0, "unchanged_by_sitemap": 0}
        if result.not_modified:
            read.crawl = {**(read.crawl or {}), "not_modified": 1}
            read.skipped.append({"location": url, "reason": "export not modified since the last run (HTTP 304): "
                                                            "every programme indexed from it stays"})
            read.complete = False  # nothing was read: nothing may be removed
            return None
        read.crawl = {**(read.crawl or {}), "pages": 1}
        export_date = export_date_of(result.last_modified, self.today)
        state = FetchState(url=url, source=source.name, final_url=result.final_url, etag=result.etag,
                           last_modified=result.last_modified, sitemap_lastmod=None,
                           content_type=result.content_type, compressed_body=FetchState.compress(b""),
                           text_hash=None, first_seen=export_date,
                           fetched_at=datetime.now(UTC).isoformat(timespec="seconds"))
        return _Opened(ZipExport(result.content, self._limits(source), export_date), state)

    # --- programmes ----------------------------------------------------------------------------------------
    def _read_programmes(self, source: FoerderdatenbankExportSource, files: ExportFiles, read: SourceRead) -> None:
        linked_cache: dict[str, GsbDocument | None] = {}

        def linked(path: str) -> GsbDocument | None:
            if path not in linked_cache:
                try:
                    data = files.read(path)
                    linked_cache[path] = parse_gsb_document(data, path) if data is not None else None
                except ExportArchiveError:
                    raise
                except ParseError as exc:
                    linked_cache[path] = None  # a broken contact or link document loses that detail only
                    read.warnings.append({"location": path.lstrip("/") + ".xml", "reason": f"{exc}; left out"})
            return linked_cache[path]

        curated = CuratedIndex(self.curated)
        regions, funders = set(source.regions), set(source.funders)
        paths = files.programme_paths()
        self._check_not_partial(source, set(paths))
        rows: dict[str, ListedProgramme] = {}
        failed_ids: set[str] = set()
        for done, path in enumerate(paths, start=1):
            location = path.lstrip("/") + ".xml"
            if self.progress:
                self.progress(done, len(paths), location)
            try:
                data = files.read(path)
                document = parse_gsb_document(data or b"", path)
                if document.type != PROGRAMME_TYPE:
                    continue
                categories = document.categories()
                if not set(categories.get("Foerdergebiet", [])) & regions or \
                        (categories.get("Foerdergeber") and not set(categories["Foerdergeber"]) & funders):
                    continue
                if document.values.get("gsb:shouldNotBeIndexed") == "1":
                    read.skipped.append({"location": location, "reason": "marked not to be indexed"})
                    continue
                programme = parse_programme(document, linked)
            except ExportArchiveError:
                raise
            except ParseError as exc:
                read.failed.append({"location": location, "reason": str(exc)})
                read.unsure_locations.add(location)
                failed_ids.add(programme_id(path))
                continue
            row, doc = self._listing(source, programme, curated.match(programme.url, programme.title),
                                     files.export_date, location)
            rows[row.program_id] = row
            read.documents.append(doc)
        listed_paths = set(paths)
        for program_id, previous in self.previous_programmes.items():
            if previous.source != source.name or program_id in rows:
                continue
            if program_id in failed_ids:
                rows[program_id] = previous  # unreadable this time: it stays as it was
            elif previous.path not in listed_paths:
                rows[program_id] = previous.vanished(files.export_date)
                if previous.merged_into and not previous.vanished_on:
                    read.warnings.append({"location": previous.url, "reason": (
                        f"the Förderdatenbank no longer lists this page of the curated programme "
                        f"{previous.merged_into!r} (export of {files.export_date}): check programs.yaml")})
            # still in the export but no longer kept (regions or funders changed): not part of the catalogue
        read.listed_programmes = sorted(rows.values(), key=lambda r: r.program_id)

    def _check_not_partial(self, source: FoerderdatenbankExportSource, paths: set[str]) -> None:
        """A valid ZIP can still be a partial export (a job that failed upstream): one that drops most of the
        programmes listed so far at once is refused, so they are not all shown as ended overnight."""
        listed = [r for r in self.previous_programmes.values() if r.source == source.name and not r.vanished_on]
        missing = sum(1 for r in listed if r.path not in paths)
        if len(listed) >= _PARTIAL_MIN_LISTED and missing > source.max_vanished_share * len(listed):
            raise ExportArchiveError(
                f"{missing} of the {len(listed)} programmes listed so far are missing from this export (more than "
                f"max_vanished_share {source.max_vanished_share:g}): refused as incomplete; nothing changed")

    def _listing(self, source: FoerderdatenbankExportSource, programme: ExportProgramme, curated_id: str | None,
                 export_date: str, location: str) -> tuple[ListedProgramme, ParsedDocument]:
        found = facets(programme.categories, programme.provider)
        entry: dict[str, Any] = {
            "name": programme.title, "provider": programme.provider, "level": found.level,
            "funding_type": found.funding_type, "topics": list(found.topics),
            "target_groups": list(found.target_groups), "region": found.region,
        }
        eligibility = _eligibility_entry(found.eligibility)
        if eligibility:
            entry["eligibility"] = eligibility
        fingerprint = programme.fingerprint()
        previous = self.previous_programmes.get(programme.id)
        first_seen = previous.first_seen if previous is not None and previous.fingerprint == fingerprint \
            else export_date
        row = ListedProgramme(program_id=programme.id, source=source.name, path=programme.path, url=programme.url,
                              entry=entry, fingerprint=fingerprint, first_seen=first_seen, listed_on=export_date,
                              merged_into=curated_id)
        program = self.curated[curated_id] if curated_id else row.program()
        metadata: dict[str, Any] = {
            **source.defaults, "source_format": SOURCE_FORMAT, "kind": "programme", "language": "de",
            **program.chunk_metadata(), "fdb_url": programme.url, "fdb_path": programme.path,
            "attribution": attribution(programme.title, programme.url), "licence": LICENCE,
            # Hundreds of long guidelines: their sentences are scored on words and their passage's meaning, not
            # embedded one by one (that would multiply a full index's embedding time several times).
            "sentence_vectors": False,
        }
        document = ParsedDocument(doc_id=programme.id, title=programme.title, url=programme.url,
                                  sections=programme.sections, as_of=first_seen, metadata=metadata, location=location)
        return row, document


def _eligibility_entry(eligibility: Eligibility) -> dict[str, Any]:
    """The fields that differ from "any company", as programs.yaml would write them."""
    entry: dict[str, Any] = {}
    if eligibility.recipient != "company":
        entry["recipient"] = eligibility.recipient
    if eligibility.sizes:
        entry["sizes"] = list(eligibility.sizes)
    return entry
