"""partners.yaml validation: every kind of error names the file and the line."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.routing.gazetteer import Gazetteer
from assistant.routing.partner_registry import PartnerDataError, load_partner_registry
from tests.routing.conftest import PARTNERS_YAML


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
    assert len(registry.partners) == 39


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


def test_missing_contact_url(tmp_path: Path, gazetteer: Gazetteer) -> None:
    path, _ = write_variant(tmp_path, "    contact_url: https://www.hwk-swf.de\n", "")
    message = problems_for(path, gazetteer)
    assert (
        f"{path}:{line_of(path, 'id: hwk-suedwestfalen')}: partner 'hwk-suedwestfalen': missing key "
        "'contact_url'" in message
    )


def test_empty_contact_url(tmp_path: Path, gazetteer: Gazetteer) -> None:
    path, line = write_variant(tmp_path, "contact_url: https://www.hwk-swf.de", 'contact_url: ""')
    assert f"{path}:{line}: partner 'hwk-suedwestfalen': missing contact_url" in problems_for(path, gazetteer)


def test_duplicate_id(tmp_path: Path, gazetteer: Gazetteer) -> None:
    path, _ = write_variant(tmp_path, "- id: ihk-bergische", "- id: ihk-siegen")
    message = problems_for(path, gazetteer)
    first, line = line_of(path, "id: ihk-siegen"), line_of(path, "id: ihk-siegen", 2)
    assert f"{path}:{line}: duplicate id 'ihk-siegen' (first defined on line {first})" in message


def test_overlapping_ihk_coverage(tmp_path: Path, gazetteer: Gazetteer) -> None:
    path, line = write_variant(tmp_path, 'kreise: ["05766"]  # Lippe', 'kreise: ["05766", "05711"]  # Lippe')
    message = problems_for(path, gazetteer)
    assert (
        f"{path}:{line}: IHK coverage overlaps: 'ihk-ostwestfalen' and 'ihk-lippe' both cover "
        "kreisfreie Stadt Bielefeld (05711)"
    ) in message


def test_witten_without_its_exception_overlaps(tmp_path: Path, gazetteer: Gazetteer) -> None:
    path, _ = write_variant(tmp_path, 'exclude_gemeinden: ["05954036", "05954016"]', "exclude_gemeinden: []")
    message = problems_for(path, gazetteer)
    line = line_of(path, 'include_gemeinden: ["05954036", "05954016"]')
    assert f"{path}:{line}: IHK coverage overlaps: 'sihk-hagen' and 'ihk-mittleres-ruhrgebiet'" in message
    assert "Hattingen (05954016), Witten (05954036)" in message


def test_ihk_gap(tmp_path: Path, gazetteer: Gazetteer) -> None:
    path, _ = write_variant(tmp_path, 'kreise: ["05966", "05970"]', 'kreise: ["05970"]')
    message = problems_for(path, gazetteer)
    assert (
        f"{path}:{line_of(path, 'partners:')}: IHK coverage has gaps: no IHK covers Kreis Olpe (05966)"
        in message
    )


def test_hwk_gap(tmp_path: Path, gazetteer: Gazetteer) -> None:
    path, _ = write_variant(tmp_path, '"05954", "05974", "05978"]  # Bochum', '"05954", "05978"]  # Bochum')
    message = problems_for(path, gazetteer)
    assert (
        f"{path}:{line_of(path, 'partners:')}: Handwerkskammer coverage has gaps: no Handwerkskammer covers "
        "Kreis Soest (05974)" in message
    )


def test_unknown_region_and_type(tmp_path: Path, gazetteer: Gazetteer) -> None:
    path, line = write_variant(tmp_path, 'region: "Münsterland"', 'region: "Emsland"')
    assert f"{path}:{line}: partner 'muensterland-ev': unknown region 'Emsland'" in problems_for(
        path, gazetteer
    )
    path, line = write_variant(
        tmp_path,
        '- id: ki-nrw\n    name: "KI.NRW"\n    type: statewide',
        '- id: ki-nrw\n    name: "KI.NRW"\n    type: verband',
    )
    assert f"{path}:{line + 2}: partner 'ki-nrw': unknown type 'verband'" in problems_for(path, gazetteer)


def test_all_problems_are_reported_together(tmp_path: Path, gazetteer: Gazetteer) -> None:
    path, _ = write_variant(tmp_path, 'kreise: ["05766"]  # Lippe', 'kreise: ["05999"]  # Lippe')
    with pytest.raises(PartnerDataError) as info:
        load_partner_registry(path, gazetteer, check_documents=False)
    error = info.value
    assert any("unknown Kreis AGS" in p for p in error.problems)
    assert any("coverage has gaps" in p for p in error.problems)
    assert all(p.startswith(f"{path}:") for p in error.problems)


def test_missing_document(tmp_path: Path, gazetteer: Gazetteer) -> None:
    path, _ = write_variant(tmp_path, "partners:\n", "partners:\n")
    with pytest.raises(PartnerDataError, match=r"document sample/partners/ihk-aachen\.md does not exist"):
        load_partner_registry(path, gazetteer)


def test_yaml_syntax_error(tmp_path: Path, gazetteer: Gazetteer) -> None:
    path = tmp_path / "partners.yaml"
    path.write_text("partners:\n  - id: x\n    name: [unclosed\n", encoding="utf-8")
    with pytest.raises(PartnerDataError, match=rf"^{path}:\d+: not valid YAML"):
        load_partner_registry(path, gazetteer)
