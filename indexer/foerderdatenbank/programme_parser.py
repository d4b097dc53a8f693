"""A programme document of the export (`type="gsb:ServiceOffer"`) with the documents it links, read into sections.

What the Förderdatenbank page shows, in its order: the facts box ("Steckbrief": Förderart, Förderbereich,
Fördergebiet, Förderberechtigte, Fördergeber …, as the site's labels), the texts (Kurztext, Volltext, Rechtliche
Voraussetzungen, the body with its own headings such as Ziel und Gegenstand, Antragsberechtigte, Voraussetzungen, Art
und Höhe der Förderung, Antragsverfahren, Quelle), the contact ("Ansprechpunkt": name, address, phone, e-mail, website
from the linked Kontakt/Adresse/ExternerLink documents) and the further links. The texts are CC BY-ND: they are kept
word for word (only whitespace is normalised); nothing is summarised or reworded. Internal CMS fields (`gsb:comment`
holds ticket numbers) are never read.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from indexer.documents import Section
from indexer.foerderdatenbank.classifiers import FACT_LINES, label
from indexer.foerderdatenbank.export_files import PROGRAMME_ROOT, content_path
from indexer.foerderdatenbank.gsb_document import GsbDocument
from indexer.foerderdatenbank.rich_text import rich_text_sections
from indexer.parsers.errors import ParseError

SITE = "https://www.foerderdatenbank.de"
RIGHTS_HOLDER = "Bundesministerium für Wirtschaft und Energie"
LICENCE = "CC BY-ND 4.0"
PROGRAMME_TYPE = "gsb:ServiceOffer"
# Rich-text properties shown on the page, with the heading for text that brings none of its own. The body (bodyText)
# carries its own headings (Ziel und Gegenstand, …) or the legal basis with links; it gets no heading of ours.
TEXT_PROPERTIES = (("gsb:teaserText", "Kurztext"), ("gsb:summary", "Volltext"),
                   ("gsb:regulatoryFWork", "Rechtliche Voraussetzungen"), ("gsb:bodyText", ""),
                   ("gsb:procDescription", "Quelle"), ("gsb:remark", "Hinweise"))
_XLINK = re.compile(r'xlink:href="([^"]+)"')
_ID_CHARS = re.compile(r"[^a-z0-9]+")

Linked = Callable[[str], GsbDocument | None]


def public_url(path: str) -> str:
    """`/BMWI/FDB/Content/DE/Foerderprogramm/Bund/BMAS/einstiegsgeld` → its page on www.foerderdatenbank.de."""
    return SITE + path.removeprefix("/BMWI") + ".html"


def programme_id(path: str) -> str:
    """A catalogue id from the programme's path (one slug can run at several levels, so the whole path counts)."""
    slug = _ID_CHARS.sub("-", path.removeprefix(PROGRAMME_ROOT).lower()).strip("-")
    ident = f"fdb-{slug}"
    if len(ident) > 100:
        ident = f"{ident[:88]}-{hashlib.sha1(path.encode()).hexdigest()[:10]}"
    return ident


def attribution(title: str, url: str) -> str:
    """The licence's attribution line, as the Förderdatenbank asks for it."""
    return f"{title}, {RIGHTS_HOLDER}, {LICENCE}, Quelle: {url}"


@dataclass(frozen=True)
class Contact:
    name: str
    address: str | None = None
    phone: str | None = None
    fax: str | None = None
    email: str | None = None
    websites: tuple[str, ...] = ()

    def lines(self) -> list[str]:
        lines = [self.name]
        if self.address:
            lines.append(self.address)
        lines += [f"{what}: {value}" for what, value in (("Telefon", self.phone), ("Fax", self.fax),
                                                         ("E-Mail", self.email)) if value]
        lines += [f"Internet: {url}" for url in self.websites]
        return lines


@dataclass
class ExportProgramme:
    path: str
    url: str
    title: str
    categories: dict[str, list[str]]
    provider: str
    sections: list[Section]
    contacts: list[Contact] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)  # (title, url) of the linked external pages
    keywords: str | None = None

    @property
    def id(self) -> str:
        return programme_id(self.path)

    def fingerprint(self) -> str:
        """Everything of the listing that ends up in the index or the catalogue entry."""
        digest = hashlib.sha256()
        parts = [self.path, self.title, self.provider, repr(sorted(self.categories.items())), repr(self.contacts),
                 repr(self.links)]
        parts += [f"{'/'.join(s.heading_path)}|{s.text}" for s in self.sections]
        for part in parts:
            digest.update(part.encode("utf-8"))
            digest.update(b"\x00")
        return digest.hexdigest()


