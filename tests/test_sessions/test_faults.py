"""kill -9 in the middle of a test: the API process and the worker die while a candidate autosaves. No answer the
server acknowledged is lost, the candidate resumes with the same token once the API is back, and the deadline job
(in the database's queue, not in a process) still closes the session when the worker is back."""

import asyncio
import os
import secrets
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
from sqlalchemy import select, text

from backend.test_sessions.models import TestAnswer, TestSession
from tests.assessments.helpers import PLAYER, by_type, committed_hiring
from tests.committed import free_port

SECRET = secrets.token_urlsafe(48)


def _env(database_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "INTERVIEWFLOW_DATABASE_URL": database_url,
        "INTERVIEWFLOW_RUN_WORKER_IN_PROCESS": "false",
        "INTERVIEWFLOW_COOKIE_SECURE": "false",
        "INTERVIEWFLOW_LOG_LEVEL": "WARNING",
        # The same secret for every process of the test: a player token outlives the process that issued it.
        "INTERVIEWFLOW_JWT_SECRET": SECRET,
    }


@contextmanager
def _process(args: list[str], database_url: str) -> Iterator[subprocess.Popen[bytes]]:
    proc = subprocess.Popen([sys.executable, "-m", "backend.cli", *args], env=_env(database_url))
    try:
        yield proc
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(5)


def _kill_9(proc: subprocess.Popen[bytes]) -> None:
    proc.send_signal(signal.SIGKILL)  # no shutdown of any kind: what a crash or an OOM kill does
    proc.wait(10)


async def _ready(base: str, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 180  # generous: on a loaded machine the import alone can take a minute
    async with httpx.AsyncClient(base_url=base) as c:
        while True:
            assert proc.poll() is None, "the API process exited"
            try:
                if (await c.get("/readyz", timeout=1)).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "the API did not become ready"
            await asyncio.sleep(0.2)


async def test_kill_9_of_api_and_worker_loses_no_answer_and_the_deadline_still_closes(real_db, migrated_url):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    serve = ["serve", "--port", str(port)]
    acknowledged: dict[int, int] = {}  # position → the highest revision the server answered 200 for

    with _process(serve, migrated_url) as api, _process(["worker", "--concurrency", "1"], migrated_url) as worker:
        await _ready(base, api)
        async with httpx.AsyncClient(base_url=base, timeout=10) as client, real_db.sessionmaker() as reader:
            h = await committed_hiring(client, reader, real_db)
            ada = await h.apply("Ada")
            player, state = await h.start(ada["candidate"]["email"])
        essay, mcq = by_type(state)["essay"], by_type(state)["mcq_single"]
        session_id = state["session_id"]

        async def autosave(c: httpx.AsyncClient, position: int, revision: int) -> None:
            answer = (
                {"type": "text", "text": f"draft {revision}"}
                if position == essay
                else {"type": "choice", "choice_ids": ["a" if revision % 2 else "b"]}
            )
            r = await c.put(f"{PLAYER}/session/answers/{position}", json={"revision": revision, "answer": answer})
            assert r.status_code == 200, r.text
            acknowledged[position] = max(acknowledged.get(position, 0), r.json()["revision"])

        async def keep_typing(c: httpx.AsyncClient) -> None:
            """The candidate types on; requests in flight when the API dies get no answer (the browser keeps
            them queued and sends them again: not counted as saved)."""
            revision = 1
            while True:
                try:
                    await autosave(c, essay, revision)
                    await autosave(c, mcq, revision)
                except httpx.TransportError:
                    return
                revision += 1

        async with httpx.AsyncClient(base_url=base, headers=player, timeout=10) as c:
            typing = asyncio.create_task(keep_typing(c))
            while acknowledged.get(mcq, 0) < 5:
                await asyncio.sleep(0.01)
            _kill_9(api)
            _kill_9(worker)
            await typing
        assert acknowledged[essay] >= 5

    # Nothing the server acknowledged is lost, and the candidate resumes with the same token on the new process.
    with _process(serve, migrated_url) as api, _process(["worker", "--concurrency", "1"], migrated_url):
        await _ready(base, api)
        async with httpx.AsyncClient(base_url=base, headers=player, timeout=10) as c:
            resumed = (await c.get(f"{PLAYER}/session")).json()
            assert resumed["status"] == "in_progress"
            for position, revision in acknowledged.items():
                q = (await c.get(f"{PLAYER}/session/questions/{position}")).json()
                assert q["revision"] >= revision, (position, q["revision"], revision)
            q = (await c.get(f"{PLAYER}/session/questions/{essay}")).json()
            assert q["answer"]["text"] == f"draft {q['revision']}"

        # The deadline arrives: the job the start put in the queue (before both kills) runs on the new worker.
        async with real_db.sessionmaker() as session, session.begin():
            await session.execute(
                text("UPDATE test_sessions SET deadline_at = clock_timestamp() WHERE id = :id"), {"id": session_id}
            )
            await session.execute(
                text("UPDATE test_answers SET closes_at = clock_timestamp() WHERE session_id = :id"),
                {"id": session_id},
            )
            moved = await session.execute(
                text(
                    "UPDATE procrastinate_jobs SET scheduled_at = clock_timestamp() "
                    "WHERE task_name = 'test_sessions.close_at_deadline' AND args->>'session_id' = :id "
                    "AND status = 'todo'"
                ),
                {"id": str(session_id)},
            )
            assert moved.rowcount == 1

        deadline = time.monotonic() + 180
        while True:
            async with real_db.sessionmaker() as session:
                s = await session.get(TestSession, session_id)
                assert s is not None
                if s.status != "in_progress":
                    break
            assert time.monotonic() < deadline, "the deadline job did not close the session"
            await asyncio.sleep(0.2)
        assert s.status == "timed_out" and s.closed_by == "deadline"
        async with real_db.sessionmaker() as session:
            kept = {
                a.position: a.revision
                for a in (
                    await session.execute(select(TestAnswer).where(TestAnswer.session_id == session_id))
                ).scalars()
            }
        assert all(kept[p] >= r for p, r in acknowledged.items())
