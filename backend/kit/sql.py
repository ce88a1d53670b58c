"""A fixed query compiled once, run straight on the session's asyncpg connection.

For the few reads that run on (almost) every request. SQLAlchemy's per-execution work (building the statement,
its cache key, the ORM execution context, result processing) costs several times the round trip of a small
query; a statement whose shape never changes can be compiled once at import and sent as it is. It still runs on
the request's session and connection, inside its transaction when there is one, so tests and the rules of
"one request, one transaction" are unchanged. Everything else goes through the ORM as usual.
"""

from typing import Any

import asyncpg
from sqlalchemy import Select
from sqlalchemy.dialects.postgresql.asyncpg import dialect as asyncpg_dialect
from sqlalchemy.ext.asyncio import AsyncSession

_DIALECT = asyncpg_dialect()


class CompiledQuery:
    def __init__(self, stmt: Select[Any]) -> None:
        compiled = stmt.compile(dialect=_DIALECT)
        self.sql = compiled.string
        self._names = list(compiled.positiontup or ())
        self._literals = dict(compiled.params)  # values written into the statement (e.g. a JSON key)

    async def _driver(self, session: AsyncSession) -> asyncpg.Connection:
        conn = await session.connection()
        raw = await conn.get_raw_connection()
        return raw.driver_connection

    def _args(self, params: dict[str, Any]) -> list[Any]:
        values = {**self._literals, **params}
        return [values[name] for name in self._names]

    async def first(self, session: AsyncSession, **params: Any) -> asyncpg.Record | None:
        return await (await self._driver(session)).fetchrow(self.sql, *self._args(params))

    async def all(self, session: AsyncSession, **params: Any) -> list[asyncpg.Record]:
        return await (await self._driver(session)).fetch(self.sql, *self._args(params))
