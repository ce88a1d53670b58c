"""The job queue: procrastinate on the same PostgreSQL, with workers on any number of machines.

Jobs are enqueued with `enqueue()` inside the caller's SQLAlchemy transaction (procrastinate's own SQL
function, run on our connection), so a rolled-back request never leaves a job behind, and a committed one
always has its job. Each job is claimed by exactly one worker through PostgreSQL row locks.
"""

import asyncio
import json
import logging
import signal
from datetime import datetime
from typing import Any

import procrastinate
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from backend.config import get_settings
from backend.db import Database, libpq_url
from backend.execution.engine.backends import sandbox_slots
from backend.jobs import runtime

log = logging.getLogger("interviewflow.worker")

# Domains register tasks on this app in their tasks.py; the worker imports them through import_paths.
TASK_MODULES = [
    "backend.email.tasks",
    "backend.jobs.tasks",
    "backend.notifications.tasks",
    "backend.interviews.tasks",
    "backend.execution.tasks",
    "backend.questions.tasks",
    "backend.invitations.tasks",
    "backend.test_sessions.tasks",
    "backend.proctoring.tasks",
]
# Candidate code runs on a queue of its own, served by a worker loop whose concurrency is the number of sandbox
# slots (one per CPU core by default), so that it never waits behind other jobs nor overloads the machine.
EXECUTION_QUEUE = "execution"
queue = procrastinate.App(connector=procrastinate.PsycopgConnector(), import_paths=TASK_MODULES)

_DEFER = text(
    "SELECT unnest(procrastinate_defer_jobs_v1(ARRAY[ROW(:queue, :task, :priority, :lock, :queueing_lock, "
    "CAST(:args AS jsonb), :scheduled_at)::procrastinate_job_to_defer_v1]))"
)


async def enqueue(
    session: AsyncSession,
    task_name: str,
    *,
    queue_name: str = "default",
    lock: str | None = None,
    queueing_lock: str | None = None,
    priority: int = 0,
    scheduled_at: datetime | None = None,
    **args: Any,
) -> int:
    """Defer a job in the session's transaction. Returns the job id."""
    result = await session.execute(
        _DEFER,
        {
            "queue": queue_name,
            "task": task_name,
            "priority": priority,
            "lock": lock,
            "queueing_lock": queueing_lock,
            "args": json.dumps(args, default=str),
            "scheduled_at": scheduled_at,
        },
    )
    return int(result.scalar_one())


_LATER_TWIN = text(
    "SELECT EXISTS (SELECT 1 FROM procrastinate_jobs WHERE lock = :lock AND status = 'todo' AND id > :id "
    "AND task_name = :task AND args @> CAST(:args AS jsonb))"
)


async def superseded(session: AsyncSession, job: procrastinate.jobs.Job, **args: Any) -> bool:
    """Whether a job of the same task and lock, queued after `job` (so it runs after it: jobs sharing a lock run
    one at a time, oldest first), is waiting with arguments that contain `args` (a list argument contains every
    item of ours). For a job that recomputes something from the truth, that later job makes this one redundant."""
    if job.lock is None or job.id is None:
        return False
    params = {"lock": job.lock, "id": job.id, "task": job.task_name, "args": json.dumps(args, default=str)}
    return bool((await session.execute(_LATER_TWIN, params)).scalar_one())


def connector_for(database_url: str) -> procrastinate.PsycopgConnector:
    return procrastinate.PsycopgConnector(conninfo=libpq_url(database_url))


async def run_worker(database_url: str, concurrency: int = 4, install_signal_handlers: bool = True) -> None:
    """Run jobs until cancelled (or, with signal handlers, until SIGINT/SIGTERM). Inside the API process the
    tasks share its Database; a standalone worker opens its own. Two loops: every queue but the execution queue
    with `concurrency`, and the execution queue with one job per sandbox slot."""
    settings = get_settings()
    own_db = None
    if not runtime.has_database():
        own_db = Database(database_url, None, settings)
        runtime.set_database(own_db)
    try:
        with queue.replace_connector(connector_for(database_url)) as app:
            async with app.open_async():
                app.perform_import_paths()
                general = sorted({task.queue for task in app.tasks.values()} - {EXECUTION_QUEUE})
                stall = settings.stalled_worker_seconds
                # Both loops stop on cancellation, gracefully (running jobs finish). procrastinate's own signal
                # handling supports one worker per process, so signals are handled here for both.
                workers = asyncio.gather(
                    app.run_worker_async(
                        queues=general,
                        concurrency=concurrency,
                        install_signal_handlers=False,
                        stalled_worker_timeout=stall,
                    ),
                    app.run_worker_async(
                        queues=[EXECUTION_QUEUE],
                        concurrency=sandbox_slots(settings),
                        name="execution",
                        install_signal_handlers=False,
                        stalled_worker_timeout=stall,
                    ),
                )
                await _until_stopped(workers, install_signal_handlers)
    finally:
        if own_db is not None:
            runtime.set_database(None)
            await own_db.dispose()


async def _until_stopped(workers: "asyncio.Future[Any]", on_signals: bool) -> None:
    if not on_signals:
        await workers
        return
    loop = asyncio.get_running_loop()
    signalled = False

    def stop() -> None:
        nonlocal signalled
        signalled = True
        workers.cancel()

    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop)
    try:
        await workers
    except asyncio.CancelledError:
        if not signalled:
            raise
    finally:
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(sig)
