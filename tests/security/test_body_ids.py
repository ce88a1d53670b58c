"""Every id in a body is resolved within the caller's organization; another
organization's id and an id that does not exist get the same 422 naming the field."""

import uuid

from sqlalchemy import func, select

from backend.notifications.models import Notification
from tests.factories import INTERVIEWS, interview_body, ready_for_interview

C = "/api/v1/candidates"


async def test_a_foreign_or_unknown_owner_is_a_422_naming_owner_id(client, factory, session):
    acme, other = await factory.org(), await factory.org()
    _, headers = await factory.user_and_headers(acme, "recruiter")
    stranger = await factory.user(other, "recruiter")
    for owner in (stranger.id, uuid.uuid4()):
        new = {"first_name": "Ada", "last_name": "L", "email": f"{uuid.uuid4().hex[:6]}@example.com"}
        r = await client.post(C, json={**new, "owner_id": str(owner)}, headers=headers)
        assert r.status_code == 422 and r.json()["errors"][0]["field"] == "body.owner_id", r.text
    mine = await client.post(C, json={"first_name": "A", "last_name": "B", "email": "ab@example.com"}, headers=headers)
    for owner in (stranger.id, uuid.uuid4()):
        r = await client.patch(f"{C}/{mine.json()['id']}", json={"owner_id": str(owner)}, headers=headers)
        assert r.status_code == 422 and r.json()["errors"][0]["field"] == "body.owner_id", r.text
    told = select(func.count()).select_from(Notification).where(Notification.user_id == stranger.id)
    assert (await session.execute(told)).scalar_one() == 0


async def test_scheduling_names_the_unknown_application_or_lead(client, factory):
    _org, headers, ian, app = await ready_for_interview(client, factory)
    other = await factory.org()
    stranger = await factory.user(other, "interviewer")
    r = await client.post(
        INTERVIEWS, json={**interview_body(app, ian), "application_id": str(uuid.uuid4())}, headers=headers
    )
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "body.application_id"
    r = await client.post(INTERVIEWS, json=interview_body(app, stranger), headers=headers)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "body.lead_interviewer_id"
    r = await client.post(
        "/api/v1/applications/bulk",
        json={"application_ids": [str(uuid.uuid4())], "action": "move", "stage_id": str(uuid.uuid4())},
        headers=headers,
    )
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "body.application_ids"
