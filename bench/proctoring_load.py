"""Proctoring ingest under exam-day load: each candidate's test player sends a batch of proctoring events every
5 seconds (issue 13), next to the autosaves of bench/exam_day.py.

`proctoring_candidate(...)` is one candidate's loop, for the exam-day load generator to run beside its autosave
loop (same players, same run as `/healthz`): it sends a realistic batch every 5 s (a few events: focus lost with
the time away, copy and paste with their length, now and then a right-click; each with the client id and running
number the ingest requires) and records each batch's latency and any error in the `figures` it is given (an
object like bench.exam_day's `Figures`). It takes the HTTP call as a function, so it works with whatever client
the load generator uses.

`python -m bench.proctoring_load` runs it alone (a smoke test and a measurement): `PROCTOR_CANDIDATES` (200)
candidates for `PROCTOR_SECONDS` (30) against one API process on an embedded PostgreSQL of its own
(.data/bench-proctoring), with `/healthz` probed 4 times a second; it prints the batches' p50 / p99, errors, and
the server's and PostgreSQL's CPU time per batch (what a batch costs, whatever else runs on the machine).
`PROCTOR_PREFILL=N` first gives every session N earlier events (a test well under way: the cost of a batch must
not grow with them). `PROCTOR_PROFILE=file.txt` also records the server with py-spy (raw, collapsed stacks)
during the load.
"""

import asyncio
import contextlib
import os
import random
import secrets
import subprocess
import sys
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

EVENTS_PATH = "/api/v1/player/session/proctoring/events"
INTERVAL = 5.0  # seconds between one candidate's batches (the player flushes every 5 s)

# send(method, path, headers, json_body) → (status, body)
Send = Callable[[str, str, dict[str, str], dict[str, Any]], Awaitable[tuple[int, bytes]]]


class FiguresLike(Protocol):
    latencies_ms: list[float]

    def add_error(self, what: str) -> None: ...


def _batch(rng: random.Random, prefix: str, seq: int) -> list[dict[str, Any]]:
    """What a player notices in 5 seconds of a test, in the order it happened: mostly a tab switch or two (with
    the time away), sometimes a copy and a paste (their length, never the text), rarely a right-click."""
    now = datetime.now(UTC).isoformat()
    events: list[dict[str, Any]] = []

    def add(type_: str, **fields: Any) -> None:
        n = seq + len(events) + 1
        events.append({"client_id": f"{prefix}-{n}", "seq": n, "type": type_, "occurred_at": now, **fields})

    add("focus_lost", duration_ms=rng.randint(400, 20_000))
    if rng.random() < 0.5:
        add("focus_lost", duration_ms=rng.randint(400, 8_000))
    if rng.random() < 0.4:
        add("copy", length=rng.randint(5, 200))
        add("code_paste" if rng.random() < 0.5 else "paste", length=rng.randint(5, 1_500))
    if rng.random() < 0.1:
        add("right_click")
    return events


async def proctoring_candidate(
    send: Send,
    headers: dict[str, str],
    i: int,
    started: float,
    end: float,
    figures: FiguresLike,
    *,
    first_seq: int = 0,
) -> None:
    """Candidate `i` (its player token in `headers`) sends a batch every INTERVAL seconds from a random moment
    of the first interval after `started` until `end` (both `time.monotonic()`), recording each batch's latency
    (any answer) and errors (anything but 200, or no answer) in `figures`. `first_seq`: the running number the
    session's events already reached (0 for a test that just started)."""
    rng = random.Random(7_919 * (i + 1))
    prefix = f"bench{i}x{secrets.token_hex(4)}"  # client ids are unique within the session, across runs too
    next_at = started + rng.uniform(0, INTERVAL)
    seq = first_seq
    while True:
        await asyncio.sleep(max(0.0, next_at - time.monotonic()))
        if time.monotonic() >= end:
            return
        events = _batch(rng, prefix, seq)
        seq += len(events)
        t0 = time.perf_counter()
        try:
            status, body = await send("POST", EVENTS_PATH, headers, {"events": events})
        except Exception as exc:  # a timeout or a dropped connection is an error of this batch, not of the run
            figures.add_error(f"proctoring batch: {type(exc).__name__}: {exc}")
        else:
            figures.latencies_ms.append((time.perf_counter() - t0) * 1000)
            if status != 200:
                figures.add_error(f"proctoring batch → {status}: {body[:200]!r}")
        next_at += INTERVAL


