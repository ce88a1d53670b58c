import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, delete, func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from backend.api_keys.models import ApiKey
from backend.auth.cache import ApiKeyState, UserState
from backend.auth.models import AccountToken, LoginAttempt, LoginThrottle, RefreshToken
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
    """Credentials are looked up before anyone is known, so these queries are not tenant-scoped.

    They read the users', organizations' and API keys' tables directly: a password hash and an account's state
    live on the user's row, and who is calling is resolved on every request in one statement. These are the
    exceptions the import contract (.importlinter) lists for this module."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def user(self, user_id: uuid.UUID) -> User | None:
        return await self.session.get(User, user_id)

    async def organization_active(self, organization_id: uuid.UUID) -> bool:
        org = await self.session.get(Organization, organization_id)
        return org is not None and org.is_active

    async def account_token_for_update(self, token_hash: str, purpose: str) -> AccountToken | None:
        # Row lock: the same link followed twice at once is used once.
        stmt = (
            select(AccountToken)
            .where(AccountToken.token_hash == token_hash, AccountToken.purpose == purpose)
            .with_for_update()
        )
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def users_by_email(self, email: str) -> list[User]:
        """Every account with this address (one per organization at most), the most recently used first."""
        stmt = (
            select(User)
            .where(func.lower(User.email) == email.lower())
            .order_by(User.last_login_at.desc().nulls_last(), User.created_at.desc())
            .limit(20)
        )
        return list((await self.session.execute(stmt)).scalars())

    async def throttle(self, email: str) -> LoginThrottle | None:
        return await self.session.get(LoginThrottle, email)

    async def count_failure(self, email: str, now: datetime, stale_before: datetime) -> int:
        """One more failure for the address (atomic, so concurrent attempts all count); forgets addresses that
        have been quiet for a day."""
        await self.session.execute(delete(LoginThrottle).where(LoginThrottle.updated_at < stale_before))
        stmt = (
            insert(LoginThrottle)
            .values(email=email, failures=1, updated_at=now)
            .on_conflict_do_update(
                index_elements=[LoginThrottle.email],
                set_={"failures": LoginThrottle.failures + 1, "updated_at": now},
            )
            .returning(LoginThrottle.failures)
        )
        return int((await self.session.execute(stmt)).scalar_one())

    async def lock(self, email: str, until: datetime) -> None:
        await self.session.execute(
            update(LoginThrottle).where(LoginThrottle.email == email).values(failures=0, locked_until=until)
        )

    async def clear(self, email: str) -> None:
        await self.session.execute(delete(LoginThrottle).where(LoginThrottle.email == email))

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
