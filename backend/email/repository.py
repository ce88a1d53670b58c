"""Email templates and the outbox."""

import uuid

from sqlalchemy import Select, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from backend.email.models import EmailMessage, EmailTemplate
from backend.kit.repository import TenantRepository, contains


class TemplateRepository(TenantRepository[EmailTemplate]):
    model = EmailTemplate

    async def by_key(self, key: str) -> EmailTemplate | None:
        return (await self.session.execute(self.select().where(EmailTemplate.key == key))).scalar_one_or_none()

    async def all(self) -> list[EmailTemplate]:
        return list((await self.session.execute(self.select())).scalars())

    async def keys(self) -> set[str]:
        stmt = select(EmailTemplate.key).where(EmailTemplate.organization_id == self.organization_id)
        return set((await self.session.execute(stmt)).scalars())


class OutboxRepository(TenantRepository[EmailMessage]):
    model = EmailMessage

    async def by_idempotency_key(self, key: str) -> EmailMessage | None:
        stmt = self.select().where(EmailMessage.idempotency_key == key)
        return (await self.session.execute(stmt)).scalar_one_or_none()

    def filtered(self, q: str | None, status: str | None) -> Select[EmailMessage]:
        """Messages whose address or subject contains `q`, in a status."""
        stmt = self.select()
        if q:
            like = contains(q)
            stmt = stmt.where(
                or_(func.lower(EmailMessage.to_address).like(like), func.lower(EmailMessage.subject).like(like))
            )
        if status:
            stmt = stmt.where(EmailMessage.status == status)
        return stmt


async def message_for_update(session: AsyncSession, message_id: uuid.UUID) -> EmailMessage | None:
    """The delivery job's view: any organization's message (the job names it), locked."""
    stmt = select(EmailMessage).where(EmailMessage.id == message_id).with_for_update()
    return (await session.execute(stmt)).scalar_one_or_none()
