"""The job that runs code: on a queue of its own, served by as many concurrent jobs as the machine has sandbox
slots (see backend/worker.py), so candidate code never waits behind emails and never overloads the machine."""

import uuid

from procrastinate import JobContext

from backend.execution.service import RUN_TASK, execute_run
from backend.jobs.runtime import records_errors
from backend.worker import EXECUTION_QUEUE, queue


@queue.task(name=RUN_TASK, queue=EXECUTION_QUEUE, pass_context=True)
@records_errors
async def run_code(context: JobContext, run_id: str, organization_id: str) -> None:
    await execute_run(uuid.UUID(run_id))
