"""The job queue (procrastinate on the same PostgreSQL) and its workers.

Workers run anywhere (`interviewflow worker` on any number of machines); each job is claimed by exactly one
worker through PostgreSQL row locks. Domains register their tasks on `queue` in their own tasks.py.
"""

import procrastinate

from backend.db import libpq_url

queue = procrastinate.App(connector=procrastinate.PsycopgConnector())


async def run_worker(database_url: str, concurrency: int = 4) -> None:
    connector = procrastinate.PsycopgConnector(conninfo=libpq_url(database_url))
    with queue.replace_connector(connector) as app:
        async with app.open_async():
            await app.run_worker_async(concurrency=concurrency)
