"""What every bench section shares: the reusable bench database, API / baseline server processes, and `wrk`.

Servers run as separate processes (as in production) and the load comes from `wrk`, a C load generator, so
the figures measure the server and not a Python client sharing its core. Besides throughput and latency, each
row shows the server's CPU time per request: on a machine shared with other work (CI, other checks) the
throughput of a run depends on what else runs, while CPU per request stays put, so ratios are printed for both.
The database's CPU time per request ("DB") is shown as well: what a query costs PostgreSQL, which waiting in a
busy machine's run queue does not inflate (the lists compare it at 10k and 1M rows). Figures are printed, never
asserted.
"""

import contextlib
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import psutil

from backend.cli import KEEP_ALIVE_SECONDS
from backend.config import REPO_ROOT

PORT = int(os.environ.get("BENCH_PORT", "8799"))
BASE = f"http://127.0.0.1:{PORT}"
SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
DATA_DIR = Path(os.environ.get("BENCH_DATA_DIR", str(REPO_ROOT / ".data" / "bench"))).resolve()
LUA = Path(__file__).with_name("wrk_report.lua")


@dataclass
class Org:
    """A seeded organization: `size` candidates, applications (all on one requisition), interviews,
    notifications (all in the admin's inbox) and audit entries."""

    slug: str
    size: int
    id: str = ""
    admin_id: str = ""
    token: str = ""
    requisition_id: str = ""
    searches: dict[str, str] = field(default_factory=dict)  # kind → query text matching one seeded candidate

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


@dataclass
class Context:
    database_url: str  # postgresql+asyncpg://… (the app's spelling)
    orgs: dict[str, Org]
    server_env: dict[str, str]
    log_path: Path
    results: dict[str, "Result"] = field(default_factory=dict)  # kept for the summary at the end


@dataclass
class Result:
    requests: int
    seconds: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    failed: int
    cpu_ms: float = 0.0  # CPU time the server process(es) spent per request (user + system)
    db_cpu_ms: float = 0.0  # … PostgreSQL (all its processes) per request
    wrk_cpu_ms: float = 0.0  # … the load generator per request

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


_server: psutil.Process | None = None  # the server being measured (set by `server`)


def _server_cpu_seconds() -> float:
    """CPU seconds used so far by the running server and its worker processes."""
    if _server is None:
        return 0.0
    total = 0.0
    for proc in [_server, *_server.children(recursive=True)]:
        with contextlib.suppress(psutil.NoSuchProcess):
            times = proc.cpu_times()
            total += times.user + times.system
    return total


def server_pid() -> int | None:
    """The running server's process id (the parent, when it runs several workers)."""
    return _server.pid if _server is not None else None


def _postgres_cpu_seconds() -> float:
    """CPU seconds used so far by the bench database's PostgreSQL (the postmaster on DATA_DIR and its children)."""
    total = 0.0
    for proc in psutil.process_iter(["cmdline"]):
        cmdline = proc.info.get("cmdline") or []
        if "-D" in cmdline and str(DATA_DIR / "pg") in cmdline:
            with contextlib.suppress(psutil.NoSuchProcess):
                for p in [proc, *proc.children(recursive=True)]:
                    times = p.cpu_times()
                    total += times.user + times.system
    return total


def _children_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)  # the finished wrk runs
    return usage.ru_utime + usage.ru_stime


def have_wrk() -> bool:
    return shutil.which("wrk") is not None


