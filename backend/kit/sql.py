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

Where a session runs without a transaction (the read-only endpoints' and the single-statement writes' sessions,
backend/db.py), these statements do not even take the session's connection: they borrow one from a `DriverPool`
for the statement alone. Checking a connection out of SQLAlchemy's pool through the session and giving it back
cost more than the statement itself on `/auth/me`; an asyncpg pool's acquire and release cost a tenth of that.
A session in a transaction (every writing endpoint, and every session of the tests) keeps its own connection.
"""

import asyncio
import json
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

# `Session.info` key: the DriverPool a session without a transaction sends these statements through.
DRIVER = "driver_pool"


async def _json_codecs(conn: asyncpg.Connection) -> None:
    """The JSON codecs SQLAlchemy's asyncpg dialect installs on its own connections (values arrive here already
    serialised by the column type's bind processor, and rows come back as Python objects), so a statement reads
    and writes the same values on either pool."""
    await conn.set_type_codec(
        "json", encoder=str.encode, decoder=lambda b: json.loads(b.decode()), schema="pg_catalog", format="binary"
    )
    await conn.set_type_codec(
        "jsonb",
        encoder=lambda s: b"\x01" + s.encode(),  # jsonb's binary format: a version byte, then the text
        decoder=lambda b: json.loads(b[1:].decode()),
        schema="pg_catalog",
        format="binary",
    )


async def _keep_state(_: asyncpg.Connection) -> None:
    """Nothing to reset when a connection goes back: these statements leave no session state behind (asyncpg's
    default reset is a round trip of UNLISTEN, RESET ALL … after every statement)."""


class DriverPool:
    """asyncpg connections for statements run outside any transaction, opened on first use (every process and
    event loop that builds a Database gets its own). `dsn`: a libpq URL."""

    def __init__(self, dsn: str, size: int) -> None:
        self.dsn = dsn
        self.size = size
        self._pool: asyncpg.Pool | None = None
        self._opening = asyncio.Lock()

    async def pool(self) -> asyncpg.Pool:
        if self._pool is None:
            async with self._opening:
                if self._pool is None:
                    self._pool = await asyncpg.create_pool(
                        self.dsn, min_size=0, max_size=self.size, init=_json_codecs, reset=_keep_state
                    )
        return self._pool

    async def close(self) -> None:
        if self._pool is not None:
            await self._pool.close()
            self._pool = None


async def _on_driver(session: AsyncSession, call: Callable[[asyncpg.Connection], Awaitable[T]]) -> T:
    if session.new or session.dirty or session.deleted:
        await session.flush()  # what the session's own execute would do first (autoflush)
    driver: DriverPool | None = session.info.get(DRIVER)
    if driver is not None:
        pool = await driver.pool()
        async with pool.acquire() as pooled:
            try:
                return await call(pooled)
            except Exception as exc:
                # The database dropped the connection (a restart, an administrator): as SQLAlchemy does on a
                # disconnect, every idle connection is replaced on its next checkout, so one request fails rather
                # than one per pooled connection. (A connection the server closed while it sat idle can fail with
                # asyncpg's InternalClientError instead of a connection error.)
                if isinstance(exc, (*_DISCONNECTS, asyncpg.InternalClientError)) or pooled.is_closed():
                    await pool.expire_connections()
                raise
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
