"""How politely and how safely one source is fetched: identity, pacing, time and size limits."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_USER_AGENT = "NRWInnovationAssistant/0.1 (indexer; set NRWA_CRAWLER_USER_AGENT to add a contact address)"


@dataclass(frozen=True)
class FetchPolicy:
    user_agent: str = DEFAULT_USER_AGENT
    delay_seconds: float = 1.0  # between two request starts on one host (robots.txt Crawl-delay may raise it)
    concurrency: int = 2  # parallel requests on one host
    timeout_seconds: float = 20.0  # connect and per-read timeout
    retries: int = 2  # extra attempts after a timeout, a connection error or a 5xx/429 answer
    backoff_seconds: float = 1.0  # first retry pause, doubled per attempt
    max_bytes: int = 20_000_000
    max_redirects: int = 5
    allow_private: bool = False  # loopback, private and link-local addresses are refused unless set
    max_crawl_delay: float = 30.0  # a robots.txt Crawl-delay above this is capped
    max_retry_after: float = 30.0  # a Retry-After above this is capped

    @property
    def body_deadline_seconds(self) -> float:
        """Whole-response budget, so a server dripping one byte per read cannot hold a run forever."""
        return self.timeout_seconds * 5
