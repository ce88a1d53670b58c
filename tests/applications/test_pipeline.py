from sqlalchemy import select

from backend.email.models import EmailMessage
from tests.factories import make_application, make_candidate, open_requisition

C, R, A = "/api/v1/candidates", "/api/v1/requisitions", "/api/v1/applications"


async def setup(client, factory, **req_fields):
    """A recruiter's organization with a hiring manager, whose open requisition Ada applied to."""
    org = await factory.org()
    _recruiter, headers = await factory.user_and_headers(org, "recruiter")
    hm = await factory.user(org, "hiring_manager")
    req = await open_requisition(client, headers, description="Build.", hiring_manager_id=str(hm.id), **req_fields)
    cand = await make_candidate(client, headers)
    return org, headers, hm, req, cand, await make_application(client, headers, cand, req)


async def test_a_candidate_moves_through_the_pipeline_to_hired_and_fills_the_requisition(client, factory, session):
    _org, headers, hm, req, cand, app = await setup(client, factory)
    stages = [s["id"] for s in req["stages"]]
    assert app["stage_id"] == stages[0] and app["status"] == "active"
    assert [e["kind"] for e in app["events"]] == ["applied"]
    assert (
        await client.post(A, json={"candidate_id": cand["id"], "requisition_id": req["id"]}, headers=headers)
    ).status_code == 409

    hire = await client.post(f"{A}/{app['id']}/hire", json={}, headers=headers)
    assert hire.status_code == 409 and "offer stage" in hire.json()["detail"]
    for stage in stages[1:]:
        r = await client.post(f"{A}/{app['id']}/move", json={"stage_id": stage, "reason": "Strong"}, headers=headers)
        assert r.status_code == 200 and r.json()["stage_id"] == stage
    r = await client.post(f"{A}/{app['id']}/hire", json={"reason": "Offer accepted"}, headers=headers)
    assert r.status_code == 200 and r.json()["status"] == "hired"
    assert [e["kind"] for e in r.json()["events"]] == ["applied", "moved", "moved", "moved", "hired"]
    req_after = (await client.get(f"{R}/{req['id']}", headers=headers)).json()
    assert req_after["positions_filled"] == 1 and req_after["status"] == "filled"

    advanced = (
        (
            await session.execute(
                select(EmailMessage).where(
                    EmailMessage.to_address == "ada@example.com", EmailMessage.template_key == "stage_advanced"
                )
            )
        )
        .scalars()
        .all()
    )
    assert len(advanced) == 3
    hm_headers = await factory.login(hm)
    inbox = (await client.get("/api/v1/notifications", headers=hm_headers)).json()["items"]
    assert inbox[0]["title"] == "New application: Engineer"


async def test_invalid_moves_are_refused_with_the_reason(client, factory):
    _, headers, _, req, _, app = await setup(client, factory)
    other = (await client.post(R, json={"title": "Other", "description": "x"}, headers=headers)).json()
    r = await client.post(f"{A}/{app['id']}/move", json={"stage_id": other["stages"][1]["id"]}, headers=headers)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "body.stage_id"
    await client.post(f"{A}/{app['id']}/hold", json={"reason": "Waiting for visa"}, headers=headers)
    r = await client.post(f"{A}/{app['id']}/move", json={"stage_id": req["stages"][1]["id"]}, headers=headers)
    assert r.status_code == 409 and "on hold" in r.json()["detail"]
    assert (await client.post(f"{A}/{app['id']}/hire", json={}, headers=headers)).status_code == 409
    assert (await client.post(f"{A}/{app['id']}/resume", json={}, headers=headers)).json()["status"] == "active"


async def test_reject_with_a_managed_reason_and_email_then_reconsider(client, factory, session):
    _, headers, _, _, _, app = await setup(client, factory)
    reasons = (await client.get("/api/v1/rejection-reasons", headers=headers)).json()
    assert reasons[-1]["label"] == "Other"
    bad = await client.post(f"{A}/{app['id']}/reject", json={"reason_id": app["id"]}, headers=headers)
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "body.reason_id"
    r = await client.post(
        f"{A}/{app['id']}/reject",
        json={"reason_id": reasons[0]["id"], "note": "Maybe next year", "send_email": True},
        headers=headers,
    )
    assert r.json()["status"] == "rejected" and r.json()["events"][-1]["reason"].endswith("Maybe next year")
    emails = (
        (await session.execute(select(EmailMessage.template_key).where(EmailMessage.to_address == "ada@example.com")))
        .scalars()
        .all()
    )
    assert "application_rejected" in emails
    assert (await client.post(f"{A}/{app['id']}/resume", json={}, headers=headers)).json()["status"] == "active"


