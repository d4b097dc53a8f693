"""The deployment's hand-off channels: which partner receives hand-offs how (Settings.handoff_channels_file).

Delivery addresses are deployment configuration, never corpus data. The file:

    default:                      # optional: partners without an own entry
      channel: email
      to: [innovation@example.org]
    partners:
      ihk-aachen:
        channel: webhook
        url: https://crm.example.org/hooks/nrwa
        secret: "…"               # optional; else Settings.handoff_webhook_secret signs
      hwk-koeln:
        channel: email
        to: [beratung@example.org, vertretung@example.org]

Errors name the file and the entry, and stop the API from starting with a half-working configuration.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from api.handoff.address_policy import ForbiddenAddress, check_literal_host
from api.handoff.email_address import is_valid_email


class HandoffChannelsError(Exception):
    pass


@dataclass(frozen=True)
class EmailChannel:
    to: tuple[str, ...]
    kind: str = "email"

    @property
    def target(self) -> str:
        return ", ".join(self.to)


@dataclass(frozen=True)
class WebhookChannel:
    url: str
    secret: str | None = None
    kind: str = "webhook"

    @property
    def target(self) -> str:
        return self.url


Channel = EmailChannel | WebhookChannel


@dataclass(frozen=True)
class HandoffChannels:
    partners: dict[str, Channel]
    default: Channel | None = None

    def for_partner(self, partner_id: str) -> Channel | None:
        return self.partners.get(partner_id, self.default)

    @property
    def uses_email(self) -> bool:
        return any(isinstance(c, EmailChannel) for c in [*self.partners.values(), self.default])


def load_handoff_channels(path: Path, allow_private: bool) -> HandoffChannels:
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise HandoffChannelsError(f"{path}: cannot read hand-off channels: {exc}") from exc
    if not isinstance(data, dict) or set(data) - {"default", "partners"}:
        raise HandoffChannelsError(f"{path}: expected a mapping with `default` and/or `partners`")
    entries = data.get("partners") or {}
    if not isinstance(entries, dict):
        raise HandoffChannelsError(f"{path}: `partners` must map partner ids to channels")
    partners = {str(pid): _channel(path, f"partners.{pid}", entry, allow_private) for pid, entry in entries.items()}
    default = _channel(path, "default", data["default"], allow_private) if data.get("default") else None
    return HandoffChannels(partners, default)


def _channel(path: Path, where: str, entry: Any, allow_private: bool) -> Channel:
    def fail(message: str) -> HandoffChannelsError:
        return HandoffChannelsError(f"{path}: {where}: {message}")

    if not isinstance(entry, dict):
        raise fail("expected a mapping with `channel`")
    kind = entry.get("channel")
    if kind == "email":
        if set(entry) - {"channel", "to"}:
            raise fail(f"unknown keys {sorted(set(entry) - {'channel', 'to'})}")
        to = entry.get("to")
        addresses = (to,) if isinstance(to, str) else tuple(to or ())
        if not addresses or not all(isinstance(a, str) and is_valid_email(a) for a in addresses):
            raise fail("`to` must be one or more e-mail addresses")
        return EmailChannel(addresses)
    if kind == "webhook":
        if set(entry) - {"channel", "url", "secret"}:
            raise fail(f"unknown keys {sorted(set(entry) - {'channel', 'url', 'secret'})}")
        url = str(entry.get("url") or "")
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise fail("`url` must be an http(s) URL")
        try:
            check_literal_host(parts.hostname, allow_private)
        except ForbiddenAddress as exc:
            raise fail(str(exc)) from exc
        secret = entry.get("secret")
        return WebhookChannel(url, str(secret) if secret else None)
    raise fail("`channel` must be `email` or `webhook`")
