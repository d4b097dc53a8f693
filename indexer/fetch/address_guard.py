"""Refuse hosts that resolve to loopback, private, link-local or otherwise non-public addresses (SSRF guard).

The check resolves the host right before each request and each redirect hop. A DNS answer that changes between
the check and the connect (rebinding) is not covered; the indexer runs with operator-written source lists.
"""

from __future__ import annotations

import ipaddress
import socket


class BlockedAddressError(Exception):
    """The host is not a public internet address, or it does not resolve."""


def _is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def check_public_host(host: str, port: int) -> None:
    """Raise BlockedAddressError unless every address the host resolves to is public."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise BlockedAddressError(f"host {host!r} does not resolve") from exc
    addresses = sorted({str(info[4][0]) for info in infos})
    blocked = [a for a in addresses if not _is_public(a)]
    if blocked:
        raise BlockedAddressError(
            f"host {host!r} resolves to a non-public address ({', '.join(blocked)}); "
            "set allow_private: true on the source to fetch it"
        )