def _external_link(linked: Linked, href: str) -> tuple[str, str] | None:
    path = content_path(href)
    doc = linked(path) if path else None
    if doc is None or not doc.values.get("gsb:url"):
        return None
    return doc.text("gsb:title") or doc.values["gsb:url"], doc.values["gsb:url"]


def _address(doc: GsbDocument) -> str | None:
    street = " ".join(v for v in (doc.values.get("gsb:road"), doc.values.get("gsb:houseId")) if v)
    town = " ".join(v for v in (doc.values.get("gsb:zipCode"), doc.values.get("gsb:city")) if v)
    return ", ".join(v for v in (street, town) if v) or None


def _contact(linked: Linked, href: str) -> Contact | None:
    path = content_path(href)
    doc = linked(path) if path else None
    if doc is None:
        return None
    addresses = [_address(a) for a in (linked(p) for p in map(content_path, doc.classified.get("Adresse", [])) if p)
                 if a is not None]
    websites = [link[1] for link in (_external_link(linked, h) for h in doc.links.get("gsb:website", [])) if link]
    name = doc.text("gsb:title")
    if not name:
        return None
    return Contact(name=name, address=next((a for a in addresses if a), None), phone=doc.values.get("gsb:phone"),
                   fax=doc.values.get("gsb:fax"), email=doc.values.get("gsb:email"),
                   websites=tuple(dict.fromkeys(websites)))


def _facts(categories: dict[str, list[str]], provider: str) -> Section | None:
    lines = [f"{title}: {', '.join(label(group, c) for c in categories[group])}"
             for group, title in FACT_LINES if categories.get(group)]
    if provider:
        lines.insert(min(5, len(lines)), f"Förderorganisation: {provider}")
    return Section("\n".join(lines), ("Steckbrief",)) if lines else None


def _text_sections(html: str, heading: str) -> list[Section]:
    sections = rich_text_sections(html)
    return [Section(s.text, s.heading_path or ((heading,) if heading else ())) for s in sections]


def parse_programme(document: GsbDocument, linked: Linked) -> ExportProgramme:
    """Raises ParseError for a programme without a title or without any text."""
    title = document.text("gsb:title") or document.path.rsplit("/", 1)[-1]
    categories = document.categories()
    organisations = [linked(p) for p in map(content_path, document.classified.get("Foerderorganisation", [])) if p]
    provider = "; ".join(dict.fromkeys(t for t in (d.text("gsb:title") for d in organisations if d) if t))
    if not provider:
        provider = ", ".join(label("Foerdergeber", c) for c in categories.get("Foerdergeber", []))

    sections: list[Section] = []
    facts = _facts(categories, provider)
    if facts:
        sections.append(facts)
    hrefs: list[str] = []
    for prop, heading in TEXT_PROPERTIES:
        html = document.rich_texts.get(prop)
        if html:
            sections += _text_sections(html, heading)
            hrefs += _XLINK.findall(html)
    if len(sections) <= (1 if facts else 0):
        raise ParseError(f"programme {document.path} has no text")

    contacts = [c for c in (_contact(linked, h) for h in document.classified.get("Kontakt", [])) if c]
    contacts = list(dict.fromkeys(contacts))
    if contacts:
        sections.append(Section("\n\n".join("\n".join(c.lines()) for c in contacts), ("Ansprechpunkt",)))
    hrefs = document.classified.get("ExternerLink", []) + hrefs
    links = list(dict.fromkeys(link for link in (_external_link(linked, h) for h in hrefs) if link))
    if links:
        sections.append(Section("\n".join(f"{name}: {url}" for name, url in links), ("Weiterführende Links",)))
    return ExportProgramme(
        path=document.path, url=public_url(document.path), title=title, categories=categories, provider=provider,
        sections=sections, contacts=contacts, links=links, keywords=document.values.get("gsb:keywords"),
    )


