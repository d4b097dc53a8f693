"""Chat turn records as the chat service keeps them in the session (`turn`, the stored form) and hands them to its
listeners (`turn_record`, assistant/conversation/turn_record.py), and a migrated app-data database to record them
in — for the tests that need many turns on chosen days."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from api.appdata.engine import create_app_data_engine
from api.appdata.migrator import upgrade
from assistant.conversation.turn_record import TurnRecord


def turn(question: str, *, intent: str = "programme_search", confidence: float = 0.6, confident: bool = True,
         topics: tuple[str, ...] = (), sector: str | None = None, kreis: str | None = None,
         gemeinde: str | None = None, regierungsbezirk: str | None = None, programs: tuple[str, ...] = (),
         partners: tuple[str, ...] = (), latency_ms: float = 420.0, asked: tuple[str, ...] = ()) -> dict[str, Any]:
    region = {"gemeinde": gemeinde or kreis, "kreis": kreis, "kreis_ags": None,
              "regierungsbezirk": regierungsbezirk} if kreis else None
    return {"message_id": uuid.uuid4().hex, "user": question, "query": question, "intent": intent,
            "programs": list(programs), "citations": [], "confidence": confidence, "answered_by": "extractive",
            "confident": confident, "asked": list(asked), "topics": list(topics), "sector": sector,
            "partners": list(partners), "region": region, "latency_ms": latency_ms}


def turn_record(question: str, **facts: Any) -> TurnRecord:
    """`turn(...)` as the typed record the listeners get."""
    return TurnRecord.from_stored(turn(question, **facts))


def migrated_sqlite(folder: Path) -> Engine:
    engine = create_app_data_engine(f"sqlite:///{folder / 'app.db'}")
    upgrade(engine)
    return engine
