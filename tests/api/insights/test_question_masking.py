"""Questions are stored with e-mail addresses, phone numbers and the names of persons masked; the subject stays."""

from __future__ import annotations

import pytest

from api.insights.person_name_masking import NAME_MASK, mask_person_names
from api.insights.question_recorder import mask_question


@pytest.mark.parametrize(("text", "masked"), [
    ("Hallo, ich bin Erika Musterfrau von der Beispiel GmbH und suche Förderung für Photovoltaik.",
     f"Hallo, ich bin {NAME_MASK} von der Beispiel GmbH und suche Förderung für Photovoltaik."),
    ("Mein Name ist Max Mustermann.", f"Mein Name ist {NAME_MASK}."),
    ("Ich heiße Jan", f"Ich heiße {NAME_MASK}"),
    ("Frau Dr. Anna von Berg hat gesagt, dass es Geld gibt", f"Frau Dr. {NAME_MASK} hat gesagt, dass es Geld gibt"),
    ("Kann mir Herr Schulze helfen?", f"Kann mir Herr {NAME_MASK} helfen?"),
    ("Was gibt es für KI? Viele Grüße, Thomas Müller", f"Was gibt es für KI? Viele Grüße, {NAME_MASK}"),
    ("Gruß Erika", f"Gruß {NAME_MASK}"),
    ("Rückruf bitte an Sabine Koch", f"Rückruf bitte an {NAME_MASK}"),
    ("I am John Smith from Essen", f"I am {NAME_MASK} from Essen"),
])
def test_names_of_persons_are_masked(text, masked):
    assert mask_person_names(text) == masked


@pytest.mark.parametrize("text", [
    "Ich bin Schreiner in Bielefeld. Gibt es Förderung?",
    "Ich bin Inhaber einer Bäckerei",
    "Ich bin Geschäftsführer einer GmbH im Kreis Lippe",
    "Förderung für Frauen im Handwerk",
    "Wie hoch ist der Zuschuss für Photovoltaik im Kreis Lippe?",
    "Gibt es Förderung für Künstliche Intelligenz?",
    "Beste Grüße aus Köln",
])
def test_trades_places_and_subjects_stay(text):
    assert mask_person_names(text) == text


def test_a_question_is_masked_for_contact_data_and_names_together():
    masked = mask_question("Ich bin Erika Musterfrau (erika@holz-beispiel.de, 05231 987654): PV-Förderung in Detmold?")
    assert masked == f"Ich bin {NAME_MASK} ([E-Mail entfernt], [Telefonnummer entfernt]): PV-Förderung in Detmold?"
