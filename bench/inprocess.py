"""CPU per request of one endpoint through the ASGI app (no network, no load generator), on the bench database:
`python -m bench.inprocess "/api/v1/candidates?limit=25" [requests]`. To compare two versions of the code under
the same conditions, copy this file into the other checkout's bench/ and run it there with
`PYTHONPATH=<that checkout>` and `BENCH_DATA_DIR=<this .data/bench>`. Needs the bench database (make bench)."""

import asyncio
import os
import sys
import time

os.environ.setdefault("INTERVIEWFLOW_RUN_WORKER_IN_PROCESS", "false")
os.environ.setdefault("INTERVIEWFLOW_LOG_LEVEL", "INFO")

import httpx
from sqlalchemy import text

from backend.auth.tokens import create_access_token
from backend.config import get_settings
from backend.db import Database
from backend.embedded_pg import EmbeddedPostgres
from backend.main import create_app
from bench.common import DATA_DIR


async def measure(url: str, path: str, n: int) -> None:
    settings = get_settings()
    db = Database(url, None, settings)
    app = create_app(settings, database=db, background=True)
    async with app.router.lifespan_context(app):
        async with db.engine.connect() as conn:
            org, admin = (
                await conn.execute(
                    text(
                        "SELECT o.id, u.id FROM organizations o JOIN users u ON u.organization_id = o.id "
                        "AND u.role = 'admin' WHERE o.slug = 'bench-10k'"
                    )
                )
            ).one()
        headers = {"Authorization": f"Bearer {create_access_token(admin, org, 'admin')[0]}"}
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
            r = await client.get(path, headers=headers)
            assert r.status_code == 200, r.text
            for _ in range(50):  # warm caches and pools
                await client.get(path, headers=headers)
            cpu, wall = time.process_time(), time.perf_counter()
            for _ in range(n):
                await client.get(path, headers=headers)
            cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    await db.dispose()
    print(f"{path}: {cpu * 1000 / n:.2f} ms CPU per request (client included), {wall * 1000 / n:.2f} ms wall")


def main() -> None:
    path, n = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 300
    pg = EmbeddedPostgres(DATA_DIR / "pg")
    url = pg.start()
    try:
        asyncio.run(measure(url, path, n))
    finally:
        pg.stop()


if __name__ == "__main__":
    main()
