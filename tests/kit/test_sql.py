"""Lists read their page straight from the driver (backend/kit/sql.py): the same rows the session would return."""

from sqlalchemy import select

from backend.audit.models import AuditLog
from backend.kit.sql import fetch_rows
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
