"""Fixtures for the routing tests: the real gazetteer and partner registry from corpus/, built once."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.routing.location_resolver import LocationResolver
from assistant.routing.partner_registry import PartnerRegistry, load_partner_registry
from indexer.gazetteer import Gazetteer, load_gazetteer

REPO_ROOT = Path(__file__).resolve().parents[3]
CORPUS_DIR = REPO_ROOT / "corpus"
PARTNERS_YAML = CORPUS_DIR / "partners.yaml"
SHARED_DATA = REPO_ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return load_gazetteer(CORPUS_DIR)


@pytest.fixture(scope="session")
def resolver(gazetteer: Gazetteer) -> LocationResolver:
    return LocationResolver(gazetteer)


@pytest.fixture(scope="session")
def registry(gazetteer: Gazetteer) -> PartnerRegistry:
    return load_partner_registry(PARTNERS_YAML, gazetteer)
