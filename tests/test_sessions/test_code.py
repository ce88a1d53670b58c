"""Code in the player and in grading, on the real sandbox (Python only: Java compiles are slow): the candidate
runs the visible examples only, never a hidden case; grading runs every case of the version they saw, each
language tried, and keeps the best; an engine failure waits for a person's re-run."""

import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from backend.execution import service as execution
from backend.execution.models import ExecutionRun
from backend.jobs import runtime
from backend.test_sessions import tasks  # noqa: F401  (registers the grading callback, as the worker does)
from backend.test_sessions.models import TestAnswer, TestSession
from tests.assessments.helpers import HIDDEN_INPUT, PLAYER, by_type, setup_hiring

RIGHT = "def add(a, b):\n    return a + b\n"
WRONG_ON_BIG = "def add(a, b):\n    return a + b if a < 10 else 0\n"


@pytest.fixture
def worker_db(test_database) -> Iterator[None]:
    runtime.set_database(test_database)
    yield
    runtime.set_database(None)


async def _queued(session, purpose: str) -> list[uuid.UUID]:
    rows = await session.execute(
        select(ExecutionRun.id).where(ExecutionRun.purpose == purpose, ExecutionRun.status == "queued")
    )
    return list(rows.scalars())


async def test_visible_runs_show_examples_only_and_grading_keeps_the_best_language(
    client,
    factory,
    session,
    sandbox,
    worker_db,
):
    h = await setup_hiring(client, factory, session, kinds=("adder",))
    ada = await h.apply("Ada")
    player, state = await h.start(ada["candidate"]["email"])
    pos = by_type(state)["coding"]

    q = (await client.get(f"{PLAYER}/session/questions/{pos}", headers=player)).json()
    assert q["languages"] == ["javascript", "python3"]
    assert (
        HIDDEN_INPUT.strip() not in str(q) and len(q["question"]["coding"]["examples"]) == 1 and "hidden" not in str(q)
    )

    r = await client.post(
        f"{PLAYER}/session/questions/{pos}/runs", json={"language": "python3", "source": WRONG_ON_BIG}, headers=player
    )
    assert r.status_code == 202, r.text
    run = r.json()
    assert run["status"] == "queued" and run["total"] == 1  # the one visible example; hidden cases are not run
    await execution.execute_run(uuid.UUID(run["id"]), backend=sandbox)
    done = (await client.get(f"{PLAYER}/session/runs/{run['id']}", headers=player)).json()
    assert done["status"] == "finished" and done["verdict"] == "accepted"
    assert [c["stdin"] for c in done["cases"]] == ["1 2\n"] and done["cases"][0]["stdout"] == "3\n"
    assert HIDDEN_INPUT.strip() not in str(done)

    # Python is wrong on the hidden case (weight 3 of 4); the JavaScript attempt is right: the best counts.
    js = "const [a, b] = require('fs').readFileSync(0, 'utf8').trim().split(/\\s+/).map(Number);\nconsole.log(a + b);\n"
    answer = {"type": "code", "language": "javascript", "sources": {"python3": WRONG_ON_BIG, "javascript": js}}
    r = await client.put(f"{PLAYER}/session/answers/{pos}", json={"revision": 1, "answer": answer}, headers=player)
    assert r.status_code == 200 and r.json()["applied"], r.text
    bad = {"type": "code", "language": "cpp", "sources": {"cpp": "int main(){}"}}
    r = await client.put(f"{PLAYER}/session/answers/{pos}", json={"revision": 2, "answer": bad}, headers=player)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "body.answer.language"

    assert (await client.post(f"{PLAYER}/session/submit", headers=player)).json()["grading_status"] == "grading"
    queued = await _queued(session, "assessment_grading")
    assert len(queued) == 2
    for run_id in queued:
        await execution.execute_run(run_id, backend=sandbox)
    s = (
        await session.execute(select(TestSession).where(TestSession.invitation_id == ada["invitation"]["id"]))
    ).scalar_one()
    await session.refresh(s)
    a = (await session.execute(select(TestAnswer).where(TestAnswer.session_id == s.id))).scalar_one()
    assert a.grading["best_language"] == "javascript" and float(a.score) == 5
    assert (
        a.grading["languages"]["python3"]["passed_weight"] == 1
        and a.grading["languages"]["python3"]["total_weight"] == 4
    )
    assert s.grading_status == "graded" and float(s.score) == 100 and s.decision == "advance"

    # The results: verdict per case; hidden cases' input only for question authors.
    as_recruiter = (await client.get(f"/api/v1/test-sessions/{s.id}", headers=h.recruiter)).json()
    py = next(lang for lang in as_recruiter["answers"][0]["languages"] if lang["language"] == "python3")
    assert [c["verdict"] for c in py["cases"]] == ["accepted", "wrong_answer"]
    assert py["cases"][1]["stdin"] is None and HIDDEN_INPUT.strip() not in str(as_recruiter)
    as_admin = (await client.get(f"/api/v1/test-sessions/{s.id}", headers=h.admin)).json()
    assert HIDDEN_INPUT.strip() in str(as_admin)


async def test_runs_are_rate_limited_per_session(client, factory, session, monkeypatch):
    from backend.config import get_settings

    monkeypatch.setattr(get_settings(), "player_runs_per_minute", 2)
    h = await setup_hiring(client, factory, session, kinds=("adder",))
    player, state = await h.start((await h.apply("Ada"))["candidate"]["email"])
    url = f"{PLAYER}/session/questions/{by_type(state)['coding']}/runs"
    codes = [
        (await client.post(url, json={"language": "python3", "source": RIGHT}, headers=player)).status_code
        for _ in range(3)
    ]
    assert codes == [202, 202, 429]


async def test_a_code_answer_the_engine_failed_on_waits_for_a_rerun(client, factory, session, sandbox, worker_db):
    h = await setup_hiring(client, factory, session, kinds=("adder",))
    ada = await h.apply("Ada")
    player, state = await h.start(ada["candidate"]["email"])
    pos = by_type(state)["coding"]
    answer = {"type": "code", "language": "python3", "sources": {"python3": RIGHT}}
    await client.put(f"{PLAYER}/session/answers/{pos}", json={"revision": 1, "answer": answer}, headers=player)
    await client.post(f"{PLAYER}/session/submit", headers=player)
    [run_id] = await _queued(session, "assessment_grading")

    class Broken:
        name = "broken"

        async def execute(self, spec, on_compiled=None, on_case=None):
            raise RuntimeError("sandbox down")

    await execution.execute_run(run_id, backend=Broken())  # type: ignore[arg-type]
    s = (
        await session.execute(select(TestSession).where(TestSession.invitation_id == ada["invitation"]["id"]))
    ).scalar_one()
    await session.refresh(s)
    assert s.grading_status == "awaiting_grader" and s.score is None
    queue = (await client.get("/api/v1/grading/queue", headers=h.recruiter)).json()["items"]
    assert [(i["session_id"], i["position"]) for i in queue] == [(str(s.id), pos)]

    r = await client.post(f"/api/v1/test-sessions/{s.id}/answers/{pos}/rerun", headers=h.recruiter)
    assert r.status_code == 200, r.text
    [again] = await _queued(session, "assessment_grading")
    await execution.execute_run(again, backend=sandbox)
    await session.refresh(s)
    assert s.grading_status == "graded" and float(s.score) == 100