# --- running it alone ----------------------------------------------------------------------------------------------


@dataclass
class _Figures:
    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0
    error_samples: list[str] = field(default_factory=list)

    def add_error(self, what: str) -> None:
        self.errors += 1
        if len(self.error_samples) < 5:
            self.error_samples.append(what)


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


def _postgres_cpu_seconds(pgdata: Path) -> float:
    """CPU seconds of the PostgreSQL on `pgdata`: the postmaster, its running backends, and the backends that
    ended (counted in the postmaster's children times, so the figure never goes down as connections close)."""
    import psutil

    total = 0.0
    for proc in psutil.process_iter(["cmdline"]):
        cmdline = proc.info.get("cmdline") or []
        if "-D" in cmdline and str(pgdata) in cmdline:
            with contextlib.suppress(psutil.NoSuchProcess):
                t = proc.cpu_times()
                total += t.user + t.system + t.children_user + t.children_system
                for p in proc.children(recursive=True):
                    c = p.cpu_times()
                    total += c.user + c.system
    return total


async def _players(client: Any, admin: dict[str, str], database_url: str, n: int) -> list[dict[str, str]]:
    """`n` candidates in a running test: an open requisition whose assessment stage sends a one-question test,
    `n` applications (each gets its invitation), and each invitation started with the token its link gives."""
    from sqlalchemy import text
    from sqlalchemy.ext.asyncio import create_async_engine

    from backend.invitations.player_auth import issue_player_token

    tag = uuid.uuid4().hex[:6]

    async def post(path: str, body: dict[str, Any], headers: dict[str, str] = admin) -> dict[str, Any]:
        r = await client.post(path, json=body, headers=headers)
        if r.status_code >= 300:
            raise RuntimeError(f"POST {path} → {r.status_code}: {r.text[:300]}")
        return dict(r.json())

    bank = await post("/api/v1/question-banks", {"name": f"Proctoring load {tag}"})
    q = await post(
        "/api/v1/questions",
        {
            "bank_id": bank["id"],
            "type": "essay",
            "title": "Explain a design",
            "body": "Explain a system you built.",
            "difficulty": "easy",
            "points": 5,
            "expected_minutes": 30,
            "rubric": [{"criterion": "Clarity", "points": 5}],
        },
    )
    req = await post("/api/v1/requisitions", {"title": f"Proctored {tag}", "description": "Load."})
    await post(f"/api/v1/requisitions/{req['id']}/status", {"status": "open"})
    a = await post(
        "/api/v1/assessments",
        {
            "name": f"Proctored {tag}",
            "duration_minutes": 120,
            "sections": [{"title": "All", "kind": "fixed", "question_ids": [q["id"]]}],
            "proctoring": {"fullscreen_required": True, "webcam_required": False},
        },
    )
    stage = req["stages"][0]
    r = await client.put(
        f"/api/v1/requisitions/{req['id']}/stages/{stage['id']}/assessment",
        json={"assessment_id": a["id"]},
        headers=admin,
    )
    if r.status_code != 200:
        raise RuntimeError(f"attaching the assessment → {r.status_code}: {r.text[:300]}")
    gate = asyncio.Semaphore(8)

    async def candidate(k: int) -> None:
        async with gate:
            c = await post(
                "/api/v1/candidates",
                {"first_name": f"Proc{k}", "last_name": "Taker", "email": f"proc{k}.{tag}@example.com"},
            )
            await post("/api/v1/applications", {"candidate_id": c["id"], "requisition_id": req["id"]})

    await asyncio.gather(*(candidate(k) for k in range(n)))
    engine = create_async_engine(database_url)
    try:
        async with engine.connect() as conn:
            rows = (
                await conn.execute(
                    text("SELECT id, organization_id, token_version FROM invitations WHERE requisition_id = :r"),
                    {"r": req["id"]},
                )
            ).all()
    finally:
        await engine.dispose()

    async def start(inv_id: uuid.UUID, org_id: uuid.UUID, version: int) -> dict[str, str]:
        token = issue_player_token(inv_id, org_id, version).token
        async with gate:
            r = await client.post("/api/v1/player/start", headers={"Authorization": f"Bearer {token}"})
        if r.status_code != 200:
            raise RuntimeError(f"start → {r.status_code}: {r.text[:300]}")
        return {"Authorization": f"Bearer {r.json()['player_token']}"}

    return list(await asyncio.gather(*(start(*row) for row in rows)))