async def test_bulk_is_all_or_nothing(client, factory):
    _, headers, _, req, _, app = await setup(client, factory)
    grace = (
        await client.post(
            C, json={"first_name": "Grace", "last_name": "Hopper", "email": "g@example.com"}, headers=headers
        )
    ).json()
    app2 = (
        await client.post(A, json={"candidate_id": grace["id"], "requisition_id": req["id"]}, headers=headers)
    ).json()
    await client.post(f"{A}/{app2['id']}/hold", json={}, headers=headers)
    body = {"application_ids": [app["id"], app2["id"]], "action": "move", "stage_id": req["stages"][1]["id"]}
    r = await client.post(f"{A}/bulk", json=body, headers=headers)
    assert r.status_code == 409 and app2["id"] in r.json()["detail"]
    assert (await client.get(f"{A}/{app['id']}", headers=headers)).json()["stage_id"] == req["stages"][0]["id"]
    await client.post(f"{A}/{app2['id']}/resume", json={}, headers=headers)
    assert (await client.post(f"{A}/bulk", json=body, headers=headers)).json() == {"updated": 2}
    assert (await client.post(f"{A}/bulk", json={**body, "stage_id": None}, headers=headers)).status_code == 422


async def test_board_columns_counts_and_cards(client, factory):
    _, headers, _, req, _, app = await setup(client, factory)
    await client.post(
        f"{A}/{app['id']}/notes", json={"body": "Salary ask is high", "type": "red_flag"}, headers=headers
    )
    board = (await client.get(f"{R}/{req['id']}/board", headers=headers)).json()
    first = board["columns"][0]
    assert next(c["name"] for c in board["columns"]) == "Step 1 — Online assessment"
    assert first["count"] == 1 and first["cards"][0]["candidate_name"] == "Ada Lovelace"
    assert first["cards"][0]["red_flags"] == 1 and first["cards"][0]["days_in_stage"] == 0
    assert board["counts_by_status"] == {"active": 1}


async def test_notes_private_team_and_edit_window(client, factory, session):
    _org, headers, hm, _, _, app = await setup(client, factory)
    private = (
        await client.post(
            f"{A}/{app['id']}/notes", json={"body": "Mine only", "visibility": "private"}, headers=headers
        )
    ).json()
    team = (
        await client.post(f"{A}/{app['id']}/notes", json={"body": "Everyone", "type": "follow_up"}, headers=headers)
    ).json()
    assert team["editable"] is True
    hm_headers = await factory.login(hm)
    seen = [n["body"] for n in (await client.get(f"{A}/{app['id']}", headers=hm_headers)).json()["notes"]]
    assert seen == ["Everyone"]
    assert (
        await client.patch(f"{A}/{app['id']}/notes/{private['id']}", json={"body": "x"}, headers=hm_headers)
    ).status_code == 404
    assert (
        await client.patch(f"{A}/{app['id']}/notes/{team['id']}", json={"body": "x"}, headers=hm_headers)
    ).status_code == 403
    r = await client.patch(f"{A}/{app['id']}/notes/{team['id']}", json={"body": "Everyone, edited"}, headers=headers)
    assert r.status_code == 200 and r.json()["edited_at"]
    from sqlalchemy import text

    await session.execute(text("UPDATE application_notes SET created_at = now() - interval '16 minutes'"))
    await session.commit()
    late = await client.patch(f"{A}/{app['id']}/notes/{team['id']}", json={"body": "too late"}, headers=headers)
    assert late.status_code == 409


async def test_hiring_manager_sees_only_applications_of_their_requisitions(client, factory):
    _org, headers, hm, _, _, app = await setup(client, factory)
    other_req = (await client.post(R, json={"title": "Not HM's", "description": "x"}, headers=headers)).json()
    await client.post(f"{R}/{other_req['id']}/status", json={"status": "open"}, headers=headers)
    grace = (
        await client.post(C, json={"first_name": "Grace", "last_name": "H", "email": "g@example.com"}, headers=headers)
    ).json()
    hidden = (
        await client.post(A, json={"candidate_id": grace["id"], "requisition_id": other_req["id"]}, headers=headers)
    ).json()
    hm_headers = await factory.login(hm)
    listed = (await client.get(A, headers=hm_headers)).json()["items"]
    assert [a["id"] for a in listed] == [app["id"]]
    assert (await client.get(f"{A}/{hidden['id']}", headers=hm_headers)).status_code == 404
    assert (await client.post(f"{A}/{hidden['id']}/hold", json={}, headers=hm_headers)).status_code == 404


async def test_stage_counts_for_the_requisitions_list(client, factory):
    _, headers, _, req, _, _app = await setup(client, factory)
    r = await client.get(f"{A}/stage-counts", params={"requisition_id": [req["id"]]}, headers=headers)
    assert r.json() == {req["id"]: {req["stages"][0]["id"]: 1}}
    assert (await client.get(f"{A}/stage-counts", headers=headers)).status_code == 422


async def test_a_stage_with_candidates_cannot_be_removed(client, factory):
    _, headers, _, req, _, app = await setup(client, factory)
    r = await client.delete(f"{R}/{req['id']}/stages/{app['stage_id']}", headers=headers)
    assert r.status_code == 409 and "Move the candidates out" in r.json()["detail"]
    assert len((await client.get(f"{R}/{req['id']}", headers=headers)).json()["stages"]) == 4
    empty = req["stages"][2]["id"]
    assert len((await client.delete(f"{R}/{req['id']}/stages/{empty}", headers=headers)).json()) == 3
