"""Events from iCalendar feeds: read over HTTP or from a file, past and cancelled events left out, facts (start,
place or online, region, topics, organiser) kept, and past events filtered at query time. The invented events are a
test fixture (tests/fixtures/veranstaltungen.ics): the bundled corpus holds none."""

from __future__ import annotations

import json
import shutil
from datetime import datetime

import httpx
import yaml

from api.app import create_app
from assistant.components import build_components
from assistant.conversation.upcoming_events import MAX_EVENTS
from assistant.settings import PROJECT_ROOT, Settings
from indexer.composition import build_pipeline
from indexer.event_documents import RegionGazetteer
from indexer.parsers.ical_parser import LOCAL_ZONE, parse_ical
from indexer.search_filter import SearchFilter
from indexer.source_registry import load_registry, load_sources
from tests.indexer.crawler.index_view import served
from tests.indexer.crawler.site_server import Page
from tests.live_server import live_server

TEST_FEED = PROJECT_ROOT / "tests" / "fixtures" / "veranstaltungen.ics"  # invented: "Beispiel: …" events
_REGIONS = RegionGazetteer.load(PROJECT_ROOT / "corpus" / "gazetteer")


def _event(uid: str, start: str, end: str, summary: str, location: str, categories: str, extra: str = "") -> str:
    return (f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20261101T000000Z\r\nLAST-MODIFIED:20261101T000000Z\r\n"
            f"DTSTART;TZID=Europe/Berlin:{start}\r\nDTEND;TZID=Europe/Berlin:{end}\r\nSUMMARY:{summary}\r\n"
            f"LOCATION:{location}\r\nCATEGORIES:{categories}\r\n"
            f"ORGANIZER;CN=Beispielveranstalter:mailto:test@example.org\r\n{extra}END:VEVENT\r\n")


FEED = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//DE\r\n"
        + _event("vergangen", "20250501T100000", "20250501T120000", "Beispiel: KI-Frühstück 2025",
                 "Beispielsaal\\, 48143 Münster", "KI")
        + _event("abgesagt", "20270110T100000", "20270110T120000", "Beispiel: Abgesagter Workshop",
                 "Online", "KI", "STATUS:CANCELLED\r\n")
        + _event("ki-muenster", "20270316T100000", "20270316T113000", "Beispiel: KI-Stammtisch für KMU",
                 "Beispielsaal\\, 48143 Münster", "KI,Digitalisierung",
                 "URL:https://www.example.org/ki-stammtisch\r\n")
        + _event("cloud-webinar", "20270601T140000", "20270601T150000", "Beispiel: Webinar Cloud-Dienste",
                 "Online (Webinar)", "Digitalisierung")
        + _event("ruhr", "20270401T180000", "20270401T200000", "Beispiel: Transferabend",
                 "Beispielhalle\\, 44801 Bochum", "Innovation,Wissenstransfer")
        + "END:VCALENDAR\r\n")


def _events_corpus(site, web_corpus):
    site.pages["/robots.txt"] = Page(b"User-agent: *\nAllow: /\n", "text/plain")
    site.pages["/termine.ics"] = Page(FEED.encode("utf-8"), "text/calendar; charset=utf-8")
    settings = web_corpus(f"""sources:
  - name: termine
    kind: ical
    url: "{site.base_url}/termine.ics"
    allow_private: true
    delay_seconds: 0
    cadence: daily
""")
    shutil.copytree(PROJECT_ROOT / "corpus" / "gazetteer", settings.corpus_dir / "gazetteer")
    return settings


def test_feed_over_http_indexes_upcoming_events_with_their_facts(site, web_corpus, web_pipeline):
    settings = _events_corpus(site, web_corpus)
    pipeline, _ = web_pipeline(settings)
    summary = pipeline.run(load_sources(settings.resolved_sources_file()))

    source = summary.sources[0]
    assert (source.added, source.failed) == (3, [])
    assert sorted(s["reason"] for s in source.skipped) == ["1 cancelled event(s) not indexed",
                                                           "1 past event(s) not indexed"]
    docs = {d.title: d for d in served(settings.index_dir).entries}
    assert set(docs) == {"Beispiel: KI-Stammtisch für KMU", "Beispiel: Webinar Cloud-Dienste",
                         "Beispiel: Transferabend"}

    ki = docs["Beispiel: KI-Stammtisch für KMU"]
    assert ki.url == "https://www.example.org/ki-stammtisch"  # the event's own page is cited
    assert ki.metadata["kind"] == "event"
    assert ki.metadata["event_start"] == "2027-03-16T10:00:00+01:00"
    assert ki.metadata["event_region"] == "Münsterland"  # Münster → Münsterland via the gazetteer
    assert ki.metadata["event_online"] is False and ki.metadata["topics"] == ["ki", "digitalisierung"]
    assert ki.metadata["organiser"] == "Beispielveranstalter"
    assert (ki.as_of, ki.metadata["as_of_source"]) == ("2026-11-01", "event")

    webinar = docs["Beispiel: Webinar Cloud-Dienste"]
    assert webinar.metadata["event_online"] is True and webinar.metadata["event_region"] == ""
    assert webinar.url == f"{site.base_url}/termine.ics"  # no URL of its own: the feed is cited
    assert docs["Beispiel: Transferabend"].metadata["event_region"] == "Metropole Ruhr"

    text = "\n".join(c.text for c in served(settings.index_dir).chunks)
    assert "Termin: Dienstag, 16. März 2027, 10:00–11:30 Uhr" in text
    assert "Region: Münsterland" in text and "Veranstalter: Beispielveranstalter" in text