async def _prefill(database_url: str, events: int) -> None:
    """Every running session of the database gets `events` earlier events (as `events` / 2.5 batches would have
    brought: a test well under way), and its integrity summary is recounted from them."""
    from sqlalchemy import text

    from backend.config import get_settings
    from backend.db import Database
    from backend.proctoring.summary import refresh_by_id
    from backend.test_sessions.integrity import any_session

    db = Database(database_url, None, get_settings())
    try:
        async with db.sessionmaker() as session, session.begin():
            running = text("SELECT id FROM test_sessions WHERE status = 'in_progress'")
            ids = list((await session.execute(running)).scalars())
            await session.execute(
                text(
                    """
                    INSERT INTO proctoring_events (id, organization_id, session_id, client_id, seq, source, type,
                        severity, occurred_at, duration_ms, length, data)
                    SELECT gen_random_uuid(), s.organization_id, s.id, 'prefill-' || k, k, 'client',
                        (ARRAY['focus_lost', 'copy', 'paste', 'focus_lost', 'code_paste'])[1 + k % 5], 'low',
                        s.started_at, CASE WHEN k % 5 IN (0, 3) THEN 1000 + k ELSE NULL END,
                        CASE WHEN k % 5 IN (1, 2, 4) THEN 10 + k % 400 ELSE NULL END, '{}'::jsonb
                    FROM test_sessions s CROSS JOIN generate_series(1, :n) AS k
                    WHERE s.status = 'in_progress'
                    """
                ),
                {"n": events},
            )
            for sid in ids:
                s = await any_session(session, sid)
                await refresh_by_id(session, s)
    finally:
        await db.dispose()


async def _measure(database_url: str, pgdata: Path, admin: dict[str, str], n: int, seconds: float) -> None:
    import httpx

    from bench import common

    limits = httpx.Limits(max_connections=min(n, 500) + 10, max_keepalive_connections=min(n, 500) + 10)
    async with httpx.AsyncClient(base_url=common.BASE, timeout=60, limits=limits) as client:
        t0 = time.monotonic()
        players = await _players(client, admin, database_url, n)
        print(f"  {len(players)} candidates started in {time.monotonic() - t0:.0f} s", flush=True)
        prefill = int(os.environ.get("PROCTOR_PREFILL", "0"))
        if prefill:
            await _prefill(database_url, prefill)
            print(f"  each session holds {prefill} earlier events", flush=True)

        async def send(method: str, path: str, headers: dict[str, str], body: dict[str, Any]) -> tuple[int, bytes]:
            r = await client.request(method, path, headers=headers, json=body)
            return r.status_code, r.content

        batches, health = _Figures(), _Figures()
        started = time.monotonic()
        end = started + seconds

        async def probe() -> None:
            while time.monotonic() < end:
                t = time.perf_counter()
                try:
                    r = await client.get("/healthz")
                    health.latencies_ms.append((time.perf_counter() - t) * 1000)
                    if r.status_code != 200:
                        health.add_error(str(r.status_code))
                except httpx.HTTPError as exc:
                    health.add_error(type(exc).__name__)
                await asyncio.sleep(0.25)

        profile = os.environ.get("PROCTOR_PROFILE")
        spy = None
        if profile and common._server is not None:
            py_spy = Path(sys.executable).with_name("py-spy")
            cmd = [str(py_spy), "record", "-p", str(common._server.pid), "-f", "raw", "-o", profile]
            spy = await asyncio.create_subprocess_exec(
                *cmd, "-d", str(max(1, int(seconds) - 2)), stdout=subprocess.DEVNULL
            )
        cpu0, db0 = common._server_cpu_seconds(), _postgres_cpu_seconds(pgdata)
        await asyncio.gather(
            probe(),
            *(
                proctoring_candidate(send, h, i, started, end, batches, first_seq=prefill)
                for i, h in enumerate(players)
            ),
        )
        cpu, db = common._server_cpu_seconds() - cpu0, _postgres_cpu_seconds(pgdata) - db0
        if spy is not None:
            await spy.wait()
    lat, hl = batches.latencies_ms, health.latencies_ms
    print(
        f"  POST proctoring batch ({len(lat) / seconds:.0f}/s)  {len(lat):6d} batches  p50 {_pct(lat, 0.5):7.2f} ms  "
        f"p99 {_pct(lat, 0.99):7.2f} ms  errors {batches.errors}"
    )
    print(f"  GET /healthz under the load {len(hl):6d} probes  p99 {_pct(hl, 0.99):7.2f} ms  errors {health.errors}")
    per_batch = 1000 / max(1, len(lat))
    print(
        f"  per batch: server CPU {cpu * per_batch:.2f} ms, PostgreSQL CPU {db * per_batch:.2f} ms"
        f" (the /healthz probes included: {len(hl)} of {len(lat) + len(hl)} requests)"
    )
    for sample in batches.error_samples:
        print(f"    error: {sample}")


