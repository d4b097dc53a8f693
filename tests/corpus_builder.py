"""A small corpus written by the tests themselves: a few programmes (one closed), Markdown, HTML and PDF."""

from __future__ import annotations

from pathlib import Path

from tests.pdf_factory import text_pdf

PROGRAMS_YAML = """\
programs:
  - id: test-ki-zuschuss
    name: "KI-Zuschuss Test"
    aliases: ["KI Zuschuss"]
    provider: "Land NRW"
    level: Land
    funding_type: Zuschuss
    target_groups: [kmu]
    topics: [ki, digitalisierung]
    status: open
    as_of: 2026-01-07
    source_url: https://example.org/ki-zuschuss
    document: sample/ki-zuschuss.md
  - id: test-altprogramm
    name: "Altprogramm Digital"
    aliases: ["Altprogramm"]
    provider: "Bund"
    level: Bund
    funding_type: Zuschuss
    target_groups: [kmu]
    topics: [digitalisierung]
    status: closed
    ended_on: 2024-12-31
    status_note: "Seit dem 1.1.2025 keine neuen Anträge."
    successor: test-ki-zuschuss
    as_of: 2024-06-05
    source_url: https://example.org/altprogramm
    document: sample/altprogramm.md
  - id: test-kredit
    name: "Innovationskredit Test"
    provider: "NRW.BANK"
    level: NRW.BANK
    funding_type: Darlehen
    target_groups: [kmu, grossunternehmen]
    topics: [innovation, finanzierung]
    status: open
    as_of: 2024-02-01
    source_url: https://example.org/kredit
    document: sample/kredit.html
  - id: test-forschung
    name: "Forschungszulage Test"
    aliases: ["Forschungszulage"]
    provider: "Bund"
    level: Bund
    funding_type: Steuerliche Förderung
    target_groups: [alle-unternehmen]
    topics: [fue]
    status: open
    as_of: 2026-01-01
    source_url: https://example.org/forschungszulage.pdf
    document: sample/forschung.pdf
"""

KI_MD = """\
---
id: prog-test-ki
kind: programme
program_id: test-ki-zuschuss
title: KI-Zuschuss Test
source_url: https://example.org/ki-zuschuss
as_of: 2026-01-07
---
# KI-Zuschuss Test
## Kurz gesagt
Der KI-Zuschuss fördert kleine und mittlere Unternehmen in Nordrhein-Westfalen, die digitale Produkte mit \
künstlicher Intelligenz entwickeln lassen.
## Wie hoch ist die Förderung?
Gefördert wird die Hälfte der Ausgaben für externe Dienstleister.
## Status
Das Programm ist offen. Die Plätze werden per Losverfahren vergeben.
"""

ALT_MD = """\
---
id: prog-test-alt
kind: programme
program_id: test-altprogramm
title: Altprogramm Digital
source_url: https://example.org/altprogramm
as_of: 2024-06-05
---
# Altprogramm Digital
## Kurz gesagt
Das Altprogramm Digital förderte Beratung zur Digitalisierung von Handwerksbetrieben.
## Status
Das Altprogramm ist beendet. Seit dem 1. Januar 2025 werden keine neuen Anträge mehr angenommen.
"""

GUIDE_MD = """\
---
id: guide-test-regeln
kind: guide
title: Grundregeln der Förderung
source_url: https://example.org/regeln
as_of: 2025-05-01
---
# Grundregeln der Förderung
## Vorzeitiger Maßnahmenbeginn
Bei Zuschüssen darf ein Vorhaben erst beginnen, wenn der Antrag gestellt oder bewilligt ist. Wer vorher \
Aufträge vergibt, verliert den Anspruch auf Förderung.
"""

KREDIT_HTML = """\
<!doctype html><html><head><title>Innovationskredit Test | Bank</title><script>alert(1)</script></head>
<body>
<div id="cookie-banner">Wir verwenden Cookies. Alle akzeptieren</div>
<header><nav><a href="/">Startseite</a> <a href="/produkte">Produkte</a></nav></header>
<main>
<h1>Innovationskredit Test</h1>
<h2>Was wird finanziert?</h2>
<p>Der Innovationskredit finanziert Investitionen in neue Produkte und Verfahren zu günstigen Zinsen.</p>
<h2>Konditionen</h2>
<table><tr><th>Merkmal</th><th>Wert</th></tr><tr><td>Finanzierungsanteil</td><td>bis zu 100 %</td></tr></table>
<p>Der Antrag wird über die Hausbank gestellt.</p>
</main>
<footer>Impressum · Datenschutz · Kontakt</footer>
</body></html>
"""

KREDIT_META = """\
id: prog-test-kredit
kind: programme
program_id: test-kredit
title: Innovationskredit Test
source_url: https://example.org/kredit
as_of: 2024-02-01
"""

FORSCHUNG_PAGES = [
    "Merkblatt Forschungszulage Test\nSeite 1: Wer kann die Zulage bekommen?\n"
    "Alle steuerpflichtigen Unternehmen mit Forschung und Entwicklung.",
    "Merkblatt Forschungszulage Test\nSeite 2: Verfahren\n"
    "Zuerst stellt die Bescheinigungsstelle eine Bescheinigung aus, danach folgt der Antrag beim Finanzamt.",
]

FORSCHUNG_META = """\
id: pdf-test-forschung
kind: programme
program_id: test-forschung
title: Merkblatt Forschungszulage Test
source_url: https://example.org/forschungszulage.pdf
as_of: 2026-01-01
"""


def write_test_corpus(root: Path) -> Path:
    sample = root / "sample"
    sample.mkdir(parents=True)
    (root / "programs.yaml").write_text(PROGRAMS_YAML, encoding="utf-8")
    (root / "sources.yaml").write_text(
        "sources:\n  - name: sample\n    kind: local_folder\n    path: sample\n", encoding="utf-8"
    )
    (sample / "ki-zuschuss.md").write_text(KI_MD, encoding="utf-8")
    (sample / "altprogramm.md").write_text(ALT_MD, encoding="utf-8")
    (sample / "regeln.md").write_text(GUIDE_MD, encoding="utf-8")
    (sample / "kredit.html").write_text(KREDIT_HTML, encoding="utf-8")
    (sample / "kredit.html.meta.yaml").write_text(KREDIT_META, encoding="utf-8")
    (sample / "forschung.pdf").write_bytes(text_pdf(FORSCHUNG_PAGES, title="Forschungszulage"))
    (sample / "forschung.pdf.meta.yaml").write_text(FORSCHUNG_META, encoding="utf-8")
    return root
