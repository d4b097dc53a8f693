"""Bearer-token protection of /api/admin/* (Settings.admin_token).

Without a configured token the admin API does not exist for callers: 404, not 503. It is a deliberate deployment
choice rather than a passing outage (503 would invite retries), and a 404 tells a scanner nothing about an admin
surface. With a token: 401 with WWW-Authenticate: Bearer when the header is missing or wrong. The comparison is
constant-time over SHA-256 digests, so neither the token's content nor its length leaks through timing.
"""

from __future__ import annotations

import hashlib
import hmac

from fastapi import HTTPException, Request


class AdminAuth:
    def __init__(self, token: str | None) -> None:
        self._digest = hashlib.sha256(token.encode("utf-8")).digest() if token else None

    @property
    def enabled(self) -> bool:
        return self._digest is not None

    def check(self, authorization: str | None) -> None:
        """Raises HTTPException 404 (admin disabled) or 401 (no or wrong token)."""
        if self._digest is None:
            raise HTTPException(404, "Not Found")
        scheme, _, presented = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not presented.strip():
            raise HTTPException(401, "admin endpoints need an Authorization: Bearer token",
                                headers={"WWW-Authenticate": 'Bearer realm="nrwa-admin"'})
        candidate = hashlib.sha256(presented.strip().encode("utf-8")).digest()
        if not hmac.compare_digest(candidate, self._digest):
            raise HTTPException(401, "the bearer token is not valid",
                                headers={"WWW-Authenticate": 'Bearer realm="nrwa-admin", error="invalid_token"'})


def require_admin(request: Request) -> None:
    """Dependency of every admin route."""
    request.app.state.admin_auth.check(request.headers.get("authorization"))
