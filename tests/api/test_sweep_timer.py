"""Expired rows are swept at most once per interval, by whichever thread asks first."""

from __future__ import annotations

import api.appdata.sweep_timer as sweep_timer
from api.appdata.sweep_timer import SweepTimer


def test_due_once_per_interval(monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(sweep_timer.time, "monotonic", lambda: clock[0])
    timer = SweepTimer(60.0)
    assert timer.due()
    assert not timer.due()
    clock[0] += 59.9
    assert not timer.due()
    clock[0] += 0.2
    assert timer.due()
    assert not timer.due()