def test_past_events_drop_out_of_search_on_both_retrieval_sides(site, web_corpus, web_pipeline, embeddings):
    settings = _events_corpus(site, web_corpus)
    pipeline, _ = web_pipeline(settings)
    pipeline.run(load_sources(settings.resolved_sources_file()))
    retriever = build_components(settings, embeddings=embeddings).retriever
    question = "Welche Veranstaltungen zu KI gibt es im Münsterland?"

    best = retriever.retrieve(question, k=3).passages[0].chunk
    assert best.title == "Beispiel: KI-Stammtisch für KMU"

    later = datetime(2027, 3, 20, tzinfo=LOCAL_ZONE).timestamp()  # the KI evening is over, the others are not
    for mode in ("lexical", "dense"):
        titles = {p.chunk.title for p in retriever.retrieve(
            question, k=10, mode=mode, search_filter=SearchFilter(exclude_past_events=True, now=later)).passages}
        assert "Beispiel: KI-Stammtisch für KMU" not in titles, mode
        assert "Beispiel: Webinar Cloud-Dienste" in titles or "Beispiel: Transferabend" in titles, mode
    assert SearchFilter(exclude_past_events=True, now=later).matches({"kind": "programme"})  # others untouched


FEED_WRITTEN = datetime(2026, 11, 23, tzinfo=LOCAL_ZONE)  # the day the example feed was written


def test_the_bundled_corpus_holds_no_invented_events():
    sources = load_sources(PROJECT_ROOT / "corpus" / "sources.yaml")
    assert not [s for s in sources if s.kind == "ical" or (s.defaults or {}).get("kind") == "event"]
    assert not list((PROJECT_ROOT / "corpus").rglob("*.ics"))


# Table 3 of ../shared/domain/partners_official_2026-12.md: the researched public event pages of the partners.
RESEARCHED_EVENT_PAGES = {
    "https://ihk.de/aachen/standortpolitik/standort-region-aachen/blauer-teppich-was-morgen-zaehlt-5682108",
    "https://www.hwk-muenster.de/de/pressestelle-newsroom/news-uebersicht?page=1",
    "https://mittelstand-digital-ruhr-owl.de/digitalezukunftowl-kongress-praesentiert-digitalprojekte",
    "https://www.ki.nrw/zweite-konferenz-der-ki-nrw-flagship-initiative-bringt-nordrhein-westfaelische-ki-"
    "leuchtturmprojekte-nach-bonn/",
    "https://ki.nrw/erster-ki-nrw-roundtable",
    "https://horizont.zenit.de/newsletter/horizont-europa-nrw-newsletter-august-erschienen/",
    "https://www.ostwestfalenlippe.de/owl-gmbh/innovation-und-wissen/?showList=aktuelles",
    "https://www.detmold.ihk.de/de/service/newsletter/archiv/753",
}


def test_the_example_registry_reads_the_researched_event_pages_as_events():
    corpus = PROJECT_ROOT / "corpus"
    sources = load_registry(corpus / "sources.web-example.yaml", corpus)  # owners are partners of partners.yaml
    events = [s for s in sources if s.defaults.get("kind") == "event"]
    urls = {u for s in events for u in ([s.url] if s.kind == "page" else s.seeds)}
    assert urls == RESEARCHED_EVENT_PAGES
    assert all(s.owner and s.cadence_hours() for s in events)
    regions = {s.region for s in events if s.region}
    assert regions <= set(_REGIONS.regions) and {"Aachen", "Münsterland", "Ostwestfalen-Lippe"} <= regions


