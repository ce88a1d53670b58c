"""`interviewflow serve` with no DATABASE_URL: starts the embedded PostgreSQL, migrates, seeds, serves the
API, and on SIGTERM stops PostgreSQL too (pgserver's own atexit hook does not run under uvicorn)."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.committed import free_port


def test_serve_runs_on_embedded_postgres_and_stops_it_on_sigterm(tmp_path: Path):
    port = free_port()
    env = {**os.environ, "INTERVIEWFLOW_DATA_DIR": str(tmp_path), "INTERVIEWFLOW_COOKIE_SECURE": "false"}
    env.pop("INTERVIEWFLOW_DATABASE_URL", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "backend.cli", "serve", "--migrate", "--seed", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, proc.stdout.read() if proc.stdout else ""
            try:
                if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "server did not become ready"
            time.sleep(0.2)
        r = httpx.post(
            f"http://127.0.0.1:{port}/api/v1/auth/login",
            json={"email": "admin@acme.example.com", "password": "demo-pass-2026"},
        )
        assert r.status_code == 200
        assert (tmp_path / "pg" / "postmaster.pid").exists()
    finally:
        proc.send_signal(signal.SIGTERM)
        output, _ = proc.communicate(timeout=30)
    assert proc.returncode in (0, -signal.SIGTERM), output  # uvicorn re-raises the signal after shutdown
    assert "admin@acme.example.com" in output  # the seed printed the demo logins
    assert not (tmp_path / "pg" / "postmaster.pid").exists(), "embedded PostgreSQL still running"
