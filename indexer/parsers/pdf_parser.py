"""PDF → one section per page with its page number, so answers can cite the page."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from indexer.documents import Section
from indexer.parsers.errors import ParseError, check_text_size

_WS = re.compile(r"[ \t\u00a0]+")
_HYPHEN_BREAK = re.compile(r"(\w)-\n(\w)")
# A page with fewer letters than this is treated as having no text layer (a scan or an image).
_MIN_LETTERS_PER_PAGE = 20


def _declared_pages(reader: PdfReader) -> int:
    """The page count the file claims, read before pypdf walks the page tree (which a bomb makes huge)."""
    try:
        count = reader.trailer["/Root"]["/Pages"]["/Count"]  # type: ignore[index]  # untyped PDF objects
        return int(count)
    except (KeyError, TypeError, ValueError, AttributeError):
        return 0


def _clean_page(text: str) -> str:
    text = _HYPHEN_BREAK.sub(r"\1\2", text)
    lines = [_WS.sub(" ", line).strip() for line in text.splitlines()]
    return "\n".join(line for line in lines if line)


def parse_pdf(data: bytes, max_pages: int = 500) -> tuple[str | None, list[Section]]:
    """Return (title from the PDF info, sections per page). Raises ParseError for unusable files."""
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ParseError("PDF is encrypted; it cannot be indexed without the password")
        declared = _declared_pages(reader)
        if declared > max_pages:
            raise ParseError(f"PDF declares {declared} pages, more than the limit of {max_pages}")
        pages = reader.pages
        if len(pages) > max_pages:
            raise ParseError(f"PDF has {len(pages)} pages, more than the limit of {max_pages}")
        title = None
        if reader.metadata and reader.metadata.title:
            title = str(reader.metadata.title).strip() or None
        sections: list[Section] = []
        letters = total_chars = 0
        for number, page in enumerate(pages, start=1):
            text = _clean_page(page.extract_text() or "")
            page_letters = sum(ch.isalpha() for ch in text)
            letters += page_letters
            if page_letters >= _MIN_LETTERS_PER_PAGE:
                sections.append(Section(text=text, page=number))
            total_chars += len(text)
            check_text_size(total_chars, "PDF")
    except ParseError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError, MemoryError,
            OverflowError, ZeroDivisionError, AssertionError) as exc:
        # pypdf raises many kinds of errors on hostile files; none of them may escape as a traceback
        raise ParseError(f"PDF is broken or unreadable ({type(exc).__name__}: {str(exc)[:120]})") from exc
    if not sections:
        raise ParseError("PDF has no text layer (scanned or image-only); it needs OCR before indexing")
    return title, sections
