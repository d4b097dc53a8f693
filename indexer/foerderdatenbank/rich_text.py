"""The export's rich text (a `<div>` of CMS HTML: headings, paragraphs, lists, tables, inline markup) as sections.

The generic page parser (parsers/html_parser.py) looks for a page's main content among menus and banners; this text
has none, and a full export holds tens of megabytes of it, so a small event parser of the standard library reads it
instead (ten times faster). Text stays as written: inline markup (`<abbr>`, `<span>`, links) adds nothing between
words, block elements and line breaks end a line, and whitespace runs become one space.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from indexer.documents import Section
from indexer.parsers.errors import check_text_size

_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_BLOCKS = frozenset({"p", "div", "li", "dd", "dt", "blockquote", "pre", "caption", "figcaption", "address", "ul",
                     "ol", "dl", "table", "section", "article", "header", "footer"})
_CELLS = frozenset({"td", "th"})
_SKIP = frozenset({"script", "style", "template"})
_WS = re.compile(r"\s+")


class _RichTextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sections: list[Section] = []
        self._path: list[tuple[int, str]] = []
        self._lines: list[str] = []
        self._line: list[str] = []
        self._heading: list[str] | None = None
        self._heading_level = 0
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._skip = 0
        self._bullet = False

    # --- text ------------------------------------------------------------------------------------------------------
    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        target = self._heading if self._heading is not None else self._cell if self._cell is not None else self._line
        target.append(data)

    def _end_line(self) -> None:
        text = _WS.sub(" ", "".join(self._line)).strip()
        if text:
            self._lines.append(f"- {text}" if self._bullet else text)
        self._line = []
        self._bullet = False

    def _end_section(self) -> None:
        self._end_line()
        text = "\n".join(self._lines).strip()
        if text:
            self.sections.append(Section(text, tuple(h for _, h in self._path)))
        self._lines = []

    # --- tags ------------------------------------------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self._skip += 1
        elif tag in _HEADINGS:
            self._end_section()
            self._heading, self._heading_level = [], _HEADINGS[tag]
        elif tag == "tr":
            self._end_line()
            self._row = []
        elif tag in _CELLS:
            self._cell = []
        elif tag == "br":
            if self._cell is not None:
                self._cell.append(" ")
            elif self._heading is not None:
                self._heading.append(" ")
            else:
                self._end_line()
        elif tag in _BLOCKS:
            self._end_line()
            self._bullet = tag == "li"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag != "br":  # <br /> opens nothing to close
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in _HEADINGS and self._heading is not None:
            heading = _WS.sub(" ", "".join(self._heading)).strip()
            while self._path and self._path[-1][0] >= self._heading_level:
                self._path.pop()
            if heading:
                self._path.append((self._heading_level, heading))
            self._heading = None
        elif tag in _CELLS and self._cell is not None:
            if self._row is not None:
                self._row.append(_WS.sub(" ", "".join(self._cell)).strip())
            self._cell = None
        elif tag == "tr" and self._row is not None:
            if any(self._row):
                self._lines.append(" | ".join(self._row))
            self._row = None
        elif tag in _BLOCKS:
            self._end_line()


def rich_text_sections(html: str) -> list[Section]:
    """Sections under the text's own headings (a section before the first heading has no heading)."""
    parser = _RichTextParser()
    parser.feed(html)
    parser.close()
    parser._end_section()
    check_text_size(sum(len(s.text) for s in parser.sections), "rich text")
    return parser.sections
