"""The chat's typed turn record keeps today's stored form: the 15 keys, lists, read back as it was written."""

from __future__ import annotations

from assistant.conversation.turn_record import TurnRecord

STORED = {"message_id": "m1", "user": "KI-Zuschuss in Lippe?", "query": "KI-Zuschuss Lippe", "intent": "question",
          "programs": ["ki-zuschuss"], "citations": ["ki-doc", "ki-doc"], "confidence": 0.412,
          "answered_by": "extractive", "confident": True, "asked": [], "topics": ["ki"], "sector": None,
          "partners": ["ihk-lippe"], "region": {"gemeinde": "Detmold", "kreis": "Lippe", "kreis_ags": "05766",
                                                "regierungsbezirk": "Detmold"}, "latency_ms": 420.5}


def test_the_stored_form_is_read_back_as_it_was_written():
    record = TurnRecord.from_stored(STORED)
    assert record.programs == ("ki-zuschuss",) and record.region == STORED["region"]
    assert record.as_stored() == STORED
    assert list(record.as_stored()) == list(STORED)  # the same keys in the same order


def test_a_turn_a_shared_store_kept_has_no_words_of_the_user():
    private = {k: v for k, v in STORED.items() if k not in ("user", "query")}
    record = TurnRecord.from_stored(private)
    assert (record.user, record.query, record.message_id) == ("", "", "m1")
