"""In-app notifications: `notify()` is how every domain tells a person something.

The row and a NOTIFY on `CHANNEL` are written in the caller's transaction, so the live push happens exactly
when (and only if) the change commits, and reaches every API process through PostgreSQL LISTEN.
"""

import json
import uuid
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from backend.auth.principal import Principal
from backend.kit.pagination import PageParams, paginate
from backend.notifications.models import Notification
from backend.notifications.repository import NotificationRepository, live_notify
from backend.notifications.schemas import NotificationType, Priority

CHANNEL = "interviewflow_notifications"
SORTABLE = {"created_at": Notification.created_at}


async def notify(
    session: AsyncSession,
    organization_id: uuid.UUID,
    user_ids: Iterable[uuid.UUID],
    *,
    type: NotificationType,
    title: str,
    message: str,
    priority: Priority = "normal",
    entity_type: str | None = None,
    entity_id: object = None,
    action_url: str | None = None,
) -> list[Notification]:
    rows = [
        Notification(
            organization_id=organization_id,
            user_id=user_id,
            type=type,
            priority=priority,
            title=title[:200],
            message=message,
            entity_type=entity_type,
            entity_id=str(entity_id) if entity_id is not None else None,
            action_url=action_url,
        )
        for user_id in dict.fromkeys(user_ids)  # one per person, even if named twice
    ]
    session.add_all(rows)
    await session.flush()
    for row in rows:
        payload = json.dumps({"id": str(row.id), "user_id": str(row.user_id)})
        await session.execute(text("SELECT pg_notify(:channel, :payload)"), {"channel": CHANNEL, "payload": payload})
    return rows


async def push_live_event(session: AsyncSession, user_id: uuid.UUID, event: str, data: dict[str, object]) -> None:
    """Send one person's open SPA tabs a live event that is not a notification (no row, no inbox, no replay on
    reconnect): `event: <event>` with `data` as JSON on their stream, when (and only if) the transaction commits.
    Keep `data` small (PostgreSQL NOTIFY carries at most 8000 bytes) and free of anything the person may not
    see."""
    await live_notify(session, CHANNEL, live_event_payload(user_id, event, data))


def live_event_payload(user_id: uuid.UUID, event: str, data: dict[str, object]) -> str:
    """What `push_live_event` sends on `CHANNEL`, for a caller that folds the NOTIFY into a statement of its own
    (a proctoring batch: one round trip less on every batch)."""
    return json.dumps({"user_id": str(user_id), "event": event, "data": data}, default=str)


class InboxService:
    def __init__(self, session: AsyncSession, principal: Principal) -> None:
        self.session = session
        self.repo = NotificationRepository(session, principal.organization_id, principal.id)

    async def inbox(
        self, params: PageParams, unread: bool | None, type_: str | None, archived: bool
    ) -> tuple[list[Any], str | None]:
        items, cursor, _ = await paginate(
            self.session,
            self.repo.inbox(unread, type_, archived),
            sortable=SORTABLE,
            id_column=Notification.id,
            params=params,
            with_total=False,
            rows=True,
        )
        return items, cursor

    async def unread_count(self) -> int:
        """Counted up to TOTAL_CAP, like a list's total: past it, the badge says that many (docs/api.md)."""
        return await self.repo.unread_count()

    async def mark_read(self, notification_id: uuid.UUID, read: bool = True) -> Notification:
        row = await self.repo.get_or_404(notification_id)
        if read and row.read_at is None:
            row.read_at = datetime.now(UTC)
        elif not read:
            row.read_at = None
        return row

    async def mark_all_read(self) -> int:
        return await self.repo.mark_all_read(datetime.now(UTC))

    async def archive(self, notification_id: uuid.UUID, archived: bool = True) -> Notification:
        row = await self.repo.get_or_404(notification_id)
        now = datetime.now(UTC)
        row.archived_at = now if archived else None
        if archived and row.read_at is None:
            row.read_at = now
        return row

    async def get(self, notification_id: uuid.UUID) -> Notification | None:
        return await self.repo.get(notification_id)

    async def missed_since(self, last_id: uuid.UUID) -> list[Notification]:
        return await self.repo.since(last_id)
