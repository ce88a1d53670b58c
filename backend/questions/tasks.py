"""Questions' part of the worker: recording a Verify's verdicts when its runs finish, and recounting how many test
sessions were given each version after test starts."""

import uuid

from procrastinate import JobContext

from backend.execution.service import on_run_finished
from backend.jobs.runtime import records_errors, task_session
from backend.questions.serving import RECOUNT_TASK, recount_served
from backend.questions.verifying import PURPOSE, verification_run_finished
from backend.worker import queue, superseded

on_run_finished(PURPOSE)(verification_run_finished)


@queue.task(name=RECOUNT_TASK, pass_context=True)
@records_errors
async def recount_served_versions(context: JobContext, organization_id: str, version_ids: list[str]) -> None:
    async with task_session() as session:
        # On an exam day every start queues a recount of the same versions: only the newest needs to run.
        if await superseded(session, context.job, organization_id=organization_id, version_ids=version_ids):
            return
        await recount_served(session, uuid.UUID(organization_id), [uuid.UUID(v) for v in version_ids])
