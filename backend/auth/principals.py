"""Resolve the caller of a request: from the process's principal cache when it can answer, otherwise with one
query on the primary (never a replica: a deactivation must not lag behind). See backend/auth/cache.py for why
the cache is never stale."""

import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from backend.auth.cache import ApiKeyState, PrincipalCache, UserState
from backend.auth.principal import Principal
from backend.auth.repository import PrincipalRepository
from backend.auth.tokens import hash_secret
from backend.errors import Unauthorized

# last_used_at is informational; writing it on every call would turn each read into a write.
_LAST_USED_RESOLUTION = timedelta(minutes=1)


class PrincipalResolver:
    def __init__(self) -> None:
        self.cache = PrincipalCache()
        self._key_last_used: dict[uuid.UUID, datetime] = {}

    async def user(self, sessionmaker: async_sessionmaker[AsyncSession], user_id: uuid.UUID) -> Principal:
        state = self.cache.user(user_id)
        if state is None:
            generation = self.cache.generation
            async with sessionmaker() as session:
                state = await PrincipalRepository(session).user(user_id)
            if state is not None:
                self.cache.put_user(generation, state)
        return _user_principal(state)

    async def api_key(self, sessionmaker: async_sessionmaker[AsyncSession], token: str) -> Principal:
        key_hash = hash_secret(token)
        state = self.cache.api_key(key_hash)
        if state is None:
            generation = self.cache.generation
            async with sessionmaker() as session:
                found = await PrincipalRepository(session).api_key(key_hash)
            if found is None:
                raise Unauthorized("The API key is not valid, expired or revoked.")
            state, last_used_at = found
            if last_used_at is not None:
                self._key_last_used[state.id] = last_used_at
            self.cache.put_api_key(generation, key_hash, state)
        principal = _api_key_principal(state)
        await self._touch(sessionmaker, state.id)
        return principal

    async def _touch(self, sessionmaker: async_sessionmaker[AsyncSession], key_id: uuid.UUID) -> None:
        now = datetime.now(UTC)
        last = self._key_last_used.get(key_id)
        if last is not None and now - last <= _LAST_USED_RESOLUTION:
            return
        self._key_last_used[key_id] = now
        async with sessionmaker() as session:  # autocommit: the update stands on its own
            await PrincipalRepository(session).touch_api_key(key_id, now)
            await session.commit()


def _user_principal(state: UserState | None) -> Principal:
    if state is None or not state.is_active:
        raise Unauthorized("This account is not active.")
    if not state.organization_active:
        raise Unauthorized("The organization is deactivated.")
    return Principal.of_user(state.id, state.organization_id, state.role, state.email)


def _api_key_principal(state: ApiKeyState) -> Principal:
    if state.revoked or (state.expires_at is not None and state.expires_at <= datetime.now(UTC)):
        raise Unauthorized("The API key is not valid, expired or revoked.")
    if not state.organization_active:
        raise Unauthorized("The organization is deactivated.")
    return Principal("api_key", state.id, state.organization_id, state.scopes, f"api-key:{state.name}")
