"""Documents from a local folder (the bundled corpus, partner documents handed to maintainers).

Markdown files carry their metadata as front matter; PDF and HTML files in a sidecar `<file>.meta.yaml`.
Every document must name at least `id`, `title`, `source_url` and the date of its source, `as_of` (a day, a month or
a year: 2026-01-07, 2024-02, 2023) — the truth rule: no document without a source and a date. A source that carries
no date says so with `checked_on:` (the day it was read) instead; it is then shown as "Quelle ohne Datum, gesichtet
am …", never with the reading day as its "Stand".
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from indexer.catalog import Program
from indexer.documents import ParsedDocument, Section
from indexer.parsers.errors import ParseError
from indexer.parsers.front_matter import FrontMatterError, split_front_matter
from indexer.parsers.html_parser import parse_html
from indexer.parsers.markdown_parser import parse_markdown
from indexer.parsers.pdf_parser import parse_pdf
from indexer.source_date import SourceDate

SUFFIXES = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html", ".pdf": "pdf"}
REQUIRED_META = ("id", "source_url")


@dataclass(frozen=True)
class LocalFile:
    path: Path
    relative: str  # relative to the corpus folder, with forward slashes


def _matches(relative: str, pattern: str) -> bool:
    """Glob match where a leading `**/` also matches files at the top level."""
    return fnmatch.fnmatch(relative, pattern) or (
        pattern.startswith("**/") and fnmatch.fnmatch(relative, pattern[3:])
    )


def list_files(root: Path, include: list[str], exclude: list[str]) -> list[LocalFile]:
    files = []
    for path in sorted(root.rglob("*")):
        if not path.is_file() or path.suffix.lower() not in SUFFIXES:
            continue
        rel = path.relative_to(root).as_posix()
        if include and not any(_matches(rel, pattern) for pattern in include):
            continue
        if any(_matches(rel, pattern) for pattern in exclude):
            continue
        files.append(LocalFile(path, rel))
    return files


def _read_sidecar(path: Path) -> dict[str, Any]:
    sidecar = path.with_name(path.name + ".meta.yaml")
    if not sidecar.exists():
        raise ParseError(f"missing metadata file {sidecar.name} (needs id, title, source_url, as_of)")
    try:
        meta = yaml.safe_load(sidecar.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise ParseError(f"{sidecar.name} is not valid YAML: {exc}") from exc
    if not isinstance(meta, dict):
        raise ParseError(f"{sidecar.name} must be a mapping")
    return meta


def check_file_size(path: Path, max_bytes: int) -> None:
    """Checked before reading: a file dropped into the corpus folder by mistake (a dump, a video) is refused."""
    size = path.stat().st_size
    if size > max_bytes:
        raise ParseError(f"file has {size:,} bytes, more than the source's max_bytes ({max_bytes:,})")


def parse_local_file(
    file: LocalFile,
    programs: Mapping[str, Program],
    partners: Mapping[str, dict[str, Any]],
    max_bytes: int,
    defaults: dict[str, Any] | None = None,
) -> ParsedDocument:
    """Parse one file into a ParsedDocument with catalog facts merged in. Raises ParseError."""
    fmt = SUFFIXES[file.path.suffix.lower()]
    check_file_size(file.path, max_bytes)
    data = file.path.read_bytes()
    if fmt == "pdf":
        meta = _read_sidecar(file.path)
        pdf_title, sections = parse_pdf(data)
        title = meta.get("title") or pdf_title
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ParseError("file is not valid UTF-8 text") from exc
        if fmt == "markdown":
            try:
                meta, body = split_front_matter(text)
            except FrontMatterError as exc:
                raise ParseError(str(exc)) from exc
            md_title, sections = parse_markdown(body)
        else:
            meta = _read_sidecar(file.path)
            md_title, sections = parse_html(text)
        title = meta.get("title") or md_title

    missing = [key for key in REQUIRED_META if not meta.get(key)]
    if not meta.get("as_of") and not meta.get("checked_on"):
        missing.append("as_of (or checked_on for an undated source)")
    if missing:
        raise ParseError(f"metadata lacks {', '.join(missing)}")
    try:
        as_of = SourceDate.parse(meta.get("as_of"))
        checked_on = SourceDate.parse(meta.get("checked_on"))
    except ValueError as exc:
        raise ParseError(f"metadata date: {exc}") from exc
    if not sections:
        raise ParseError("document has no text")

    metadata: dict[str, Any] = {"source_format": fmt, **(defaults or {})}
    metadata["kind"] = str(meta.get("kind") or metadata.get("kind") or "document")
    metadata["language"] = str(meta.get("language") or "de")
    program_id = meta.get("program_id")
    if program_id:
        program = programs.get(str(program_id))
        if program is None:
            raise ParseError(f"program_id {program_id!r} is not in programs.yaml")
        metadata.update(program.chunk_metadata())
    partner_id = meta.get("partner_id")
    if partner_id:
        facts = partners.get(str(partner_id))
        if facts is None:
            raise ParseError(f"partner_id {partner_id!r} is not in partners.yaml")
        metadata.update(facts)
    if as_of is None and checked_on is not None:
        metadata["checked_on"] = checked_on.iso()
    # A document may state a status of its own (e.g. a news item); a programme's status is computed from the
    # catalog when asked (indexer/programme_status.py), so its chunks carry none.
    if not program_id and meta.get("status"):
        metadata["status"] = str(meta["status"])

    return ParsedDocument(
        doc_id=str(meta["id"]),
        title=str(title or meta["id"]),
        url=str(meta["source_url"]),
        as_of=as_of.iso() if as_of else None,
        sections=[Section(s.text, s.heading_path, s.page) for s in sections],
        metadata=metadata,
        location=file.relative,
    )


def iter_documents(
    root: Path,
    include: list[str],
    exclude: list[str],
    programs: Mapping[str, Program],
    partners: Mapping[str, dict[str, Any]],
    max_bytes: int,
    defaults: dict[str, Any] | None = None,
) -> Iterator[tuple[LocalFile, ParsedDocument | ParseError]]:
    """Yield each file with its document or the reason it could not be parsed."""
    for file in list_files(root, include, exclude):
        try:
            yield file, parse_local_file(file, programs, partners, max_bytes, defaults)
        except ParseError as exc:
            yield file, exc
