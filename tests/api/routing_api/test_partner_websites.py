"""GET /api/partners over all 53 Kreise and kreisfreie Städte: every partner it names carries its researched official
website or no URL, never a press article, and every URL lies on the official domain the registry records.

The expected sites are transcribed here from ../shared/domain/partners_official_2026-12.md (Table 1, and Table 2 for
the Wirtschaftsförderungen), independently of corpus/partners.yaml, so a wrong entry there fails this test.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from api.app import create_app
from assistant.components import build_components
from assistant.routing.partner_registry import load_partner_registry
from assistant.settings import PROJECT_ROOT, Settings
from indexer.gazetteer import load_gazetteer
from indexer.partner_website import is_home_page, on_official_site
from tests.live_server import live_server

CORPUS = PROJECT_ROOT / "corpus"
# partner id -> the researched official home page; None where the research attests none.
RESEARCHED_SITES: dict[str, str | None] = {
    "ihk-aachen": "https://www.ihk.de/aachen",
    "ihk-arnsberg": "https://www.ihk-arnsberg.de",
    "ihk-bonn-rhein-sieg": "https://www.ihk-bonn.de",  # attested (legacy host): the only one seen
    "ihk-dortmund": "https://www.ihk.de/dortmund",
    "ihk-duesseldorf": "https://www.ihk.de/duesseldorf",
    "ihk-niederrhein": "https://www.ihk.de/niederrhein",
    "ihk-essen": "https://www.essen.ihk24.de",  # attested (legacy host): the only one seen
    "sihk-hagen": "https://www.ihk.de/hagen",
    "ihk-mittleres-ruhrgebiet": "http://www.bochum.ihk.de/",
    "ihk-koeln": "https://www.ihk.de/koeln",
    "ihk-mittlerer-niederrhein": "https://mittlerer-niederrhein.ihk.de",
    "ihk-nord-westfalen": "https://www.ihk.de/nordwestfalen",
    "ihk-ostwestfalen": "https://www.ostwestfalen.ihk.de",
    "ihk-lippe": "https://www.ihk.de/lippe-detmold",
    "ihk-siegen": "https://www.ihk-siegen.de",
    "ihk-bergische": "https://www.ihk.de/bergische",
    "hwk-aachen": "https://www.hwk-aachen.de",
    "hwk-duesseldorf": "https://www.hwk-duesseldorf.de",
    "hwk-koeln": "https://www.hwk-koeln.de",
    "hwk-muenster": "https://www.hwk-muenster.de",
    "hwk-owl": "http://handwerk-owl.de/",
    "hwk-dortmund": "https://www.hwk-do.de",
    "hwk-suedwestfalen": "https://www.hwk-swf.de",
    "region-aachen": "https://regionaachen.de",
    "bsw-bergisches-staedtedreieck": "https://bergische-gesellschaft.de",
    "regionalmanagement-duesseldorf-mettmann": None,  # only a regionen.NRW profile
    "region-koeln-bonn": "https://www.region-koeln-bonn.de",
    "business-metropole-ruhr": "http://business.metropoleruhr.de/",
    "muensterland-ev": "https://muensterland.com",
    "standort-niederrhein": None,  # "likely" only (a newspaper link), unverified
    "owl-gmbh": "https://www.ostwestfalenlippe.de",
    "suedwestfalen-agentur": "https://www.suedwestfalen-agentur.com",
    "nrw-bank-service-center": "https://www.nrwbank.de",
    "nrw-europa": "https://www.nrweuropa.de",
    "innovation2business-nrw": None,  # candidate unverified; the coordinator PROvendis is attested
    "mittelstand-digital-ruhr-owl": "https://www.mittelstand-digital-ruhr-owl.de",
    "mittelstand-digital-handwerk": None,
    "ki-nrw": "https://www.ki.nrw",
    "startercenter-nrw": None,
    # Wirtschaftsförderungen (Table 2): a site only where one on its own domain was seen.
    "wf-moenchengladbach": "https://www.wfmg.de",
    "wf-kreis-kleve": "https://www.wfg-kreis-kleve.de",
    "wf-rhein-erft": "https://www.wfg-rhein-erft.de",
    "wf-muenster": "https://www.wfm-muenster.de",
    "wf-kreis-borken": "https://www.wfg-borken.de",
    "wf-kreis-coesfeld": "https://wfc-kreis-coesfeld.de",
    "agit-aachen": "https://www.agit.de",
}
# The unofficial pages the issue found shown as "Website" before: none may come back as a URL.
PRESS_HOSTS = ("solarcarport-preise.de", "funkemedien.de", "matthiashelferich.de", "9dok.net", "rp-online.de",
               "radioenneperuhr.de", "blickpunkt-arnsberg", "regiomanager.de", "business-on.de", "profipress.de",
               "iais.fraunhofer.de", "aif.de", "industrie-digitalisierung.com", "hs-duesseldorf.de", "regionen.nrw",
               "blog.ostwestfalen.ihk.de", "zenit.de", "emagister.de")
TOPICS = (None, "eu", "ki", "gruendung", "Handwerk")


@pytest.fixture(scope="module")
def api_url(tmp_path_factory, embeddings) -> Iterator[str]:
    settings = Settings(_env_file=None, data_dir=tmp_path_factory.mktemp("websites") / "data", corpus_dir=CORPUS)
    with live_server(create_app(settings=settings, components=build_components(settings, embeddings=embeddings))) \
            as url:
        yield url


def test_every_partner_url_over_all_53_kreise_is_the_researched_official_site_or_none(api_url):
    gazetteer = load_gazetteer(CORPUS)
    registry = load_partner_registry(CORPUS / "partners.yaml", gazetteer)
    assert len(gazetteer.kreise) == 53
    seen: dict[str, str | None] = {}
    with httpx.Client(base_url=api_url, timeout=10) as client:
        for kreis in gazetteer.kreise.values():
            for topic in TOPICS:
                params = {"location": kreis.display_name, "limit": 20} | ({"topic": topic} if topic else {})
                response = client.get("/api/partners", params=params)
                assert response.status_code == 200, (kreis.display_name, topic, response.text)
                body = response.json()
                assert body["location"]["kreis_ags"] == kreis.ags
                for partner in body["partners"]:
                    seen.setdefault(partner["id"], partner["url"])
                    assert partner["url"] == seen[partner["id"]]  # one partner, one website, whatever was asked
    assert set(seen) == {p.id for p in registry.partners}  # every partner of the registry was shown somewhere
    for partner_id, url in seen.items():
        partner = registry.get(partner_id)
        assert url == RESEARCHED_SITES.get(partner_id), partner_id  # unknown ids (no research) must have no URL
        if url is None:
            continue
        assert partner.official_domain and on_official_site(url, partner.official_domain), partner_id
        assert is_home_page(url, partner.official_domain), partner_id
        assert not any(host in url for host in PRESS_HOSTS), partner_id


def test_the_official_domain_check_tells_own_pages_from_others():
    assert on_official_site("https://www.ihk.de/aachen/standortpolitik/x-5682108", "ihk.de/aachen")
    assert on_official_site("https://ihk.de/aachen", "ihk.de/aachen")
    assert not on_official_site("https://www.ihk.de/aachener-land", "ihk.de/aachen")
    assert not on_official_site("https://www.ihk.de/koeln", "ihk.de/aachen")
    assert on_official_site("https://blog.ostwestfalen.ihk.de/gruendung", "ostwestfalen.ihk.de")
    assert not on_official_site("https://bochum.ihk.de/", "ostwestfalen.ihk.de")
    assert not on_official_site("https://www.hwk-aachen.de.evil.example/", "hwk-aachen.de")
    assert not on_official_site("http://solarcarport-preise.de/Aachen/Euregio.htm", "hwk-aachen.de")
    assert not on_official_site("javascript:alert(1)//hwk-aachen.de", "hwk-aachen.de")
    assert is_home_page("https://www.hwk-aachen.de/", "hwk-aachen.de")
    assert not is_home_page("https://www.hwk-aachen.de/artikel/x", "hwk-aachen.de")
