"""Where webhooks may go: public addresses only, unless the deployment explicitly allows private ones.

The webhook URLs come from the deployment's channels file, not from users; the check guards against a mistyped or
hijacked configuration (or a DNS name that suddenly points inside the network) turning the service into a proxy
for internal systems.
"""

from __future__ import annotations

import ipaddress
import socket


class ForbiddenAddress(Exception):
    pass


def is_public_address(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone index
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped  # ::ffff:127.0.0.1 is loopback too
    return ip.is_global and not ip.is_multicast


def check_literal_host(host: str, allow_private: bool) -> None:
    """At configuration time: a literal IP must be public (names are checked when sending)."""
    if allow_private:
        return
    if host.lower() in ("localhost", "localhost.localdomain"):
        raise ForbiddenAddress(f"{host} is a loopback name; set handoff_allow_private_webhooks to use it")
    try:
        public = is_public_address(host.strip("[]"))
    except ValueError:
        return  # a name: resolved and checked when sending
    if not public:
        raise ForbiddenAddress(f"{host} is not a public address; set handoff_allow_private_webhooks to use it")


def check_resolved_host(host: str, port: int, allow_private: bool) -> None:
    """At send time: every address the name resolves to must be public."""
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise ForbiddenAddress(f"cannot resolve {host}: {exc}") from exc
    for info in infos:
        address = str(info[4][0])
        if not is_public_address(address):
            raise ForbiddenAddress(f"{host} resolves to the non-public address {address}")
