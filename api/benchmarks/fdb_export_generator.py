"""A synthetic Förderdatenbank export in the real export's schema, for scale tests and benchmarks.

The programme texts are real: the 165 Förderdatenbank texts in ../shared/data/real_docs/fdb_texts_foerderbot/
(Kurztext, Volltext, rechtliche Voraussetzungen, Richtlinie), placed word for word into the properties the export uses
(gsb:teaserText, gsb:summary, gsb:regulatoryFWork, gsb:bodyText) as escaped HTML, the way the real sample
(../shared/data/real_docs/fdb_export_sample/) carries them. What is synthetic is the catalogue around them: paths,
classifiers, funding organisations, contacts and links. Classifiers follow the text where it says something
(a text about Energie gets Förderbereich Energieeffizienz, one that offers a Darlehen gets Förderart Darlehen) and
vary otherwise; Fördergeber and Fördergebiet are spread like the real database (about 2,500 programmes, most of them
Länder programmes; about 450 kept for NRW: bundesweit and nordrhein_westfalen). Contacts are placeholders
(Musterstraße, 00000 Beispielstadt, example.org): this data is never served.

Usage: scripts/generate_fdb_export.py, or `programmes = plan_programmes(load_texts(folder), 2500)` and
`write_export(programmes, target)` (a folder, or a path ending in .zip).
"""

from __future__ import annotations

import html
import random
import re
import zipfile
from collections.abc import Collection, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from xml.sax.saxutils import escape

CONTENT = "BMWI/FDB/Content/DE"
_CATEGORY = "target:/BMWI/SiteGlobals/Categories/FDB"
_CLASSIFIER = "target:/BMWI/SiteGlobals/Classifications/Classifier/Common"
LAENDER = ("baden_wuerttemberg", "bayern", "berlin", "brandenburg", "bremen", "de_ni", "de_st", "hamburg", "hessen",
           "mecklenburg_vorpommern", "nordrhein_westfalen", "rheinland_pfalz", "saarland", "sachsen",
           "schlesig_holstein", "thueringen")
_LAND_FOLDERS = {"nordrhein_westfalen": "NRW", "de_ni": "Niedersachsen", "de_st": "Sachsen-Anhalt",
                 "schlesig_holstein": "Schleswig-Holstein"}
# Shares of the database: Bund and EU programmes are bundesweit; NRW has many Länder programmes.
_BUND, _EU, _NRW = 0.10, 0.024, 0.058
ALL_SIZES = ("grosses_unternehmen", "kleines_unternehmen", "kleinstunternehmen", "mittleres_unternehmen")
ALL_BRANCHES = ("dienstleistungen", "freie_berufe", "gastgewerbe_tourismus", "handel", "handwerk",
                "kultur_kreativwirtschaft", "land_forst_fischwirtschaft", "produzierendes_gewerbe")
# Förderbereich by words of the text (folded to lower case), strongest first.
_AREA_WORDS = (
    ("energieeffizienz_erneuerbare_energien", ("energie", "klimaschutz", "wärme", "wasserstoff")),
    ("forschung_innovation_themenspezifisch", ("forschung", "entwicklung")),
    ("existenzgruendung_festigung", ("gründ", "existenz")),
    ("digitalisierung", ("digital", "software", "daten")),
    ("unternehmensfinanzierung", ("darlehen", "kredit", "finanzierung")),
    ("aus_weiterbildung", ("ausbildung", "weiterbildung", "qualifizierung")),
    ("aussenwirtschaft", ("export", "ausland", "international")),
    ("umwelt_naturschutz", ("umwelt", "natur", "ressourcen")),
    ("kultur_medien_sport", ("kultur", "film", "kunst", "sport")),
    ("landwirtschaft_laendliche_entwicklung", ("landwirtschaft", "ländlich", "forst")),
    ("gesundheit_soziales", ("gesundheit", "pflege", "sozial")),
    ("mobilitaet", ("mobilität", "verkehr", "fahrzeug")),
    ("beratung", ("beratung", "coaching")),
    ("infrastruktur", ("infrastruktur", "breitband")),
)
_KIND_WORDS = (("darlehen", ("darlehen", "förderkredit")), ("buergschaft", ("bürgschaft",)),
               ("beteiligung", ("stille beteiligung", "wagniskapital", "beteiligungskapital")),
               ("garantie", ("garantie",)))
