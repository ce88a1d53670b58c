from typing import Any

from sqlalchemy import ColumnElement, Select, Text, bindparam, cast, select
from sqlalchemy.ext.asyncio import AsyncSession

from backend.kit.sql import CompiledQuery
from backend.organizations.models import Organization

# The proctoring settings as stored (JSON text, NULL when never set), read with every proctoring batch of an exam
# day (every candidate, every five seconds): compiled once (backend/kit/sql.py).
_PROCTORING_SETTINGS = CompiledQuery(
    select(cast(Organization.settings["proctoring"], Text)).where(Organization.id == bindparam("organization_id"))
)


def proctoring_settings_of(organization_id: ColumnElement[Any]) -> ColumnElement[str | None]:
    """`_PROCTORING_SETTINGS` as a column of another statement (a proctoring batch reads it with its session)."""
    return (
        select(cast(Organization.settings["proctoring"], Text))
        .where(Organization.id == organization_id)
        .scalar_subquery()
    )


class OrganizationRepository:
    """Organizations are the tenants themselves, so this repository is not tenant-scoped: only the platform
    operator (superadmin) reaches the listing; everyone else reads their own organization by id."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def select_all(self) -> Select[Organization]:
        return select(Organization)

    async def get(self, id: object) -> Organization | None:
        return await self.session.get(Organization, id)

    async def get_by_slug(self, slug: str) -> Organization | None:
        return (await self.session.execute(select(Organization).where(Organization.slug == slug))).scalar_one_or_none()

    async def proctoring_settings_json(self, id: object) -> str | None:
        row = await _PROCTORING_SETTINGS.first(self.session, organization_id=id)
        return row[0] if row is not None else None

    def add(self, org: Organization) -> Organization:
        self.session.add(org)
        return org
