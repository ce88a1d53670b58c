"""Reads that skip SQLAlchemy's execution machinery: for the statements that run on (almost) every request.

SQLAlchemy's per-execution work (the session's connection bookkeeping, the ORM execution context, events,
result processing) costs several times the round trip of a small query: a profile of a list request put half
of the API process's time inside SQLAlchemy. Two ways around it, both on the request's own session and
connection (inside its transaction when there is one), so tests and "one request, one transaction" are unchanged:

* `CompiledQuery`: a fixed statement compiled once at import and sent as it is (`/auth/me`, the test player's
  autosave): a select, or an INSERT / UPDATE with RETURNING.
* `fetch_rows`: any Core select (columns, not ORM entities), compiled through a cache keyed like SQLAlchemy's
  own, its parameters extracted, and sent straight to asyncpg; rows come back as plain dicts. The lists use it.

Statements with parameters that SQLAlchemy expands when it runs them (`IN` with a Python list) take the ordinary
path. Everything else goes through the ORM as usual.
"""

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar, cast

import asyncpg
from sqlalchemy import Select
from sqlalchemy.dialects.postgresql.asyncpg import dialect as asyncpg_dialect
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.expression import ClauseElement
from sqlalchemy.util import LRUCache

_DIALECT = asyncpg_dialect()
# Compiled statements by cache key: one entry per statement shape (filters present, sort, cursor or not).
_COMPILED: LRUCache[Any, Any] = LRUCache(1000)
# What a lost connection raises from asyncpg itself (SQLAlchemy would have invalidated the connection).
_DISCONNECTS = (asyncpg.PostgresConnectionError, asyncpg.InterfaceError, ConnectionError)

T = TypeVar("T")


async def _on_driver(session: AsyncSession, call: Callable[[asyncpg.Connection], Awaitable[T]]) -> T:
    if session.new or session.dirty or session.deleted:
        await session.flush()  # what the session's own execute would do first (autoflush)
    conn = await session.connection()
    raw = await conn.get_raw_connection()
    try:
        return await call(raw.driver_connection)
    except _DISCONNECTS:
        # As SQLAlchemy does for its own statements: this connection is not returned to the pool, so the next
        # request gets a fresh one instead of the same error.
        await conn.invalidate()
        raise


class CompiledQuery:
    def __init__(self, stmt: ClauseElement) -> None:
        compiled = cast(SQLCompiler, stmt.compile(dialect=_DIALECT))
        self.sql = compiled.string
        self._names = list(compiled.positiontup or ())
        self._literals = dict(compiled.params)  # values written into the statement (e.g. a JSON key)
        # What SQLAlchemy would do to a value before the driver sees it (JSON serialised, for instance).
        self._processors = {name: p for name, p in compiled._bind_processors.items() if callable(p)}

    def _args(self, params: dict[str, Any]) -> list[Any]:
        values = {**self._literals, **params}
        args = []
        for name in self._names:
            value = values[name]
            process = self._processors.get(name)
            args.append(process(value) if process is not None and value is not None else value)
        return args

    async def first(self, session: AsyncSession, **params: Any) -> asyncpg.Record | None:
        return await _on_driver(session, lambda c: c.fetchrow(self.sql, *self._args(params)))

    async def all(self, session: AsyncSession, **params: Any) -> list[asyncpg.Record]:
        return await _on_driver(session, lambda c: c.fetch(self.sql, *self._args(params)))


async def fetch_rows(session: AsyncSession, stmt: Select[Any]) -> list[dict[str, Any]]:
    """The rows of a column select as dicts (column label → value)."""
    found, extracted, collected, _ = stmt._compile_w_cache(_DIALECT, compiled_cache=_COMPILED, column_keys=[])
    compiled = cast(SQLCompiler, found)  # a select compiles to an SQLCompiler
    if compiled.post_compile_params or compiled.literal_execute_params:
        return [dict(r._mapping) for r in await session.execute(stmt)]
    params = compiled.construct_params(extracted_parameters=extracted, _collected_params=collected)
    processors = compiled._bind_processors
    args = []
    for name in compiled.positiontup or ():
        value = params[name]
        process = processors.get(name)
        args.append(process(value) if callable(process) and value is not None else value)
    records = await _on_driver(session, lambda c: c.fetch(compiled.string, *args))
    return [dict(r) for r in records]
