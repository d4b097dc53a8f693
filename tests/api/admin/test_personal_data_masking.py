"""Masking of contact data in free text (feedback comments): what must go, and what must stay readable."""

from __future__ import annotations

import pytest

from assistant.conversation.personal_data_masking import EMAIL_MASK, IBAN_MASK, PHONE_MASK, mask_personal_data


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mail an max.mustermann@firma-gmbh.de bitte", f"Mail an {EMAIL_MASK} bitte"),
        ("info (at) firma.de", EMAIL_MASK),
        ("Tel. 0231 / 98 76-54", f"Tel. {PHONE_MASK}"),
        ("+49 (0) 231 987654", PHONE_MASK),
        ("Fax: (0211) 837-02", f"Fax: {PHONE_MASK}"),
        ("mobil 0171-1234567.", f"mobil {PHONE_MASK}."),
        ("IBAN DE89 3704 0044 0532 0130 00", f"IBAN {IBAN_MASK}"),
    ],
)
def test_contact_data_is_masked(text, expected):
    assert mask_personal_data(text) == expected


@pytest.mark.parametrize(
    "text",
    ["Förderung bis 50.000 Euro", "Stand 05/2025", "am 01.02.2026", "Laufzeit 2024-2027", "Budget 100000 Euro",
     "0,5 Mio. Euro", "§ 3 Abs. 0 1", "KMU mit 249 Beschäftigten"],
)
def test_amounts_dates_and_numbers_stay(text):
    assert mask_personal_data(text) == text
