"""End to end on committed data: the API queues a run, a real worker loop on the execution queue runs it, and
the live stream tells the person who asked (and nobody else) as it progresses."""

import asyncio
import json

import httpx
import pytest

from backend.config import get_settings
from backend.execution.engine import backends
from backend.worker import EXECUTION_QUEUE, connector_for, queue
from tests.committed import api_instance, committed_org, sign_in
from tests.execution.conftest import SLOTS, assert_nothing_left


async def _events(stream: httpx.Response, into: list[tuple[str, dict]]) -> None:
    name, event_id = None, None
    async for line in stream.aiter_lines():
        if line.startswith("event: "):
            name = line[7:]
        elif line.startswith("id: "):
            event_id = line[4:]
        elif line.startswith("data: ") and name:
            into.append((name, json.loads(line[6:]) | ({"_id": event_id} if event_id else {})))
        elif line == "":
            name, event_id = None, None


@pytest.fixture
def local_sandbox(monkeypatch, sandbox_root, uid_base):
    settings = get_settings()
    monkeypatch.setattr(settings, "sandbox_dir", sandbox_root)
    monkeypatch.setattr(settings, "sandbox_uid_base", uid_base)
    monkeypatch.setattr(settings, "execution_slots", SLOTS)
    monkeypatch.setattr(settings, "judge0_url", "")
    yield
    assert_nothing_left(backends.backend_for(settings))  # type: ignore[arg-type]


async def test_a_run_reaches_its_author_live_and_nobody_else(real_db, migrated_url, local_sandbox):
    _, users = await committed_org(real_db, "admin", "recruiter")
    async with api_instance(migrated_url) as base:
        author = await sign_in(base, users["admin"].email)
        bystander = await sign_in(base, users["recruiter"].email)
        mine: list[tuple[str, dict]] = []
        theirs: list[tuple[str, dict]] = []
        async with (
            httpx.AsyncClient(base_url=base, timeout=30) as client,
            client.stream("GET", "/api/v1/notifications/stream", headers=author) as author_stream,
            client.stream("GET", "/api/v1/notifications/stream", headers=bystander) as bystander_stream,
        ):
            listeners = [
                asyncio.create_task(_events(author_stream, mine)),
                asyncio.create_task(_events(bystander_stream, theirs)),
            ]
            body = {
                "language": "python3",
                "source": "print(int(input()) ** 2)",
                "cases": [{"stdin": "3", "expected_stdout": "9"}, {"stdin": "4", "expected_stdout": "16"}],
            }
            r = await client.post("/api/v1/execution/runs", json=body, headers=author)
            assert r.status_code == 202 and r.json()["status"] == "queued"
            run_id = r.json()["id"]

            with queue.replace_connector(connector_for(migrated_url)) as app:
                async with app.open_async():
                    await app.run_worker_async(
                        queues=[EXECUTION_QUEUE], wait=False, concurrency=SLOTS, install_signal_handlers=False
                    )

            async def finished() -> None:
                while not any(e[1].get("status") == "finished" for e in mine):
                    await asyncio.sleep(0.05)

            await asyncio.wait_for(finished(), timeout=20)
            for task in listeners:
                task.cancel()
            done = (await client.get(f"/api/v1/execution/runs/{run_id}", headers=author)).json()

    runs = [data for name, data in mine if name == "execution_run"]
    assert [e["status"] for e in runs] == ["running", "running", "running", "finished"]
    assert [e["completed"] for e in runs] == [0, 1, 2, 2]
    assert runs[-1] | {"id": run_id} == {
        "id": run_id,
        "purpose": "scratch",
        "subject_type": None,
        "subject_id": None,
        "status": "finished",
        "verdict": "accepted",
        "completed": 2,
        "passed": 2,
        "total": 2,
    }
    assert all("_id" not in e for e in runs)  # not replayable notifications: no event id
    assert theirs == []
    assert done["verdict"] == "accepted" and [c["stdout"] for c in done["cases"]] == ["9\n", "16\n"]
