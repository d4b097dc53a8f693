"""Events from iCalendar feeds: read over HTTP or from the bundled example file, past and cancelled events left
out, facts (start, place or online, region, topics, organiser) kept, and past events filtered at query time."""

from __future__ import annotations

import shutil
from datetime import datetime

from assistant.components import build_components
from assistant.settings import PROJECT_ROOT
from indexer.parsers.ical_parser import LOCAL_ZONE, parse_ical
from indexer.search_filter import SearchFilter
from indexer.source_registry import load_sources
from tests.crawler.index_view import served
from tests.crawler.site_server import Page

BUNDLED_FEED = PROJECT_ROOT / "corpus" / "sample" / "events" / "veranstaltungen.ics"


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


def test_bundled_example_feed_is_clearly_invented_and_upcoming():
    events, problems = parse_ical(BUNDLED_FEED.read_bytes())
    assert problems == [] and len(events) >= 5
    for event in events:
        assert event.title.startswith("Beispiel: ")
        assert event.organiser == "Beispielveranstalter"
        assert event.start.year == 2027
        assert event.url and event.url.startswith("https://www.example.org/")
    assert any("KI" in e.topics and "Münster" in e.location for e in events)  # the demo question has an answer
