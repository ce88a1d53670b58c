"""Repository base: the one place that applies the caller's organization to every query."""

import uuid
from typing import Any, Generic, TypeVar

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from backend.errors import NotFound
from backend.kit.models import Base

M = TypeVar("M", bound=Base)


def contains(text: str) -> str:
    """A LIKE pattern for "contains `text`" (lower-cased), with LIKE's own wildcards in `text` taken literally."""
    return "%" + text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


class TenantRepository(Generic[M]):
    """Queries over a tenant-owned model, always restricted to one organization.

    A row of another organization is indistinguishable from a missing row: callers get NotFound (404), so
    nothing leaks whether it exists.
    """

    model: type[M]

    def __init__(self, session: AsyncSession, organization_id: uuid.UUID | None) -> None:
        self.session = session
        self.organization_id = organization_id

    def select(self, *options: Any) -> Select[M]:
        stmt = select(self.model).where(self.model.organization_id == self.organization_id)  # type: ignore[attr-defined]
        return stmt.options(*options) if options else stmt

    async def get(self, id: uuid.UUID, *options: Any) -> M | None:
        stmt = self.select(*options).where(self.model.id == id)  # type: ignore[attr-defined]
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def get_or_404(self, id: uuid.UUID, *options: Any) -> M:
        obj = await self.get(id, *options)
        if obj is None:
            raise NotFound(f"{self.model.__name__} not found.")
        return obj

    def add(self, obj: M) -> M:
        obj.organization_id = self.organization_id  # type: ignore[attr-defined]
        self.session.add(obj)
        return obj
