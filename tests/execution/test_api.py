"""Languages per organization, and runs through the API and the service: queued at once, executed by the job,
visible to the person who asked."""

import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import select, text, update

from backend.audit.models import AuditLog
from backend.auth.principal import Principal
from backend.errors import NotFound
from backend.execution import service
from backend.execution.engine.judge0 import Judge0Backend
from backend.execution.engine.spec import RunOutcome
from backend.execution.models import ExecutionRun, Language
from backend.execution.schemas import RunCreate
from backend.jobs import runtime
from tests.execution.conftest import CPP, JAVA, JAVASCRIPT, PYTHON
from tests.execution.fake_judge0 import FakeJudge0, running

RUNS = "/api/v1/execution/runs"
SUM = "import sys\nprint(sum(map(int, sys.stdin.read().split())))\n"
BODY = {
    "language": "python3",
    "source": SUM,
    "cases": [{"name": "small", "stdin": "1 2", "expected_stdout": "3"}, {"stdin": "5 5", "expected_stdout": "11"}],
}


@pytest.fixture
def worker_db(test_database) -> Iterator[None]:
    """The job's own transactions (task_session) join the test's transaction, like the app's requests do."""
    runtime.set_database(test_database)
    yield
    runtime.set_database(None)


async def test_the_shipped_languages_are_the_ones_the_sandbox_is_tested_with(client, factory, session):
    _, headers = await factory.user_and_headers(await factory.org(), "recruiter")
    r = await client.get("/api/v1/languages", headers=headers)
    assert r.status_code == 200
    items = r.json()["items"]
    assert [i["key"] for i in items] == ["python3", "javascript", "java", "cpp"]
    assert all(i["enabled"] for i in items) and items[2]["compile_command"].startswith("javac")
    rows = {lang.key: lang for lang in (await session.execute(select(Language))).scalars()}
    for spec in (PYTHON, JAVASCRIPT, JAVA, CPP):
        row = rows[spec.key]
        assert (row.source_file, row.run_command, row.compile_command) == (
            spec.source_file,
            spec.run_command,
            spec.compile_command,
        )
        assert (row.runtime_memory_mb, row.judge0_id) == (spec.runtime_memory_mb, spec.judge0_id)


async def test_an_admin_switches_a_language_off_for_the_organization_only(client, factory, session):
    org, other = await factory.org(), await factory.org()
    _, admin = await factory.user_and_headers(org, "admin")
    _, recruiter = await factory.user_and_headers(org, "recruiter")
    _, other_admin = await factory.user_and_headers(other, "admin")

    r = await client.patch("/api/v1/languages/java", json={"enabled": False}, headers=admin)
    assert r.status_code == 200 and r.json()["enabled"] is False
    enabled = {
        i["key"]: i["enabled"] for i in (await client.get("/api/v1/languages", headers=recruiter)).json()["items"]
    }
    assert enabled == {"python3": True, "javascript": True, "java": False, "cpp": True}
    theirs = (await client.get("/api/v1/languages", headers=other_admin)).json()["items"]
    assert all(i["enabled"] for i in theirs)

    r = await client.post(RUNS, json={**BODY, "language": "java"}, headers=admin)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "body.language"
    assert (await client.patch("/api/v1/languages/java", json={"enabled": True}, headers=admin)).json()["enabled"]
    actions = await session.execute(
        select(AuditLog.action)
        .where(AuditLog.organization_id == org.id, AuditLog.entity_type == "language")
        .order_by(AuditLog.created_at)
    )
    assert list(actions.scalars()) == ["language.disabled", "language.enabled"]

    assert (await client.patch("/api/v1/languages/cobol", json={"enabled": True}, headers=admin)).status_code == 404
    await session.execute(update(Language).where(Language.key == "cpp").values(enabled=False))
    await session.commit()  # the platform does not carry C++ any more: nobody can switch it on
    r = await client.patch("/api/v1/languages/cpp", json={"enabled": True}, headers=admin)
    assert r.status_code == 409
    enabled = {i["key"]: i["enabled"] for i in (await client.get("/api/v1/languages", headers=admin)).json()["items"]}
    assert enabled["cpp"] is False


async def test_a_run_is_queued_at_once_and_finished_by_its_job(client, factory, session, sandbox, worker_db):
    _, headers = await factory.user_and_headers(await factory.org(), "admin")
    r = await client.post(RUNS, json=BODY, headers=headers)
    assert r.status_code == 202, r.text
    queued = r.json()
    assert queued["status"] == "queued" and queued["total"] == 2 and queued["cases"] == [] and queued["verdict"] is None
    job = (
        await session.execute(
            text("SELECT queue_name, task_name FROM procrastinate_jobs WHERE args->>'run_id' = :id"),
            {"id": queued["id"]},
        )
    ).one()
    assert tuple(job) == ("execution", "execution.run")

    assert await service.execute_run(uuid.UUID(queued["id"]), backend=sandbox) == "wrong_answer"
    done = (await client.get(f"{RUNS}/{queued['id']}", headers=headers)).json()
    assert done["status"] == "finished" and done["verdict"] == "wrong_answer"
    assert (done["passed"], done["total"]) == (1, 2)
    first, second = done["cases"]
    assert (first["index"], first["name"], first["verdict"], first["stdout"]) == (0, "small", "accepted", "3\n")
    assert second["verdict"] == "wrong_answer" and second["message"] == "Differs at line 1"
    assert done["started_at"] and done["finished_at"]
    # A second delivery of the same job (a retry, a requeued stalled job) changes nothing.
    assert await service.execute_run(uuid.UUID(queued["id"]), backend=sandbox) is None


