import uuid
from collections.abc import Sequence

from sqlalchemy import Select, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from backend.kit.repository import TenantRepository, contains
from backend.users.models import User


class UserRepository(TenantRepository[User]):
    model = User

    @staticmethod
    async def account(session: AsyncSession, user_id: uuid.UUID) -> User | None:
        """Not scoped to an organization: the one lookup made before anyone's organization is known."""
        return await session.get(User, user_id)

    def filtered(self, q: str | None, roles: Sequence[str] | None, is_active: bool | None) -> Select[User]:
        stmt = self.select()
        if roles:
            stmt = stmt.where(User.role.in_(roles))
        if is_active is not None:
            stmt = stmt.where(User.is_active == is_active)
        if q:
            like = contains(q)
            stmt = stmt.where(or_(func.lower(User.email).like(like), func.lower(User.full_name).like(like)))
        return stmt

    def active_with_role(self, role: str) -> Select[User]:
        return self.filtered(None, [role], True).order_by(User.created_at)

    async def by_email(self, email: str) -> User | None:
        stmt = self.select().where(func.lower(User.email) == email.lower())
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def active_by_ids(self, ids: list[uuid.UUID]) -> list[User]:
        stmt = self.select().where(User.id.in_(ids), User.is_active.is_(True))
        return list((await self.session.execute(stmt)).scalars())

    async def email_taken(self, email: str) -> bool:
        # Within the organization: an address may hold an account in each organization it works with.
        stmt = select(User.id).where(
            User.organization_id == self.organization_id, func.lower(User.email) == email.lower()
        )
        return (await self.session.execute(stmt)).first() is not None

    async def names(self, ids: list[uuid.UUID]) -> list[tuple[uuid.UUID, str]]:
        """(id, full name) of these members, active or not, in the database's order of names."""
        stmt = (
            select(User.id, User.full_name)
            .where(User.organization_id == self.organization_id, User.id.in_(ids))
            .order_by(User.full_name, User.id)
        )
        return [(user_id, name) for user_id, name in (await self.session.execute(stmt)).all()]

    async def active_ids(self, roles: list[str] | None, ids: list[uuid.UUID] | None) -> list[uuid.UUID]:
        stmt = select(User.id).where(User.organization_id == self.organization_id, User.is_active.is_(True))
        if roles:
            stmt = stmt.where(User.role.in_(roles))
        if ids:
            stmt = stmt.where(User.id.in_(ids))
        return list((await self.session.execute(stmt)).scalars())
