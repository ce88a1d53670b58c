"""Proctoring's background work: the face check of each snapshot, the similarity check when a session closes, and
the daily retention purge."""

import uuid
from datetime import UTC, datetime

from procrastinate import JobContext

from backend.jobs.runtime import records_errors, task_session
from backend.proctoring import checks, retention
from backend.proctoring.ingest import FACE_TASK
from backend.worker import queue

SIMILARITY_TASK = "proctoring.check_similarity"


@queue.task(name=FACE_TASK, pass_context=True)
@records_errors
async def check_faces(context: JobContext, event_id: str, organization_id: str) -> None:
    async with task_session() as session:
        await checks.check_faces(session, uuid.UUID(organization_id), uuid.UUID(event_id))


@queue.task(name=SIMILARITY_TASK, pass_context=True)
@records_errors
async def check_similarity(context: JobContext, session_id: str, organization_id: str) -> None:
    async with task_session() as session:
        await checks.check_similarity(session, uuid.UUID(session_id))


@queue.periodic(cron="17 3 * * *", periodic_id="proctoring-retention")
@queue.task(name="proctoring.purge", queueing_lock="proctoring.purge", pass_context=True)
@records_errors
async def purge(context: JobContext, timestamp: int) -> None:
    async with task_session() as session:
        await retention.purge(session, datetime.now(UTC))
