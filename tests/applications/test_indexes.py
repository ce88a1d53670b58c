"""List queries stay on indexes at scale: with 100k applications ANALYZEd, no sequential scan of applications."""

from sqlalchemy import text
from sqlalchemy.dialects import postgresql

from backend.applications.repository import ApplicationRepository


async def _plan(connection, stmt) -> str:
    sql = str(stmt.compile(dialect=postgresql.dialect(), compile_kwargs={"literal_binds": True}))
    rows = (await connection.execute(text(f"EXPLAIN {sql}"))).scalars().all()
    return "\n".join(rows)


async def test_application_lists_use_indexes_at_100k_rows(connection, session, factory):
    org = await factory.org()
    other = await factory.org()
    await connection.execute(
        text("""
        WITH r AS (
            INSERT INTO requisitions (organization_id, title) SELECT :org, 'Req ' || g FROM generate_series(1, 50) g
            RETURNING id
        ), c AS (
            INSERT INTO candidates (organization_id, first_name, last_name, email)
            SELECT :org, 'First' || g, 'Last' || g, 'c' || g || '@example.com' FROM generate_series(1, 100000) g
            RETURNING id
        )
        INSERT INTO applications (organization_id, candidate_id, requisition_id, status)
        SELECT :org, c.id, (SELECT id FROM r ORDER BY random() LIMIT 1), 'active' FROM c
    """),
        {"org": org.id},
    )
    for table in ("applications", "candidates", "requisitions"):
        await connection.execute(text(f"ANALYZE {table}"))
    repo = ApplicationRepository(session, org.id)
    some_req = (
        await connection.execute(
            text("SELECT requisition_id FROM applications WHERE organization_id = :o LIMIT 1"), {"o": org.id}
        )
    ).scalar_one()
    some_cand = (
        await connection.execute(
            text("SELECT candidate_id FROM applications WHERE organization_id = :o LIMIT 1"), {"o": org.id}
        )
    ).scalar_one()

    queries = {
        "newest first": repo.rows().order_by(text("applications.created_at DESC, applications.id DESC")).limit(26),
        "by requisition": repo.filtered(some_req, None, "active", None, None).limit(26),
        "by candidate": repo.filtered(None, some_cand, None, None, None).limit(26),
        "other tenant": ApplicationRepository(session, other.id).rows().limit(26),
    }
    for name, stmt in queries.items():
        plan = await _plan(connection, stmt)
        assert "Seq Scan on applications" not in plan, f"{name}:\n{plan}"