def test_the_test_feed_is_clearly_invented_with_past_and_upcoming_events():
    events, problems = parse_ical(TEST_FEED.read_bytes())
    assert problems == [] and len(events) >= 5
    for event in events:
        assert event.title.startswith("Beispiel: ")
        assert event.organiser == "Beispielveranstalter"
        assert event.url and event.url.startswith("https://www.example.org/")
    ki_muensterland = [e for e in events if "KI" in e.topics and _REGIONS.region_of(e.location) == "Münsterland"]
    assert any(e.end < FEED_WRITTEN for e in ki_muensterland)  # past ones, which no answer may show
    assert sum(e.start > FEED_WRITTEN for e in ki_muensterland) >= 2  # the demo question has an answer
    assert any(e.start > FEED_WRITTEN and _REGIONS.region_of(e.location) != "Münsterland" for e in events)


def _chat(url: str, message: str) -> dict:
    response = httpx.post(f"{url}/api/chat", json={"message": message}, timeout=60)
    assert response.status_code == 200, response.text
    return response.json()


def test_the_chat_answers_an_events_question_with_upcoming_events_of_the_region_only(tmp_path, embeddings):
    """The test feed through the real indexer and the real chat API; what counts as upcoming is decided by the
    clock, so the expected events are read from the feed itself."""
    corpus = tmp_path / "corpus"
    (corpus / "events").mkdir(parents=True)
    shutil.copy(TEST_FEED, corpus / "events" / TEST_FEED.name)
    for name in ("programs.yaml", "partners.yaml"):
        shutil.copy(PROJECT_ROOT / "corpus" / name, corpus / name)
    shutil.copytree(PROJECT_ROOT / "corpus" / "gazetteer", corpus / "gazetteer")
    shutil.copytree(PROJECT_ROOT / "corpus" / "sample" / "partners", corpus / "sample" / "partners")  # routing checks
    (corpus / "sources.yaml").write_text(yaml.safe_dump({"sources": [{
        "name": "test-events", "kind": "ical", "path": f"events/{TEST_FEED.name}", "defaults": {"kind": "event"},
        "owner": "nrw-bank-service-center", "cadence": "daily"}]}), encoding="utf-8")
    settings = Settings(_env_file=None, data_dir=tmp_path / "data", corpus_dir=corpus)
    summary = build_pipeline(settings).run(load_sources(settings.resolved_sources_file()))
    assert summary.failed == 0

    now = datetime.now(LOCAL_ZONE)
    events, _ = parse_ical(TEST_FEED.read_bytes())
    fitting = sorted((e for e in events if "KI" in e.topics and _REGIONS.region_of(e.location) == "Münsterland"),
                     key=lambda e: e.start)
    upcoming = [e for e in fitting if e.end > now][:MAX_EVENTS]
    others = [e for e in events if e not in upcoming]  # past ones, and those of other regions or topics
    assert [e for e in fitting if e.end <= now], "the feed must hold a past KI event in the Münsterland"

    with live_server(create_app(settings, build_components(settings, embeddings=embeddings))) as url:
        reply = _chat(url, "Welche Veranstaltungen zu KI gibt es im Münsterland?")
        answer = reply["answer"]
        for event in others:
            assert event.title not in answer, event.title
        if upcoming:
            titles = [line.split("**")[1] for line in answer.splitlines() if line.startswith("- **Beispiel: ")]
            assert titles == [e.title for e in upcoming]  # all of them, soonest first
            cited = {c["url"] for c in reply["citations"]}
            assert cited == {e.url for e in upcoming}
            assert "Münsterland" in answer and upcoming[0].start.strftime("%Y") in answer
        else:  # the clock has passed the whole example feed
            assert "nicht gefunden" in answer and not reply["citations"]

        funding = _chat(url, "Welche Förderung gibt es für KI im Münsterland?")["answer"]
        assert not any(e.title in funding for e in events)  # events answer only questions about events


def _event_page(title: str, data: dict | str) -> str:
    script = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
    return (f"<!doctype html><html lang='de'><head><meta charset='utf-8'><title>{title}</title>"
            f"<script type='application/ld+json'>{script}</script></head><body><nav>Startseite · Termine</nav>"
            f"<main><h1>{title}</h1><p>Informationen zur Veranstaltung und zur Anmeldung.</p></main></body></html>")


def _ld_event(name: str, start: str, end: str | None = None, **extra: object) -> dict:
    event = {"@context": "https://schema.org", "@type": "Event", "name": name, "startDate": start,
             "organizer": {"@type": "Organization", "name": "Beispielveranstalter"}}
    if end:
        event["endDate"] = end
    event.update(extra)
    return event