# Förderbereich shares of the real database (about), for programmes whose text does not decide.
_AREA_SHARES = (("forschung_innovation_themenspezifisch", 15), ("forschung_innovation_themenoffen", 8),
                ("unternehmensfinanzierung", 12), ("energieeffizienz_erneuerbare_energien", 10),
                ("existenzgruendung_festigung", 8), ("umwelt_naturschutz", 8),
                ("landwirtschaft_laendliche_entwicklung", 8), ("infrastruktur", 6), ("aus_weiterbildung", 6),
                ("digitalisierung", 5), ("arbeit", 5), ("aussenwirtschaft", 4), ("beratung", 4),
                ("gesundheit_soziales", 4), ("kultur_medien_sport", 4), ("staedtebau_stadterneuerung", 3),
                ("wohnungsbau_modernisierung", 3), ("mobilitaet", 3), ("regionalfoerderung", 3),
                ("messen_ausstellungen", 2), ("frauenfoerderung", 1), ("smart_cities_regionen", 1))
# Share of programmes whose page carries the full Richtlinie: with it, the ZIP of 2,500 programmes is about 40 MB,
# as the real export's 30–50 MB (../shared/data/README.md §4).
_RICHTLINIE_SHARE = 0.5
_ORGANISATIONS = 600
_ELIGIBLE = (("unternehmen", 0.75), ("existenzgruenderin", 0.2), ("forschungseinrichtung", 0.2), ("hochschule", 0.2),
             ("kommune", 0.15), ("verband_vereinigung", 0.12), ("oeffentliche_einrichtung", 0.1),
             ("privatperson", 0.06), ("bildungseinrichtung", 0.06))
_BUND_OFFICES = ("BMBF", "BMWK", "BMDV", "BMUV", "BMAS", "BMEL", "BMG", "BKM", "BMFSFJ", "BMI")
_MINISTRY = re.compile(r"(Bundesministerium für [^()\n]{5,80}?)\s*\(\s*([A-Z]{2,8})\s*\)")
_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class RealText:
    """One real programme text, split into the parts the export carries as separate properties."""

    name: str  # file name
    title: str
    teaser: str  # Kurztext (Markdown)
    summary: str  # Volltext
    legal: str  # rechtliche Voraussetzungen
    body: str  # the Richtlinie, or the whole text of the older format (Ziel und Gegenstand, …)

    @property
    def words(self) -> str:
        return f"{self.title} {self.teaser} {self.summary} {self.legal}".lower()


@dataclass(frozen=True)
class SyntheticProgramme:
    number: int
    text: RealText
    with_richtlinie: bool  # the page carries the full Richtlinie (else only its legal basis and link)
    funder: str  # bund | land | eu
    area: str  # Fördergebiet: bundesweit or a Land
    kinds: tuple[str, ...]
    areas: tuple[str, ...]
    eligible: tuple[str, ...]
    sizes: tuple[str, ...]
    branches: tuple[str, ...]
    organisation: int  # index of its Förderorganisation / contact documents
    slug: str = ""  # the page's name: from its first title, kept when its text changes (default: from the title)

    @property
    def path(self) -> str:
        """Content path below CONTENT, without .xml."""
        slug = self.slug or _slug(self.text.title)
        if self.funder == "bund":
            folder = f"Bund/{_BUND_OFFICES[self.number % len(_BUND_OFFICES)]}"
        elif self.funder == "eu":
            folder = "EU"
        else:
            folder = f"Land/{_LAND_FOLDERS.get(self.area, self.area.replace('_', '-').title())}"
        return f"Foerderprogramm/{folder}/{slug}-{self.number}"


# --- the real texts ---------------------------------------------------------------------------------------------------
def _split(markdown: str, name: str) -> RealText:
    lines = markdown.splitlines()
    title = re.sub(r"^#\s+(Titel der Förderlinie:\s*)?", "", lines[0]).strip() if lines else name
    parts: dict[str, list[str]] = {"teaser": [], "summary": [], "legal": [], "body": []}
    current = "body"
    markers = {"kurztext": "teaser", "volltext": "summary", "rechtliche voraussetzungen": "legal", "richtlinie": "body"}
    new_format = any(line.strip().lower() == "### kurztext".replace(" ", "  ") or
                     re.match(r"^###\s+Kurztext\s*$", line) for line in lines)
    for line in lines[1:]:
        heading = re.match(r"^###\s+(.+?)\s*$", line)
        if new_format and heading and heading.group(1).lower() in markers:
            current = markers[heading.group(1).lower()]
            continue
        parts[current].append(line)
    return RealText(name, title, *("\n".join(parts[k]).strip() for k in ("teaser", "summary", "legal", "body")))


def _slug(title: str) -> str:
    return _SLUG.sub("-", title.lower().translate(str.maketrans("äöüß", "aous"))).strip("-")[:60].rstrip("-")


