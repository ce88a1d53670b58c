"""`allowed_actions` on the application detail lists exactly what the endpoints then accept, in every state an
application can be in, so that a client can show the actions it lists and nothing else."""

import itertools
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from backend.organizations.models import Organization

C, R, A = "/api/v1/candidates", "/api/v1/requisitions", "/api/v1/applications"
ACTIONS = ("move", "reject", "hold", "resume", "withdraw", "hire", "schedule_interview")
_serial = itertools.count()


class Pipeline:
    """One open requisition and the means to put a fresh application of it into any state."""

    def __init__(
        self, client: Any, org: Organization, headers: dict[str, str], req: dict[str, Any], interviewer_id: str
    ) -> None:
        self.client, self.org, self.headers, self.req, self.interviewer_id = client, org, headers, req, interviewer_id
        self.stages = [s["id"] for s in req["stages"]]

    async def post(self, path: str, body: dict[str, Any]) -> Any:
        return await self.client.post(path, json=body, headers=self.headers)

    async def application(self, state: str) -> dict[str, Any]:
        n = next(_serial)
        cand = (await self.post(C, {"first_name": "Ada", "last_name": f"N{n}", "email": f"ada{n}@example.com"})).json()
        app = (await self.post(A, {"candidate_id": cand["id"], "requisition_id": self.req["id"]})).json()
        if state == "offer":
            app = (await self.post(f"{A}/{app['id']}/move", {"stage_id": self.stages[-1]})).json()
        elif state in ("on_hold", "withdrawn"):
            app = (await self.post(f"{A}/{app['id']}/{'hold' if state == 'on_hold' else 'withdraw'}", {})).json()
        elif state == "rejected":
            app = (await self.post(f"{A}/{app['id']}/reject", {"reason_id": await self.reason_id()})).json()
        elif state == "hired":
            await self.post(f"{A}/{app['id']}/move", {"stage_id": self.stages[-1]})
            app = (await self.post(f"{A}/{app['id']}/hire", {})).json()
        assert app["status"] == {"offer": "active", "first_stage": "active"}.get(state, state), app
        return app

    async def reason_id(self) -> str:
        reasons = (await self.client.get("/api/v1/rejection-reasons", headers=self.headers)).json()
        return str(reasons[0]["id"])

    async def attempt(self, app: dict[str, Any], action: str, headers: dict[str, str] | None = None) -> Any:
        headers = headers or self.headers
        path = f"{A}/{app['id']}"
        if action == "move":
            other = next(s for s in self.stages if s != app["stage_id"])
            return await self.client.post(f"{path}/move", json={"stage_id": other}, headers=headers)
        if action == "reject":
            return await self.client.post(f"{path}/reject", json={"reason_id": await self.reason_id()}, headers=headers)
        if action == "schedule_interview":
            starts = (datetime.now(UTC) + timedelta(days=30 + next(_serial))).replace(microsecond=0)
            body = {
                "application_id": app["id"],
                "starts_at": starts.isoformat(),
                "lead_interviewer_id": self.interviewer_id,
            }
            return await self.client.post("/api/v1/interviews", json=body, headers=headers)
        return await self.client.post(f"{path}/{action}", json={}, headers=headers)


@pytest.fixture
async def pipeline(client, factory) -> Pipeline:
    org = await factory.org()
    _recruiter, headers = await factory.user_and_headers(org, "recruiter")
    interviewer = await factory.user(org, "interviewer")
    req = (await client.post(R, json={"title": "Engineer", "description": "Build."}, headers=headers)).json()
    await client.patch(f"{R}/{req['id']}", json={"positions_available": 50}, headers=headers)
    await client.post(f"{R}/{req['id']}/status", json={"status": "open"}, headers=headers)
    return Pipeline(client, org, headers, req, str(interviewer.id))


async def changed(pipeline: Pipeline, before: dict[str, Any], response: Any) -> bool:
    """Whether the attempt did something: a refusal (4xx) or an answer that leaves the application as it was
    (asking for the status it already has) both count as not accepted."""
    if response.status_code >= 400:
        return False
    assert response.status_code < 300, response.text
    after = (await pipeline.client.get(f"{A}/{before['id']}", headers=pipeline.headers)).json()
    interviews = (
        await pipeline.client.get(
            "/api/v1/interviews", params={"application_id": before["id"]}, headers=pipeline.headers
        )
    ).json()["items"]
    return (after["status"], after["stage_id"], len(after["events"]), len(interviews)) != (
        before["status"],
        before["stage_id"],
        len(before["events"]),
        0,
    )


EXPECTED = {
    "first_stage": ["move", "reject", "hold", "withdraw", "schedule_interview"],
    "offer": ["move", "reject", "hold", "withdraw", "hire", "schedule_interview"],
    "on_hold": ["reject", "resume", "withdraw", "schedule_interview"],
    "rejected": ["resume"],
    "withdrawn": [],
    "hired": [],
}


@pytest.mark.parametrize("state", list(EXPECTED))
async def test_the_listed_actions_are_exactly_the_accepted_ones(pipeline: Pipeline, state: str) -> None:
    app = await pipeline.application(state)
    listed = app["allowed_actions"]
    assert listed == EXPECTED[state]
    for action in ACTIONS:
        accepted = await changed(pipeline, app, await pipeline.attempt(app, action))
        assert accepted == (action in listed), f"{state}: {action} listed={action in listed} accepted={accepted}"
        if accepted:  # the next attempt needs an application in the original state again
            app = await pipeline.application(state)


async def test_hire_is_not_offered_once_every_position_is_filled(pipeline: Pipeline) -> None:
    await pipeline.client.patch(f"{R}/{pipeline.req['id']}", json={"positions_available": 1}, headers=pipeline.headers)
    waiting = await pipeline.application("offer")
    assert "hire" in waiting["allowed_actions"]
    await pipeline.application("hired")  # fills the only position: the requisition becomes filled
    detail = (await pipeline.client.get(f"{A}/{waiting['id']}", headers=pipeline.headers)).json()
    assert detail["allowed_actions"] == ["reject", "hold", "withdraw", "schedule_interview"]
    assert (await pipeline.attempt(detail, "hire")).status_code == 409
    assert (await pipeline.attempt(detail, "move")).status_code == 409


async def test_people_who_may_not_move_applications_are_offered_nothing(pipeline: Pipeline, factory) -> None:
    app = await pipeline.application("offer")
    _executive, headers = await factory.user_and_headers(pipeline.org, "executive")
    detail = (await pipeline.client.get(f"{A}/{app['id']}", headers=headers)).json()
    assert detail["allowed_actions"] == []
    for action in ACTIONS:
        assert (await pipeline.attempt(detail, action, headers)).status_code == 403, action
