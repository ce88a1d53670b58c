"""Admin → Jobs: what the queue is doing for this organization, and retrying what failed."""

from sqlalchemy.ext.asyncio import AsyncSession

from backend.audit import service as audit
from backend.auth.principal import Principal
from backend.errors import Conflict, NotFound
from backend.jobs.repository import JobRepository
from backend.jobs.schemas import JobPage, JobRead
from backend.kit.pagination import id_cursor


class JobService:
    def __init__(self, session: AsyncSession, principal: Principal) -> None:
        self.session = session
        self.principal = principal
        self.repo = JobRepository(session, principal.organization_id)

    async def list(self, status: str | None, cursor: str | None, limit: int) -> JobPage:
        rows = await self.repo.list(status, id_cursor(cursor), limit + 1)
        more = len(rows) > limit
        rows = rows[:limit]
        return JobPage(
            items=[JobRead(**r) for r in rows],
            next_cursor=str(rows[-1]["id"]) if more and rows else None,
            counts=await self.repo.counts(),
        )

    async def retry(self, job_id: int) -> JobRead:
        job = await self.repo.get(job_id)
        if job is None:
            raise NotFound("Job not found.")
        if job["status"] != "failed":
            raise Conflict(f"Only failed jobs can be retried; this one is {job['status']}.")
        await self.repo.retry(job_id)
        await audit.record(
            self.session,
            self.principal,
            "job.retried",
            "job",
            job_id,
            organization_id=self.principal.organization_id,
            before={"status": "failed"},
            after={"status": "todo"},
        )
        return JobRead(**(await self.repo.get(job_id) or job))
