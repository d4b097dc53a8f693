"""Write a synthetic Förderdatenbank export (the real export's schema, real programme texts) for scale tests.

    .venv/bin/python scripts/generate_fdb_export.py /tmp/fdb-export.zip            # 2,500 programmes, ~48 MB
    .venv/bin/python scripts/generate_fdb_export.py /tmp/fdb-export --count 300     # a folder, 300 programmes

Point a `foerderdatenbank_export` source at the result (`path:`). See api/benchmarks/fdb_export_generator.py.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from api.benchmarks.fdb_export_generator import kept_for_nrw, load_texts, plan_programmes, write_export
from assistant.settings import PROJECT_ROOT

TEXTS = PROJECT_ROOT.parent / "shared" / "data" / "real_docs" / "fdb_texts_foerderbot"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("target", type=Path, help="a folder, or a file name ending in .zip")
    parser.add_argument("--count", type=int, default=2500, help="programmes in the export (default 2500)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--texts", type=Path, default=TEXTS, help="folder of the real programme texts (*.md)")
    args = parser.parse_args()
    programmes = plan_programmes(load_texts(args.texts), args.count, args.seed)
    write_export(programmes, args.target)
    kept = sum(1 for p in programmes if kept_for_nrw(p))
    print(f"{args.target}: {len(programmes)} programmes, {kept} of them bundesweit or nordrhein_westfalen")


if __name__ == "__main__":
    main()
