"""Engines, sessions and the per-request transaction."""

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from backend.config import Settings
from backend.errors import AppError
from backend.kit.sql import DRIVER, DriverPool


def async_url(url: str) -> str:
    """Accept the URL spellings operators paste (postgres://, postgresql://) and use asyncpg."""
    for prefix in ("postgres://", "postgresql://", "postgresql+psycopg://"):
        if url.startswith(prefix):
            return "postgresql+asyncpg://" + url[len(prefix) :]
    return url


def libpq_url(url: str) -> str:
    """The same database as a libpq URL (psycopg, for the job queue)."""
    return async_url(url).replace("postgresql+asyncpg://", "postgresql://", 1)


_RECYCLE_SECONDS = 1800


class Database:
    """Primary engine plus an optional read replica.

    * `sessionmaker`: the request's transaction on the primary (writes).
    * `read_sessionmaker`: read-only endpoints, on the replica when one is configured. Autocommit: each
      statement runs on its own, with no BEGIN/COMMIT round trips around it. Enough for a page (the capped
      count and the page may see different snapshots; both are a moment's view anyway).
    * `snapshot_sessionmaker`: the same database in a transaction, for long reads that need one snapshot or a
      server-side cursor (streamed exports).
    * `lookup_sessionmaker`: autocommit statements on the primary, for what must never lag behind a write
      (who the caller is: backend/auth/principals.py), and for writes that are a single statement
      (`StatementSessionDep`).

    No pre-ping on checkout: it is a round trip per request to guard against connections the server closed.
    Instead, a statement that fails on a dead connection invalidates the pool, so after a database restart one
    request fails and the pool reconnects (pool_recycle bounds the age of idle connections as well).

    The two sessions without a transaction (read, lookup) send their compiled statements through an asyncpg
    pool of their own (`DriverPool`, backend/kit/sql.py) instead of checking out a SQLAlchemy connection.
    """

    def __init__(self, url: str, read_url: str | None, settings: Settings) -> None:
        self.url = async_url(url)
        self.engine: AsyncEngine = create_async_engine(
            self.url, pool_size=settings.db_pool_size, pool_recycle=_RECYCLE_SECONDS, echo=settings.db_echo
        )
        self.read_engine = (
            create_async_engine(async_url(read_url), pool_size=settings.db_pool_size, pool_recycle=_RECYCLE_SECONDS)
            if read_url
            else self.engine
        )
        self.driver = DriverPool(libpq_url(self.url), settings.db_pool_size)
        self.read_driver = DriverPool(libpq_url(read_url), settings.db_pool_size) if read_url else self.driver
        self.sessionmaker = async_sessionmaker(self.engine, expire_on_commit=False)
        self.read_sessionmaker = async_sessionmaker(
            self.read_engine.execution_options(isolation_level="AUTOCOMMIT"),
            expire_on_commit=False,
            info={DRIVER: self.read_driver},
        )
        self.snapshot_sessionmaker = async_sessionmaker(self.read_engine, expire_on_commit=False)
        self.lookup_sessionmaker = async_sessionmaker(
            self.engine.execution_options(isolation_level="AUTOCOMMIT"),
            expire_on_commit=False,
            info={DRIVER: self.driver},
        )

    async def dispose(self) -> None:
        await self.driver.close()
        await self.read_driver.close()
        await self.engine.dispose()
        if self.read_engine is not self.engine:
            await self.read_engine.dispose()


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    """One request, one transaction: commit when the endpoint returns, roll back on any error."""
    db: Database = request.app.state.db
    async with db.sessionmaker() as session:
        try:
            yield session
        except AppError as exc:
            if exc.keep_changes:
                await session.commit()
            else:
                await session.rollback()
            raise
        except BaseException:
            await session.rollback()
            raise
        else:
            await session.commit()


async def get_read_session(request: Request) -> AsyncIterator[AsyncSession]:
    """A session for read-only endpoints: on the read replica (or the primary when none is configured), without
    a transaction (no BEGIN/COMMIT round trips). Never commits; an endpoint that writes takes SessionDep."""
    db: Database = request.app.state.db
    async with db.read_sessionmaker() as session:
        yield session


async def get_statement_session(request: Request) -> AsyncIterator[AsyncSession]:
    """A session on the primary without a transaction around the request, for endpoints whose write is one
    statement (the test player's autosave, thousands a minute on an exam day). A single statement is atomic on
    its own, so BEGIN and COMMIT would only add two round trips; reads that follow see the database as it is.
    An endpoint that writes twice takes SessionDep. (The commit sends nothing on an autocommit connection; it is
    there for sessions that do run in a transaction, as the tests' do.)"""
    db: Database = request.app.state.db
    async with db.lookup_sessionmaker() as session:
        yield session
        await session.commit()


# scope="function": the commit finishes before the response is sent, so a client that gets 2xx can rely on it.
SessionDep = Annotated[AsyncSession, Depends(get_session, scope="function")]
ReadSessionDep = Annotated[AsyncSession, Depends(get_read_session, scope="function")]
StatementSessionDep = Annotated[AsyncSession, Depends(get_statement_session, scope="function")]
