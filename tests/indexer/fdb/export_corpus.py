"""Test corpora with a `foerderdatenbank_export` source: the real export sample (../shared/data, read-only) copied
where a test may change it, zipped like the download, and written next to the small test corpus."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from tests.conftest import SHARED_DATA
from tests.corpus_builder import write_test_corpus

REAL_EXPORT = SHARED_DATA / "real_docs" / "fdb_export_sample" / "export"
REAL_TEXTS = SHARED_DATA / "real_docs" / "fdb_texts_foerderbot"
PROGRAMMES = "BMWI/FDB/Content/DE/Foerderprogramm"
EINSTIEGSGELD_URL = "https://www.foerderdatenbank.de/FDB/Content/DE/Foerderprogramm/Bund/BMAS/einstiegsgeld.html"
EINSTIEGSGELD_ID = "fdb-bund-bmas-einstiegsgeld"
EINSTIEGSGELD_XML = f"{PROGRAMMES}/Bund/BMAS/einstiegsgeld.xml"


def copy_export(target: Path) -> Path:
    """A writable copy of the real sample (a folder holding BMWI/…)."""
    shutil.copytree(REAL_EXPORT, target)
    for path in target.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)  # the shared data is read-only
    return target


def zip_export(folder: Path, target: Path, prefix: str = "") -> Path:
    """The folder as one ZIP, the members named BMWI/FDB/… (after `prefix`), like the download."""
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*.xml")):
            archive.write(path, prefix + path.relative_to(folder).as_posix())
    return target


def export_source(name: str, location: str, **fields: object) -> str:
    extra = "".join(f"    {key}: {value}\n" for key, value in fields.items())
    return f"  - name: {name}\n    kind: foerderdatenbank_export\n    {location}\n{extra}"


def corpus_with_export(root: Path, location: str, programs_yaml: str | None = None, **fields: object) -> Path:
    """The small test corpus (tests/corpus_builder.py) plus one export source (`location`: `path: …` or `url: …`)."""
    corpus = write_test_corpus(root)
    sources = (corpus / "sources.yaml").read_text(encoding="utf-8") + export_source("fdb", location, **fields)
    (corpus / "sources.yaml").write_text(sources, encoding="utf-8")
    if programs_yaml is not None:
        (corpus / "programs.yaml").write_text(programs_yaml, encoding="utf-8")
    return corpus
