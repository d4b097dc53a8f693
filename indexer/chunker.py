"""Heading- and paragraph-aware chunking that keeps page and section for citations.

A section (text under one heading, or one PDF page) becomes one chunk when it fits; longer ones are split
at paragraph, line and sentence boundaries. Very short neighbouring sections of the same page are merged so
a chunk carries enough words to be found. A section that only lists links ("Quellen", a link list of a web page)
is left out: it answers no question, and its URLs full of programme words would be found for many.
"""

from __future__ import annotations

import re

from langchain_text_splitters import RecursiveCharacterTextSplitter

from indexer.documents import Chunk, ParsedDocument, Section

_MIN_CHARS = 160
_LINK_HEADING = re.compile(r"^(?:quellen|sources|links|weiterführende links|further links)$", re.I)
_LINK_SHARE = 0.6  # a section whose lines are mostly links is a link list


def is_link_list(section: Section) -> bool:
    lines = [line for line in section.text.splitlines() if line.strip()]
    if not lines:
        return False
    heading = section.heading_path[-1].strip() if section.heading_path else ""
    links = sum("http://" in line or "https://" in line for line in lines)
    return (bool(_LINK_HEADING.match(heading)) and links > 0) or links / len(lines) >= _LINK_SHARE


class Chunker:
    def __init__(self, chunk_size: int = 900, chunk_overlap: int = 120) -> None:
        self._splitter = RecursiveCharacterTextSplitter(
            chunk_size=chunk_size,
            chunk_overlap=min(chunk_overlap, chunk_size // 2),
            separators=["\n\n", "\n", ". ", "; ", ", ", " ", ""],
            keep_separator="end",
        )

    def _merged_sections(self, sections: list[Section]) -> list[Section]:
        merged: list[Section] = []
        for section in sections:
            previous = merged[-1] if merged else None
            if (
                previous is not None
                and len(previous.text) < _MIN_CHARS
                and previous.page == section.page
            ):
                heading = previous.heading_path or section.heading_path
                # The merged section keeps its heading as a Markdown heading line (sentences.under_headings).
                title = f"## {' / '.join(section.heading_path)}\n" if section.heading_path else ""
                text = f"{previous.text}\n\n{title}{section.text}".strip()
                merged[-1] = Section(text=text, heading_path=heading, page=section.page)
            else:
                merged.append(section)
        return merged

    def split(self, document: ParsedDocument) -> list[Chunk]:
        chunks: list[Chunk] = []
        for section in self._merged_sections([s for s in document.sections if not is_link_list(s)]):
            section_name = " › ".join(section.heading_path)
            for piece in self._splitter.split_text(section.text):
                piece = piece.strip()
                if not piece:
                    continue
                chunks.append(
                    Chunk(
                        chunk_id=f"{document.doc_id}#{len(chunks)}",
                        doc_id=document.doc_id,
                        text=piece,
                        title=document.title,
                        url=document.url,
                        page=section.page,
                        section=section_name,
                        as_of=document.as_of,
                        metadata=document.metadata,
                    )
                )
        return chunks
