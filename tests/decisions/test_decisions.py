from sqlalchemy import select, update

from backend.email.models import EmailMessage
from backend.users.models import User
from tests.factories import INTERVIEWS, interview_body, ready_for_interview

A = "/api/v1/applications"


async def panel_with_scores(client, factory, scores):
    org, headers, ian, app = await ready_for_interview(client, factory)
    await _to_stage(client, headers, app, "technical_interview")
    others = [await factory.user(org, "interviewer") for _ in scores[1:]]
    interview = (
        await client.post(
            INTERVIEWS, json=interview_body(app, ian, panel_ids=[str(u.id) for u in others]), headers=headers
        )
    ).json()
    for person, (rating, recommendation) in zip([ian, *others], scores, strict=True):
        if rating is not None:
            r = await client.post(
                f"{INTERVIEWS}/{interview['id']}/scorecard/submit",
                json={"overall_rating": rating, "recommendation": recommendation},
                headers=await factory.login(person),
            )
            assert r.status_code == 200, r.text
    return org, headers, app


async def test_step2_advances_when_the_mean_clears_the_bar_and_nobody_says_no_hire(client, factory):
    _, headers, app = await panel_with_scores(client, factory, [("4", "hire"), ("3.5", "hire")])
    summary = (await client.get(f"{A}/{app['id']}/step2", headers=headers)).json()
    assert summary["overall"] == 3.75 and summary["outcome"] == "advance" and summary["pending"] == 0
    r = await client.post(f"{A}/{app['id']}/step2/decision", json={"decision": "advance"}, headers=headers)
    assert r.status_code == 200
    moved = (await client.get(f"{A}/{app['id']}", headers=headers)).json()
    assert moved["stage_name"] == "Step 3 — Executive interview"
    assert moved["events"][-1]["reason"].startswith("Step 2 decision: advance")
    again = await client.post(f"{A}/{app['id']}/step2/decision", json={"decision": "advance"}, headers=headers)
    assert again.status_code == 409 and "technical-interview stage" in again.json()["detail"]


async def test_a_no_hire_rejects_and_an_override_needs_a_reason(client, factory):
    _, headers, app = await panel_with_scores(client, factory, [("5", "strong_hire"), ("4", "no_hire")])
    assert (await client.get(f"{A}/{app['id']}/step2", headers=headers)).json()["outcome"] == "reject"
    r = await client.post(f"{A}/{app['id']}/step2/decision", json={"decision": "advance"}, headers=headers)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "body.reason"
    r = await client.post(
        f"{A}/{app['id']}/step2/decision",
        json={"decision": "advance", "reason": "No-hire was about team fit; CTO will judge"},
        headers=headers,
    )
    assert r.status_code == 200
    audit = await client.get("/api/v1/audit-logs", params={"action": "decision.step2"}, headers=headers)
    assert audit.status_code == 403  # recruiters do not read the audit log; the event is on the timeline
    events = (await client.get(f"{A}/{app['id']}", headers=headers)).json()["events"]
    assert "override" in events[-1]["reason"]


async def test_step2_waits_for_every_scorecard(client, factory):
    _, headers, app = await panel_with_scores(client, factory, [("4", "hire"), (None, None)])
    summary = (await client.get(f"{A}/{app['id']}/step2", headers=headers)).json()
    assert summary["outcome"] == "pending" and summary["pending"] == 1
    assert (
        await client.post(f"{A}/{app['id']}/step2/decision", json={"decision": "advance"}, headers=headers)
    ).status_code == 409


