"""The small sites the crawler tests serve: a portal with every awkward case, and a clean site for re-index runs."""

from __future__ import annotations

from tests.indexer.crawler.site_server import Page, TestSite
from tests.pdf_factory import scanned_pdf, text_pdf

NAV = """<header class="site-header"><nav class="main-nav"><a href="/">Startseite</a>
<a href="/foerderung/ki-zuschuss">Förderprogramme</a> Kontakt</nav></header>"""
COOKIE = """<div id="cookie-banner" class="consent">Wir verwenden Cookies, um unser Angebot zu verbessern.
<button>Alle akzeptieren</button></div>"""
FOOTER = """<footer class="site-footer">Impressum · Datenschutz · Barrierefreiheitserklärung</footer>"""


def page(title: str, body: str, links: str = "", head: str = "") -> str:
    return (f"<!doctype html><html lang='de'><head><meta charset='utf-8'><title>{title} | Beispielportal</title>"
            f"{head}<script>var tracking = 'geheim';</script></head><body>{COOKIE}{NAV}"
            f"<main><h1>{title}</h1>{body}</main><aside class='sidebar'>Zuletzt angesehen: Altprogramm</aside>"
            f"{links}{FOOTER}</body></html>")


KI_ZUSCHUSS = page("KI-Zuschuss Beispiel", """
<h2>Was wird gefördert?</h2>
<p>Der KI-Zuschuss Beispiel fördert kleine und mittlere Unternehmen, die ein Produkt mit künstlicher Intelligenz
entwickeln lassen. Sie erhalten einen Zuschuss von bis zu 15.000 Euro.</p>
<h2>Antrag</h2>
<p>Anträge können laufend gestellt werden. Die Antragsfrist endet am 31.03.2027.</p>
""")

ALTPROGRAMM = page("Altprogramm Beispiel", """
<h2>Status</h2>
<p>Das Altprogramm Beispiel wurde zum 31.12.2024 eingestellt. Seitdem werden keine neuen Anträge mehr angenommen.</p>
<p>Stand: 05.06.2025</p>
""")

KREDIT = page("Innovationskredit Beispiel", """
<h2>Konditionen</h2>
<p>Der Innovationskredit Beispiel ist ein zinsgünstiges Darlehen für Investitionen in neue Verfahren.</p>
<table><tr><th>Merkmal</th><th>Wert</th></tr><tr><td>Kreditbetrag</td><td>bis zu 2 Mio. Euro</td></tr></table>
""")

COPY_TEXT = """<h2>Hinweis</h2><p>Die Beratungstage für Gründerinnen und Gründer finden jeden ersten Dienstag im Monat
statt. Eine Anmeldung ist nicht erforderlich.</p>"""

HOME_LINKS = """<div class="teaser">
<a href="/foerderung/ki-zuschuss?utm_source=newsletter&utm_medium=mail#antrag">KI-Zuschuss</a>
<a href="/foerderung/altprogramm">Altprogramm</a>
<a href="/alte-seite">Kredit (alte Adresse)</a>
<a href="/fehlt">Fehlende Seite</a>
<a href="/kaputt">Kaputte Seite</a>
<a href="/langsam">Langsame Seite</a>
<a href="/intern/geheim">Intern</a>
<a href="/dokumente/merkblatt.pdf">Merkblatt</a>
<a href="/dokumente/scan.pdf">Scan</a>
<a href="/dokumente/defekt.pdf">Defektes PDF</a>
<a href="/kopie-a">Beratungstage</a>
<a href="/kopie-b">Beratungstage (Kopie)</a>
<a href="/bild.png">Bild</a>
<a href="mailto:info@example.org">E-Mail</a>
</div>"""

MERKBLATT_PAGES = [
    "Merkblatt Beispielförderung\nSeite 1: Wer wird gefördert?\nKleine und mittlere Unternehmen aus NRW.",
    "Merkblatt Beispielförderung\nSeite 2: Verfahren\nDer Antrag wird vor Beginn des Vorhabens gestellt.",
]


