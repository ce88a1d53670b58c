"""Schemathesis over the whole OpenAPI document, so that no route (current or future) can bring a 500 back and
every documented response matches its schema. A real server (`interviewflow serve`, embedded database, demo
data) is fuzzed four times: as an admin, as a recruiter and anonymously over the whole document, and as a
candidate in a running test (a player token) over the test player's routes; each run bounded in time."""

import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import pytest

from tests.committed import free_port

# Four runs in about the time three took: the player's routes are few, so its run is the shortest.
SECONDS_PER_RUN = 19
PLAYER_SECONDS = 17
ST = Path(sys.executable).with_name("st")


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> str:
    data = tmp_path_factory.mktemp("schemathesis")
    port = free_port()
    env = {**os.environ, "INTERVIEWFLOW_DATA_DIR": str(data), "INTERVIEWFLOW_COOKIE_SECURE": "false"}
    env.update({"INTERVIEWFLOW_LOG_LEVEL": "WARNING", "INTERVIEWFLOW_LOGIN_IP_MAX_FAILURES": "1000000"})
    env.pop("INTERVIEWFLOW_DATABASE_URL", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "backend.cli", "serve", "--migrate", "--seed", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            assert proc.poll() is None, "the server stopped"
            try:
                if httpx.get(f"{base}/readyz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "server did not become ready"
            time.sleep(0.3)
        # The document is built on its first request (seconds on a busy machine, longer than schemathesis waits
        # for it); after that it is cached.
        assert httpx.get(f"{base}/api/v1/openapi.json", timeout=120).status_code == 200
        yield base
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=60)


def _token(base: str, email: str) -> str:
    r = httpx.post(f"{base}/api/v1/auth/login", json={"email": email, "password": "demo-pass-2026"})
    assert r.status_code == 200, r.text
    return str(r.json()["access_token"])


def _player_token(base: str) -> str:
    """A candidate in a running test: they apply to the demo's Senior Backend Engineer opening, whose first stage
    sends the demo assessment; the link comes from the invitation email, as the candidate reads it."""
    staff = {"Authorization": f"Bearer {_token(base, 'recruiter@acme.example.com')}"}
    reqs = httpx.get(f"{base}/api/v1/requisitions", params={"limit": 100}, headers=staff).json()["items"]
    req = next(r for r in reqs if r["title"] == "Senior Backend Engineer")
    email = "fuzz.candidate@example.com"
    cand = httpx.post(
        f"{base}/api/v1/candidates", json={"first_name": "Fuzz", "last_name": "Tester", "email": email}, headers=staff
    )
    assert cand.status_code == 201, cand.text
    app = httpx.post(
        f"{base}/api/v1/applications",
        json={"candidate_id": cand.json()["id"], "requisition_id": req["id"]},
        headers=staff,
    )
    assert app.status_code == 201, app.text
    admin = {"Authorization": f"Bearer {_token(base, 'admin@acme.example.com')}"}
    mails = httpx.get(f"{base}/api/v1/email/outbox", params={"q": email}, headers=admin).json()["items"]
    mail = next(m for m in mails if m["template_key"] == "assessment_invitation")
    body = httpx.get(f"{base}/api/v1/email/outbox/{mail['id']}", headers=admin).json()["body_text"]
    link = re.search(r"/t/([\w-]+)", body)
    assert link, body
    signed_in = httpx.post(f"{base}/api/v1/player/sign-in", json={"token": link.group(1)})
    assert signed_in.status_code == 200, signed_in.text
    started = httpx.post(
        f"{base}/api/v1/player/start", headers={"Authorization": f"Bearer {signed_in.json()['player_token']}"}
    )
    assert started.status_code == 200, started.text
    return str(started.json()["player_token"])


@pytest.mark.parametrize("who", ["admin", "recruiter", "anonymous", "candidate in a test"])
def test_no_operation_answers_500_or_breaks_its_documented_schema(server, who):
    seconds, scope = SECONDS_PER_RUN, []
    if who == "anonymous":
        headers = []
    elif who == "candidate in a test":
        # The player's routes, with a token for a started test (the rest of the document answers it 401/403).
        headers = ["-H", f"Authorization: Bearer {_player_token(server)}"]
        seconds, scope = PLAYER_SECONDS, ["--include-path-regex", "^/api/v1/player/"]
    else:
        headers = ["-H", f"Authorization: Bearer {_token(server, f'{who}@acme.example.com')}"]
    result = subprocess.run(
        [
            str(ST),
            "run",
            f"{server}/api/v1/openapi.json",
            *headers,
            *scope,
            "--checks",
            "not_a_server_error,response_schema_conformance",
            "--max-examples",
            "10",
            "--max-time",
            str(seconds),
            # One worker: schemathesis compiles schemas with `ast` from several threads otherwise, which trips a
            # CPython 3.11 bug ("AST constructor recursion depth mismatch") as a runtime error of the tool.
            "--workers",
            "1",
            "--seed",
            "20261127",
            "--exclude-path",
            "/api/v1/notifications/stream",  # a stream never ends
            "--exclude-path",
            "/api/v1/auth/logout",  # would end the session the run uses
            "--no-color",
        ],
        capture_output=True,
        text=True,
        cwd=tempfile.gettempdir(),  # its example cache stays out of the repository
        timeout=seconds + 120,
    )
    assert result.returncode == 0, result.stdout[-20_000:]
