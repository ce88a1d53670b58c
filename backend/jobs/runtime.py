"""What a background task needs from its process: a database, and a record of why it failed."""

import functools
import logging
import traceback
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any, ParamSpec, TypeVar

from procrastinate import JobContext
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from backend.db import Database
from backend.jobs.models import JobError

log = logging.getLogger("interviewflow.jobs")
_database: Database | None = None

P = ParamSpec("P")
R = TypeVar("R")


def set_database(db: Database | None) -> None:
    global _database
    _database = db


def has_database() -> bool:
    return _database is not None


@asynccontextmanager
async def task_session() -> AsyncIterator[AsyncSession]:
    """A task's own transaction, as a request has one: commit when the block ends, roll back on error."""
    if _database is None:
        raise RuntimeError("background tasks need set_database() first")
    async with _database.sessionmaker() as session, session.begin():
        yield session


async def _record_error(context: JobContext, exc: BaseException) -> None:
    job = context.job
    org = (job.task_kwargs or {}).get("organization_id")
    text = "".join(traceback.format_exception_only(type(exc), exc)).strip()[:4000]
    try:
        async with task_session() as session:
            stmt = insert(JobError).values(
                job_id=job.id, task_name=job.task_name, error=text, organization_id=uuid.UUID(str(org)) if org else None
            )
            await session.execute(
                stmt.on_conflict_do_update(
                    index_elements=[JobError.job_id], set_={"error": text, "updated_at": stmt.excluded.updated_at}
                )
            )
    except Exception:  # recording must never hide the original error
        log.exception("could not record job error", extra={"job_id": job.id})


def records_errors(fn: Callable[..., Awaitable[R]]) -> Callable[..., Awaitable[R]]:
    """Wrap a `pass_context=True` task so its last error is kept for Admin → Jobs."""

    @functools.wraps(fn)
    async def wrapper(context: JobContext, *args: Any, **kwargs: Any) -> R:
        try:
            return await fn(context, *args, **kwargs)
        except Exception as exc:
            await _record_error(context, exc)
            raise

    return wrapper
