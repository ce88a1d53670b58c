import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Select, bindparam, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from backend.kit.pagination import TOTAL_CAP
from backend.kit.repository import TenantRepository
from backend.kit.sql import CompiledQuery
from backend.notifications.models import Notification

# A live event for the open SPA tabs (the proctoring live monitor sends one with most batches): compiled once.
_NOTIFY = CompiledQuery(select(func.pg_notify(bindparam("channel"), bindparam("payload"))))


async def live_notify(session: AsyncSession, channel: str, payload: str) -> None:
    """NOTIFY in the session's transaction: delivered when (and only if) it commits."""
    await _NOTIFY.first(session, channel=channel, payload=payload)


class NotificationRepository(TenantRepository[Notification]):
    """Always scoped to one organization and one recipient: nobody reaches another user's inbox."""

    model = Notification

    def __init__(self, session: AsyncSession, organization_id: uuid.UUID | None, user_id: uuid.UUID) -> None:
        super().__init__(session, organization_id)
        self.user_id = user_id

    def select(self, *options: Any) -> Select[Notification]:
        return super().select(*options).where(Notification.user_id == self.user_id)

    def inbox(self, unread: bool | None, type_: str | None, archived: bool) -> Select[Any]:
        """The inbox (or archive) as plain rows: a page only shows them."""
        stmt = select(*Notification.__table__.c).where(
            Notification.organization_id == self.organization_id, Notification.user_id == self.user_id
        )
        stmt = stmt.where(Notification.archived_at.is_not(None) if archived else Notification.archived_at.is_(None))
        if unread is True:
            stmt = stmt.where(Notification.read_at.is_(None))
        elif unread is False:
            stmt = stmt.where(Notification.read_at.is_not(None))
        if type_:
            stmt = stmt.where(Notification.type == type_)
        return stmt

    async def unread_count(self, cap: int = TOTAL_CAP) -> int:
        """Unread notifications in the inbox, counted up to `cap`: the badge is read on every page, and an exact
        count of a neglected inbox would read every unread row (the partial index ix_notifications_unread keeps
        the capped count to `cap` index entries)."""
        unread = (
            select(Notification.id)
            .where(
                Notification.organization_id == self.organization_id,
                Notification.user_id == self.user_id,
                Notification.read_at.is_(None),
                Notification.archived_at.is_(None),
            )
            .limit(cap)
        )
        return int((await self.session.execute(select(func.count()).select_from(unread.subquery()))).scalar_one())

    async def mark_all_read(self, now: datetime) -> int:
        stmt = (
            update(Notification)
            .where(
                Notification.organization_id == self.organization_id,
                Notification.user_id == self.user_id,
                Notification.read_at.is_(None),
            )
            .values(read_at=now)
        )
        result = await self.session.execute(stmt)
        return int(result.rowcount)  # type: ignore[attr-defined]

    async def since(self, after_id: uuid.UUID, limit: int = 100) -> list[Notification]:
        """What a reconnecting stream missed: everything newer than the last event it saw."""
        anchor = await self.get(after_id)
        if anchor is None:
            return []
        stmt = (
            self.select()
            .where(Notification.created_at > anchor.created_at)
            .order_by(Notification.created_at.asc(), Notification.id.asc())
            .limit(limit)
        )
        return list((await self.session.execute(stmt)).scalars())

    async def latest_unread(self, limit: int) -> list[Notification]:
        stmt = (
            self.select()
            .where(Notification.read_at.is_(None), Notification.archived_at.is_(None))
            .order_by(Notification.created_at.desc())
            .limit(limit)
        )
        return list((await self.session.execute(stmt)).scalars())
