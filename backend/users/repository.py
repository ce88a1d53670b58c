import uuid
from collections.abc import Sequence

from sqlalchemy import Select, func, or_, select

from backend.kit.repository import TenantRepository
from backend.users.models import User


class UserRepository(TenantRepository[User]):
    model = User

    def filtered(self, q: str | None, roles: Sequence[str] | None, is_active: bool | None) -> Select[User]:
        stmt = self.select()
        if roles:
            stmt = stmt.where(User.role.in_(roles))
        if is_active is not None:
            stmt = stmt.where(User.is_active == is_active)
        if q:
            escaped = q.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            like = f"%{escaped}%"
            stmt = stmt.where(or_(func.lower(User.email).like(like), func.lower(User.full_name).like(like)))
        return stmt

    async def email_taken(self, email: str) -> bool:
        # Within the organization: an address may hold an account in each organization it works with.
        stmt = select(User.id).where(
            User.organization_id == self.organization_id, func.lower(User.email) == email.lower()
        )
        return (await self.session.execute(stmt)).first() is not None

    async def active_ids(self, roles: list[str] | None, ids: list[uuid.UUID] | None) -> list[uuid.UUID]:
        stmt = select(User.id).where(User.organization_id == self.organization_id, User.is_active.is_(True))
        if roles:
            stmt = stmt.where(User.role.in_(roles))
        if ids:
            stmt = stmt.where(User.id.in_(ids))
        return list((await self.session.execute(stmt)).scalars())
