"""Test harness: one real PostgreSQL per run (embedded, or TEST_DATABASE_URL), built by running the migrations;
each test runs inside a transaction that is rolled back, so tests never see each other's rows."""

import os
import tempfile
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import Any

# Light argon2 parameters and plain-HTTP cookies for the test client; set before the settings are first read.
os.environ.setdefault("INTERVIEWFLOW_ARGON2_TIME_COST", "1")
os.environ.setdefault("INTERVIEWFLOW_ARGON2_MEMORY_COST", "8192")
os.environ.setdefault("INTERVIEWFLOW_COOKIE_SECURE", "false")
os.environ.setdefault("INTERVIEWFLOW_LOG_FORMAT", "console")
os.environ.pop("INTERVIEWFLOW_DATABASE_URL", None)
os.environ.pop("DATABASE_URL", None)

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from backend.cli import run_migrations
from backend.config import get_settings
from backend.db import async_url
from backend.embedded_pg import ensure_runtime_dir
from backend.main import create_app
from tests.factories import Factory

pytest_plugins = ["tests.committed"]  # real_db, smtp: fixtures for tests that need committed data


@pytest.fixture(scope="session")
def database_url() -> Iterator[str]:
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        yield async_url(url)
        return
    ensure_runtime_dir()
    import pgserver

    with tempfile.TemporaryDirectory(prefix="interviewflow-test-") as tmp:
        server = pgserver.get_server(tmp, cleanup_mode="stop")
        try:
            yield f"postgresql+asyncpg://postgres@/postgres?host={tmp}"
        finally:
            server.cleanup()


@pytest.fixture(scope="session")
def migrated_url(database_url: str) -> str:
    run_migrations(database_url, "base", downgrade=True)  # a reused TEST_DATABASE_URL starts clean
    run_migrations(database_url)
    return database_url


@pytest.fixture(scope="session")
async def engine(migrated_url: str) -> AsyncIterator[AsyncEngine]:
    eng = create_async_engine(migrated_url, pool_size=5)
    yield eng
    await eng.dispose()


@dataclass
class TestDatabase:
    """Stands in for backend.db.Database: every session joins the test's outer transaction through savepoints,
    so the app's own commit/rollback logic runs unchanged."""

    engine: AsyncEngine
    sessionmaker: async_sessionmaker[AsyncSession]
    read_sessionmaker: async_sessionmaker[AsyncSession]
    snapshot_sessionmaker: async_sessionmaker[AsyncSession]
    lookup_sessionmaker: async_sessionmaker[AsyncSession]

    async def dispose(self) -> None:
        pass


@pytest.fixture
async def connection(engine: AsyncEngine) -> AsyncIterator[AsyncConnection]:
    async with engine.connect() as conn:
        trans = await conn.begin()
        try:
            yield conn
        finally:
            await trans.rollback()


@pytest.fixture
def sessionmaker(connection: AsyncConnection) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False)


@pytest.fixture
async def session(sessionmaker: async_sessionmaker[AsyncSession]) -> AsyncIterator[AsyncSession]:
    async with sessionmaker() as s:
        yield s


@pytest.fixture
def test_database(engine: AsyncEngine, sessionmaker: async_sessionmaker[AsyncSession]) -> TestDatabase:
    """The app's database (and a job's, through `backend.jobs.runtime`) inside the test's transaction."""
    return TestDatabase(engine, *[sessionmaker] * 4)


@pytest.fixture
def app(test_database: TestDatabase) -> Any:
    return create_app(get_settings(), database=test_database)  # type: ignore[arg-type]


@pytest.fixture
async def client(app: Any) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as c:
        yield c


@pytest.fixture
async def factory(session: AsyncSession, client: httpx.AsyncClient) -> Factory:
    return Factory(session, client)