def load_texts(folder: Path) -> list[RealText]:
    texts = [_split(path.read_text(encoding="utf-8"), path.name) for path in sorted(folder.glob("*.md"))]
    if not texts:
        raise FileNotFoundError(f"no programme texts (*.md) in {folder}")
    return texts


def markdown_html(markdown: str) -> str:
    """The scraped Markdown back into the simple HTML of the export's rich text: headings, paragraphs, lists."""
    out: list[str] = []
    items: list[str] = []

    def inline(text: str) -> str:
        text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # links keep their text
        text = html.escape(" ".join(text.split()), quote=False)
        return re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", text)

    def close_list() -> None:
        if items:
            out.append("<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>")
            items.clear()

    for raw in markdown.splitlines():
        line = raw.strip()
        heading = re.match(r"^(#{1,6})\s+(.*)$", line)
        bullet = re.match(r"^[*•]\s+(.*)$", line)
        if not line or line == "---":
            close_list()
        elif heading:
            close_list()
            level = min(max(len(heading.group(1)), 2), 6)
            out.append(f"<h{level}>{inline(heading.group(2))}</h{level}>")
        elif bullet:
            items.append(inline(bullet.group(1)))
        else:
            close_list()
            out.append(f"<p>{inline(line)}</p>")
    close_list()
    return "".join(out)


# --- the synthetic catalogue ------------------------------------------------------------------------------------------
def _areas(text: RealText, rng: random.Random) -> tuple[str, ...]:
    """The area the text speaks of most, plus up to two drawn by the database's shares."""
    words = text.words
    scored = sorted(((sum(words.count(w) for w in keys), area) for area, keys in _AREA_WORDS), reverse=True)
    chosen = [scored[0][1]] if scored[0][0] > 0 and rng.random() < 0.6 else []
    names, weights = zip(*_AREA_SHARES, strict=True)
    chosen += rng.choices(names, weights, k=rng.choice((1, 1, 1, 2, 2)))
    return tuple(dict.fromkeys(chosen))[:3]


def _kinds(text: RealText, funder: str, rng: random.Random) -> tuple[str, ...]:
    """What the text offers; Länder programmes are often loans, guarantees or equity of their banks."""
    words = f"{text.teaser} {text.summary}".lower()
    kinds = [kind for kind, keys in _KIND_WORDS if any(k in words for k in keys)]
    if funder == "land":
        draw = rng.random()
        kinds += ["darlehen"] if draw < 0.25 else ["buergschaft"] if draw < 0.3 else \
            ["beteiligung"] if draw < 0.35 else []
    if "zuschuss" in words or not kinds:
        kinds.insert(0, "zuschuss")
    if rng.random() < 0.04:
        kinds = ["sonstige"]
    return tuple(dict.fromkeys(kinds))[:2]


def plan_programmes(texts: list[RealText], count: int = 2500, seed: int = 2026) -> list[SyntheticProgramme]:
    """`count` programmes: Fördergeber and Fördergebiet spread like the real database, texts reused in turn."""
    rng = random.Random(seed)
    order = list(range(len(texts)))
    rng.shuffle(order)
    programmes: list[SyntheticProgramme] = []
    for number in range(count):
        text = texts[order[number % len(order)]]
        draw = rng.random()
        if draw < _BUND:
            funder, area = "bund", "bundesweit"
        elif draw < _BUND + _EU:
            funder, area = "eu", "bundesweit"
        elif draw < _BUND + _EU + _NRW:
            funder, area = "land", "nordrhein_westfalen"
        else:
            funder, area = "land", rng.choice([land for land in LAENDER if land != "nordrhein_westfalen"])
        eligible = tuple(code for code, share in _ELIGIBLE if rng.random() < share) or ("unternehmen",)
        size_draw = rng.random()
        sizes = ALL_SIZES if size_draw < 0.6 else ALL_SIZES[1:] if size_draw < 0.9 else ()
        branch_draw = rng.random()
        branches = ALL_BRANCHES if branch_draw < 0.5 else \
            tuple(sorted(rng.sample(ALL_BRANCHES, rng.randint(1, 3)))) if branch_draw < 0.8 else ()
        programmes.append(SyntheticProgramme(
            number=number, text=text, with_richtlinie=rng.random() < _RICHTLINIE_SHARE, funder=funder, area=area,
            kinds=_kinds(text, funder, rng), areas=_areas(text, rng), eligible=eligible, sizes=sizes,
            branches=branches, organisation=rng.randrange(_ORGANISATIONS), slug=_slug(text.title)))
    return programmes


