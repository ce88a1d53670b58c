"""Lists read their page straight from the driver (backend/kit/sql.py): the same rows the session would return."""

import asyncio

import asyncpg
from sqlalchemy import bindparam, cast, func, literal, select, text
from sqlalchemy.dialects.postgresql import JSONB

from backend.audit.models import AuditLog
from backend.kit.sql import DRIVER, CompiledQuery, fetch_rows
from backend.users.models import User


async def test_rows_from_the_driver_match_the_session(session, factory):
    org = await factory.org()
    session.add(
        AuditLog(
            organization_id=org.id,
            actor_type="system",
            action="candidate.updated",
            entity_type="candidate",
            before={"tags": ["a"]},
            after={"tags": ["a", "b"]},
        )
    )
    # Not flushed yet: the driver path flushes first, as the session's own execute would.
    stmt = select(*AuditLog.__table__.c).where(AuditLog.organization_id == org.id)
    driver = await fetch_rows(session, stmt)
    assert driver == [dict(r._mapping) for r in await session.execute(stmt)]
    assert driver[0]["after"] == {"tags": ["a", "b"]}  # JSON decoded, as by the session


async def test_an_in_list_takes_the_session_path(session, factory):
    user = await factory.user(await factory.org())
    stmt = select(User.id, User.email).where(User.id.in_([user.id]))
    assert await fetch_rows(session, stmt) == [{"id": user.id, "email": user.email}]


async def test_a_session_without_a_transaction_sends_them_through_the_driver_pool(real_db):
    """Read-only and single-statement sessions borrow an asyncpg connection for the statement alone, with the
    same JSON handling as SQLAlchemy's own connections; a session in a transaction never does."""
    doc = {"tags": ["a", "é"], "n": 1}
    echo = CompiledQuery(select(cast(bindparam("doc", type_=JSONB), JSONB).label("doc")))
    async with real_db.read_sessionmaker() as session:
        record = await echo.first(session, doc=doc)
        rows = await fetch_rows(session, select(cast(literal(doc, JSONB), JSONB).label("doc"), literal(1).label("one")))
        assert not session.in_transaction()  # no SQLAlchemy connection was checked out
    assert record is not None and record["doc"] == doc
    assert rows == [{"doc": doc, "one": 1}]
    assert DRIVER in real_db.lookup_sessionmaker().info
    assert DRIVER not in real_db.sessionmaker().info


async def test_the_driver_pool_recovers_when_the_database_drops_its_connections(real_db):
    """A database restart (here: every connection of the pool terminated): the pool hands out fresh connections,
    at worst after one failed statement, never a run of failures."""
    whoami = CompiledQuery(select(func.pg_backend_pid().label("pid"), func.pg_sleep(0.05).label("slept")))
    async with real_db.read_sessionmaker() as session:
        pids = {r["pid"] for r in await asyncio.gather(*(whoami.first(session) for _ in range(3))) if r}
    async with real_db.engine.connect() as admin:
        await admin.execute(
            text("SELECT pg_terminate_backend(pid) FROM unnest(CAST(:p AS int[])) AS pid"), {"p": list(pids)}
        )
        await admin.commit()
    failures = 0
    async with real_db.read_sessionmaker() as session:
        for _ in range(4):
            try:
                record = await whoami.first(session)
            except (asyncpg.PostgresError, asyncpg.InterfaceError, asyncpg.InternalClientError, ConnectionError):
                failures += 1
            else:
                assert record is not None and record["pid"] not in pids
    assert failures <= 1
