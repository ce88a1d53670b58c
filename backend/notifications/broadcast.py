"""Announcements: an admin tells (some of) the organization's people something, through their inboxes.

Apart from backend/notifications/service.py because it asks the users domain who the recipients are, and the
users domain itself notifies people (a changed role): notify() must not depend on users."""

from sqlalchemy.ext.asyncio import AsyncSession

from backend.audit import service as audit
from backend.auth.principal import Principal
from backend.notifications.schemas import Broadcast
from backend.notifications.service import notify
from backend.users.service import active_user_ids


async def broadcast(session: AsyncSession, principal: Principal, data: Broadcast) -> int:
    """An admin's announcement to (some of) the organization's active users."""
    assert principal.organization_id is not None
    roles = [r.value for r in data.roles] if data.roles else None
    recipients = await active_user_ids(session, principal.organization_id, roles, data.user_ids)
    await notify(
        session,
        principal.organization_id,
        recipients,
        type="system",
        title=data.title,
        message=data.message,
        priority=data.priority,
        action_url=data.action_url,
    )
    await audit.record(
        session,
        principal,
        "notification.broadcast",
        "notification",
        None,
        organization_id=principal.organization_id,
        after={"title": data.title, "priority": data.priority, "recipients": len(recipients)},
    )
    return len(recipients)
