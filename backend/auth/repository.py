import uuid
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from backend.auth.models import LoginAttempt, RefreshToken
from backend.users.models import User


class AuthRepository:
    """Credentials are looked up before anyone is known, so these queries are not tenant-scoped."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def user_by_email(self, email: str) -> User | None:
        stmt = select(User).where(func.lower(User.email) == email.lower())
        return (await self.session.execute(stmt)).scalar_one_or_none()

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