def wrk(
    path: str,
    headers: dict[str, str] | None = None,
    *,
    connections: int = 8,
    threads: int = 1,
    seconds: float = SECONDS,
    warmup: float = 1.0,
) -> Result:
    """Load `path` with `connections` keep-alive connections for `seconds` (after a short unmeasured warm-up
    that fills caches and connection pools)."""
    cmd = ["wrk", f"-t{threads}", f"-c{connections}", "--timeout", "60s", "-s", str(LUA)]
    for k, v in (headers or {}).items():
        cmd += ["-H", f"{k}: {v}"]
    url = BASE + path
    if warmup:
        subprocess.run([*cmd, f"-d{max(1, round(warmup))}s", url], capture_output=True, check=True)
    cpu_before, db_before, wrk_before = _server_cpu_seconds(), _postgres_cpu_seconds(), _children_cpu_seconds()
    out = subprocess.run([*cmd, f"-d{max(1, round(seconds))}s", url], capture_output=True, text=True, check=True).stdout
    cpu = _server_cpu_seconds() - cpu_before
    db_cpu, wrk_cpu = _postgres_cpu_seconds() - db_before, _children_cpu_seconds() - wrk_before
    m = re.search(r"WRK (.*)", out)
    if not m:
        raise RuntimeError(f"wrk printed no summary:\n{out}")
    v = {k: int(x) for k, x in (kv.split("=") for kv in m.group(1).split())}
    return Result(
        requests=v["requests"],
        seconds=v["duration_us"] / 1e6,
        p50_ms=v["p50_us"] / 1000,
        p95_ms=v["p95_us"] / 1000,
        p99_ms=v["p99_us"] / 1000,
        failed=v["non2xx"] + v["socket_errors"],
        cpu_ms=cpu * 1000 / v["requests"] if v["requests"] else 0.0,
        db_cpu_ms=db_cpu * 1000 / v["requests"] if v["requests"] else 0.0,
        wrk_cpu_ms=wrk_cpu * 1000 / v["requests"] if v["requests"] else 0.0,
    )


def check(path: str, headers: dict[str, str] | None = None) -> httpx.Response:
    """One request before a measurement: a bench of an error page would be meaningless. (Its duration is
    `r.elapsed`: a fallback figure for requests too slow to complete during a measurement.)"""
    r = httpx.get(BASE + path, headers=headers, timeout=300)
    if r.status_code >= 400:
        raise RuntimeError(f"GET {path} → {r.status_code}: {r.text[:300]}")
    return r


def _wait_ready(proc: subprocess.Popen[bytes], log_path: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited ({proc.returncode}); see {log_path}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(BASE + "/healthz", timeout=1).status_code == 200:
                return
        time.sleep(0.1)
    raise RuntimeError(f"server did not start; see {log_path}")


@contextlib.contextmanager
def server(ctx: Context, app: str, *, workers: int = 1, factory: bool = True) -> Iterator[None]:
    """Run `uvicorn <app>` on the bench port (uvloop + httptools, no access log) until the block ends."""
    cmd = [sys.executable, "-m", "uvicorn", app, "--host", "127.0.0.1", "--port", str(PORT), "--no-access-log"]
    cmd += ["--timeout-keep-alive", str(KEEP_ALIVE_SECONDS)]  # as `interviewflow serve` runs
    if factory:
        cmd.append("--factory")
    if workers > 1:
        cmd += ["--workers", str(workers)]
    with ctx.log_path.open("ab") as log:
        proc = subprocess.Popen(cmd, env={**os.environ, **ctx.server_env}, stdout=log, stderr=log, cwd=REPO_ROOT)
    global _server
    try:
        _wait_ready(proc, ctx.log_path)
        _server = psutil.Process(proc.pid)
        yield
    finally:
        _server = None
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def api_server(ctx: Context, workers: int = 1) -> contextlib.AbstractContextManager[None]:
    return server(ctx, "backend.main:app_factory", workers=workers)


def baseline_server(ctx: Context) -> contextlib.AbstractContextManager[None]:
    return server(ctx, "bench.baseline:app", factory=False)


def row(name: str, r: Result, note: str = "") -> str:
    failed = f"  ({r.failed} failed)" if r.failed else ""
    cpu = f"{r.cpu_ms:6.2f} ms CPU" if r.cpu_ms else " " * 13
    db = f"  DB {r.db_cpu_ms:5.2f} ms" if r.db_cpu_ms else ""
    return f"  {name:<48} {r.rps:7.0f} req/s  p50 {r.p50_ms:7.2f} ms  p99 {r.p99_ms:7.2f} ms  {cpu}{db}  {note}{failed}"


def heading(title: str) -> None:
    print(f"\n{title}\n{'-' * len(title)}", flush=True)
