"""Authorization in one place: resolve the principal, then check a named permission.

Routes declare `Depends(require("users:write"))`; tenant scoping is applied by the repositories using
`principal.organization_id`, so a row of another organization is simply not found (404).
"""

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy import select

from backend.api_keys.models import ApiKey
from backend.auth.principal import Principal
from backend.auth.tokens import API_KEY_PREFIX, decode_access_token, hash_secret
from backend.db import SessionDep
from backend.errors import Forbidden, Unauthorized
from backend.organizations.models import Organization
from backend.users.models import User

# last_used_at is informational; writing it on every call would turn each read into a write.
_LAST_USED_RESOLUTION = timedelta(minutes=1)


def _bearer(request: Request) -> str:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized("Sign in first: send 'Authorization: Bearer <token>'.")
    return token.strip()


async def _org_active(session: SessionDep, org_id: object) -> bool:
    if org_id is None:
        return True
    return bool((await session.execute(select(Organization.is_active).where(Organization.id == org_id))).scalar())


async def get_principal(request: Request, session: SessionDep) -> Principal:
    token = _bearer(request)
    if token.startswith(API_KEY_PREFIX):
        key = (await session.execute(select(ApiKey).where(ApiKey.key_hash == hash_secret(token)))).scalar_one_or_none()
        now = datetime.now(UTC)
        if key is None or key.revoked_at or (key.expires_at and key.expires_at <= now):
            raise Unauthorized("The API key is not valid, expired or revoked.")
        if not await _org_active(session, key.organization_id):
            raise Unauthorized("The organization is deactivated.")
        if key.last_used_at is None or now - key.last_used_at > _LAST_USED_RESOLUTION:
            key.last_used_at = now
        return Principal("api_key", key.id, key.organization_id, frozenset(key.scopes), f"api-key:{key.name}")

    claims = decode_access_token(token)
    user = await session.get(User, claims["sub"])
    if user is None or not user.is_active:
        raise Unauthorized("This account is not active.")
    if not await _org_active(session, user.organization_id):
        raise Unauthorized("The organization is deactivated.")
    return Principal.of_user(user.id, user.organization_id, user.role, user.email)


CurrentPrincipal = Annotated[Principal, Depends(get_principal)]


def require(permission: str) -> Callable[..., Awaitable[Principal]]:
    """Dependency that resolves the principal and demands one named permission (403 without it)."""

    async def dependency(principal: CurrentPrincipal) -> Principal:
        if not principal.can(permission):
            raise Forbidden(f"You need the '{permission}' permission for this.")
        return principal

    dependency.required_permission = permission  # type: ignore[attr-defined]  # read by the authorization matrix test
    return dependency


async def current_user(principal: CurrentPrincipal, session: SessionDep) -> User:
    if principal.kind != "user":
        raise Forbidden("This endpoint is for signed-in users, not API keys.")
    user = await session.get(User, principal.id)
    assert user is not None  # get_principal just loaded it
    return user