def _event_site(site, web_corpus):
    site.pages["/robots.txt"] = Page(b"User-agent: *\nAllow: /\n", "text/plain")
    site.html("/termine", "<html><body><main><h1>Termine</h1><p>Unsere Veranstaltungen im Überblick.</p>"
              + "".join(f"<a href='/termine/{p}'>{p}</a> " for p in ("ki-workshop", "webinar", "vorbei", "abgesagt",
                                                                       "kaputt")) + "</main></body></html>")
    site.html("/termine/ki-workshop", _event_page("KI-Workshop", _ld_event(
        "Beispiel: KI-Workshop für Handwerksbetriebe", "2027-04-20T09:00:00+02:00", "2027-04-20T13:00:00+02:00",
        keywords="KI, Digitalisierung", url="/termine/ki-workshop",
        location={"@type": "Place", "name": "Beispielsaal",
                  "address": {"@type": "PostalAddress", "streetAddress": "Weg 1", "postalCode": "48143",
                              "addressLocality": "Münster"}})))
    site.html("/termine/webinar", _event_page("Webinar", {"@context": "https://schema.org", "@graph": [
        {"@type": "WebPage", "name": "Webinar"},
        _ld_event("Beispiel: Webinar Förderkredite", "2027-02-02T10:00", "2027-02-02T11:00",
                  eventAttendanceMode="https://schema.org/OnlineEventAttendanceMode",
                  location={"@type": "VirtualLocation", "url": "https://meet.example.org/x"})]}))
    site.html("/termine/vorbei", _event_page("Vorbei", _ld_event("Beispiel: Vergangener Workshop", "2025-05-05")))
    site.html("/termine/abgesagt", _event_page("Abgesagt", _ld_event(
        "Beispiel: Abgesagter Infoabend", "2027-06-01", eventStatus="https://schema.org/EventCancelled")))
    site.html("/termine/kaputt", _event_page("Kaputt", "{ kein JSON"))
    settings = web_corpus(f"""sources:
  - name: termine-seiten
    kind: site
    seeds: ["{site.base_url}/termine"]
    allow_private: true
    delay_seconds: 0
    retries: 0
    defaults: {{kind: event}}
    cadence: daily
""")
    shutil.copytree(PROJECT_ROOT / "corpus" / "gazetteer", settings.corpus_dir / "gazetteer")
    return settings


def test_event_pages_become_events_from_their_structured_data(site, web_corpus, web_pipeline):
    settings = _event_site(site, web_corpus)
    pipeline, _ = web_pipeline(settings)
    source = pipeline.run(load_sources(settings.resolved_sources_file())).sources[0]

    base = site.base_url
    assert source.added == 2
    assert sorted((s["location"], s["reason"]) for s in source.skipped) == [
        (f"{base}/termine", "no event data (schema.org Event) on the page"),
        (f"{base}/termine/abgesagt", "1 cancelled event(s) not indexed"),
        (f"{base}/termine/vorbei", "1 past event(s) not indexed"),
    ]
    assert source.failed == [{"location": f"{base}/termine/kaputt",
                              "reason": "structured data (JSON-LD) is not valid JSON"}]
    docs = {d.title: d for d in served(settings.index_dir).entries}
    workshop = docs["Beispiel: KI-Workshop für Handwerksbetriebe"]
    assert workshop.url == f"{base}/termine/ki-workshop" and workshop.metadata["kind"] == "event"
    assert workshop.metadata["event_start"] == "2027-04-20T09:00:00+02:00"
    assert workshop.metadata["event_place"] == "Beispielsaal, Weg 1, 48143 Münster"
    assert workshop.metadata["event_region"] == "Münsterland" and workshop.metadata["event_online"] is False
    assert workshop.metadata["topics"] == ["ki", "digitalisierung"]
    assert workshop.metadata["organiser"] == "Beispielveranstalter"
    webinar = docs["Beispiel: Webinar Förderkredite"]
    assert webinar.metadata["event_online"] is True and webinar.url == f"{base}/termine/webinar"
    assert webinar.metadata["event_start"] == "2027-02-02T10:00:00+01:00"  # no zone given: German time

    # The workshop page cannot be read for now, in a crawl that is otherwise complete: its event stays (its location
    # is the page's); once the page is gone (404), the event goes.
    site.pages["/termine/ki-workshop"] = Page(b"\x89PNG\r\n\x1a\n" + b"0" * 64, "image/png")
    again = pipeline.run(load_sources(settings.resolved_sources_file())).sources[0]
    assert again.complete and [f["location"] for f in again.failed] == [f"{base}/termine/ki-workshop",
                                                                         f"{base}/termine/kaputt"]
    assert again.removed == 0 and "Beispiel: KI-Workshop für Handwerksbetriebe" in {
        d.title for d in served(settings.index_dir).entries}
    del site.pages["/termine/ki-workshop"]
    gone = pipeline.run(load_sources(settings.resolved_sources_file())).sources[0]
    assert gone.removed == 1 and "Beispiel: KI-Workshop für Handwerksbetriebe" not in {
        d.title for d in served(settings.index_dir).entries}
