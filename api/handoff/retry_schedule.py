"""When to try a failed delivery again: exponential backoff, capped, with a maximum number of attempts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class RetrySchedule:
    max_attempts: int
    base_seconds: float
    cap_seconds: float = 6 * 3600.0

    def next_attempt(self, attempts_made: int, now: datetime) -> datetime | None:
        """After `attempts_made` failed attempts: when to try again, or None to give up."""
        if attempts_made >= self.max_attempts:
            return None
        delay = min(self.cap_seconds, self.base_seconds * 2 ** (attempts_made - 1))
        return now + timedelta(seconds=delay)
