"""Exam day: candidates in the test player at once against one API process on the embedded PostgreSQL, with
`/healthz` measured in the same run, next to them. Two loads, one after the other, on the same started tests:

1. N candidates (1,000) each autosaving their answer every 10 seconds;
2. the first P of them (500: what one process is sized for, docs/operations.md) autosaving and also sending a
   batch of proctoring events every 5 seconds (bench/proctoring_load.py).

Reports the autosaves' and the batches' p50 / p99 and errors, lost writes (an autosave the server acknowledged
whose revision or text is not what the database holds at the end), and `/healthz` under that load. Goal:
p99 < 100 ms with 0 errors and 0 lost writes, on 2 cores shared by the server, PostgreSQL and this load
generator. Each candidate holds keep-alive connections of their own (bench/keepalive.py), as a browser does;
the generator's own scheduling delays count in the figures, so they are an upper bound.

`EXAM_CANDIDATES` (1,000), `EXAM_PROCTORED_CANDIDATES` (500) and `EXAM_SECONDS` (60, per load) size the run;
`EXAM_PROCTORING=0` leaves the second load out.
`python -m bench exam_day` runs it in the bench database; `python -m bench.exam_day` runs it alone on a small
database of its own (no million-row seed).
"""

import asyncio
import json
import os
import random
import secrets
import time
import uuid
from dataclasses import dataclass, field

import httpx
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from bench.common import BASE, PORT, Context, _server_cpu_seconds, api_server, heading
from bench.keepalive import Connection
from bench.proctoring_load import proctoring_candidate

CANDIDATES = int(os.environ.get("EXAM_CANDIDATES", "1000"))
SECONDS = int(os.environ.get("EXAM_SECONDS", "60"))
PROCTORING = os.environ.get("EXAM_PROCTORING", "1") != "0"  # the second load: autosaves and proctoring batches
PROCTORED = int(os.environ.get("EXAM_PROCTORED_CANDIDATES", "500"))
INTERVAL = 10.0  # seconds between one candidate's autosaves
SETUP_CONCURRENCY = 8
HOST = "127.0.0.1"


@dataclass
class Figures:
    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0
    error_samples: list[str] = field(default_factory=list)

    def add_error(self, what: str) -> None:
        self.errors += 1
        if len(self.error_samples) < 5:
            self.error_samples.append(what)


def _essay(revision: int) -> str:
    """What a candidate has typed by their `revision`-th autosave: it grows, as an answer does (≈ 60 bytes per
    save, up to a few KB)."""
    words = " ".join(f"word{i % 97}" for i in range(min(revision, 60) * 8))
    return f"{words} (revision {revision})"


