"""Files built to hurt a parser: PDF bombs and the like (small on disk, huge or endless when read naively)."""

from __future__ import annotations

import io


def raw_pdf(objects: list[bytes]) -> bytes:
    """A syntactically valid PDF from object bodies (object 1 is the catalog), with a correct xref table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer << /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def page_count_bomb() -> bytes:
    """Declares a billion pages."""
    return raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1000000000 >>",
                    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"])


def page_tree_bomb(levels: int = 9) -> bytes:
    """Claims one page, but every page-tree node lists the next node ten times: 10^levels pages when walked."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    for level in range(levels):
        kid = level + 3
        objects.append(b"<< /Type /Pages /Kids [" + b" ".join([f"{kid} 0 R".encode()] * 10) + b"] /Count 1 >>")
    objects.append(b"<< /Type /Page /MediaBox [0 0 612 792] >>")
    return raw_pdf(objects)


def nesting_bomb(depth: int = 50_000) -> bytes:
    """An array nested fifty thousand levels deep inside the page dictionary."""
    return raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /X " + b"[" * depth + b"]" * depth
                    + b" >>"])
