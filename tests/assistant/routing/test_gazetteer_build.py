"""The generated gazetteer files are complete and up to date with the shared source data."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path
from types import ModuleType

import pytest

from indexer.gazetteer import Gazetteer
from tests.assistant.routing.conftest import CORPUS_DIR, REPO_ROOT, SHARED_DATA

GENERATED = ("gemeinden.csv", "kreise.csv", "plz.csv", "plz_ausserhalb_nrw.csv")
CURATED = ("ortsteile.csv", "regions.csv", "kreis_aliases.csv", "orte_ausserhalb_nrw.csv")


def test_counts(gazetteer: Gazetteer) -> None:
    assert len(gazetteer.gemeinden) == 396
    assert len(gazetteer.kreise) == 53
    assert sum(1 for k in gazetteer.kreise.values() if k.kreisfrei) == 22
    assert gazetteer.regierungsbezirke == ("Arnsberg", "Detmold", "Düsseldorf", "Köln", "Münster")
    assert len(gazetteer.regions) == 9
    assert sum(g.population for g in gazetteer.gemeinden.values()) == 17_947_221
    assert all(g.plz for g in gazetteer.gemeinden.values())
    shared = {plz: agss for plz, agss in gazetteer.plz.items() if len(agss) == 2}
    assert sorted(shared) == ["33154", "33161", "40472", "40721", "51467", "52525", "52538"]


def test_overlapping_regions(gazetteer: Gazetteer) -> None:
    assert gazetteer.regions_by_kreis["05170"] == ("Metropole Ruhr", "Niederrhein")  # Kreis Wesel
    assert gazetteer.regions_by_kreis["05162"] == ("Köln/Bonn", "Niederrhein")  # Rhein-Kreis Neuss
    assert gazetteer.regions_by_kreis["05112"] == ("Metropole Ruhr",)  # Duisburg: not Standort Niederrhein
    covered = {k for r in gazetteer.regions.values() for k in r.kreis_ags}
    assert covered == set(gazetteer.kreise)


def _build_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_gazetteer", REPO_ROOT / "scripts" / "build_gazetteer.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not SHARED_DATA.is_dir(), reason="shared source data not available")
def test_generated_files_match_a_fresh_build(tmp_path: Path) -> None:
    out = tmp_path / "gazetteer"
    out.mkdir()
    for name in CURATED:
        shutil.copy(CORPUS_DIR / "gazetteer" / name, out / name)
    counts = _build_script().build(SHARED_DATA, out)
    assert counts["gemeinden"] == 396 and counts["kreise"] == 53 and counts["plz_distinct"] == 865
    for name in GENERATED:
        assert (out / name).read_bytes() == (CORPUS_DIR / "gazetteer" / name).read_bytes(), name