def with_new_texts(programmes: list[SyntheticProgramme], changed: Collection[int],
                   texts: list[RealText]) -> list[SyntheticProgramme]:
    """The same export with the programmes numbered in `changed` carrying another real text (a day's edits): the
    same pages (paths), new content."""
    by_name = {t.name: i for i, t in enumerate(texts)}
    return [replace(p, text=texts[(by_name[p.text.name] + 1) % len(texts)]) if p.number in changed else p
            for p in programmes]


def kept_for_nrw(programme: SyntheticProgramme) -> bool:
    return programme.area in ("bundesweit", "nordrhein_westfalen")


# --- writing the export -----------------------------------------------------------------------------------------------
def _rich(prop: str, inner_html: str) -> str:
    wrapped = f'<![CDATA[<div xmlns:xlink="http://www.w3.org/1999/xlink">{inner_html}</div>]]>'
    return f'    <property name="{prop}" type="RichText">\n        <text>{escape(wrapped)}</text>\n    </property>\n'


def _value(prop: str, kind: str, value: str) -> str:
    return f'    <property name="{prop}" type="{kind}">\n        <value>{escape(value)}</value>\n    </property>\n'


def _classified(prop: str, lists: list[tuple[str, list[str]]]) -> str:
    blocks = []
    for classifier, hrefs in lists:
        links = "".join(f'\n                    <link xlink:href="{h}"/>' for h in hrefs)
        blocks.append(
            "            <classifiedLinkList>\n                <classifierText></classifierText>\n"
            f'                <classifierLinks>\n                    <link xlink:href="{_CLASSIFIER}/{classifier}"/>\n'
            f"                </classifierLinks>\n                <links>{links}\n                </links>\n"
            "            </classifiedLinkList>\n")
    return (f'    <property name="{prop}" type="ClassifiedLinkLists">\n        <classifiedLinkLists>\n'
            f'{"".join(blocks)}        </classifiedLinkLists>\n    </property>\n')


def _document(path: str, kind: str, properties: str) -> bytes:
    folder, name = path.rsplit("/", 1)
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<document xmlns:xlink="http://www.w3.org/1999/xlink" name="{name}" path="/{CONTENT}/{folder}" '
            f'type="{kind}">\n{properties}</document>\n').encode()


def _organisation_name(programme: SyntheticProgramme) -> str:
    if programme.funder == "bund":
        found = _MINISTRY.search(f"{programme.text.summary} {programme.text.body[:5000]}")
        if found:
            return f"{' '.join(found.group(1).split())} ({found.group(2)})"
        return f"Beispiel-Projektträger {programme.organisation} des Bundes"
    if programme.funder == "eu":
        return f"Beispiel-Kontaktstelle {programme.organisation} der Europäischen Kommission"
    return f"Beispiel-Förderstelle {programme.organisation} ({programme.area.replace('_', ' ').title()})"


def _programme_xml(programme: SyntheticProgramme, organisation: str, contact: str) -> bytes:
    text = programme.text
    number = programme.number
    categories = [
        ("Foerderart", [f"{_CATEGORY}/Foerderart/{k}" for k in programme.kinds]),
        ("Foerdergebiet", [f"{_CATEGORY}/Foerdergebiet/{programme.area}"]),
        ("Foerdergeber", [f"{_CATEGORY}/Foerdergeber/{programme.funder}"]),
        ("Foerderberechtigte", [f"{_CATEGORY}/Foerderberechtigte/{e}" for e in programme.eligible]),
        ("BranchenUnternehmen", [f"{_CATEGORY}/Branchen/{b}" for b in programme.branches]),
        ("Unternehmensgroesse", [f"{_CATEGORY}/Unternehmensgroesse/{s}" for s in programme.sizes]),
        ("Foerderbereich", [f"{_CATEGORY}/Foerderbereich/{a}" for a in programme.areas]),
        ("Foerderorganisation", [f"target:/{CONTENT}/{organisation}"]),
    ]
    link = f"target:/{CONTENT}/ExternerLink/R/richtlinie-{number}"
    info = f"target:/{CONTENT}/ExternerLink/I/informationen-{number}"
    # Without the Richtlinie, the body holds what the real pages hold then: the legal basis (the Richtlinie's
    # heading lines) and the link to it.
    body = text.body if programme.with_richtlinie else "\n".join(text.body.splitlines()[:3])
    properties = [
        _rich("gsb:bodyText", markdown_html(body) +
              f'<p><a xlink:type="simple" xlink:href="{link}" xlink:show="new">Weblink zur Förderrichtlinie</a></p>'),
        _classified("gsb:cl2Contacts", [("Kontakt", [f"target:/{CONTENT}/{contact}"])]),
        _classified("gsb:cl2CustServices", [("ExternerLink", [info])]),
        _classified("gsb:cl2Processes", categories),
        _rich("gsb:comment", f"<p>Ticket#{900000 + number}</p>"),
        _value("gsb:dateOfIssue", "Date", "2024-05-06T10:00:00.000+02:00"),
        _value("gsb:shouldNotBeIndexed", "Long", "0"),
        _value("gsb:subType", "String", "ServiceOffer-FundingProgram"),
    ]
    for prop, part in (("gsb:regulatoryFWork", text.legal), ("gsb:summary", text.summary),
                       ("gsb:teaserText", text.teaser)):
        if part:
            properties.append(_rich(prop, markdown_html(part)))
    properties.append(_rich("gsb:title", f"<p>{html.escape(text.title, quote=False)}</p>"))
    return _document(programme.path, "gsb:ServiceOffer", "".join(properties))


