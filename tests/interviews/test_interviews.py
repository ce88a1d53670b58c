import base64
from datetime import timedelta

from icalendar import Calendar
from sqlalchemy import select

from backend.email.models import EmailMessage
from tests.factories import INTERVIEW_START, INTERVIEWS, PASSWORD, interview_body, ready_for_interview


def _ics(message: EmailMessage) -> Calendar:
    att = next(a for a in message.attachments if a["filename"] == "interview.ics")
    return Calendar.from_ical(base64.b64decode(att["content_base64"]))


async def test_schedule_invites_candidate_and_panel_with_a_calendar_file(client, factory, session):
    org, headers, ian, app = await ready_for_interview(client, factory)
    r = await client.post(INTERVIEWS, json=interview_body(app, ian), headers=headers)
    assert r.status_code == 201, r.text
    interview = r.json()
    assert interview["ends_at"].startswith("2026-12-01T14:00") and interview["panel_ids"] == [str(ian.id)]
    assert interview["candidate_name"] == "Ada Lovelace" and interview["guide"][0]["category"] == "architecture"
    mails = (
        (
            await session.execute(
                select(EmailMessage).where(
                    EmailMessage.template_key == "interview_invitation", EmailMessage.organization_id == org.id
                )
            )
        )
        .scalars()
        .all()
    )
    assert {m.to_address for m in mails} == {"ada@example.com", ian.email}
    assert "14:00 Europe/Berlin" in mails[0].subject
    cal = _ics(mails[0])
    event = next(c for c in cal.walk("VEVENT"))
    assert str(cal["METHOD"]) == "REQUEST" and int(event["SEQUENCE"]) == 0
    assert str(event["UID"]) == f"interview-{interview['id']}@interviewflow.dev"
    ian_headers = await factory.login(ian)
    (note,) = (await client.get("/api/v1/notifications", headers=ian_headers)).json()["items"]
    assert note["title"] == "Interview with Ada Lovelace" and note["action_url"] == f"/interviews/{interview['id']}"


async def test_overlaps_are_refused_and_named(client, factory):
    org, headers, ian, app = await ready_for_interview(client, factory)
    await client.post(INTERVIEWS, json=interview_body(app, ian), headers=headers)
    grace = (
        await client.post(
            "/api/v1/candidates",
            json={"first_name": "Grace", "last_name": "H", "email": "g@example.com"},
            headers=headers,
        )
    ).json()
    app2 = (
        await client.post(
            "/api/v1/applications",
            json={"candidate_id": grace["id"], "requisition_id": app["requisition_id"]},
            headers=headers,
        )
    ).json()
    r = await client.post(
        INTERVIEWS, json=interview_body(app2, ian, INTERVIEW_START + timedelta(minutes=30)), headers=headers
    )
    assert r.status_code == 409 and ian.full_name in r.json()["detail"] and r.json()["clash"]["starts_at"]
    other = await factory.user(org, "interviewer")
    r = await client.post(
        INTERVIEWS, json=interview_body(app, other, INTERVIEW_START + timedelta(minutes=59)), headers=headers
    )
    assert r.status_code == 409 and "Ada Lovelace" in r.json()["detail"]  # the candidate is busy
    assert (
        await client.post(
            INTERVIEWS, json=interview_body(app2, ian, INTERVIEW_START + timedelta(hours=1)), headers=headers
        )
    ).status_code == 201


async def test_bad_input(client, factory):
    org, headers, ian, app = await ready_for_interview(client, factory)
    naive = {**interview_body(app, ian), "starts_at": "2026-12-01T13:00:00"}
    r = await client.post(INTERVIEWS, json=naive, headers=headers)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "body.starts_at"
    r = await client.post(INTERVIEWS, json=interview_body(app, ian, time_zone="Mars/Base"), headers=headers)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "body.time_zone"
    candidate_user = await factory.user(org, "candidate")
    r = await client.post(
        INTERVIEWS, json=interview_body(app, ian, panel_ids=[str(candidate_user.id)]), headers=headers
    )
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "body.panel_ids"
    r = await client.post(INTERVIEWS, json=interview_body(app, ian, duration_minutes=2), headers=headers)
    assert r.status_code == 422


