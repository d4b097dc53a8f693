"""A test-only hook that stops the indexer at a named phase, so crash safety is tested deterministically.

`NRWA_TEST_STOP_AT=<phase>:<signal>` (Settings.test_stop_at) makes the indexer send itself the signal when the run
reaches the phase; unset (always, outside tests) it does nothing. The phases, in the order a run reaches them:

    fetch    the run holds the lock and starts reading its sources; nothing is written yet
    parse    every source is read and parsed; what changed is being worked out
    embed    the new generation exists and holds its first embedded batch (vectors and record rows)
    lexical  vectors and record are written; the lexical index is about to be built
    record   the record is complete (its run entry written); the manifest comes next
    switch   HISTORY names the new generation, CURRENT does not yet: inside the switch
"""

from __future__ import annotations

import os
import signal
from dataclasses import dataclass

PHASES = ("fetch", "parse", "embed", "lexical", "record", "switch")
SIGNALS = ("SIGKILL", "SIGTERM", "SIGINT")


@dataclass(frozen=True)
class StopAt:
    phase: str
    signum: int

    @classmethod
    def parse(cls, value: str | None) -> StopAt | None:
        """'embed:SIGKILL' → StopAt; None or '' → None; anything else → ValueError naming what is accepted."""
        if not value:
            return None
        phase, _, name = value.partition(":")
        if phase not in PHASES or name not in SIGNALS:
            raise ValueError(f"NRWA_TEST_STOP_AT must be <phase>:<signal> with a phase of {', '.join(PHASES)} "
                             f"and a signal of {', '.join(SIGNALS)}; got {value!r}")
        return cls(phase, int(getattr(signal, name)))

    def __call__(self, phase: str) -> None:
        if phase == self.phase:
            os.kill(os.getpid(), self.signum)