async def test_step3_weighs_both_seats_then_an_accepted_offer_hires(client, factory, session):
    org, headers, _, app = await ready_for_interview(client, factory)
    cto, ceo, other = [await factory.user(org, "executive") for _ in range(3)]
    await session.execute(update(User).where(User.id == cto.id).values(executive_seat="cto"))
    await session.execute(update(User).where(User.id == ceo.id).values(executive_seat="ceo"))
    await session.commit()
    url = f"{A}/{app['id']}/step3"
    r = await client.post(url, json={"score": "80", "decision": "approve"}, headers=await factory.login(cto))
    assert r.json()["outcome"] == "pending" and r.json()["require_both"] is True
    assert (
        await client.post(url, json={"score": "90", "decision": "approve"}, headers=await factory.login(cto))
    ).status_code == 409
    assert (
        await client.post(url, json={"score": "90", "decision": "approve"}, headers=await factory.login(other))
    ).status_code == 403
    assert (
        await client.post(
            f"{A}/{app['id']}/offer", json={"salary": "100000", "start_date": "2027-01-04"}, headers=headers
        )
    ).status_code == 409
    r = await client.post(url, json={"score": "70", "decision": "approve"}, headers=await factory.login(ceo))
    assert r.json()["outcome"] == "hire" and r.json()["final_score"] == 75.0

    offer = (
        await client.post(
            f"{A}/{app['id']}/offer",
            json={"salary": "100000", "currency": "EUR", "start_date": "2027-01-04"},
            headers=headers,
        )
    ).json()
    assert offer["status"] == "draft"
    refused = await client.post(f"/api/v1/offers/{offer['id']}/status", json={"status": "accepted"}, headers=headers)
    assert refused.status_code == 409 and refused.json()["type"].endswith("/invalid-transition")
    assert refused.json()["allowed"] == ["sent"]
    await client.post(f"/api/v1/offers/{offer['id']}/status", json={"status": "sent"}, headers=headers)
    mail = (
        await session.execute(
            select(EmailMessage).where(
                EmailMessage.organization_id == org.id, EmailMessage.template_key == "decision_made"
            )
        )
    ).scalar_one()
    assert "100,000 EUR" in mail.body_text and "4 January 2027" in mail.body_text
    r = await client.post(f"/api/v1/offers/{offer['id']}/status", json={"status": "accepted"}, headers=headers)
    assert r.json()["status"] == "accepted"
    hired = (await client.get(f"{A}/{app['id']}", headers=headers)).json()
    assert hired["status"] == "hired" and hired["stage_name"] == "Offer"


async def _seats(factory, session, org):
    cto, ceo = [await factory.user(org, "executive") for _ in range(2)]
    await session.execute(update(User).where(User.id == cto.id).values(executive_seat="cto"))
    await session.execute(update(User).where(User.id == ceo.id).values(executive_seat="ceo"))
    await session.commit()
    return await factory.login(cto), await factory.login(ceo)


async def _to_stage(client, headers, app, kind):
    req = (await client.get(f"/api/v1/requisitions/{app['requisition_id']}", headers=headers)).json()
    stage = next(s for s in req["stages"] if s["kind"] == kind)
    r = await client.post(f"{A}/{app['id']}/move", json={"stage_id": stage["id"]}, headers=headers)
    assert r.status_code == 200, r.text
    return stage


async def test_a_final_rejection_rejects_and_emails_the_candidate(client, factory, session):
    org, headers, _, app = await ready_for_interview(client, factory)
    await _to_stage(client, headers, app, "executive_interview")
    cto, _ceo = await _seats(factory, session, org)
    exec_headers = cto
    waiting = (await client.get("/api/v1/decisions/awaiting-final", headers=exec_headers)).json()
    assert [w["application_id"] for w in waiting] == [app["id"]] and waiting[0]["decided_seats"] == []
    r = await client.post(f"{A}/{app['id']}/step3", json={"score": "35", "decision": "reject"}, headers=cto)
    assert r.json()["outcome"] == "reject" and r.json()["my_seat"] == "cto"
    after = (await client.get(f"{A}/{app['id']}", headers=headers)).json()
    assert after["status"] == "rejected" and "Final decision: reject" in after["events"][-1]["reason"]
    keys = (
        await session.execute(select(EmailMessage.template_key).where(EmailMessage.organization_id == org.id))
    ).scalars()
    assert "application_rejected" in set(keys)
    assert (await client.get("/api/v1/decisions/awaiting-final", headers=exec_headers)).json() == []


