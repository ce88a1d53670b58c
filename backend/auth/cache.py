"""What authorization needs to know about a caller, kept in memory and dropped the moment it changes.

Every authenticated request needs the caller's role and whether the account, its API key and its organization
are still active. Reading that from the database on every request costs a query (or two) per request, so each
API process keeps the answers here. They stay correct because the database announces every change: triggers
on `users`, `organizations` and `api_keys` (see the migration "principal change notifications") send
`NOTIFY interviewflow_principals, '<kind>:<id>'` in the transaction that makes the change, every API process
LISTENs on the notification hub's connection, and the entry is dropped when the notification arrives — a
deactivation, role change, key revocation or organization deactivation applies to the very next request on
every process, not after a time-to-live.

The cache answers only while the listener is connected: without it a change could go unheard, so every
request reads the database (tests that run the app without a listener always do). Whenever the listener
(re)connects, the cache starts empty.
"""

import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Generic, TypeVar

CHANNEL = "interviewflow_principals"

# A safety net only (e.g. a clock-driven expiry we do not model); invalidation is what keeps entries right.
_TTL_SECONDS = 300.0
_MAX_ENTRIES = 50_000


@dataclass(frozen=True, slots=True)
class UserState:
    id: uuid.UUID
    organization_id: uuid.UUID | None
    role: str
    email: str
    is_active: bool
    organization_active: bool


@dataclass(frozen=True, slots=True)
class ApiKeyState:
    id: uuid.UUID
    organization_id: uuid.UUID
    name: str
    scopes: frozenset[str]
    revoked: bool
    expires_at: datetime | None
    organization_active: bool


K = TypeVar("K")
V = TypeVar("V")


class _Entries(Generic[K, V]):
    def __init__(self) -> None:
        self._items: dict[K, tuple[float, V]] = {}

    def get(self, key: K) -> V | None:
        hit = self._items.get(key)
        if hit is None:
            return None
        stored_at, value = hit
        if time.monotonic() - stored_at > _TTL_SECONDS:
            self._items.pop(key, None)
            return None
        return value

    def put(self, key: K, value: V) -> None:
        if len(self._items) >= _MAX_ENTRIES:
            self._items.clear()  # crude but bounded; a full cache only costs one query per caller to refill
        self._items[key] = (time.monotonic(), value)

    def drop_where(self, match: Callable[[K, V], bool]) -> None:
        for key in [k for k, (_, v) in self._items.items() if match(k, v)]:
            self._items.pop(key, None)

    def clear(self) -> None:
        self._items.clear()


class PrincipalCache:
    """Users by id and API keys by secret hash, with the state of their organization folded in.

    `generation` guards against a race: a lookup that started before a change was announced must not store
    what it read. Callers take `generation` before reading the database and pass it to `put_*`; any
    notification (or reconnection) bumps it, and a stale put is ignored.
    """

    def __init__(self) -> None:
        self.enabled = False
        self.generation = 0
        self.users: _Entries[uuid.UUID, UserState] = _Entries()
        self.api_keys: _Entries[str, ApiKeyState] = _Entries()

    def user(self, user_id: uuid.UUID) -> UserState | None:
        return self.users.get(user_id) if self.enabled else None

    def api_key(self, key_hash: str) -> ApiKeyState | None:
        return self.api_keys.get(key_hash) if self.enabled else None

    def put_user(self, generation: int, state: UserState) -> None:
        if self.enabled and generation == self.generation:
            self.users.put(state.id, state)

    def put_api_key(self, generation: int, key_hash: str, state: ApiKeyState) -> None:
        if self.enabled and generation == self.generation:
            self.api_keys.put(key_hash, state)

    def reset(self, enabled: bool) -> None:
        """The listener connected (enabled) or was lost (disabled): start from nothing either way."""
        self.generation += 1
        self.enabled = enabled
        self.users.clear()
        self.api_keys.clear()

    def invalidate(self, payload: str) -> None:
        """Handle one notification: `user:<id>`, `organization:<id>` or `api_key:<id>`."""
        self.generation += 1
        kind, _, raw_id = payload.partition(":")
        try:
            changed = uuid.UUID(raw_id)
        except ValueError:
            kind = "unknown"
        if kind == "user":
            self.users.drop_where(lambda key, _: key == changed)
        elif kind == "organization":
            self.users.drop_where(lambda _, state: state.organization_id == changed)
            self.api_keys.drop_where(lambda _, state: state.organization_id == changed)
        elif kind == "api_key":
            self.api_keys.drop_where(lambda _, state: state.id == changed)
        else:  # something we do not understand: forget everything rather than risk a stale grant
            self.users.clear()
            self.api_keys.clear()
