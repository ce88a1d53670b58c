"""`make bench`: figures and ratios, never assertions.

Sections (each a module with `run(ctx)`): `api` (the request path against a bare baseline, two processes) and
`lists` (every list at 10k and 1M rows). Modules that need no server (`spa_size`, with `report()`) run when
present. `python -m bench api` runs one section. The bench database lives in `.data/bench` (seeded once).
"""

import importlib
import importlib.util
import os
import sys
import time
import uuid

# The servers' settings; the bench process mints access tokens with the same secret and lifetime.
SERVER_ENV = {
    "INTERVIEWFLOW_RUN_WORKER_IN_PROCESS": "false",  # production topology: jobs run in separate workers
    "INTERVIEWFLOW_LOG_LEVEL": "INFO",  # production logging: one JSON line per request
    "INTERVIEWFLOW_LOG_FORMAT": "json",
    "INTERVIEWFLOW_LOG_JSON": "true",  # the same, for code older than INTERVIEWFLOW_LOG_FORMAT
    "INTERVIEWFLOW_COOKIE_SECURE": "false",
    "INTERVIEWFLOW_ACCESS_TOKEN_MINUTES": "600",
}
os.environ.update({k: v for k, v in SERVER_ENV.items() if k != "INTERVIEWFLOW_LOG_LEVEL"})
os.environ.setdefault("INTERVIEWFLOW_LOG_LEVEL", "WARNING")

from backend.auth.tokens import create_access_token
from bench.common import DATA_DIR, Context, have_wrk
from bench.seed import open_database

SECTIONS = ["api", "lists", "sandbox", "exam_day"]  # each `bench/<name>.py` with run(ctx), when the module exists
REPORTS = ["spa_size"]  # each `bench/<name>.py` with report(), no server needed


def _exists(name: str) -> bool:
    return importlib.util.find_spec(f"bench.{name}") is not None


def main(argv: list[str]) -> None:
    wanted = set(argv) or set(SECTIONS) | set(REPORTS)
    sections = [s for s in SECTIONS if s in wanted and _exists(s)]
    started = time.monotonic()
    if sections:
        if not have_wrk():
            sys.exit("make bench needs wrk (Debian package 'wrk'): apt-get install -y wrk")
        pg, url, orgs = open_database()
        try:
            for org in orgs.values():
                org.token = create_access_token(uuid.UUID(org.admin_id), uuid.UUID(org.id), "admin")[0]
            env = {**SERVER_ENV, "INTERVIEWFLOW_DATABASE_URL": url}
            ctx = Context(database_url=url, orgs=orgs, server_env=env, log_path=DATA_DIR / "servers.log")
            print(
                "InterviewFlow benchmarks: uvicorn (uvloop, httptools) against the embedded PostgreSQL, load from wrk,"
                f" {os.cpu_count()} cores shared by server, database and load generator",
                flush=True,
            )
            for name in sections:
                importlib.import_module(f"bench.{name}").run(ctx)  # type: ignore[attr-defined]
        finally:
            pg.stop()
    for name in REPORTS:
        if name in wanted and _exists(name):
            importlib.import_module(f"bench.{name}").report()  # type: ignore[attr-defined]
    print(f"\nmake bench: done in {time.monotonic() - started:.0f} s", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
