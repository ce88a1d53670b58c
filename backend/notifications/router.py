import asyncio
import json
import uuid
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Query, Request
from fastapi.responses import StreamingResponse

from backend.auth.dependencies import require
from backend.auth.principal import Principal
from backend.db import ReadSessionDep, SessionDep
from backend.errors import AppError, Forbidden
from backend.kit.pagination import PageParams, page_params
from backend.kit.schemas import Page
from backend.notifications.broadcast import broadcast
from backend.notifications.hub import LiveEvent
from backend.notifications.schemas import (
    Broadcast,
    BroadcastResult,
    MarkedRead,
    NotificationRead,
    NotificationType,
    UnreadCount,
)
from backend.notifications.service import InboxService

router = APIRouter(prefix="/notifications", tags=["notifications"])


async def _person(principal: Annotated[Principal, Depends(require("notifications:read"))]) -> Principal:
    if principal.kind != "user":
        raise Forbidden("Notifications belong to people, not API keys.")
    return principal


Me = Annotated[Principal, Depends(_person)]


class StreamUnavailable(AppError):
    status_code, title, slug = 503, "Live updates unavailable", "stream-unavailable"


@router.get("", response_model=Page[NotificationRead])
async def list_notifications(
    me: Me,
    session: ReadSessionDep,
    params: PageParams = Depends(page_params),
    unread: bool | None = None,
    type: NotificationType | None = None,
    archived: bool = False,
) -> Page[NotificationRead]:
    """My notifications, newest first. `archived=true` lists the archive instead of the inbox."""
    items, cursor = await InboxService(session, me).inbox(params, unread, type, archived)
    return Page[NotificationRead](
        items=[NotificationRead.model_validate(row._mapping) for row in items], next_cursor=cursor
    )


@router.get("/unread-count", response_model=UnreadCount)
async def unread_count(me: Me, session: ReadSessionDep) -> UnreadCount:
    return UnreadCount(unread=await InboxService(session, me).unread_count())


# Inbox state (read, archived) is personal and not organization data, so it is not written to the audit log.
@router.post("/{notification_id}/read", response_model=NotificationRead)
async def mark_read(me: Me, notification_id: uuid.UUID, session: SessionDep) -> NotificationRead:
    return NotificationRead.model_validate(await InboxService(session, me).mark_read(notification_id))


@router.post("/{notification_id}/unread", response_model=NotificationRead)
async def mark_unread(me: Me, notification_id: uuid.UUID, session: SessionDep) -> NotificationRead:
    return NotificationRead.model_validate(await InboxService(session, me).mark_read(notification_id, read=False))


@router.post("/read-all", response_model=MarkedRead)
async def mark_all_read(me: Me, session: SessionDep) -> MarkedRead:
    return MarkedRead(updated=await InboxService(session, me).mark_all_read())


@router.post("/{notification_id}/archive", response_model=NotificationRead)
async def archive(me: Me, notification_id: uuid.UUID, session: SessionDep) -> NotificationRead:
    return NotificationRead.model_validate(await InboxService(session, me).archive(notification_id))


@router.post("/{notification_id}/unarchive", response_model=NotificationRead)
async def unarchive(me: Me, notification_id: uuid.UUID, session: SessionDep) -> NotificationRead:
    return NotificationRead.model_validate(await InboxService(session, me).archive(notification_id, archived=False))


@router.post("/broadcast", response_model=BroadcastResult)
async def send_broadcast(
    principal: Annotated[Principal, Depends(require("notifications:broadcast"))], body: Broadcast, session: SessionDep
) -> BroadcastResult:
    """Announce something to the organization's active users (all, some roles, or listed users). Delivered
    live to open sessions."""
    return BroadcastResult(recipients=await broadcast(session, principal, body))


def _event(n: NotificationRead) -> str:
    return f"id: {n.id}\nevent: notification\ndata: {n.model_dump_json()}\n\n"


@router.get(
    "/stream",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/event-stream": {}}, "description": "Server-sent events"}},
)
async def stream(
    me: Me,
    request: Request,
    last_event_id: Annotated[uuid.UUID | None, Header()] = None,
    last_id: uuid.UUID | None = Query(
        None, description="Same as the Last-Event-ID header, for clients that cannot set it."
    ),
) -> StreamingResponse:
    """Server-sent events: each new notification as `event: notification` with the notification as JSON.
    Comment lines (`: ping`) every 15 s keep proxies from closing the connection. Reconnect with
    `Last-Event-ID` to receive what was missed. Other live events (e.g. `event: execution_run`, a code run's
    progress) carry no id and are not replayed: after a reconnect, fetch what they were about."""
    hub = getattr(request.app.state, "hub", None)
    if hub is None:
        raise StreamUnavailable("Live updates are not running in this process.")
    db = request.app.state.db
    heartbeat = request.app.state.settings.sse_heartbeat_seconds
    resume_from = last_event_id or last_id

    async def events() -> AsyncIterator[str]:
        sent: set[uuid.UUID] = set()
        with hub.subscribe(me.id) as q:  # subscribe first: nothing slips between the replay and live events
            yield "retry: 3000\n\n"
            if resume_from:
                async with db.sessionmaker() as session:
                    for n in await InboxService(session, me).missed_since(resume_from):
                        sent.add(n.id)
                        yield _event(NotificationRead.model_validate(n))
            while True:
                try:
                    notification_id = await asyncio.wait_for(q.get(), timeout=heartbeat)
                except TimeoutError:
                    if await request.is_disconnected():
                        return
                    yield ": ping\n\n"
                    continue
                if notification_id is None:  # server shutting down
                    return
                if isinstance(notification_id, LiveEvent):
                    yield f"event: {notification_id.name}\ndata: {json.dumps(notification_id.data)}\n\n"
                    continue
                if notification_id in sent:
                    continue
                async with db.sessionmaker() as session:
                    row = await InboxService(session, me).get(notification_id)
                if row is not None:
                    sent.add(row.id)
                    yield _event(NotificationRead.model_validate(row))

    return StreamingResponse(
        events(),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no", "Connection": "keep-alive"},
    )
