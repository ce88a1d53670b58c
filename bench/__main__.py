"""`make bench`: request latency of the main read and write paths against a bare baseline measured in the same
run, on a real server (uvicorn) and the embedded PostgreSQL. Prints figures and ratios; asserts nothing."""

import asyncio
import os
import statistics
import tempfile
import time
import uuid
from pathlib import Path

os.environ.setdefault("INTERVIEWFLOW_LOG_LEVEL", "WARNING")
os.environ.setdefault("INTERVIEWFLOW_COOKIE_SECURE", "false")
os.environ.setdefault("INTERVIEWFLOW_RUN_WORKER_IN_PROCESS", "false")

import httpx
import uvicorn
from sqlalchemy import text

from backend.cli import run_migrations, run_seed
from backend.config import get_settings
from backend.db import Database
from backend.embedded_pg import EmbeddedPostgres
from backend.main import create_app
from bench import sandbox as sandbox_bench

USERS = int(os.environ.get("BENCH_USERS", "20000"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "300"))
CONCURRENCY = 8


async def _measure(client: httpx.AsyncClient, method: str, url: str, headers: dict, body_fn=None) -> list[float]:
    latencies: list[float] = []
    sem = asyncio.Semaphore(CONCURRENCY)

    async def one(i: int) -> None:
        async with sem:
            start = time.perf_counter()
            r = await client.request(method, url, headers=headers, json=body_fn(i) if body_fn else None)
            latencies.append(time.perf_counter() - start)
            assert r.status_code < 400, r.text

    wall = time.perf_counter()
    await asyncio.gather(*(one(i) for i in range(REQUESTS)))
    latencies.append(-(time.perf_counter() - wall))  # last item: negative wall time, popped by the caller
    return latencies


def _report(name: str, samples: list[float], baseline_p50: float | None) -> float:
    wall = -samples.pop()
    samples.sort()
    p50 = statistics.median(samples) * 1000
    p95 = samples[int(len(samples) * 0.95) - 1] * 1000
    ratio = f"{p50 / baseline_p50:5.1f}× baseline" if baseline_p50 else "  (baseline)"
    print(f"{name:<44} p50 {p50:7.2f} ms   p95 {p95:7.2f} ms   {len(samples) / wall:8.0f} req/s   {ratio}")
    return p50


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="interviewflow-bench-") as tmp:
        pg = EmbeddedPostgres(Path(tmp) / "pg")
        url = pg.start()
        try:
            run_migrations(url)  # Alembic runs its own event loop: before ours starts
            run_seed(url)
            asyncio.run(bench(url))
        finally:
            pg.stop()
    sandbox_bench.report()


async def bench(url: str) -> None:
    settings = get_settings()
    db = Database(url, None, settings)
    async with db.sessionmaker() as s, s.begin():
        org_id = (await s.execute(text("SELECT id FROM organizations WHERE slug = 'acme'"))).scalar_one()
        await s.execute(
            text(
                "INSERT INTO users (organization_id, email, full_name, role, password_hash) "
                "SELECT :org, 'bench' || g || '@acme.example.com', 'Bench User ' || g, "
                "(ARRAY['recruiter','interviewer','hiring_manager'])[1 + g % 3], NULL "
                "FROM generate_series(1, :n) g"
            ),
            {"org": org_id, "n": USERS},
        )
        await s.execute(text("ANALYZE users"))
    app = create_app(settings, database=db, background=False)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=8799, log_config=None, access_log=False))
    server.install_signal_handlers = lambda: None  # type: ignore[method-assign]
    task = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.05)
    async with httpx.AsyncClient(base_url="http://127.0.0.1:8799", timeout=30) as c:
        r = await c.post("/api/v1/auth/login", json={"email": "admin@acme.example.com", "password": "demo-pass-2026"})
        auth = {"Authorization": f"Bearer {r.json()['access_token']}"}
        print(
            f"InterviewFlow benchmarks: {USERS} users in the organization, {REQUESTS} requests each, "
            f"{CONCURRENCY} concurrent, one uvicorn process, embedded PostgreSQL\n"
        )
        base = _report("GET /healthz (bare baseline)", await _measure(c, "GET", "/healthz", {}), None)
        _report("GET /api/v1/auth/me (auth + 2 lookups)", await _measure(c, "GET", "/api/v1/auth/me", auth), base)
        _report(
            "GET /api/v1/users?limit=25 (page 1 + total)",
            await _measure(c, "GET", "/api/v1/users?limit=25", auth),
            base,
        )
        _report(
            "GET /api/v1/users?q=user 1&sort=email",
            await _measure(c, "GET", "/api/v1/users?q=user%201&sort=email&limit=25", auth),
            base,
        )
        _report("GET /api/v1/audit-logs?limit=50", await _measure(c, "GET", "/api/v1/audit-logs?limit=50", auth), base)
        _report("GET /api/v1/interviews (page, with names)", await _measure(c, "GET", "/api/v1/interviews", auth), base)
        _report(
            "GET /api/v1/decisions/awaiting-final",
            await _measure(c, "GET", "/api/v1/decisions/awaiting-final", auth),
            base,
        )
        waiting = (await c.get("/api/v1/decisions/awaiting-final", headers=auth)).json()
        application = f"/api/v1/applications/{waiting[0]['application_id']}"
        _report("GET …/applications/{id}/feedback", await _measure(c, "GET", f"{application}/feedback", auth), base)
        _report("GET …/applications/{id}/step2 (rule)", await _measure(c, "GET", f"{application}/step2", auth), base)
        tag = uuid.uuid4().hex[:6]
        _report(
            "POST /api/v1/notifications/broadcast (1 user)",
            await _measure(
                c,
                "POST",
                "/api/v1/notifications/broadcast",
                auth,
                lambda i: {"title": f"b{tag}{i}", "message": "m", "roles": ["admin"]},
            ),
            base,
        )
    server.should_exit = True
    await task
    await db.dispose()


if __name__ == "__main__":
    main()