async def test_reschedule_and_cancel_update_the_same_calendar_event(client, factory, session):
    _, headers, ian, app = await ready_for_interview(client, factory)
    interview = (await client.post(INTERVIEWS, json=interview_body(app, ian), headers=headers)).json()
    r = await client.post(
        f"{INTERVIEWS}/{interview['id']}/reschedule",
        json={"starts_at": (INTERVIEW_START + timedelta(days=1)).isoformat(), "reason": "Panel sick"},
        headers=headers,
    )
    assert r.status_code == 200 and r.json()["starts_at"].startswith("2026-12-02")
    moved = (
        await session.execute(
            select(EmailMessage).where(
                EmailMessage.template_key == "interview_rescheduled", EmailMessage.to_address == "ada@example.com"
            )
        )
    ).scalar_one()
    assert int(_ics(moved).walk("VEVENT")[0]["SEQUENCE"]) == 1
    r = await client.post(f"{INTERVIEWS}/{interview['id']}/status", json={"status": "cancelled"}, headers=headers)
    assert r.status_code == 422  # a reason is required
    r = await client.post(
        f"{INTERVIEWS}/{interview['id']}/status", json={"status": "cancelled", "reason": "Withdrew"}, headers=headers
    )
    assert r.json()["status"] == "cancelled"
    cancel = (
        await session.execute(
            select(EmailMessage).where(
                EmailMessage.template_key == "interview_cancelled", EmailMessage.to_address == "ada@example.com"
            )
        )
    ).scalar_one()
    cal = _ics(cancel)
    assert str(cal["METHOD"]) == "CANCEL" and int(cal.walk("VEVENT")[0]["SEQUENCE"]) == 2
    r = await client.post(f"{INTERVIEWS}/{interview['id']}/status", json={"status": "in_progress"}, headers=headers)
    assert r.status_code == 409 and r.json()["allowed"] == []


async def test_interviewers_see_only_their_interviews(client, factory):
    org, headers, ian, app = await ready_for_interview(client, factory)
    interview = (await client.post(INTERVIEWS, json=interview_body(app, ian), headers=headers)).json()
    other = await factory.user(org, "interviewer")
    ian_h, other_h = await factory.login(ian), await factory.login(other)
    assert [i["id"] for i in (await client.get(INTERVIEWS, headers=ian_h)).json()["items"]] == [interview["id"]]
    assert (await client.get(INTERVIEWS, headers=other_h)).json()["items"] == []
    assert (await client.get(f"{INTERVIEWS}/{interview['id']}", headers=other_h)).status_code == 404
    assert (await client.get(f"{INTERVIEWS}/{interview['id']}/resume", headers=other_h)).status_code == 404
    assert (
        await client.get(f"{INTERVIEWS}/{interview['id']}/resume", headers=ian_h)
    ).status_code == 404  # none uploaded
    assert (await client.get(f"{INTERVIEWS}/{interview['id']}", headers=ian_h)).status_code == 200
    assert (
        await client.post(f"{INTERVIEWS}/{interview['id']}/status", json={"status": "in_progress"}, headers=ian_h)
    ).json()["started_at"]


async def test_scorecards_are_blind_until_submitted_and_locked_after(client, factory):
    org, headers, ian, app = await ready_for_interview(client, factory)
    bea = await factory.user(org, "interviewer")
    interview = (
        await client.post(INTERVIEWS, json=interview_body(app, ian, panel_ids=[str(bea.id)]), headers=headers)
    ).json()
    ian_h, bea_h = await factory.login(ian), await factory.login(bea)
    sc = f"{INTERVIEWS}/{interview['id']}/scorecard"

    draft = await client.put(sc, json={"overall_rating": "4.5", "strengths": "Clear thinker"}, headers=ian_h)
    assert draft.status_code == 200 and draft.json()["status"] == "draft"
    assert (await client.put(sc, json={"overall_rating": "4.3"}, headers=ian_h)).status_code == 422  # half steps
    r = await client.post(f"{sc}/submit", json={"overall_rating": "4.5"}, headers=ian_h)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "body.recommendation"
    r = await client.post(
        f"{sc}/submit",
        json={
            "overall_rating": "4.5",
            "recommendation": "strong_hire",
            "ratings": {"technical": "5", "communication": "4"},
        },
        headers=ian_h,
    )
    assert r.status_code == 200 and r.json()["status"] == "submitted"
    assert (
        await client.post(f"{sc}/submit", json={"overall_rating": "3", "recommendation": "hire"}, headers=ian_h)
    ).status_code == 409
    assert (await client.put(sc, json={"overall_rating": "3"}, headers=ian_h)).status_code == 409

    # Bea has not submitted: she sees nothing of Ian's.
    assert (await client.get(f"{INTERVIEWS}/{interview['id']}/scorecards", headers=bea_h)).json() == []
    await client.put(sc, json={"overall_rating": "3", "notes": "unsure"}, headers=bea_h)
    assert [
        c["interviewer_id"]
        for c in (await client.get(f"{INTERVIEWS}/{interview['id']}/scorecards", headers=bea_h)).json()
    ] == [str(bea.id)]
    # The recruiter sees submitted scorecards only (Bea's draft stays hers).
    seen = (await client.get(f"{INTERVIEWS}/{interview['id']}/scorecards", headers=headers)).json()
    assert [c["interviewer_id"] for c in seen] == [str(ian.id)]
    await client.post(f"{sc}/submit", json={"overall_rating": "3", "recommendation": "maybe"}, headers=bea_h)
    assert len((await client.get(f"{INTERVIEWS}/{interview['id']}/scorecards", headers=bea_h)).json()) == 2

    # The recruiter was told; an admin reopens Ian's with a reason.
    inbox = (await client.get("/api/v1/notifications", headers=headers)).json()["items"]
    assert any(n["title"] == "Scorecard submitted: strong hire" for n in inbox)
    _, admin = await factory.user_and_headers(org, "admin")
    card_id = seen[0]["id"]
    assert (
        await client.post(f"{INTERVIEWS}/scorecards/{card_id}/reopen", json={"reason": "x"}, headers=admin)
    ).status_code == 422
    r = await client.post(
        f"{INTERVIEWS}/scorecards/{card_id}/reopen", json={"reason": "Typo in the rating"}, headers=admin
    )
    assert r.json()["status"] == "draft"
    assert (
        await client.put(sc, json={"overall_rating": "4", "recommendation": "hire"}, headers=ian_h)
    ).status_code == 200


