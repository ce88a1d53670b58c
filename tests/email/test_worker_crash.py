"""A worker killed in the middle of a batch loses no email and sends none twice."""

import asyncio
import os
import signal
import subprocess
import sys
import time

from sqlalchemy import select

from backend.email.models import EmailMessage
from backend.email.service import send_email
from backend.jobs.tasks import requeue_stalled_jobs
from backend.worker import connector_for, queue
from tests.committed import committed_org

BATCH = 6


def _start_worker(database_url: str, smtp_port: int) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "INTERVIEWFLOW_DATABASE_URL": database_url,
        "INTERVIEWFLOW_SMTP_HOST": "127.0.0.1",
        "INTERVIEWFLOW_SMTP_PORT": str(smtp_port),
        "INTERVIEWFLOW_SMTP_STARTTLS": "false",
        "INTERVIEWFLOW_LOG_LEVEL": "WARNING",
    }
    return subprocess.Popen([sys.executable, "-m", "backend.cli", "worker", "--concurrency", "1"], env=env)


async def _statuses(db, org_id) -> dict[str, str]:
    async with db.sessionmaker() as session:
        rows = await session.execute(
            select(EmailMessage.to_address, EmailMessage.status).where(EmailMessage.organization_id == org_id)
        )
        return dict(rows.all())


async def _wait(predicate, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not await predicate():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.1)


async def test_killed_worker_loses_nothing_and_duplicates_nothing(real_db, smtp, migrated_url):
    org, _ = await committed_org(real_db)
    recipients = [f"candidate{i}@example.com" for i in range(BATCH)]
    async with real_db.sessionmaker() as session, session.begin():
        for to in recipients:
            await send_email(session, org.id, "password_changed", to, {"name": "C", "organization_name": "Acme"})
    smtp.block_recipient = recipients[2]  # the worker will hang mid-conversation on the third message

    first = _start_worker(migrated_url, smtp.port)
    try:
        await asyncio.get_running_loop().run_in_executor(None, smtp.blocked.wait, 60)
        assert smtp.blocked.is_set(), "worker never reached the third message"
        first.send_signal(signal.SIGKILL)  # no graceful shutdown: the job stays 'doing'
        first.wait(10)
    finally:
        if first.poll() is None:
            first.kill()
    smtp.block_recipient = None
    smtp.release.set()
    statuses = await _statuses(real_db, org.id)
    assert statuses[recipients[2]] == "sending" and list(statuses.values()).count("sent") == 2

    # The dead worker's heartbeat stops; the periodic recovery puts its job back in the queue.
    with queue.replace_connector(connector_for(migrated_url)) as app:
        async with app.open_async():
            assert await requeue_stalled_jobs(app.job_manager, seconds_since_heartbeat=0) == 1

    second = _start_worker(migrated_url, smtp.port)
    try:

        async def all_sent() -> bool:
            return set((await _statuses(real_db, org.id)).values()) == {"sent"}

        await _wait(all_sent)
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(15)
    received = smtp.recipients()
    assert sorted(received) == sorted(recipients), received  # every message, each exactly once
