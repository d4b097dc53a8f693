"""Posts a hand-off as JSON to a partner's webhook, signed with HMAC-SHA256 when a secret is configured.

Signature: header X-NRWA-Signature = "sha256=" + hex(HMAC(secret, f"{timestamp}.{body}")) with the Unix time in
X-NRWA-Timestamp, so a receiver can check origin and integrity and refuse replays of old requests.
Redirects are not followed (a redirect could lead past the address policy); any status outside 2xx is a failure.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx

from api.handoff.address_policy import check_resolved_host

SIGNATURE_HEADER = "X-NRWA-Signature"
TIMESTAMP_HEADER = "X-NRWA-Timestamp"


class WebhookRejected(Exception):
    pass


def sign(secret: str, timestamp: str, body: bytes) -> str:
    digest = hmac.new(secret.encode("utf-8"), timestamp.encode("ascii") + b"." + body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


@dataclass(frozen=True)
class WebhookSender:
    allow_private: bool = False
    timeout_seconds: float = 15.0
    user_agent: str = "nrw-innovation-assistant/0.1 (hand-off)"

    def send(self, url: str, payload: dict[str, Any], secret: str | None) -> None:
        """Raises httpx.HTTPError, WebhookRejected or ForbiddenAddress."""
        parts = urlsplit(url)
        check_resolved_host(parts.hostname or "", parts.port or (443 if parts.scheme == "https" else 80),
                            self.allow_private)
        body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        headers = {"Content-Type": "application/json; charset=utf-8", "User-Agent": self.user_agent,
                   "X-NRWA-Event": str(payload.get("event", "handoff"))}
        if secret:
            timestamp = str(int(time.time()))
            headers[TIMESTAMP_HEADER] = timestamp
            headers[SIGNATURE_HEADER] = sign(secret, timestamp, body)
        with httpx.Client(timeout=self.timeout_seconds, follow_redirects=False) as client:
            response = client.post(url, content=body, headers=headers)
        if not 200 <= response.status_code < 300:
            raise WebhookRejected(f"webhook answered HTTP {response.status_code}")
