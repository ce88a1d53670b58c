"""Where an endpoint's CPU time goes: py-spy samples the API process while wrk loads the endpoint, and each sample
is charged to the layer its innermost frame belongs to. `make bench` prints this under the ratios, so a gap to a
goal comes with the profile that explains it.

The layers are told apart by the frame's file: a package directory (`fastapi/`, `sqlalchemy/`), the standard
library's event loop, or our own `backend/`. Time in C code called from Python (uvloop, asyncpg's protocol, the
JSON encoder) is charged to the Python frame that called it.
"""

import collections
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.common import BASE, LUA, SECONDS, server_pid

# (layer, substrings of a frame's file); the first that matches wins, in this order.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("logging and metrics (one JSON line, two Prometheus series)", ("logging/", "prometheus_client/", "observability")),
    ("uvicorn, HTTP parsing, the event loop", ("uvicorn/", "asyncio/", "uvloop", "httptools", "selectors", "socket")),
    (
        "FastAPI and Starlette: middleware, routing, dependencies, response",
        ("fastapi/", "starlette/", "anyio/", "contextlib", "inspect", "typing", "functools", "_collections_abc"),
    ),
    ("SQLAlchemy: session, statements, compiled cache", ("sqlalchemy/", "greenlet")),
    ("asyncpg: the driver", ("asyncpg/",)),
    ("Pydantic: validation and JSON out", ("pydantic", "json/")),
    ("InterviewFlow's own code (backend/)", ("backend/",)),
]
OTHER = "everything else (uuid, datetime, weakref, enum …)"


def _layer(frame: str) -> str:
    where = frame.rpartition("(")[2]
    for name, marks in LAYERS:
        if any(mark in where for mark in marks):
            return name
    return OTHER


def _samples(raw: Path) -> collections.Counter[str]:
    """Samples per layer from py-spy's raw output (`frame;frame;…;innermost count` per line)."""
    per_layer: collections.Counter[str] = collections.Counter()
    for line in raw.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if stack and count.isdigit():
            per_layer[_layer(stack.rsplit(";", 1)[-1])] += int(count)
    return per_layer


def profile(path: str, headers: dict[str, str], cpu_ms: float, *, connections: int = 8) -> list[str]:
    """Lines that split the endpoint's `cpu_ms` (measured without the profiler) over the layers."""
    pyspy = Path(sys.executable).with_name("py-spy")
    pid = server_pid()
    if pid is None or not pyspy.exists():
        return ["  (profile skipped: py-spy is not installed)"]
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "profile.txt"
        seconds = max(2, round(SECONDS))
        spy = subprocess.Popen(
            [str(pyspy), "record", "-p", str(pid), "-d", str(seconds), "-r", "200", "-f", "raw", "-o", str(raw)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        cmd = ["wrk", "-t1", f"-c{connections}", "--timeout", "60s", "-s", str(LUA), f"-d{seconds}s"]
        for k, v in headers.items():
            cmd += ["-H", f"{k}: {v}"]
        subprocess.run([*cmd, BASE + path], capture_output=True, check=True)
        _, err = spy.communicate(timeout=60)
        if spy.returncode != 0 or not raw.exists():
            reason = (err or "").strip().splitlines()[-1:] or ["no samples"]
            return [f"  (profile skipped: py-spy failed: {reason[0]})"]
        per_layer = _samples(raw)
    total = sum(per_layer.values())
    if not total:
        return ["  (profile skipped: no samples)"]
    lines = [f"  where its {cpu_ms:.2f} ms of API CPU go (py-spy, {total:,} samples):"]
    for name, n in per_layer.most_common():
        lines.append(f"    {n * cpu_ms / total:5.2f} ms  {100 * n / total:3.0f} %  {name}")
    return lines
