"""Build the sample PDFs of the bundled corpus from their Markdown sources.

Reads corpus/sample/pdf/sources/*.md (YAML front matter + a tiny Markdown subset), writes
corpus/sample/pdf/<output>.pdf and its sidecar <output>.pdf.meta.yaml, then checks with pypdf that every page
extracts again with its text (umlauts included) and that the page count is as written.

Markdown subset: `# ` document title, `## ` section heading, `- ` bullet, blank line = paragraph break,
a line `<!-- pagebreak -->` starts the next page. Each page must fit on one A4 page; the check fails otherwise.

The PDFs are deterministic (reportlab invariant mode, fixed metadata): rebuilding yields byte-identical files.
Fonts: the built-in Helvetica with WinAnsi encoding, so every character must exist in cp1252.

    .venv/bin/python scripts/build_sample_pdfs.py [--check-only]
"""

from __future__ import annotations

import argparse
import hashlib
import io
import re
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

import yaml
from pypdf import PdfReader
from reportlab import rl_config
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Frame, PageBreak, PageTemplate, Paragraph, Spacer

REPO_ROOT = Path(__file__).resolve().parent.parent
PDF_DIR = REPO_ROOT / "corpus" / "sample" / "pdf"
SOURCES_DIR = PDF_DIR / "sources"
PAGEBREAK = "<!-- pagebreak -->"
SIDECAR_KEYS = ("id", "kind", "program_id", "title", "source_url", "as_of", "language")
AUTHOR = "Team NRW Innovation Assistant"
HEADER_LEFT = "NRW Innovation Assistant – Zusammenfassung, kein amtliches Dokument"

rl_config.invariant = 1  # fixed creation date and document id

BODY = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=13.5, spaceAfter=5, alignment=TA_LEFT)
TITLE = ParagraphStyle("title", parent=BODY, fontName="Helvetica-Bold", fontSize=16, leading=20, spaceAfter=8)
H2 = ParagraphStyle("h2", parent=BODY, fontName="Helvetica-Bold", fontSize=12, leading=15, spaceBefore=8,
                    spaceAfter=4)
BULLET = ParagraphStyle("bullet", parent=BODY, leftIndent=12, bulletIndent=2, spaceAfter=2, bulletFontName="Helvetica")


@dataclass
class Source:
    path: Path
    meta: dict
    pages: list[str]

    @property
    def output(self) -> Path:
        return PDF_DIR / str(self.meta["output"])


def read_source(path: Path) -> Source:
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        raise SystemExit(f"{path}: needs YAML front matter")
    end = text.index("\n---\n", 4)
    meta = yaml.safe_load(text[4:end])
    missing = [k for k in (*SIDECAR_KEYS, "short_title", "output") if not meta.get(k)]
    if missing:
        raise SystemExit(f"{path}: front matter lacks {', '.join(missing)}")
    pages = [p.strip() for p in text[end + 5 :].split(PAGEBREAK)]
    if not 2 <= len(pages) <= 4:
        raise SystemExit(f"{path}: a sample PDF has 2-4 pages, this one {len(pages)}")
    for ch in sorted(set(text)):
        try:
            ch.encode("cp1252")
        except UnicodeEncodeError:
            raise SystemExit(f"{path}: character {ch!r} cannot be shown with the built-in Helvetica") from None
    return Source(path, meta, pages)


def _blocks(page: str) -> list[tuple[str, str]]:
    """(kind, text) per block: title, h2, bullet, para."""
    blocks: list[tuple[str, str]] = []
    para: list[str] = []

    def flush() -> None:
        if para:
            blocks.append(("para", " ".join(para)))
            para.clear()

    for raw in page.splitlines():
        line = raw.strip()
        if not line:
            flush()
        elif line.startswith("## "):
            flush()
            blocks.append(("h2", line[3:]))
        elif line.startswith("# "):
            flush()
            blocks.append(("title", line[2:]))
        elif line.startswith("- "):
            flush()
            blocks.append(("bullet", line[2:]))
        else:
            para.append(line)
    flush()
    return blocks


def _flowables(src: Source) -> list:
    styles = {"title": TITLE, "h2": H2, "para": BODY, "bullet": BULLET}
    story: list = []
    for number, page in enumerate(src.pages):
        if number:
            story.append(PageBreak())
        for kind, text in _blocks(page):
            markup = escape(text)
            if kind == "bullet":
                story.append(Paragraph(markup, styles[kind], bulletText="–"))
            else:
                story.append(Paragraph(markup, styles[kind]))
        story.append(Spacer(1, 2))
    return story


