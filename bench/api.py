"""The request path: authenticated endpoints next to a bare Starlette + asyncpg baseline running the same SQL,
then the same list on two API processes sharing the database (the second core at work)."""

import os

from bench.common import Context, api_server, baseline_server, check, heading, row, wrk
from bench.profile import profile

# "by CPU/request" = the baseline's CPU time per request / the endpoint's: the throughput ratio the two would
# have on a core of their own, which a shared machine's req/s figures blur.

# (label, API path, baseline path or None, goal as a fraction of the baseline's throughput)
# The endpoints with a goal are profiled after they are measured (bench/profile.py), to show where the gap is.
ENDPOINTS = [
    ("GET /healthz", "/healthz", None, None),
    ("GET /readyz", "/readyz", None, None),
    ("GET /api/v1/permissions (auth, no query)", "/api/v1/permissions", None, None),
    ("GET /api/v1/auth/me", "/api/v1/auth/me", "/auth/me", 0.6),
    ("GET /api/v1/candidates?limit=25", "/api/v1/candidates?limit=25", "/candidates?limit=25", 0.5),
    ("GET /api/v1/requisitions?limit=25", "/api/v1/requisitions?limit=25", "/requisitions?limit=25", 0.5),
]


def run(ctx: Context) -> None:
    org = ctx.orgs["10k"]
    heading(
        f"Request path: one API process, 8 connections (organization of {org.size:,} candidates), "
        "against a bare Starlette + asyncpg endpoint running the same SQL"
    )
    baseline = {}
    with baseline_server(ctx):
        for _label, _, bare, _ in ENDPOINTS:
            if bare:
                check(bare, org.auth)
                baseline[bare] = wrk(bare, org.auth)
                print(row(f"bare {bare}", baseline[bare], "(baseline)"), flush=True)
    with api_server(ctx):
        for label, path, bare, goal in ENDPOINTS:
            check(path, org.auth)
            r = wrk(path, org.auth)
            ctx.results[label] = r
            note = ""
            if bare:
                b = baseline[bare]
                by_cpu = b.cpu_ms / r.cpu_ms if r.cpu_ms else 0.0
                note = f"{r.rps / b.rps:4.2f}× baseline req/s, {by_cpu:4.2f}× by CPU/request (goal ≥ {goal}×)"
            print(row(label, r, note), flush=True)
            if goal:
                print("\n".join(profile(path, org.auth, r.cpu_ms)), flush=True)

    heading("Two API processes (uvicorn --workers 2) against the same database, 16 connections")
    path = "/api/v1/candidates?limit=25"
    with api_server(ctx):  # one process again, right before the two, for a like-for-like ratio
        one = wrk(path, org.auth, connections=16, threads=2)
    print(row(f"GET {path} × 1 process", one), flush=True)
    with api_server(ctx, workers=2):
        check(path, org.auth)
        two = wrk(path, org.auth, connections=16, threads=2)
    print(row(f"GET {path} × 2 processes", two, f"{two.rps / one.rps:4.2f}× one process's req/s"), flush=True)
    # Where the machine's CPU went, per request: the API process(es), PostgreSQL and wrk share the same cores.
    cores = os.cpu_count() or 1
    for label, r in (("1 process", one), ("2 processes", two)):
        spent = r.cpu_ms + r.db_cpu_ms + r.wrk_cpu_ms
        busy = spent * r.rps / 1000
        print(
            f"  {label:<12} CPU per request: API {r.cpu_ms:5.2f} ms, PostgreSQL {r.db_cpu_ms:5.2f} ms, wrk "
            f"{r.wrk_cpu_ms:5.2f} ms; {busy:4.2f} of {cores} cores busy with these three",
            flush=True,
        )
