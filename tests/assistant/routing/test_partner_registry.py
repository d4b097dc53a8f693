"""partners.yaml validation: every kind of error names the file and the line."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.routing.partner_registry import load_partner_registry
from indexer.gazetteer import Gazetteer
from indexer.partner_catalogue import PartnerDataError
from tests.assistant.routing.conftest import PARTNERS_YAML


def write_variant(tmp_path: Path, old: str, new: str) -> tuple[Path, int]:
    """partners.yaml with one edit; returns the file and the line of the edit."""
    text = PARTNERS_YAML.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    changed = text.replace(old, new)
    path = tmp_path / "partners.yaml"
    path.write_text(changed, encoding="utf-8")
    line = changed[: changed.index(new)].count("\n") + 1 + new[: len(new) - len(new.lstrip("\n"))].count("\n")
    return path, line


def problems_for(path: Path, gazetteer: Gazetteer) -> str:
    with pytest.raises(PartnerDataError) as info:
        load_partner_registry(path, gazetteer, check_documents=False)
    return str(info.value)


def line_of(path: Path, fragment: str, occurrence: int = 1) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    hits = [i + 1 for i, line in enumerate(lines) if fragment in line]
    return hits[occurrence - 1]


def test_the_real_file_is_valid(gazetteer: Gazetteer) -> None:
    registry = load_partner_registry(PARTNERS_YAML, gazetteer)
    assert len([p for p in registry.partners if p.type != "wirtschaftsfoerderung"]) == 39


def test_unknown_kreis_ags(tmp_path: Path, gazetteer: Gazetteer) -> None:
    path, line = write_variant(tmp_path, 'kreise: ["05766"]  # Lippe', 'kreise: ["05766", "05999"]  # Lippe')
    message = problems_for(path, gazetteer)
    assert f"{path}:{line}: partner 'ihk-lippe': unknown Kreis AGS '05999'" in message


def test_unquoted_ags(tmp_path: Path, gazetteer: Gazetteer) -> None:
    path, line = write_variant(tmp_path, 'kreise: ["05766"]  # Lippe', "kreise: [05766]  # Lippe")
    assert f"{path}:{line}: partner 'ihk-lippe': Kreis AGS must be a quoted string" in problems_for(
        path, gazetteer
    )


def test_unknown_gemeinde_ags(tmp_path: Path, gazetteer: Gazetteer) -> None:
    path, line = write_variant(
        tmp_path,
        'include_gemeinden: ["05954036", "05954016"]',
        'include_gemeinden: ["05954036", "05954016", "05954999"]',
    )
    message = problems_for(path, gazetteer)
    assert f"{path}:{line}: partner 'ihk-mittleres-ruhrgebiet': unknown Gemeinde AGS '05954999'" in message


def test_unknown_topic_and_target_group(tmp_path: Path, gazetteer: Gazetteer) -> None:
    path, line = write_variant(
        tmp_path,
        "topics: [beratung, digitalisierung, innovation, gruendung, finanzierung, international, "
        "nachfolge, energie]",
        "topics: [beratung, raumfahrt]",
    )
    assert f"{path}:{line}: partner 'ihk-lippe': unknown topic 'raumfahrt'" in problems_for(path, gazetteer)
    path, line = write_variant(
        tmp_path, "target_groups: [kmu, hochschule, forschung]", "target_groups: [kmu, behoerden]"
    )
    assert f"{path}:{line}: partner 'nrw-europa': unknown target group 'behoerden'" in problems_for(
        path, gazetteer
    )


def test_missing_website_key(tmp_path: Path, gazetteer: Gazetteer) -> None:
    path, _ = write_variant(tmp_path, "    website: https://www.hwk-swf.de\n", "")
    message = problems_for(path, gazetteer)
    assert (
        f"{path}:{line_of(path, 'id: hwk-suedwestfalen')}: partner 'hwk-suedwestfalen': missing key "
        "'website'" in message
    )


def test_a_press_article_is_not_a_website(tmp_path: Path, gazetteer: Gazetteer) -> None:
    article = "https://app-webview.sparknews.funkemedien.de/nrw-wp/staedte/hagen/article11002422/x.html"
    path, line = write_variant(tmp_path, "website: https://www.ihk.de/hagen", f"website: {article}")
    assert (f"{path}:{line}: partner 'sihk-hagen': website {article} is not on the official domain ihk.de/hagen"
            in problems_for(path, gazetteer))


def test_another_chamber_on_the_shared_host_is_not_the_website(tmp_path: Path, gazetteer: Gazetteer) -> None:
    path, _ = write_variant(tmp_path, "website: https://www.ihk.de/hagen", "website: https://www.ihk.de/koeln")
    assert "partner 'sihk-hagen': website https://www.ihk.de/koeln is not on the official domain ihk.de/hagen" \
        in problems_for(path, gazetteer)


def test_a_page_on_the_official_site_is_not_the_home_page(tmp_path: Path, gazetteer: Gazetteer) -> None:
    page = "https://www.hwk-swf.de/artikel/ein-blick-zurueck-38,0,1310.html"
    path, line = write_variant(tmp_path, "website: https://www.hwk-swf.de", f"website: {page}")
    assert f"{path}:{line}: partner 'hwk-suedwestfalen': website must be the home page of hwk-swf.de" in \
        problems_for(path, gazetteer)


def test_a_website_needs_its_domain_and_its_attestation(tmp_path: Path, gazetteer: Gazetteer) -> None:
    path, line = write_variant(tmp_path, "official_domain: hwk-swf.de", "official_domain: https://www.hwk-swf.de")
    assert f"{path}:{line}: partner 'hwk-suedwestfalen': official_domain must be a host" in \
        problems_for(path, gazetteer)
    ki_page = "https://www.ki.nrw/zweite-konferenz-der-ki-nrw-flagship-initiative-bringt-nordrhein-westfaelische-" \
        "ki-leuchtturmprojekte-nach-bonn/"
    path, line = write_variant(tmp_path, f"ki.nrw\n    website_attested_by: {ki_page}",
                               "ki.nrw\n    website_attested_by: null")
    assert f"{path}:{line + 1}: partner 'ki-nrw': a website needs website_attested_by" in \
        problems_for(path, gazetteer)


def test_no_website_means_no_domain(tmp_path: Path, gazetteer: Gazetteer) -> None:
    path, line = write_variant(tmp_path, "website: https://www.hwk-swf.de", "website: null")
    assert f"{path}:{line + 1}: partner 'hwk-suedwestfalen': official_domain is set but website is null" in \
        problems_for(path, gazetteer)


def test_an_undated_source_needs_checked_on(tmp_path: Path, gazetteer: Gazetteer) -> None:
    source = "source_url: https://www.hwk-swf.de/artikel/ein-blick-zurueck-38,0,1310.html\n"
    path, line = write_variant(tmp_path, source + "    as_of: null\n    checked_on: 2026-12-07\n",
                               source + "    as_of: null\n")
    assert (f"{path}:{line + 1}: partner 'hwk-suedwestfalen': an undated source (as_of: null) needs checked_on"
            in problems_for(path, gazetteer))
    path, line = write_variant(tmp_path, source + "    as_of: null\n", source + "    as_of: 2026\n")
    assert f"{path}:{line + 1}: partner 'hwk-suedwestfalen': as_of must be an ISO date" in problems_for(path, gazetteer)