async def test_only_the_person_who_asked_sees_a_run(client, factory, session):
    org = await factory.org()
    _, headers = await factory.user_and_headers(org, "admin")
    run_id = uuid.UUID((await client.post(RUNS, json=BODY, headers=headers)).json()["id"])
    colleague = Principal("user", uuid.uuid4(), org.id, frozenset({"code:run"}), "colleague", "admin")
    with pytest.raises(NotFound):
        await service.run_for(session, colleague, run_id)
    overseer = Principal("user", uuid.uuid4(), org.id, frozenset({"code:run", "code:read_runs"}), "o", "admin")
    assert (await service.run_for(session, overseer, run_id)).id == run_id
    assert (await client.get(f"{RUNS}/{uuid.uuid4()}", headers=headers)).status_code == 404


async def test_bounds_body_size_and_quota(client, factory):
    _, headers = await factory.user_and_headers(await factory.org(), "admin")
    r = await client.post(RUNS, json={**BODY, "source": "x" * (64 * 1024 + 1)}, headers=headers)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "body.source"
    r = await client.post(RUNS, json={**BODY, "cases": []}, headers=headers)
    assert r.status_code == 422
    r = await client.post(RUNS, json={**BODY, "limits": {"time_limit_ms": 60_000}}, headers=headers)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "body.limits.time_limit_ms"

    huge = b'{"language": "python3", "source": "' + b"x" * (2 * 1024 * 1024) + b'"}'
    r = await client.post(RUNS, content=huge, headers={**headers, "content-type": "application/json"})
    assert r.status_code == 413 and r.headers["content-type"] == "application/problem+json"

    async def chunks():  # no Content-Length: the cap still holds while the body streams in
        for _ in range(40):
            yield b"x" * 65536

    r = await client.post(RUNS, content=chunks(), headers={**headers, "content-type": "application/json"})
    assert r.status_code == 413

    for _ in range(service.SCRATCH_QUOTA.in_flight):
        assert (await client.post(RUNS, json=BODY, headers=headers)).status_code == 202
    r = await client.post(RUNS, json=BODY, headers=headers)
    assert r.status_code == 429 and r.headers["retry-after"]


async def test_api_keys_cannot_run_code(client, factory):
    _, headers = await factory.user_and_headers(await factory.org(), "admin")
    r = await client.post("/api/v1/api-keys", json={"name": "ci", "scopes": ["code:run"]}, headers=headers)
    assert r.status_code == 422


async def test_finish_hooks_run_with_the_results(factory, session, sandbox, worker_db):
    org = await factory.org()
    seen: list[tuple[str, str | None, str]] = []

    @service.on_run_finished("test_hook")
    async def record(hook_session, run: ExecutionRun) -> None:
        seen.append((run.status, run.verdict, run.subject_id or ""))

    request = RunCreate.model_validate({**BODY, "cases": BODY["cases"][:1]})
    run = await service.submit_run(
        session, org.id, request, purpose="test_hook", requested_by=None, subject=("question_version", "q-1")
    )
    await session.commit()
    run_id, org_id = run.id, org.id
    await service.execute_run(run_id, backend=sandbox)
    assert seen == [("finished", "accepted", "q-1")]
    service._finish_hooks.pop("test_hook")
    session.expire_all()
    (found,) = await service.runs_for_subject(session, org_id, ("question_version", "q-1"))
    assert found.id == run_id and found.verdict == "accepted"
    assert await service.runs_for_subject(session, org_id, ("question_version", "q-2")) == []


class BrokenBackend:
    name = "broken"

    async def execute(self, spec, on_compiled=None, on_case=None) -> RunOutcome:
        raise OSError("bubblewrap is missing")


async def test_an_engine_failure_is_an_internal_error_never_the_candidates(factory, session, worker_db):
    org = await factory.org()
    run = await service.submit_run(session, org.id, RunCreate.model_validate(BODY), purpose="t", requested_by=None)
    await session.commit()
    run_id, org_id = run.id, org.id
    assert await service.execute_run(run_id, backend=BrokenBackend()) == "internal_error"
    session.expire_all()  # the job wrote through its own sessions
    view = await service.get_run(session, org_id, run_id)
    assert view.status == "finished" and [c.verdict for c in view.cases] == ["internal_error"] * 2
    assert view.cases[0].message == "The execution engine failed (OSError)."


async def test_judge0_runs_through_the_same_service(factory, session, worker_db):
    org = await factory.org()
    run = await service.submit_run(session, org.id, RunCreate.model_validate(BODY), purpose="t", requested_by=None)
    await session.commit()
    run_id = run.id
    async with running(FakeJudge0()) as url:
        assert await service.execute_run(run_id, backend=Judge0Backend(url)) == "wrong_answer"
    session.expire_all()
    stored = await session.get(ExecutionRun, run_id)
    assert stored is not None and stored.backend == "judge0"
    assert [r["verdict"] for r in stored.results] == ["accepted", "wrong_answer"]