def _pct(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def _prepare(client: httpx.AsyncClient, admin: dict[str, str], n: int) -> str:
    """An open requisition whose assessment stage sends a one-essay assessment, and `n` candidates in it (each
    application gets its invitation on entering the stage). Returns the requisition's id."""
    tag = uuid.uuid4().hex[:6]

    async def post(path: str, body: dict) -> dict:
        r = await client.post(path, json=body, headers=admin)
        if r.status_code >= 300:
            raise RuntimeError(f"POST {path} → {r.status_code}: {r.text[:300]}")
        return r.json()

    bank = await post("/api/v1/question-banks", {"name": f"Exam day {tag}"})
    q = await post(
        "/api/v1/questions",
        {
            "bank_id": bank["id"],
            "type": "essay",
            "title": "Design a rate limiter",
            "body": "Design a rate limiter for a public API.",
            "difficulty": "medium",
            "points": 10,
            "expected_minutes": 30,
            "rubric": [{"criterion": "Design", "points": 10, "guidance": "Token bucket, shared counters."}],
        },
    )
    req = await post("/api/v1/requisitions", {"title": f"Exam day {tag}", "description": "Bench."})
    await post(f"/api/v1/requisitions/{req['id']}/status", {"status": "open"})
    a = await post(
        "/api/v1/assessments",
        {
            "name": f"Exam day {tag}",
            "duration_minutes": 600,  # longer than the run: no session closes under the load
            "sections": [{"title": "Essay", "kind": "fixed", "question_ids": [q["id"]]}],
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

    gate = asyncio.Semaphore(SETUP_CONCURRENCY)

    async def candidate(i: int) -> None:
        async with gate:
            c = await post(
                "/api/v1/candidates",
                {"first_name": f"Exam{i}", "last_name": "Taker", "email": f"exam{i}.{tag}@example.com"},
            )
            await post("/api/v1/applications", {"candidate_id": c["id"], "requisition_id": req["id"]})

    await asyncio.gather(*(candidate(i) for i in range(n)))
    return str(req["id"])


async def _start_all(client: httpx.AsyncClient, database_url: str, requisition_id: str) -> list[dict[str, str]]:
    """Every invitation of the requisition starts its test: the player token a candidate's browser would hold
    (minted here as the sign-in would, with the server's secret), exchanged by `/player/start` for the token
    that lasts until the deadline."""
    from backend.invitations.player_auth import issue_player_token

    engine = create_async_engine(database_url)
    try:
        async with engine.connect() as conn:
            rows = (
                await conn.execute(
                    text("SELECT id, organization_id, token_version FROM invitations WHERE requisition_id = :r"),
                    {"r": requisition_id},
                )
            ).all()
    finally:
        await engine.dispose()
    gate = asyncio.Semaphore(SETUP_CONCURRENCY)

    async def start(inv_id: uuid.UUID, org_id: uuid.UUID, version: int) -> dict[str, str]:
        token = issue_player_token(inv_id, org_id, version).token
        async with gate:
            r = await client.post("/api/v1/player/start", headers={"Authorization": f"Bearer {token}"})
        if r.status_code != 200:
            raise RuntimeError(f"start → {r.status_code}: {r.text[:300]}")
        return {"Authorization": f"Bearer {r.json()['player_token']}"}

    return list(await asyncio.gather(*(start(*row) for row in rows)))


async def _settle(database_url: str) -> None:
    """Write out what the setup left in memory before measuring. Creating and starting a thousand tests leaves
    tens of megabytes of dirty pages, which the kernel writes back about 30 s later: in the middle of the run,
    where every autosave's commit then waits behind that writeback for its WAL flush (the run's one stall,
    PostgreSQL's sessions all in `WALSync`). On a real exam day the invitations were made days before."""
    engine = create_async_engine(database_url, isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as conn:
            await conn.execute(text("CHECKPOINT"))
    finally:
        await engine.dispose()
    await asyncio.to_thread(os.sync)


async def _load(
    players: list[dict[str, str]], seconds: float, proctoring: bool, first_revision: int
) -> tuple[Figures, Figures, Figures, dict[int, int], float]:
    """Every candidate autosaves every INTERVAL seconds (first save at a random moment of the first interval,
    revisions counting up from `first_revision`) and, with `proctoring`, on a second connection (a browser opens
    several) sends a proctoring batch every 5 s, while `/healthz` is probed 4 times a second. Returns the
    autosaves', the batches' and the probes' figures, the revision each candidate's last acknowledged autosave
    carried, and the server's CPU seconds."""
    saves, batches, health = Figures(), Figures(), Figures()
    acknowledged: dict[int, int] = {}
    started = time.monotonic()
    end = started + seconds
    cpu_before = _server_cpu_seconds()

    async def candidate(i: int, headers: dict[str, str]) -> None:
        conn = Connection(HOST, PORT)
        rng = random.Random(i)
        next_at = started + rng.uniform(0, INTERVAL)
        revision = first_revision - 1
        try:
            while True:
                await asyncio.sleep(max(0.0, next_at - time.monotonic()))
                if time.monotonic() >= end:
                    return
                revision += 1
                body = {"revision": revision, "answer": {"type": "text", "text": _essay(revision)}}
                t0 = time.perf_counter()
                try:
                    status, content = await conn.request("PUT", "/api/v1/player/session/answers/0", headers, body)
                except (OSError, asyncio.IncompleteReadError) as exc:
                    saves.add_error(f"{type(exc).__name__}: {exc}")
                else:
                    saves.latencies_ms.append((time.perf_counter() - t0) * 1000)
                    if status == 200 and json.loads(content)["applied"]:
                        acknowledged[i] = revision
                    else:
                        saves.add_error(f"{status}: {content[:200]!r}")
                next_at += INTERVAL
        finally:
            await conn.close()

    async def probe() -> None:
        conn = Connection(HOST, PORT)
        try:
            while time.monotonic() < end:
                t0 = time.perf_counter()
                try:
                    status, _ = await conn.request("GET", "/healthz")
                    health.latencies_ms.append((time.perf_counter() - t0) * 1000)
                    if status != 200:
                        health.add_error(str(status))
                except (OSError, asyncio.IncompleteReadError) as exc:
                    health.add_error(type(exc).__name__)
                await asyncio.sleep(0.25)
        finally:
            await conn.close()

    async def proctoring_candidate_of(i: int, headers: dict[str, str]) -> None:
        conn = Connection(HOST, PORT)
        try:
            await proctoring_candidate(conn.request, headers, i, started, end, batches)
        finally:
            await conn.close()

    await asyncio.gather(
        probe(),
        *(candidate(i, h) for i, h in enumerate(players)),
        *(proctoring_candidate_of(i, h) for i, h in enumerate(players) if proctoring),
    )
    return saves, batches, health, acknowledged, _server_cpu_seconds() - cpu_before


async def _lost_writes(database_url: str, players: list[dict[str, str]], acknowledged: dict[int, int]) -> int:
    """Acknowledged autosaves whose revision or text the database does not hold."""
    from backend.invitations.player_auth import player_from_token

    invitation_of = {
        i: player_from_token(h["Authorization"].split(" ", 1)[1]).invitation_id for i, h in enumerate(players)
    }
    engine = create_async_engine(database_url)
    try:
        async with engine.connect() as conn:
            rows = (
                await conn.execute(
                    text(
                        "SELECT s.invitation_id, a.revision, a.answer->>'text' FROM test_answers a "
                        "JOIN test_sessions s ON s.id = a.session_id WHERE s.invitation_id = ANY(:ids)"
                    ),
                    {"ids": list(invitation_of.values())},
                )
            ).all()
    finally:
        await engine.dispose()
    held = {inv: (rev, txt) for inv, rev, txt in rows}
    lost = 0
    for i, revision in acknowledged.items():
        rev, txt = held.get(invitation_of[i], (0, None))
        if rev < revision or (rev == revision and txt != _essay(revision)):
            lost += 1
    return lost


def _line(name: str, f: Figures, count_note: str = "") -> str:
    lat = f.latencies_ms
    return (
        f"  {name:<34} {len(lat):6d} requests  p50 {_pct(lat, 0.5):7.2f} ms  p99 {_pct(lat, 0.99):7.2f} ms  "
        f"max {max(lat, default=0):7.2f} ms  errors {f.errors}{count_note}"
    )


async def _run(ctx: Context, admin: dict[str, str], n: int, seconds: float) -> None:
    async with httpx.AsyncClient(base_url=BASE, timeout=60) as client:  # the setup: a few requests at a time
        t0 = time.monotonic()
        requisition_id = await _prepare(client, admin, n)
        players = await _start_all(client, ctx.database_url, requisition_id)
    print(f"  {len(players)} candidates signed in and started in {time.monotonic() - t0:.0f} s", flush=True)
    await _settle(ctx.database_url)
    idle, conn = Figures(), Connection(HOST, PORT)
    for _ in range(20):
        t = time.perf_counter()
        await conn.request("GET", "/healthz")
        idle.latencies_ms.append((time.perf_counter() - t) * 1000)
    await conn.close()
    print(_line("GET /healthz, idle", idle), flush=True)
    loads = [(f"{len(players):,} candidates autosaving every {INTERVAL:.0f} s", players, False)]
    if PROCTORING:
        proctored = players[:PROCTORED]
        loads.append(
            (f"{len(proctored):,} of them autosaving and sending a proctoring batch every 5 s", proctored, True)
        )
    for number, (title, group, proctoring) in enumerate(loads):
        print(f"  {title}, {seconds:.0f} s:", flush=True)
        # Each load's revisions are above the last one's, as a candidate's keep counting up.
        figures = await _load(group, seconds, proctoring, first_revision=1 + number * 10_000)
        await _report(ctx, group, seconds, *figures)


async def _report(
    ctx: Context,
    players: list[dict[str, str]],
    seconds: float,
    saves: Figures,
    batches: Figures,
    health: Figures,
    acknowledged: dict[int, int],
    cpu: float,
) -> None:
    lost = await _lost_writes(ctx.database_url, players, acknowledged)
    rate = len(saves.latencies_ms) / seconds
    requests = len(saves.latencies_ms) + len(batches.latencies_ms) + len(health.latencies_ms)
    cpu_ms = cpu * 1000 / max(1, requests)
    print(_line(f"PUT autosave ({rate:.0f}/s)", saves, f", lost writes {lost}"), flush=True)
    if batches.latencies_ms or batches.errors:
        print(_line(f"POST proctoring batch ({len(batches.latencies_ms) / seconds:.0f}/s)", batches), flush=True)
    print(_line("GET /healthz under the load", health), flush=True)
    print(f"  server CPU {cpu_ms:.2f} ms per request; {lost} of {len(acknowledged)} candidates' last saves lost")
    for sample in saves.error_samples + batches.error_samples:
        print(f"    error: {sample}", flush=True)
    p99 = max(_pct(saves.latencies_ms, 0.99), _pct(batches.latencies_ms, 0.99))
    verdict = "met" if p99 < 100 and saves.errors + batches.errors == 0 and lost == 0 else "NOT met"
    print(f"  goal p99 < 100 ms, 0 errors, 0 lost writes: {verdict}", flush=True)


def run(ctx: Context) -> None:
    org = ctx.orgs["10k"]
    heading(f"Exam day: {CANDIDATES:,} candidates in the test player, one API process, /healthz in the same run")
    with api_server(ctx):
        asyncio.run(_run(ctx, org.auth, CANDIDATES, SECONDS))


def _standalone() -> None:
    """A database of its own (embedded PostgreSQL in .data/bench-exam-day), migrated, with one organization."""
    from backend.auth.passwords import hash_password
    from backend.auth.tokens import create_access_token
    from backend.cli import run_migrations
    from backend.config import get_settings
    from backend.db import Database
    from backend.embedded_pg import EmbeddedPostgres
    from backend.organizations.onboarding import new_organization
    from backend.organizations.settings_schema import OrganizationSettings
    from backend.users.models import User

    # The server refuses a database URL without a signing secret; this process mints tokens with the same one.
    os.environ.setdefault("INTERVIEWFLOW_JWT_SECRET", secrets.token_urlsafe(48))
    from bench.__main__ import SERVER_ENV  # first: it sets the servers' environment, shared with this process
    from bench.common import DATA_DIR, Org

    pg = EmbeddedPostgres(DATA_DIR.with_name("bench-exam-day") / "pg")
    url = pg.start()
    try:
        run_migrations(url)

        async def organization() -> Org:
            db = Database(url, None, get_settings())
            try:
                async with db.sessionmaker() as session, session.begin():
                    o = await new_organization(
                        session, "Exam day", f"exam-{uuid.uuid4().hex[:8]}", OrganizationSettings(time_zone="UTC")
                    )
                    admin = User(
                        organization_id=o.id,
                        email=f"admin-{uuid.uuid4().hex[:8]}@example.com",
                        full_name="Exam Admin",
                        role="admin",
                        password_hash=hash_password(uuid.uuid4().hex),
                    )
                    session.add(admin)
                    await session.flush()
                    org = Org(slug=o.slug, size=0, id=str(o.id), admin_id=str(admin.id))
            finally:
                await db.dispose()
            org.token = create_access_token(uuid.UUID(org.admin_id), uuid.UUID(org.id), "admin")[0]
            return org

        org = asyncio.run(organization())
        env = {
            **SERVER_ENV,
            "INTERVIEWFLOW_DATABASE_URL": url,
            "INTERVIEWFLOW_JWT_SECRET": os.environ["INTERVIEWFLOW_JWT_SECRET"],
        }
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        ctx = Context(database_url=url, orgs={"10k": org}, server_env=env, log_path=DATA_DIR / "servers.log")
        run(ctx)
    finally:
        pg.stop()


if __name__ == "__main__":
    _standalone()
