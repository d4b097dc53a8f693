"""A zip-bomb-like PDF: one content stream that inflates to hundreds of megabytes from a few hundred kilobytes.
(The page-tree, page-count and nesting bombs live in tests/indexer/crawler/hostile_files.py.)"""

from __future__ import annotations

import zlib

from tests.indexer.crawler.hostile_files import raw_pdf


def flate_bomb(inflated_bytes: int = 200_000_000) -> bytes:
    compressor = zlib.compressobj(9)
    block = b" " * 1_000_000
    stream = b"".join(compressor.compress(block) for _ in range(inflated_bytes // len(block))) + compressor.flush()
    return raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ])