def _standalone() -> None:
    """A database of its own (embedded PostgreSQL in .data/bench-proctoring), migrated, with one organization."""
    os.environ.setdefault("INTERVIEWFLOW_JWT_SECRET", secrets.token_urlsafe(48))
    from backend.auth.passwords import hash_password
    from backend.auth.tokens import create_access_token
    from backend.cli import run_migrations
    from backend.config import get_settings
    from backend.db import Database
    from backend.embedded_pg import EmbeddedPostgres
    from backend.organizations.onboarding import new_organization
    from backend.organizations.settings_schema import OrganizationSettings
    from backend.users.models import User
    from bench.__main__ import SERVER_ENV  # it sets the servers' environment, shared with this process
    from bench.common import DATA_DIR, Context, api_server, heading

    n = int(os.environ.get("PROCTOR_CANDIDATES", "200"))
    seconds = float(os.environ.get("PROCTOR_SECONDS", "30"))
    pgdata = DATA_DIR.with_name("bench-proctoring") / "pg"
    pg = EmbeddedPostgres(pgdata)
    url = pg.start()
    try:
        run_migrations(url)

        async def organization() -> dict[str, str]:
            db = Database(url, None, get_settings())
            try:
                async with db.sessionmaker() as session, session.begin():
                    o = await new_organization(
                        session, "Proctoring load", f"proc-{uuid.uuid4().hex[:8]}", OrganizationSettings()
                    )
                    admin = User(
                        organization_id=o.id,
                        email=f"admin-{uuid.uuid4().hex[:8]}@example.com",
                        full_name="Load Admin",
                        role="admin",
                        password_hash=hash_password(uuid.uuid4().hex),
                    )
                    session.add(admin)
                    await session.flush()
                    token = create_access_token(admin.id, o.id, "admin")[0]
            finally:
                await db.dispose()
            return {"Authorization": f"Bearer {token}"}

        admin = asyncio.run(organization())
        env = {**SERVER_ENV, "INTERVIEWFLOW_DATABASE_URL": url}
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        ctx = Context(database_url=url, orgs={}, server_env=env, log_path=DATA_DIR / "servers.log")
        heading(f"Proctoring ingest: {n:,} candidates sending a batch every {INTERVAL:.0f} s for {seconds:.0f} s")
        with api_server(ctx):
            asyncio.run(_measure(url, pgdata, admin, n, seconds))
    finally:
        pg.stop()


if __name__ == "__main__":
    _standalone()
