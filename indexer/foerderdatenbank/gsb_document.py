"""One document of the export (the CMS "GSB"): a flat list of `<property>` elements, read into plain Python.

A property carries rich text (`<text>`: escaped HTML wrapped in a CDATA marker), a plain value (`<value>`), a link
list (`<links><link xlink:href>`) or classified link lists (per classifier, e.g. `…/Classifier/Common/Foerderart`, the
category links `…/Categories/FDB/Foerderart/zuschuss` or document links `target:/BMWI/FDB/Content/DE/Kontakt/…`).
Nothing is interpreted here; which property means what lives in programme_parser.py.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from html import unescape

from indexer.parsers.safe_xml import parse_safe_xml

_HREF = "xlink:href"
_CLASSIFIER = re.compile(r"/Classifier/Common/([A-Za-z_]+)$")
_CATEGORY = re.compile(r"/Categories/FDB/([A-Za-z_]+)/([A-Za-z0-9_]+)$")
_CDATA = re.compile(r"^\s*<!\[CDATA\[(.*)\]\]>\s*$", re.S)
_WS = re.compile(r"\s+")
_TAG = re.compile(r"<[^>]*>")
_INLINE = re.compile(r"</?(?:span|abbr|acronym|strong|b|em|i|u|a|sup|sub|small|mark|q|cite|code|font)\b[^>]*>", re.I)


@dataclass
class GsbDocument:
    path: str  # content path, e.g. /BMWI/FDB/Content/DE/Kontakt/B/bundesagentur-fuer-arbeit
    type: str  # gsb:ServiceOffer (a programme), gsb:ContactData, gsb:Address, gsb:ExternalLink
    rich_texts: dict[str, str] = field(default_factory=dict)  # property → HTML, only the non-empty ones
    values: dict[str, str] = field(default_factory=dict)  # String, Long and Date properties, stripped
    links: dict[str, list[str]] = field(default_factory=dict)  # LinkList property → hrefs
    classified: dict[str, list[str]] = field(default_factory=dict)  # classifier name → hrefs, in export order

    def categories(self) -> dict[str, list[str]]:
        """Category values by group: {"Foerderart": ["zuschuss"], "Foerdergebiet": ["bundesweit"], …}. The export
        writes some codes with a leading underscore (`_bundesweit`); it is dropped."""
        found: dict[str, list[str]] = {}
        for hrefs in self.classified.values():
            for href in hrefs:
                match = _CATEGORY.search(href)
                if match:
                    values = found.setdefault(match.group(1), [])
                    code = match.group(2).lstrip("_")
                    if code not in values:
                        values.append(code)
        return found

    def text(self, prop: str) -> str:
        """A rich-text property as one line of plain text ("" when absent)."""
        html = self.rich_texts.get(prop)
        return plain_text(html) if html else ""


def plain_text(html: str) -> str:
    """Rich text as one line (titles, names): inline markup (span, abbr, links) adds nothing between words, so
    "(<span>Minitraité" reads "(Minitraité"; other tags separate words."""
    return _WS.sub(" ", unescape(_TAG.sub(" ", _INLINE.sub("", html)))).strip()


def _rich_text(prop: ET.Element) -> str:
    text = prop.findtext("text") or ""
    match = _CDATA.match(text)
    html = match.group(1) if match else text
    # Empty rich text is written as an empty div (a cheap check: no HTML parse for it).
    return html if _TAG.sub("", html).strip() else ""


def parse_gsb_document(data: bytes, path: str) -> GsbDocument:
    """Raises ParseError (UnsafeXmlError for a DTD or entity) for a document that cannot be read safely."""
    root = parse_safe_xml(data, what=f"document {path}")
    document = GsbDocument(path=path, type=root.get("type", ""))
    for prop in root.iter("property"):
        name, kind = prop.get("name", ""), prop.get("type", "")
        if kind == "RichText":
            html = _rich_text(prop)
            if html:
                document.rich_texts[name] = html
        elif kind == "LinkList":
            document.links[name] = [link.get(_HREF, "") for link in prop.iter("link")]
        elif kind == "ClassifiedLinkLists":
            for listed in prop.iter("classifiedLinkList"):
                classifier = next((_CLASSIFIER.search(link.get(_HREF, "")) for link in
                                   listed.iterfind("classifierLinks/link")), None)
                if classifier is None:
                    continue
                hrefs = [link.get(_HREF, "") for link in listed.iterfind("links/link")]
                document.classified.setdefault(classifier.group(1), []).extend(hrefs)
        else:
            value = prop.findtext("value")
            if value is not None and value.strip():
                document.values[name] = value.strip()
    return document
