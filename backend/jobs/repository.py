from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

# procrastinate's tables are not ours to model; these read them with plain SQL, always for one organization
# (every job of ours carries `organization_id` in its arguments).
_LIST = text("""
SELECT j.id, j.task_name, j.queue_name, j.status::text AS status, j.attempts, j.scheduled_at, j.args,
       e.error AS last_error,
       (SELECT max(ev.at) FROM procrastinate_events ev WHERE ev.job_id = j.id) AS last_event_at
FROM procrastinate_jobs j
LEFT JOIN job_errors e ON e.job_id = j.id
WHERE j.args->>'organization_id' = :org
  AND (CAST(:status AS text) IS NULL OR j.status::text = :status)
  AND (CAST(:before AS bigint) IS NULL OR j.id < :before)
  AND (CAST(:id AS bigint) IS NULL OR j.id = :id)
ORDER BY j.id DESC
LIMIT :limit
""")

_COUNTS = text("""
SELECT status::text, count(*) FROM procrastinate_jobs WHERE args->>'organization_id' = :org GROUP BY status
""")

_RETRY = text("SELECT procrastinate_retry_job_v2(:id, now(), NULL, NULL, NULL)")


class JobRepository:
    def __init__(self, session: AsyncSession, organization_id: object) -> None:
        self.session = session
        self.org = str(organization_id)

    async def list(self, status: str | None, before: int | None, limit: int) -> list[dict[str, Any]]:
        params = {"org": self.org, "status": status, "before": before, "id": None, "limit": limit}
        return [dict(r._mapping) for r in await self.session.execute(_LIST, params)]

    async def counts(self) -> dict[str, int]:
        return {status: n for status, n in (await self.session.execute(_COUNTS, {"org": self.org})).all()}

    async def get(self, job_id: int) -> dict[str, Any] | None:
        params = {"org": self.org, "status": None, "before": None, "id": job_id, "limit": 1}
        row = (await self.session.execute(_LIST, params)).first()
        return dict(row._mapping) if row else None

    async def retry(self, job_id: int) -> None:
        await self.session.execute(_RETRY, {"id": job_id})