async def test_candidate_sees_and_answers_interviews_in_the_portal(client, factory):
    org, headers, ian, app = await ready_for_interview(client, factory, candidate_email="portal@example.com")
    interview = (await client.post(INTERVIEWS, json=interview_body(app, ian), headers=headers)).json()
    # The candidate gets a portal account as if they had applied on the job board.
    from sqlalchemy import update

    from backend.candidates.models import Candidate

    person = await factory.user(org, "candidate", email="portal@example.com")
    await factory.session.execute(
        update(Candidate).where(Candidate.email == "portal@example.com").values(user_id=person.id)
    )
    await factory.session.commit()
    login = await client.post("/api/v1/auth/login", json={"email": "portal@example.com", "password": PASSWORD})
    me = {"Authorization": f"Bearer {login.json()['access_token']}"}
    (mine,) = (await client.get("/api/v1/me/interviews", headers=me)).json()
    assert mine["id"] == interview["id"]
    ics = await client.get(f"/api/v1/me/interviews/{interview['id']}/calendar", headers=me)
    assert ics.headers["content-type"].startswith("text/calendar") and b"BEGIN:VEVENT" in ics.content
    r = await client.post(f"/api/v1/me/interviews/{interview['id']}/respond", json={"response": "declined"}, headers=me)
    assert r.json()["candidate_response"] == "declined"
    inbox = (await client.get("/api/v1/notifications", headers=headers)).json()["items"]
    assert inbox[0]["title"] == "A candidate declined an interview"
    assert (await client.get(f"{INTERVIEWS}/{interview['id']}", headers=me)).status_code == 403


async def test_suggestion_picks_the_least_loaded_free_interviewer(client, factory):
    org, headers, ian, app = await ready_for_interview(client, factory)
    bea = await factory.user(org, "interviewer")
    await client.post(INTERVIEWS, json=interview_body(app, ian), headers=headers)  # Ian: 1 this week, busy 13:00–14:00
    r = await client.get(
        f"{INTERVIEWS}/suggestions",
        params={"starts_at": INTERVIEW_START.isoformat(), "duration_minutes": 60},
        headers=headers,
    )
    suggestion = r.json()
    assert suggestion["suggested"]["user_id"] == str(bea.id) and "fewest interviews" in suggestion["reason"]
    loads = {i["user_id"]: (i["interviews_this_week"], i["free"]) for i in suggestion["interviewers"]}
    assert loads[str(ian.id)] == (1, False) and loads[str(bea.id)] == (0, True)
    later = await client.get(
        f"{INTERVIEWS}/suggestions",
        params={"starts_at": (INTERVIEW_START + timedelta(hours=3)).isoformat()},
        headers=headers,
    )
    assert later.json()["suggested"]["user_id"] == str(bea.id)  # still fewer this week
    naive = await client.get(f"{INTERVIEWS}/suggestions", params={"starts_at": "2026-12-01T13:00:00"}, headers=headers)
    assert naive.status_code == 422


async def test_suggestion_matches_the_skill_asked_for(client, factory):
    org, headers, ian, _ = await ready_for_interview(client, factory)
    bea = await factory.user(org, "interviewer")
    _, admin = await factory.user_and_headers(org, "admin")
    r = await client.patch(f"/api/v1/users/{ian.id}", json={"skills": [" Python ", "system_design"]}, headers=admin)
    assert r.status_code == 200 and r.json()["skills"] == ["python", "system_design"]
    params = {"starts_at": (INTERVIEW_START + timedelta(hours=3)).isoformat(), "skill": "python"}
    suggestion = (await client.get(f"{INTERVIEWS}/suggestions", params=params, headers=headers)).json()
    assert suggestion["suggested"]["user_id"] == str(ian.id) and "among those who assess python" in suggestion["reason"]
    assert [i["user_id"] for i in suggestion["interviewers"]] == [str(ian.id)]
    none = (await client.get(f"{INTERVIEWS}/suggestions", params={**params, "skill": "rust"}, headers=headers)).json()
    assert none["suggested"] is None and none["reason"] == "There is no interviewer with the skill 'rust'."
    assert str(bea.id) in {
        i["user_id"]
        for i in (
            await client.get(f"{INTERVIEWS}/suggestions", params={"starts_at": params["starts_at"]}, headers=headers)
        ).json()["interviewers"]
    }


