import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from backend.api_keys.models import ApiKey
from backend.auth.cache import ApiKeyState, UserState
from backend.auth.models import LoginAttempt, RefreshToken
from backend.kit.sql import CompiledQuery
from backend.organizations.models import Organization
from backend.users.models import User

# Read on every page load of the SPA (GET /auth/me): compiled once (see backend/kit/sql.py).
_PROFILE = CompiledQuery(
    select(
        User.id,
        User.email,
        User.full_name,
        User.role,
        User.organization_id,
        User.time_zone,
        Organization.name.label("organization_name"),
        Organization.slug.label("organization_slug"),
        Organization.settings["time_zone"].astext.label("organization_time_zone"),
    )
    .outerjoin(Organization, Organization.id == User.organization_id)
    .where(User.id == bindparam("user_id"))
)


class AuthRepository:
    """Credentials are looked up before anyone is known, so these queries are not tenant-scoped."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def user_by_email(self, email: str) -> User | None:
        stmt = select(User).where(func.lower(User.email) == email.lower())
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def profile(self, user_id: uuid.UUID) -> Any:
        """The signed-in user with their organization's name, slug and time zone, in one query."""
        return await _PROFILE.first(self.session, user_id=user_id)

    async def failures_from_ip(self, ip: str, since: datetime) -> tuple[int, datetime | None]:
        stmt = select(func.count(), func.min(LoginAttempt.created_at)).where(
            LoginAttempt.ip == ip, LoginAttempt.created_at >= since
        )
        count, oldest = (await self.session.execute(stmt)).one()
        return count, oldest

    async def refresh_token_for_update(self, token_hash: str) -> RefreshToken | None:
        # Row lock: two concurrent refreshes with the same token are serialized, never both rotated.
        stmt = select(RefreshToken).where(RefreshToken.token_hash == token_hash).with_for_update()
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def revoke_family(self, family_id: uuid.UUID, now: datetime) -> None:
        await self.session.execute(
            update(RefreshToken)
            .where(RefreshToken.family_id == family_id, RefreshToken.revoked_at.is_(None))
            .values(revoked_at=now)
        )

    async def revoke_user(self, user_id: uuid.UUID, now: datetime) -> None:
        await self.session.execute(
            update(RefreshToken)
            .where(RefreshToken.user_id == user_id, RefreshToken.revoked_at.is_(None))
            .values(revoked_at=now)
        )


class PrincipalRepository:
    """What authorization needs about a caller, in one query each (read by backend/auth/principals.py)."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def user(self, user_id: uuid.UUID) -> UserState | None:
        stmt = (
            select(User.id, User.organization_id, User.role, User.email, User.is_active, Organization.is_active)
            .outerjoin(Organization, Organization.id == User.organization_id)
            .where(User.id == user_id)
        )
        row = (await self.session.execute(stmt)).first()
        if row is None:
            return None
        uid, org_id, role, email, active, org_active = row
        return UserState(uid, org_id, role, email, active, org_id is None or bool(org_active))

    async def api_key(self, key_hash: str) -> tuple[ApiKeyState, datetime | None] | None:
        stmt = (
            select(
                ApiKey.id,
                ApiKey.organization_id,
                ApiKey.name,
                ApiKey.scopes,
                ApiKey.revoked_at,
                ApiKey.expires_at,
                ApiKey.last_used_at,
                Organization.is_active,
            )
            .join(Organization, Organization.id == ApiKey.organization_id)
            .where(ApiKey.key_hash == key_hash)
        )
        row = (await self.session.execute(stmt)).first()
        if row is None:
            return None
        key_id, org_id, name, scopes, revoked_at, expires_at, last_used_at, org_active = row
        state = ApiKeyState(key_id, org_id, name, frozenset(scopes), revoked_at is not None, expires_at, org_active)
        return state, last_used_at

    async def touch_api_key(self, key_id: uuid.UUID, now: datetime) -> None:
        await self.session.execute(update(ApiKey).where(ApiKey.id == key_id).values(last_used_at=now))
