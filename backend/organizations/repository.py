from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from backend.organizations.models import Organization


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

    def add(self, org: Organization) -> Organization:
        self.session.add(org)
        return org
