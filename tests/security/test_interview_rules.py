"""The candidate's view of an interview is its own schema; reading
interviews never lets anyone cancel one; one visibility rule per interview, applied by every route (lists too)."""

import base64

from icalendar import Calendar
from sqlalchemy import select, update

from backend.candidates.models import Candidate
from backend.email.models import EmailMessage
from tests.factories import INTERVIEWS, interview_body, ready_for_interview

SECRET_NOTES = "Ask about the failed project at their last job"


async def _interview(client, factory, **extra):
    org, headers, ian, app = await ready_for_interview(client, factory, candidate_email="cand@example.com")
    r = await client.post(
        INTERVIEWS, json=interview_body(app, ian, preparation_notes=SECRET_NOTES, **extra), headers=headers
    )
    assert r.status_code == 201, r.text
    return org, headers, ian, app, r.json()


async def test_the_candidate_sees_neither_the_guide_nor_the_preparation_notes(client, factory, session):
    org, _headers, _ian, _app, interview = await _interview(client, factory)
    person = await factory.user(org, "candidate", email="cand@example.com")
    await session.execute(update(Candidate).where(Candidate.email == "cand@example.com").values(user_id=person.id))
    await session.commit()
    me = await factory.login(person)
    (mine,) = (await client.get("/api/v1/me/interviews", headers=me)).json()
    assert mine["id"] == interview["id"] and mine["starts_at"]
    assert not {"guide", "preparation_notes", "status_reason", "lead_interviewer_id"} & set(mine)
    ics = await client.get(f"/api/v1/me/interviews/{interview['id']}/calendar", headers=me)
    assert SECRET_NOTES.encode() not in ics.content.replace(b"\r\n ", b"")
    answered = await client.post(
        f"/api/v1/me/interviews/{interview['id']}/respond", json={"response": "accepted"}, headers=me
    )
    assert "guide" not in answered.json() and "preparation_notes" not in answered.json()
    # The emailed invitation: the candidate's calendar file has no notes, the panel's has them.
    mails = (
        await session.execute(
            select(EmailMessage).where(
                EmailMessage.template_key == "interview_invitation", EmailMessage.entity_id == interview["id"]
            )
        )
    ).scalars()
    for mail in mails:
        raw = base64.b64decode(mail.attachments[0]["content_base64"])
        description = str(Calendar.from_ical(raw).walk("VEVENT")[0].get("DESCRIPTION", ""))
        assert (SECRET_NOTES in description) == (mail.to_address != "cand@example.com"), mail.to_address


async def test_reading_interviews_never_cancels_one(client, factory):
    org, admin_headers, ian, _app, interview = await _interview(client, factory)
    cancel = {"status": "cancelled", "reason": "Because I can"}
    status_url = f"{INTERVIEWS}/{interview['id']}/status"
    _, ceo = await factory.user_and_headers(org, "executive")
    _, manager = await factory.user_and_headers(org, "hiring_manager")
    _, admin = await factory.user_and_headers(org, "admin")
    key = await client.post(
        "/api/v1/api-keys", json={"name": "reader", "scopes": ["interviews:read_all"]}, headers=admin
    )
    reader_key = {"Authorization": f"Bearer {key.json()['key']}"}
    for headers in (ceo, manager, reader_key, await factory.login(ian)):
        r = await client.post(status_url, json=cancel, headers=headers)
        assert r.status_code in (403, 404), r.text
    assert (await client.get(f"{INTERVIEWS}/{interview['id']}", headers=admin_headers)).json()["status"] == "scheduled"
    # The recruiter who schedules interviews cancels it.
    assert (await client.post(status_url, json=cancel, headers=admin_headers)).json()["status"] == "cancelled"


async def test_a_hiring_manager_reaches_interviews_of_their_requisitions_only_on_every_route(client, factory):
    org, recruiter, _ian, app, interview = await _interview(client, factory)
    manager = await factory.user(org, "hiring_manager")
    mh = await factory.login(manager)
    iid = interview["id"]
    # Not their requisition: the list, the interview and everything under it answer as if it did not exist.
    assert [i["id"] for i in (await client.get(INTERVIEWS, headers=mh)).json()["items"]] == []
    for path in ("", "/scorecards", "/resume", "/candidate"):
        assert (await client.get(f"{INTERVIEWS}/{iid}{path}", headers=mh)).status_code == 404, path
    assert (
        await client.post(f"{INTERVIEWS}/{iid}/status", json={"status": "in_progress"}, headers=mh)
    ).status_code == 404

    # Made the requisition's manager: now they reach it (the résumé is 404 only because there is none).
    await client.patch(
        f"/api/v1/requisitions/{app['requisition_id']}", json={"hiring_manager_id": str(manager.id)}, headers=recruiter
    )
    assert [i["id"] for i in (await client.get(INTERVIEWS, headers=mh)).json()["items"]] == [iid]
    assert (await client.get(f"{INTERVIEWS}/{iid}", headers=mh)).status_code == 200
    assert (await client.get(f"{INTERVIEWS}/{iid}/scorecards", headers=mh)).status_code == 200
    assert (await client.get(f"{INTERVIEWS}/{iid}/candidate", headers=mh)).status_code == 200


async def test_a_hiring_manager_on_the_panel_reaches_the_interview_of_another_managers_requisition(client, factory):
    org, headers, ian, app = await ready_for_interview(client, factory)
    manager = await factory.user(org, "hiring_manager")
    r = await client.post(INTERVIEWS, json=interview_body(app, ian, panel_ids=[str(manager.id)]), headers=headers)
    mh = await factory.login(manager)
    iid = r.json()["id"]
    assert [i["id"] for i in (await client.get(INTERVIEWS, headers=mh)).json()["items"]] == [iid]
    assert (await client.get(f"{INTERVIEWS}/{iid}", headers=mh)).status_code == 200
    assert (await client.get(f"{INTERVIEWS}/{iid}/candidate", headers=mh)).status_code == 200
    card = {"overall_rating": "4", "recommendation": "hire"}
    assert (await client.post(f"{INTERVIEWS}/{iid}/scorecard/submit", json=card, headers=mh)).status_code == 200