async def test_a_final_hire_moves_to_the_offer_stage_and_tells_the_recruiter(client, factory, session):
    org, headers, _, app = await ready_for_interview(client, factory)
    await _to_stage(client, headers, app, "executive_interview")
    cto, ceo = await _seats(factory, session, org)
    await client.post(f"{A}/{app['id']}/step3", json={"score": "90", "decision": "approve"}, headers=cto)
    waiting = (await client.get("/api/v1/decisions/awaiting-final", headers=ceo)).json()
    assert waiting[0]["decided_seats"] == ["cto"]
    await client.post(f"{A}/{app['id']}/step3", json={"score": "80", "decision": "approve"}, headers=ceo)
    after = (await client.get(f"{A}/{app['id']}", headers=headers)).json()
    assert after["stage_name"] == "Offer" and after["status"] == "active"
    inbox = (await client.get("/api/v1/notifications", headers=headers)).json()["items"]
    assert any(n["title"] == "Final decision: hire" for n in inbox)
    offer = (
        await client.post(
            f"{A}/{app['id']}/offer", json={"salary": "90000", "start_date": "2027-02-01"}, headers=headers
        )
    ).json()
    assert (await client.get(f"{A}/{app['id']}/step3", headers=headers)).json()["offer"]["id"] == offer["id"]


async def test_feedback_lists_every_panelist_and_hides_drafts(client, factory):
    org, headers, ian, app = await ready_for_interview(client, factory)
    other = await factory.user(org, "interviewer")
    interview = (
        await client.post(INTERVIEWS, json=interview_body(app, ian, panel_ids=[str(other.id)]), headers=headers)
    ).json()
    ian_h = await factory.login(ian)
    await client.put(f"{INTERVIEWS}/{interview['id']}/scorecard", json={"notes": "secret draft"}, headers=ian_h)
    await client.post(
        f"{INTERVIEWS}/{interview['id']}/scorecard/submit",
        json={"overall_rating": "4.5", "recommendation": "strong_hire", "strengths": "Clear"},
        headers=await factory.login(other),
    )
    rows = (await client.get(f"{A}/{app['id']}/feedback", headers=headers)).json()
    by_status = {r["status"]: r for r in rows}
    assert set(by_status) == {"draft", "submitted"}
    assert by_status["draft"]["notes"] == "" and by_status["draft"]["overall_rating"] is None
    assert by_status["submitted"]["strengths"] == "Clear" and by_status["submitted"]["interviewer_name"]
    assert by_status["draft"]["scorecard_id"] is None and by_status["submitted"]["scorecard_id"]
    board = (await client.get(f"/api/v1/requisitions/{app['requisition_id']}/board", headers=headers)).json()
    [card] = [c for col in board["columns"] for c in col["cards"]]
    assert card["recommendations"] == ["strong_hire"] and card["scorecards_pending"] == 1


async def test_admin_override_needs_a_reason_and_shows_on_the_timeline(client, factory, session):
    org, _, _, app = await ready_for_interview(client, factory)
    _, admin = await factory.user_and_headers(org, "admin")
    url = f"{A}/{app['id']}/override"
    r = await client.post(url, json={"action": "reject"}, headers=admin)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "body.reason"
    r = await client.post(url, json={"action": "move", "reason": "Fast-track"}, headers=admin)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "body.stage_id"
    assert (
        await client.post(url, json={"action": "reject", "reason": "Failed reference check"}, headers=admin)
    ).status_code == 204
    assert (
        await client.post(url, json={"action": "hire", "reason": "Board approved"}, headers=admin)
    ).status_code == 204
    after = (await client.get(f"{A}/{app['id']}", headers=admin)).json()
    assert after["status"] == "hired" and after["stage_name"] == "Offer"
    reasons = [e["reason"] for e in after["events"]]
    assert "Override: Board approved" in reasons and any("Failed reference check" in (x or "") for x in reasons)
    log = (await client.get("/api/v1/audit-logs", params={"action": "decision.override"}, headers=admin)).json()
    assert [e["after"]["action"] for e in log["items"]] == ["hire", "reject"]