def _linked_documents(programmes: list[SyntheticProgramme]) -> Iterator[tuple[str, bytes]]:
    """Förderorganisation, Kontakt, Adresse and ExternerLink documents the programmes link to."""
    done: set[int] = set()
    for programme in programmes:
        n = programme.organisation
        yield f"ExternerLink/R/richtlinie-{programme.number}", _document(
            f"ExternerLink/R/richtlinie-{programme.number}", "gsb:ExternalLink",
            _rich("gsb:title", "<p>Weblink zur Förderrichtlinie (externer Link)</p>") +
            _value("gsb:url", "String", f"https://example.org/richtlinien/{programme.number}.pdf"))
        yield f"ExternerLink/I/informationen-{programme.number}", _document(
            f"ExternerLink/I/informationen-{programme.number}", "gsb:ExternalLink",
            _rich("gsb:title", "<p>Informationen zum Förderprogramm (externer Link)</p>") +
            _value("gsb:url", "String", f"https://example.org/programme/{programme.number}"))
        if n in done:
            continue
        done.add(n)
        name = html.escape(_organisation_name(programme), quote=False)
        yield f"Foerdergeber/B/organisation-{n}", _document(
            f"Foerdergeber/B/organisation-{n}", "gsb:ContactData", _rich("gsb:title", f"<p>{name}</p>"))
        yield f"Adresse/B/adresse-{n}", _document(
            f"Adresse/B/adresse-{n}", "gsb:Address",
            _value("gsb:city", "String", "Beispielstadt") + _value("gsb:houseId", "String", str(n + 1)) +
            _value("gsb:road", "String", "Musterstraße") + _rich("gsb:title", f"<p>{name}</p>") +
            _value("gsb:zipCode", "String", "00000"))
        yield f"ExternerLink/B/website-{n}", _document(
            f"ExternerLink/B/website-{n}", "gsb:ExternalLink",
            _rich("gsb:title", f"<p>{name} (externer Link)</p>") +
            _value("gsb:url", "String", f"https://example.org/foerderstelle/{n}"))
        yield f"Kontakt/B/kontakt-{n}", _document(
            f"Kontakt/B/kontakt-{n}", "gsb:ContactData",
            _classified("gsb:cl2Addresses", [("Adresse", [f"target:/{CONTENT}/Adresse/B/adresse-{n}"])]) +
            _value("gsb:phone", "String", f"+49 000 0000-{n}") + _rich("gsb:title", f"<p>{name}</p>") +
            f'    <property name="gsb:website" type="LinkList">\n        <links>\n            <link '
            f'xlink:href="target:/{CONTENT}/ExternerLink/B/website-{n}"/>\n        </links>\n    </property>\n')


def export_files(programmes: list[SyntheticProgramme]) -> Iterator[tuple[str, bytes]]:
    """(path below the export root, XML) of every file of the export."""
    for programme in programmes:
        n = programme.organisation
        yield (f"{CONTENT}/{programme.path}.xml",
               _programme_xml(programme, f"Foerdergeber/B/organisation-{n}", f"Kontakt/B/kontakt-{n}"))
    for path, data in _linked_documents(programmes):
        yield f"{CONTENT}/{path}.xml", data


def write_export(programmes: list[SyntheticProgramme], target: Path) -> Path:
    """The export as a folder (holding BMWI/…) or, for a target ending in .zip, as one ZIP like the download."""
    if target.suffix == ".zip":
        target.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
            for path, data in export_files(programmes):
                archive.writestr(path, data)
        return target
    for path, data in export_files(programmes):
        file = target / path
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_bytes(data)
    return target
