"""Housekeeping of the queue itself."""

import logging

from procrastinate import JobContext
from procrastinate.manager import JobManager

from backend.config import get_settings
from backend.worker import queue

log = logging.getLogger("interviewflow.jobs")


async def requeue_stalled_jobs(manager: JobManager, seconds_since_heartbeat: float) -> int:
    """Jobs whose worker died (no heartbeat for that long) go back to the queue: a killed worker loses
    nothing. Returns how many were re-queued."""
    stalled = list(await manager.get_stalled_jobs(seconds_since_heartbeat=seconds_since_heartbeat))
    for job in stalled:
        log.warning("re-queueing stalled job", extra={"job_id": job.id, "task": job.task_name})
        await manager.retry_job(job)
    return len(stalled)


@queue.periodic(cron="* * * * *", periodic_id="retry-stalled")
@queue.task(name="jobs.retry_stalled", queueing_lock="jobs.retry_stalled", pass_context=True)
async def retry_stalled_jobs(context: JobContext, timestamp: int) -> None:
    await requeue_stalled_jobs(context.app.job_manager, get_settings().stalled_worker_seconds)
