"""HTML → main content as sections, with navigation, footers, cookie banners and scripts removed."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, NavigableString, Tag

from indexer.documents import Section

# Elements that never carry the page's own content.
_DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "svg", "nav", "footer", "header", "aside",
              "form", "button", "select", "input")
# class/id/role words of boilerplate blocks (cookie banners, menus, breadcrumbs, share bars …).
_BOILERPLATE = re.compile(
    r"cookie|consent|banner|gdpr|breadcrumb|navbar|navigation|menu|footer|header|sidebar|social|share|"
    r"skip-link|skiplink|newsletter|pagination|toolbar|modal|popup",
    re.IGNORECASE,
)
_MAIN_CANDIDATES = ("main", "[role=main]", "article", "#content", "#main", ".content", ".main-content")
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_BLOCKS = {"p", "li", "dd", "dt", "blockquote", "pre", "td", "th", "figcaption", "address"}
_WS = re.compile(r"[ \t\u00a0]+")


def _is_boilerplate(tag: Tag) -> bool:
    if tag.name in ("main", "article", "body", "html"):
        return False
    attrs = " ".join([tag.get("id") or "", " ".join(tag.get("class") or []), tag.get("role") or ""])
    if tag.get("aria-hidden") == "true" or tag.get("hidden") is not None:
        return True
    return bool(attrs.strip()) and bool(_BOILERPLATE.search(attrs))


def _clean(text: str) -> str:
    return _WS.sub(" ", text).strip()


def _table_text(table: Tag) -> str:
    """A table as readable rows: 'cell | cell | cell'."""
    rows = []
    for tr in table.find_all("tr"):
        cells = [_clean(c.get_text(" ")) for c in tr.find_all(["th", "td"])]
        if any(cells):
            rows.append(" | ".join(cells))
    return "\n".join(rows)


def parse_html(html: str) -> tuple[str | None, list[Section]]:
    """Return (title, sections) of the page's main content."""
    soup = BeautifulSoup(html, "html.parser")
    title_tag = soup.find("title")
    page_title = _clean(title_tag.get_text()) if title_tag else None
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all(True):
        if not tag.decomposed and _is_boilerplate(tag):
            tag.decompose()

    root: Tag | None = None
    for selector in _MAIN_CANDIDATES:
        root = soup.select_one(selector)
        if root is not None and _clean(root.get_text(" ")):
            break
        root = None
    root = root or soup.body or soup

    h1 = root.find("h1") or soup.find("h1")
    title = _clean(h1.get_text(" ")) if h1 else page_title

    sections: list[Section] = []
    path: list[tuple[int, str]] = []
    buffer: list[str] = []

    def flush() -> None:
        text = "\n".join(b for b in buffer if b).strip()
        if text:
            sections.append(Section(text=text, heading_path=tuple(h for _, h in path)))
        buffer.clear()

    def walk(node: Tag) -> None:
        for child in node.children:
            if isinstance(child, NavigableString):
                text = _clean(str(child))
                if text and node.name not in _BLOCKS:
                    buffer.append(text)
                continue
            if not isinstance(child, Tag):
                continue
            if child.name in _HEADINGS:
                flush()
                level, heading = _HEADINGS[child.name], _clean(child.get_text(" "))
                if level == 1:
                    path.clear()
                    continue
                while path and path[-1][0] >= level:
                    path.pop()
                if heading:
                    path.append((level, heading))
            elif child.name == "table":
                buffer.append(_table_text(child))
            elif child.name in _BLOCKS:
                text = _clean(child.get_text(" "))
                if text:
                    buffer.append(f"- {text}" if child.name == "li" else text)
            elif child.name == "br":
                continue
            else:
                walk(child)

    walk(root)
    flush()
    return title, sections
