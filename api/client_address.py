"""The client's address for rate limits, and its truncated form for logs (never stored in full)."""

from __future__ import annotations

import ipaddress

from starlette.types import Scope


def client_ip(scope: Scope, trusted_proxies: frozenset[str]) -> str:
    """The peer address, or the last untrusted hop of X-Forwarded-For when the peer is a trusted proxy."""
    peer = (scope.get("client") or ("unknown", 0))[0]
    if peer not in trusted_proxies:
        return peer
    for name, value in scope.get("headers") or []:
        if name == b"x-forwarded-for":
            hops = [h.strip() for h in value.decode("latin-1").split(",") if h.strip()]
            for hop in reversed(hops):
                if hop not in trusted_proxies:
                    return hop
    return peer


def truncate_ip(address: str) -> str:
    """IPv4 to its /24, IPv6 to its /48: enough to spot abuse, not enough to identify a person."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return "unknown"
    prefix = 24 if ip.version == 4 else 48
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False).network_address)
