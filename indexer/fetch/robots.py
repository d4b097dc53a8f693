"""robots.txt per origin (urllib.robotparser), fetched once per run and cached.

Status handling follows RFC 9309: a 4xx robots.txt means no rules (everything allowed); a 5xx answer or an
unreachable server means the whole origin is treated as disallowed for this run.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

# (status or None when unreachable, body text)
RobotsFetch = Callable[[str], tuple[int | None, str]]


@dataclass
class _Rules:
    parser: RobotFileParser | None  # None = everything allowed
    unreachable: bool = False


class RobotsCache:
    def __init__(self, fetch: RobotsFetch, user_agent: str) -> None:
        self._fetch = fetch
        self._agent = user_agent
        self._rules: dict[str, _Rules] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def _origin(self, url: str) -> str:
        parts = urlsplit(url)
        return f"{parts.scheme}://{parts.netloc}"

    def _rules_for(self, url: str) -> _Rules:
        origin = self._origin(url)
        with self._guard:
            lock = self._locks.setdefault(origin, threading.Lock())
        with lock:  # one robots.txt request per origin even with parallel workers
            if origin not in self._rules:
                self._rules[origin] = self._load(origin)
            return self._rules[origin]

    def _load(self, origin: str) -> _Rules:
        status, text = self._fetch(f"{origin}/robots.txt")
        if status is None or status >= 500:
            return _Rules(None, unreachable=True)
        if status >= 400 or status < 200:
            return _Rules(None)
        parser = RobotFileParser()
        parser.parse(text.splitlines())
        parser.modified()  # can_fetch() refuses everything until the parser counts as read
        return _Rules(parser)

    def allowed(self, url: str) -> bool:
        rules = self._rules_for(url)
        if rules.unreachable:
            return False
        return rules.parser is None or rules.parser.can_fetch(self._agent, url)

    def unreachable(self, url: str) -> bool:
        return self._rules_for(url).unreachable

    def crawl_delay(self, url: str) -> float | None:
        rules = self._rules_for(url)
        if rules.parser is None:
            return None
        delay = rules.parser.crawl_delay(self._agent)
        return float(delay) if delay is not None else None
