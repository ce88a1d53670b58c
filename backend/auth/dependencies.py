"""Authorization in one place: resolve the principal, then check a named permission.

Routes declare `Depends(require("users:write"))`; tenant scoping is applied by the repositories using
`principal.organization_id`, so a row of another organization is simply not found (404).

The principal comes from the process's principal cache (no query on most requests); see backend/auth/cache.py
for how a deactivation or revocation still applies to the very next request.
"""

import time
import uuid
from collections.abc import Awaitable, Callable
from typing import Annotated, Any

from fastapi import Depends, Request

from backend.auth.principal import Principal
from backend.auth.principals import PrincipalResolver
from backend.auth.tokens import API_KEY_PREFIX, decode_access_token
from backend.db import Database
from backend.errors import Forbidden, Unauthorized

# Verifying an access token's signature costs more than the rest of authorization, and a client sends the same
# token for its whole lifetime: each process remembers the claims of the tokens it verified, keyed by the whole
# token (a forged or altered token never matches), and re-checks only the expiry on later requests.
_VERIFIED: dict[str, dict[str, Any]] = {}
_VERIFIED_MAX = 20_000


def _claims(token: str) -> dict[str, Any]:
    claims = _VERIFIED.get(token)
    if claims is None:
        claims = decode_access_token(token)
        if len(_VERIFIED) >= _VERIFIED_MAX:
            _VERIFIED.clear()
        _VERIFIED[token] = claims
    elif not isinstance(claims.get("exp"), int | float) or claims["exp"] <= time.time():
        _VERIFIED.pop(token, None)
        raise Unauthorized("The access token has expired.")
    return claims


def _bearer(request: Request) -> str:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized("Sign in first: send 'Authorization: Bearer <token>'.")
    return token.strip()


async def get_principal(request: Request) -> Principal:
    token = _bearer(request)
    resolver: PrincipalResolver = request.app.state.principals
    db: Database = request.app.state.db
    if token.startswith(API_KEY_PREFIX):
        return await resolver.api_key(db.lookup_sessionmaker, token)
    claims = _claims(token)
    try:
        user_id = uuid.UUID(str(claims["sub"]))
    except ValueError as exc:
        raise Unauthorized("The access token is not valid.") from exc
    return await resolver.user(db.lookup_sessionmaker, user_id)


CurrentPrincipal = Annotated[Principal, Depends(get_principal)]


def require(permission: str) -> Callable[..., Awaitable[Principal]]:
    """Dependency that resolves the principal and demands one named permission (403 without it)."""

    async def dependency(principal: CurrentPrincipal) -> Principal:
        if not principal.can(permission):
            raise Forbidden(f"You need the '{permission}' permission for this.")
        return principal

    dependency.required_permission = permission  # type: ignore[attr-defined]  # read by the authorization matrix test
    return dependency


async def signed_in_user(principal: CurrentPrincipal) -> Principal:
    """A person signed in with an access token, not an integrator's API key."""
    if principal.kind != "user":
        raise Forbidden("This endpoint is for signed-in users, not API keys.")
    return principal
