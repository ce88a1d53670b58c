from typing import Annotated

from fastapi import APIRouter, Depends, Query

from backend.auth.dependencies import require
from backend.auth.principal import Principal
from backend.db import ReadSessionDep, SessionDep
from backend.jobs.schemas import JobPage, JobRead, JobStatus
from backend.jobs.service import JobService

router = APIRouter(prefix="/jobs", tags=["jobs"])
Operator = Annotated[Principal, Depends(require("jobs:manage"))]


@router.get("", response_model=JobPage)
async def list_jobs(
    principal: Operator,
    session: ReadSessionDep,
    status: JobStatus | None = None,
    cursor: str | None = Query(None, max_length=20),
    limit: int = Query(50, ge=1, le=100),
) -> JobPage:
    """Background jobs of the organization (emails, reminders …), newest first, with counts per status and
    the last error of each."""
    return await JobService(session, principal).list(status, cursor, limit)


@router.post("/{job_id}/retry", response_model=JobRead)
async def retry_job(principal: Operator, job_id: int, session: SessionDep) -> JobRead:
    """Put a failed job back in the queue."""
    return await JobService(session, principal).retry(job_id)
