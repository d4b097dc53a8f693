"""HTML → main content as sections, with navigation, footers, cookie banners and scripts removed.

`parse_html_page` also returns what a crawler needs from the full page before boilerplate is removed: the links
(menus included), the canonical link, a date the page states about itself and the robots meta directives.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urljoin

from bs4 import BeautifulSoup, NavigableString, Tag

from indexer.documents import Section
from indexer.parsers.errors import check_text_size

# Elements that never carry the page's own content.
_DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "svg", "nav", "footer", "header", "aside",
              "form", "button", "select", "input")
# class/id/role words of boilerplate blocks (cookie banners, menus, breadcrumbs, share bars …).
_BOILERPLATE = re.compile(
    r"cookie|consent|banner|gdpr|breadcrumb|navbar|navigation|menu|footer|header|sidebar|social|share|"
    r"skip-link|skiplink|newsletter|pagination|toolbar|modal|popup|service-opener|\bprint\b|basket|merkzettel|"
    r"bookmark|\bsort\b|sorting|\bhits\b|result-?count",
    re.IGNORECASE,
)
_MAIN_CANDIDATES = ("main", "[role=main]", "article", "#content", "#main", ".content", ".main-content")
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_BLOCKS = {"p", "li", "dd", "dt", "blockquote", "pre", "td", "th", "figcaption", "address"}
_WS = re.compile(r"\s+")  # line breaks inside a paragraph's source are layout, not content


def _is_boilerplate(tag: Tag) -> bool:
    if tag.name in ("main", "article", "body", "html"):
        return False
    attrs = " ".join([str(tag.get("id") or ""), " ".join(tag.get("class") or []), str(tag.get("role") or "")])
    if tag.get("aria-hidden") == "true" or tag.get("hidden") is not None:
        return True
    return bool(attrs.strip()) and bool(_BOILERPLATE.search(attrs))


def _clean(text: str) -> str:
    return _WS.sub(" ", text).strip()


def _definition_lines(dl: Tag) -> list[str]:
    """A definition list as 'term value' lines ('Förderart: Zuschuss'), the way facts pages show them."""
    lines: list[str] = []
    term = ""
    for child in dl.find_all(["dt", "dd"]):
        if child.find_parent("dl") is not dl:
            continue  # nested lists are read as part of their own dd
        text = _clean(child.get_text(" "))
        if child.name == "dt":
            term = text
        elif text:
            lines.append(f"{term} {text}".strip())
    return lines


def _table_text(table: Tag) -> str:
    """A table as readable rows: 'cell | cell | cell'."""
    rows = []
    for tr in table.find_all("tr"):
        cells = [_clean(c.get_text(" ")) for c in tr.find_all(["th", "td"])]
        if any(cells):
            rows.append(" | ".join(cells))
    return "\n".join(rows)


_DATE_META = ("article:modified_time", "og:updated_time", "dcterms.modified", "dc.date.modified", "last-modified",
              "dcterms.date", "dc.date", "date", "article:published_time")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_STAND = re.compile(
    r"\b(?:Stand|Aktualisiert|Zuletzt aktualisiert|Letzte Änderung)\s*:?\s*(\d{1,2})\.(\d{1,2})\.(\d{4})"
)
_ROBOTS_META = re.compile(r"^robots$", re.IGNORECASE)


@dataclass
class HtmlPage:
    title: str | None
    sections: list[Section]
    links: list[str] = field(default_factory=list)  # absolute URLs of every <a href> on the page
    canonical: str | None = None
    page_date: str | None = None  # ISO date the page states for itself (meta tags, "Stand: …")
    noindex: bool = False
    nofollow: bool = False


def _meta_date(soup: BeautifulSoup) -> str | None:
    for tag in soup.find_all("meta"):
        key = str(tag.get("property") or tag.get("name") or tag.get("http-equiv") or "").lower()
        if key in _DATE_META:
            match = _ISO_DATE.search(str(tag.get("content") or ""))
            if match:
                return "-".join(match.groups())
    return None


def _stated_date(text: str) -> str | None:
    dates = sorted(f"{y}-{int(m):02d}-{int(d):02d}" for d, m, y in _STAND.findall(text)
                   if 1 <= int(m) <= 12 and 1 <= int(d) <= 31)
    return dates[-1] if dates else None


def _is_canonical(rel: object) -> bool:
    values = rel if isinstance(rel, list) else [rel]
    return any(str(v).lower() == "canonical" for v in values)


def _crawl_facts(soup: BeautifulSoup, page: HtmlPage, base_url: str | None) -> None:
    """Fill links, canonical link, meta date and robots directives from the full page (menus included)."""
    base_tag = soup.find("base", href=True)
    base = urljoin(base_url or "", str(base_tag["href"])) if base_tag else (base_url or "")
    robots = ",".join(str(m.get("content") or "") for m in soup.find_all("meta", attrs={"name": _ROBOTS_META}))
    directives = {d.strip().lower() for d in robots.split(",")}
    page.noindex = bool(directives & {"noindex", "none"})
    page.nofollow = bool(directives & {"nofollow", "none"})
    for anchor in soup.find_all("a", href=True):
        href = str(anchor["href"]).strip()
        if href and not href.startswith(("#", "mailto:", "tel:", "javascript:", "data:")):
            page.links.append(urljoin(base, href))
    canonical = soup.find("link", rel=_is_canonical, href=True)
    page.canonical = urljoin(base, str(canonical["href"])) if canonical else None
    page.page_date = _meta_date(soup)


def parse_html(html: str) -> tuple[str | None, list[Section]]:
    """Return (title, sections) of the page's main content."""
    page = parse_html_page(html)
    return page.title, page.sections


def parse_html_page(html: str, base_url: str | None = None) -> HtmlPage:
    """The main content as sections plus the page's links, canonical link, stated date and robots directives."""
    soup = BeautifulSoup(html, "html.parser")
    page = HtmlPage(title=None, sections=[])
    _crawl_facts(soup, page, base_url)
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
            elif child.name == "dl":
                buffer.extend(_definition_lines(child))
            elif child.name == "pre":
                text = child.get_text().strip("\n")
                if text.strip():
                    buffer.append(text)
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
    check_text_size(sum(len(s.text) for s in sections), "page")
    page.title, page.sections = title, sections
    page.page_date = page.page_date or _stated_date("\n".join(s.text for s in sections))
    return page
