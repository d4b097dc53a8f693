"""Real PDFs for tests, made with reportlab: text pages, image-only pages (a 'scan'), encrypted files."""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas


def text_pdf(pages: list[str], title: str = "Testdokument", encrypt: str | None = None) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1, encrypt=encrypt)
    pdf.setTitle(title)
    for text in pages:
        y = 800
        for line in text.splitlines():
            pdf.setFont("Helvetica", 11)
            pdf.drawString(60, y, line)
            y -= 16
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def scanned_pdf(pages: int = 2) -> bytes:
    """Pages with only drawn shapes and no text layer, like a scan before OCR."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    for _ in range(pages):
        for i in range(20):
            pdf.rect(50 + i * 10, 700 - i * 20, 200, 8, fill=1)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()