def build_portal(site: TestSite) -> None:
    """Sitemap, robots.txt forbidding /intern/, a redirect, a 404, a 500, a slow page, cookie banner and
    navigation, PDFs (text, scanned, broken) and the same text under two URLs."""
    base = site.base_url
    site.pages["/robots.txt"] = Page(b"User-agent: *\nDisallow: /intern/\n", "text/plain")
    site.pages["/sitemap.xml"] = Page(f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>{base}/</loc></url>
<url><loc>{base}/foerderung/ki-zuschuss</loc><lastmod>2026-10-01</lastmod></url>
<url><loc>{base}/foerderung/kredit</loc></url>
</urlset>""".encode(), "application/xml")
    site.html("/", page("Beispielportal für Förderung", "<p>Willkommen im Beispielportal. Hier finden "
                        "Unternehmen Förderprogramme und Beratungstermine in Nordrhein-Westfalen.</p>" + HOME_LINKS))
    site.html("/foerderung/ki-zuschuss", KI_ZUSCHUSS)
    site.html("/foerderung/altprogramm", ALTPROGRAMM)
    site.html("/foerderung/kredit", KREDIT, headers={"Last-Modified": "Tue, 15 Sep 2026 08:00:00 GMT"})
    site.pages["/alte-seite"] = Page(redirect_to="/foerderung/kredit")
    site.html("/kaputt", "Serverfehler", status=500)
    site.html("/langsam", page("Langsame Seite", "<p>Diese Seite antwortet zu spät.</p>"), delay=3.0)
    site.html("/intern/geheim", page("Intern", "<p>Interne Notizen, die niemand indexieren darf.</p>"))
    site.pages["/dokumente/merkblatt.pdf"] = Page(text_pdf(MERKBLATT_PAGES, title="Merkblatt Beispielförderung"),
                                                  "application/pdf")
    site.pages["/dokumente/scan.pdf"] = Page(scanned_pdf(), "application/pdf")
    site.pages["/dokumente/defekt.pdf"] = Page(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF",
                                               "application/pdf")
    site.html("/kopie-a", page("Beratungstage", COPY_TEXT))
    # same text, other layout around it: a near-duplicate
    site.html("/kopie-b", page("Beratungstage", COPY_TEXT).replace("Alle akzeptieren", "Einverstanden"))


def build_clean_site(site: TestSite) -> None:
    """Three programme pages, a sitemap and links only: every crawl of it is complete."""
    base = site.base_url
    site.pages["/robots.txt"] = Page(b"User-agent: *\nAllow: /\n", "text/plain")
    site.pages["/sitemap.xml"] = Page(f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>{base}/foerderung/ki-zuschuss</loc></url>
<url><loc>{base}/foerderung/kredit</loc></url>
</urlset>""".encode(), "application/xml")
    site.html("/", page("Beispielportal", "<p>Willkommen im Beispielportal für Förderprogramme.</p>"
                        "<a href='/foerderung/ki-zuschuss'>KI</a> <a href='/foerderung/kredit'>Kredit</a> "
                        "<a href='/foerderung/altprogramm'>Alt</a>"))
    site.html("/foerderung/ki-zuschuss", KI_ZUSCHUSS)
    site.html("/foerderung/kredit", KREDIT)
    site.html("/foerderung/altprogramm", ALTPROGRAMM)


def site_source_yaml(base: str, name: str = "portal", extra: str = "") -> str:
    return f"""sources:
  - name: {name}
    kind: site
    seeds: ["{base}/"]
    sitemaps: ["{base}/sitemap.xml"]
    allow_private: true
    delay_seconds: 0
    timeout_seconds: 1
    retries: 1
    backoff_seconds: 0.05
    max_depth: 2
    defaults: {{kind: programme, provider: "Beispiel-Förderbank", level: Land}}
{extra}"""
