"""Unanswered questions group by subject, however they are worded: compounds, short forms, spelling, trades,
places and contact phrases do not split a group, and different subjects of one topic stay apart."""

from __future__ import annotations

from api.insights.question_grouping import QuestionGrouper, QuestionToGroup
from indexer.german_analyzer import GermanAnalyzer

QUESTIONS = [
    ("Gibt es Förderung für eine Photovoltaikanlage auf dem Dach meiner Schreinerei?", "energie", ()),
    ("Zuschuss Photovoltaik für Handwerksbetrieb in Bielefeld", "energie", ("Bielefeld",)),
    ("Welche Förderprogramme gibt es für PV-Anlagen im Handwerk?", "energie", ()),
    ("photovoltaik förderung bäckerei", "energie", ()),
    ("Wir wollen eine Fotovoltaik Anlage bauen, gibt es Geld vom Land?", "energie", ()),
    ("Photovoltaik in Detmold, Rückruf bitte an [Name entfernt], Tel. [Telefonnummer entfernt]", "energie",
     ("Detmold", "Lippe")),
    ("Förderung für eine Wärmepumpe in unserer Werkstatt?", "energie", ()),
    ("Gibt es Zuschüsse für Wärmepumpen im Betrieb?", "energie", ()),
    ("Wie fördert das Land NRW Wasserstoff-Projekte?", "energie", ()),
    ("Förderung für KI-Bilderkennung in der Qualitätskontrolle", "ki", ()),
    ("Zuschuss für eine Bilderkennung mit künstlicher Intelligenz", "ki", ()),
    ("Gibt es Geld für einen Chatbot auf unserer Website?", "ki", ()),
    ("Messe im Ausland, gibt es Unterstützung für Messebesuche?", "international", ()),
    ("Förderung für Auslandsmessen", "international", ()),
    ("Förderung für Lastenfahrräder", None, ()),
    ("", "energie", ()),  # rated down on another worker: the text is not known
    ("", "energie", ()),
]


def _groups() -> dict[tuple[int, ...], list[str]]:
    questions = [QuestionToGroup(text, topic, places) for text, topic, places in QUESTIONS]
    return {tuple(g.members): g.keywords for g in QuestionGrouper(GermanAnalyzer()).group(questions)}


def test_questions_group_by_subject():
    groups = _groups()
    assert groups[(0, 1, 2, 3, 4, 5)][0] == "Photovoltaik"
    assert groups[(6, 7)][0] == "Wärmepumpe"
    assert groups[(9, 10)][0] == "Bilderkennung"
    assert groups[(12, 13)] == ["Ausland"]  # "Auslandsmessen" begins with the other question's word
    for alone in (8, 11, 14):  # hydrogen, chatbots, cargo bikes: subjects of their own
        assert (alone,) in groups
    assert groups[(15, 16)] == []  # unknown texts gather per topic
    assert next(iter(groups)) == (0, 1, 2, 3, 4, 5)  # largest first


def test_the_same_words_under_different_topics_stay_apart():
    questions = [QuestionToGroup("Förderung für Messen", "international"),
                 QuestionToGroup("Förderung für Messen", None)]
    assert len(QuestionGrouper(GermanAnalyzer()).group(questions)) == 2