def render(src: Source) -> bytes:
    meta = src.meta
    total = len(src.pages)
    stand = date.fromisoformat(str(meta["as_of"])).strftime("%d.%m.%Y")
    buf = io.BytesIO()
    width, height = A4
    margin = 20 * mm

    def decorate(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.setFillGray(0.35)
        canvas.drawString(margin, height - 12 * mm, HEADER_LEFT)
        canvas.drawRightString(width - margin, height - 12 * mm, f"Stand: {stand}")
        canvas.setLineWidth(0.4)
        canvas.line(margin, height - 14 * mm, width - margin, height - 14 * mm)
        canvas.line(margin, 15 * mm, width - margin, 15 * mm)
        canvas.drawCentredString(width / 2, 10 * mm, f"{meta['short_title']} – Seite {doc.page} von {total}")
        canvas.restoreState()

    doc = BaseDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=22 * mm,
        bottomMargin=22 * mm,
        title=str(meta["title"]),
        author=AUTHOR,
        subject=f"Zusammenfassung, Stand {stand}; offizielle Quelle: {meta['source_url']}",
        creator="scripts/build_sample_pdfs.py",
        producer="ReportLab",
        invariant=1,
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body")
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=decorate)])
    doc.build(_flowables(src))
    return buf.getvalue()


def sidecar_text(meta: dict) -> str:
    lines = ["# Metadata for the indexer; written by scripts/build_sample_pdfs.py from sources/ – do not edit."]
    for key in SIDECAR_KEYS:
        value = meta[key]
        if key == "as_of":
            lines.append(f"{key}: {date.fromisoformat(str(value)).isoformat()}")
        elif key == "title":
            lines.append(f"{key}: {yaml.safe_dump(str(value), allow_unicode=True, default_style=chr(34)).strip()}")
        else:
            lines.append(f"{key}: {value}")
    return "\n".join(lines) + "\n"


_WORD = re.compile(r"\w+", re.UNICODE)
_URL = re.compile(r"https?://\S+")


def check(src: Source, data: bytes) -> list[str]:
    """Problems found when reading the PDF back; empty when all is well."""
    problems: list[str] = []
    reader = PdfReader(io.BytesIO(data))
    if len(reader.pages) != len(src.pages):
        problems.append(f"{len(reader.pages)} pages, expected {len(src.pages)} (a page overflowed?)")
        return problems
    if str(reader.metadata.title) != str(src.meta["title"]):
        problems.append("PDF title metadata does not match")
    seen: list[set[str]] = []
    for number, (page, text_in) in enumerate(zip(reader.pages, src.pages, strict=True), start=1):
        text_out = page.extract_text() or ""
        flat_out = " ".join(text_out.split())
        odd = sorted({ch for ch in text_out if (ord(ch) < 32 and ch not in "\n\t") or 0x7F <= ord(ch) < 0xA0})
        if odd:
            problems.append(f"page {number}: control characters in extracted text: {odd}")
        footer = f"{src.meta['short_title']} – Seite {number} von {len(src.pages)}"
        if footer not in flat_out:
            problems.append(f"page {number}: footer {footer!r} not extracted")
        # URLs may be wrapped anywhere: compare them with all whitespace removed.
        nospace_out = "".join(text_out.split())
        for url in _URL.findall(text_in):
            if url not in nospace_out:
                problems.append(f"page {number}: URL not extracted: {url}")
        # Every other word written to the page (umlauts and ß included) must come back out.
        words_in = set(_WORD.findall(_URL.sub(" ", text_in.replace(PAGEBREAK, ""))))
        words_out = set(_WORD.findall(text_out))
        missing = sorted(w for w in words_in - words_out if not w.isdigit())
        if missing:
            problems.append(f"page {number}: words not extracted: {missing[:10]}")
        seen.append(words_in)
    for i in range(len(seen)):
        for j in range(i + 1, len(seen)):
            if seen[i] == seen[j]:
                problems.append(f"pages {i + 1} and {j + 1} have the same text")
    all_text = " ".join(p.extract_text() or "" for p in reader.pages)
    for umlaut in "äöüß":
        if umlaut in "".join(src.pages) and umlaut not in all_text:
            problems.append(f"umlaut {umlaut!r} lost in extraction")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check-only", action="store_true", help="only verify the existing PDFs")
    args = parser.parse_args()
    sources = [read_source(p) for p in sorted(SOURCES_DIR.glob("*.md"))]
    if not sources:
        print("no sources found", file=sys.stderr)
        return 1
    failed = False
    for src in sources:
        if args.check_only:
            data = src.output.read_bytes()
        else:
            data = render(src)
            if render(src) != data:
                print(f"{src.output.name}: two renders differ (not deterministic)", file=sys.stderr)
                failed = True
            src.output.write_bytes(data)
            src.output.with_name(src.output.name + ".meta.yaml").write_text(sidecar_text(src.meta), encoding="utf-8")
        problems = check(src, data)
        digest = hashlib.sha256(data).hexdigest()[:12]
        status = "ok" if not problems else "FAILED"
        print(f"{src.output.relative_to(REPO_ROOT)}: {len(src.pages)} pages, sha256 {digest}, {status}")
        for problem in problems:
            print(f"  - {problem}", file=sys.stderr)
        failed = failed or bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
