"""Markdown → sections by heading. The corpus is written in Markdown, so this is the main path."""

from __future__ import annotations

import re

from indexer.documents import Section

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


def parse_markdown(body: str) -> tuple[str | None, list[Section]]:
    """Return (first H1 as title, sections). Each section is the text under one heading path."""
    title: str | None = None
    path: list[tuple[int, str]] = []
    sections: list[Section] = []
    buffer: list[str] = []

    def flush() -> None:
        text = "\n".join(buffer).strip()
        if text:
            sections.append(Section(text=text, heading_path=tuple(h for _, h in path)))
        buffer.clear()

    for line in body.splitlines():
        match = _HEADING.match(line)
        if not match:
            buffer.append(line)
            continue
        flush()
        level, heading = len(match.group(1)), match.group(2).strip()
        if level == 1 and title is None:
            title = heading
            path = []
            continue
        while path and path[-1][0] >= level:
            path.pop()
        path.append((level, heading))
    flush()
    return title, sections
