"""Fan-out of live notifications inside one API process, fed by PostgreSQL LISTEN.

Every API process holds one listening connection. A NOTIFY from any process (or worker) wakes the listeners
of all processes; each hands the notification id to the open streams of that user. Streams then read the row
themselves, so the payload stays tiny and the database stays the source of truth.

Other parts of the process listen on the same connection (`listen`): the principal cache hears there that a
user, an API key or an organization changed, and `on_connection` tells it whether it can trust what it holds.
"""

import asyncio
import contextlib
import json
import logging
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import asyncpg

from backend.db import libpq_url
from backend.notifications.service import CHANNEL

log = logging.getLogger("interviewflow.notifications.hub")

_RECONNECT_SECONDS = 2.0
_QUEUE_SIZE = 1000  # a stream that falls this far behind is cut; the client reconnects with Last-Event-ID


@dataclass(frozen=True)
class LiveEvent:
    """A live event that is not a notification (see notifications.service.push_live_event): passed through."""

    name: str
    data: dict[str, Any]


StreamItem = uuid.UUID | LiveEvent | None


class NotificationHub:
    def __init__(self, database_url: str) -> None:
        self.dsn = libpq_url(database_url)
        self._subscribers: dict[uuid.UUID, set[asyncio.Queue[StreamItem]]] = defaultdict(set)
        self._conn: asyncpg.Connection | None = None
        self._supervisor: asyncio.Task[None] | None = None
        self._connected = asyncio.Event()
        self._channels: dict[str, Callable[[str], None]] = {}
        self._connection_watchers: list[Callable[[bool], None]] = []

    def listen(self, channel: str, callback: Callable[[str], None]) -> None:
        """Call `callback(payload)` for every NOTIFY on `channel` (register before start())."""
        self._channels[channel] = callback

    def on_connection(self, callback: Callable[[bool], None]) -> None:
        """Call `callback(True)` once listening (again), `callback(False)` as soon as the connection is lost:
        notifications sent in between are never heard."""
        self._connection_watchers.append(callback)

    def _connection_changed(self, listening: bool) -> None:
        for watcher in self._connection_watchers:
            watcher(listening)

    async def start(self) -> None:
        self._supervisor = asyncio.create_task(self._supervise(), name="notification-hub")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._connected.wait(), timeout=10)

    async def stop(self) -> None:
        if self._supervisor:
            self._supervisor.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._supervisor
        for queues in self._subscribers.values():
            for q in queues:
                with contextlib.suppress(asyncio.QueueFull):
                    q.put_nowait(None)  # wake streams so they end
        await self._close()

    async def _supervise(self) -> None:
        """Keep one LISTEN connection alive; reconnect after a database restart."""
        while True:
            try:
                if self._conn is None or self._conn.is_closed():
                    self._connected.clear()
                    self._connection_changed(False)
                    self._conn = await asyncpg.connect(self.dsn)
                    self._conn.add_termination_listener(lambda _conn: self._connection_changed(False))
                    await self._conn.add_listener(CHANNEL, self._on_notify)
                    for channel, callback in self._channels.items():
                        await self._conn.add_listener(channel, _payload_only(callback))
                    self._connected.set()
                    self._connection_changed(True)
                    log.info("listening for notifications")
                await asyncio.sleep(_RECONNECT_SECONDS)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.warning("notification listener lost; reconnecting", exc_info=True)
                await self._close()
                await asyncio.sleep(_RECONNECT_SECONDS)

    async def _close(self) -> None:
        self._connection_changed(False)
        if self._conn is not None:
            with contextlib.suppress(Exception):
                await self._conn.close(timeout=2)
        self._conn = None

    def _on_notify(self, _conn: Any, _pid: int, _channel: str, payload: str) -> None:
        item: uuid.UUID | LiveEvent
        try:
            data = json.loads(payload)
            user_id = uuid.UUID(data["user_id"])
            if "event" in data:
                item = LiveEvent(str(data["event"]), dict(data.get("data") or {}))
            else:
                item = uuid.UUID(data["id"])
        except (ValueError, KeyError, TypeError):
            log.warning("ignoring malformed notification payload", extra={"payload": payload[:200]})
            return
        for q in list(self._subscribers.get(user_id, ())):
            try:
                q.put_nowait(item)
            except asyncio.QueueFull:
                # A stream this far behind is dropped; its client reconnects and replays with Last-Event-ID.
                self._subscribers[user_id].discard(q)

    @contextlib.contextmanager
    def subscribe(self, user_id: uuid.UUID) -> Iterator[asyncio.Queue[StreamItem]]:
        q: asyncio.Queue[StreamItem] = asyncio.Queue(maxsize=_QUEUE_SIZE)
        self._subscribers[user_id].add(q)
        try:
            yield q
        finally:
            self._subscribers[user_id].discard(q)
            if not self._subscribers[user_id]:
                self._subscribers.pop(user_id, None)

    @property
    def listening(self) -> bool:
        return self._connected.is_set()


def _payload_only(callback: Callable[[str], None]) -> Callable[[Any, int, str, str], None]:
    def on_notify(_conn: Any, _pid: int, _channel: str, payload: str) -> None:
        try:
            callback(payload)
        except Exception:
            log.exception("notification callback failed", extra={"payload": payload[:200]})

    return on_notify
