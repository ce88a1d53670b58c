"""Test sessions' background work: the deadline job (scheduled when a test starts, at its deadline), a sweep every
minute for sessions still open past their deadline (a safety net: the job is a row of the queue and survives
restarts, but a session must close even if that job were lost), and the grading of code when its runs finish."""

import uuid
from datetime import UTC, datetime

from procrastinate import JobContext

from backend.execution.service import on_run_finished
from backend.jobs.runtime import records_errors, task_session
from backend.test_sessions.closing import close_if_due
from backend.test_sessions.grading import GRADING_PURPOSE, code_run_finished
from backend.test_sessions.player import CLOSE_TASK
from backend.test_sessions.repository import open_past_deadline
from backend.worker import queue

on_run_finished(GRADING_PURPOSE)(code_run_finished)


@queue.task(name=CLOSE_TASK, pass_context=True)
@records_errors
async def close_at_deadline(context: JobContext, session_id: str, organization_id: str) -> None:
    async with task_session() as session:
        await close_if_due(session, uuid.UUID(session_id))


async def sweep(now: datetime) -> int:
    async with task_session() as session:
        due = await open_past_deadline(session, now)
    closed = 0
    for session_id in due:
        async with task_session() as session:
            closed += await close_if_due(session, session_id)
    return closed


@queue.periodic(cron="* * * * *", periodic_id="test-sessions-sweep")
@queue.task(name="test_sessions.sweep", queueing_lock="test_sessions.sweep", pass_context=True)
@records_errors
async def sweep_open_sessions(context: JobContext, timestamp: int) -> None:
    await sweep(datetime.now(UTC))