async def test_conflicts_are_previewed_before_saving(client, factory):
    _, headers, ian, app = await ready_for_interview(client, factory)
    params = {"application_id": app["id"], "starts_at": INTERVIEW_START.isoformat(), "people": [str(ian.id)]}
    assert (await client.get(f"{INTERVIEWS}/conflicts", params=params, headers=headers)).json() == []
    await client.post(INTERVIEWS, json=interview_body(app, ian), headers=headers)
    later = {**params, "starts_at": (INTERVIEW_START + timedelta(minutes=30)).isoformat()}
    clashes = (await client.get(f"{INTERVIEWS}/conflicts", params=later, headers=headers)).json()
    assert len(clashes) == 1 and ian.full_name in clashes[0]["who"] and "Ada Lovelace" in clashes[0]["who"]
    naive = {**params, "starts_at": "2026-12-01T13:00:00"}
    r = await client.get(f"{INTERVIEWS}/conflicts", params=naive, headers=headers)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "query.starts_at"


async def test_scorecard_attributes_come_from_the_round(client, factory):
    org, headers, ian, app = await ready_for_interview(client, factory)
    _, admin = await factory.user_and_headers(org, "admin")
    bad = {"name": "Pairing", "kind": "technical_interview", "config": {"scorecard_attributes": ["Pair coding"]}}
    r = await client.post("/api/v1/round-templates", json=bad, headers=admin)
    assert r.status_code == 422 and r.json()["errors"][0]["field"].startswith("body.config.scorecard_attributes")
    good = {**bad, "config": {"scorecard_attributes": ["pair_coding", "testing"]}}
    template = (await client.post("/api/v1/round-templates", json=good, headers=admin)).json()
    stages = (
        await client.post(
            f"/api/v1/requisitions/{app['requisition_id']}/stages",
            json={"round_template_id": template["id"]},
            headers=headers,
        )
    ).json()
    stage = next(s for s in stages if s["round_template_id"] == template["id"])
    await client.post(f"/api/v1/applications/{app['id']}/move", json={"stage_id": stage["id"]}, headers=headers)
    interview = (await client.post(INTERVIEWS, json=interview_body(app, ian), headers=headers)).json()
    assert interview["scorecard_attributes"] == ["pair_coding", "testing"]
    ian_h = await factory.login(ian)
    r = await client.put(
        f"{INTERVIEWS}/{interview['id']}/scorecard", json={"ratings": {"leadership": 3}}, headers=ian_h
    )
    assert r.status_code == 422 and "pair_coding" in r.json()["errors"][0]["message"]
    r = await client.put(f"{INTERVIEWS}/{interview['id']}/scorecard", json={"ratings": {"testing": 4.5}}, headers=ian_h)
    assert r.status_code == 200 and r.json()["ratings"] == {"testing": "4.5"}


async def test_the_kit_shows_the_candidate_and_earlier_results_to_the_panel_only(client, factory):
    org, headers, ian, app = await ready_for_interview(client, factory)
    grace, outsider = await factory.user(org, "interviewer"), await factory.user(org, "interviewer")
    first = (await client.post(INTERVIEWS, json=interview_body(app, ian), headers=headers)).json()
    await client.post(
        f"{INTERVIEWS}/{first['id']}/scorecard/submit",
        json={"overall_rating": "3.5", "recommendation": "maybe"},
        headers=await factory.login(ian),
    )
    later = (
        await client.post(
            INTERVIEWS, json=interview_body(app, grace, start=INTERVIEW_START + timedelta(days=2)), headers=headers
        )
    ).json()
    r = await client.get(f"{INTERVIEWS}/{later['id']}/candidate", headers=await factory.login(grace))
    assert r.status_code == 200
    ctx = r.json()
    assert ctx["full_name"] == "Ada Lovelace" and ctx["stage_name"]
    assert [(e["interviewer_name"], e["recommendation"]) for e in ctx["earlier"]] == [(ian.full_name, "maybe")]
    assert (await client.get(f"{INTERVIEWS}/{first['id']}/candidate", headers=await factory.login(ian))).json()[
        "earlier"
    ] == []
    outsider_view = await client.get(f"{INTERVIEWS}/{later['id']}/candidate", headers=await factory.login(outsider))
    assert outsider_view.status_code == 404
