"""Two organizations: every read and write across them answers 404 and changes nothing."""

from sqlalchemy import select

from backend.api_keys.models import ApiKey
from backend.users.models import User
from tests.documents import PDF_BYTES
from tests.factories import interview_body, ready_for_interview
from tests.questions.samples import bank, mcq, question


async def test_cross_tenant_reads_and_writes_are_404_and_change_nothing(client, factory, session):
    org_a, org_b = await factory.org(name="A"), await factory.org(name="B")
    _, a_headers = await factory.user_and_headers(org_a, "admin")
    _, b_headers = await factory.user_and_headers(org_b, "admin")
    victim = await factory.user(org_b, "recruiter")
    b_key = (
        await client.post("/api/v1/api-keys", json={"name": "b", "scopes": ["users:read"]}, headers=b_headers)
    ).json()

    attempts = [
        ("GET", f"/api/v1/users/{victim.id}", None),
        ("PATCH", f"/api/v1/users/{victim.id}", {"full_name": "Pwned", "role": "admin"}),
        ("POST", f"/api/v1/users/{victim.id}/deactivate", None),
        ("POST", f"/api/v1/users/{victim.id}/reactivate", None),
        ("POST", f"/api/v1/users/{victim.id}/reset-password", {"password": "attacker-pass-1"}),
        ("POST", f"/api/v1/api-keys/{b_key['id']}/revoke", None),
    ]
    for method, url, body in attempts:
        r = await client.request(method, url, json=body, headers=a_headers)
        assert r.status_code == 404, (method, url, r.status_code)
        assert r.headers["content-type"] == "application/problem+json"

    await session.refresh(victim)
    assert victim.full_name == "Recruiter Person" and victim.role == "recruiter" and victim.is_active
    key = (await session.execute(select(ApiKey).where(ApiKey.id == b_key["id"]))).scalar_one()
    assert key.revoked_at is None

    listed = (await client.get("/api/v1/users", params={"limit": 100}, headers=a_headers)).json()
    assert all(u["organization_id"] == str(org_a.id) for u in listed["items"])
    audit = (await client.get("/api/v1/audit-logs", params={"limit": 100}, headers=a_headers)).json()
    assert all(e["organization_id"] == str(org_a.id) for e in audit["items"])
    keys = (await client.get("/api/v1/api-keys", headers=a_headers)).json()
    assert b_key["id"] not in [k["id"] for k in keys["items"]]

    # B's integrator key sees only B.
    b_key_headers = {"Authorization": f"Bearer {b_key['key']}"}
    only_b = (await client.get("/api/v1/users", params={"limit": 100}, headers=b_key_headers)).json()
    assert {u["organization_id"] for u in only_b["items"]} == {str(org_b.id)}
    ids = {u.id for u in (await session.execute(select(User).where(User.organization_id == org_a.id))).scalars()}
    assert not ids & {u["id"] for u in only_b["items"]}


async def test_an_address_used_in_another_organization_is_a_separate_account(client, factory, session):
    # Accounts are per organization: B neither learns that A has this address (no 409) nor touches A's account.
    org_a, org_b = await factory.org(), await factory.org()
    existing = await factory.user(org_a, "recruiter")
    _, b_headers = await factory.user_and_headers(org_b, "admin")
    body = {"email": existing.email, "full_name": "Clone", "role": "recruiter", "password": "long-enough-9"}
    r = await client.post("/api/v1/users", json=body, headers=b_headers)
    assert r.status_code == 201 and r.json()["organization_id"] == str(org_b.id)
    await session.refresh(existing)
    assert existing.full_name != "Clone" and existing.organization_id == org_a.id


async def test_requisitions_of_another_organization_are_404_and_unchanged(client, factory, session):
    org_a, org_b = await factory.org(), await factory.org()
    _, a = await factory.user_and_headers(org_a, "admin")
    _, b = await factory.user_and_headers(org_b, "recruiter")
    req = (await client.post("/api/v1/requisitions", json={"title": "B's job", "description": "x"}, headers=b)).json()
    stage = req["stages"][0]["id"]
    base = f"/api/v1/requisitions/{req['id']}"
    attempts = [
        ("GET", base, None),
        ("PATCH", base, {"title": "Hijacked"}),
        ("POST", f"{base}/status", {"status": "open"}),
        ("POST", f"{base}/stages", {"name": "x", "kind": "review"}),
        ("PUT", f"{base}/stages/order", {"stage_ids": [s["id"] for s in req["stages"]]}),
        ("DELETE", f"{base}/stages/{stage}", None),
    ]
    for method, url, body in attempts:
        r = await client.request(method, url, json=body, headers=a)
        assert r.status_code == 404, (method, url, r.status_code)
    after = (await client.get(base, headers=b)).json()
    assert after["title"] == "B's job" and after["status"] == "draft" and len(after["stages"]) == 4
    assert (await client.get("/api/v1/requisitions", headers=a)).json()["items"] == []
    templates_b = (await client.get("/api/v1/round-templates", headers=b)).json()
    r = await client.put(
        f"/api/v1/round-templates/{templates_b[0]['id']}", json={"name": "x", "kind": "review"}, headers=a
    )
    assert r.status_code == 404


async def test_candidates_and_applications_of_another_organization_are_404(client, factory):
    org_a, org_b = await factory.org(), await factory.org()
    _, a = await factory.user_and_headers(org_a, "admin")
    _, b = await factory.user_and_headers(org_b, "recruiter")
    cand = (
        await client.post(
            "/api/v1/candidates", json={"first_name": "B", "last_name": "Person", "email": "b@example.com"}, headers=b
        )
    ).json()
    await client.post(
        f"/api/v1/candidates/{cand['id']}/resume", files={"file": ("cv.pdf", PDF_BYTES, "application/pdf")}, headers=b
    )
    req = (await client.post("/api/v1/requisitions", json={"title": "B job", "description": "x"}, headers=b)).json()
    await client.post(f"/api/v1/requisitions/{req['id']}/status", json={"status": "open"}, headers=b)
    app = (
        await client.post(
            "/api/v1/applications", json={"candidate_id": cand["id"], "requisition_id": req["id"]}, headers=b
        )
    ).json()
    mine = (
        await client.post(
            "/api/v1/candidates", json={"first_name": "A", "last_name": "Person", "email": "a@example.com"}, headers=a
        )
    ).json()
    c, ap = f"/api/v1/candidates/{cand['id']}", f"/api/v1/applications/{app['id']}"
    attempts = [
        ("GET", c, None),
        ("PATCH", c, {"first_name": "Hijacked"}),
        ("GET", f"{c}/resume", None),
        ("GET", f"{c}/duplicates", None),
        ("POST", f"/api/v1/candidates/{mine['id']}/merge", {"duplicate_id": cand["id"]}),
        ("GET", ap, None),
        ("POST", f"{ap}/move", {"stage_id": req["stages"][1]["id"]}),
        ("POST", f"{ap}/hold", {}),
        ("POST", f"{ap}/notes", {"body": "x"}),
        ("GET", f"/api/v1/requisitions/{req['id']}/board", None),
    ]
    for method, url, body in attempts:
        r = await client.request(method, url, json=body, headers=a)
        assert r.status_code in (404, 422), (method, url, r.status_code)  # 422: the unknown id named on its field
        assert r.status_code == 404 or r.json()["errors"][0]["field"] == "body.duplicate_id"
    r = await client.post(
        "/api/v1/applications", json={"candidate_id": cand["id"], "requisition_id": req["id"]}, headers=a
    )
    assert r.status_code == 422
    assert (await client.get("/api/v1/applications", headers=a)).json()["items"] == []
    assert (await client.get("/api/v1/candidates", params={"q": "b@example"}, headers=a)).json()["items"] == []
    counts = await client.get("/api/v1/applications/stage-counts", params={"requisition_id": [req["id"]]}, headers=a)
    assert counts.json() == {req["id"]: {}}
    after = (await client.get(ap, headers=b)).json()
    assert after["status"] == "active" and after["stage_id"] == req["stages"][0]["id"] and after["notes"] == []


async def test_interviews_of_another_organization_are_404(client, factory):
    _, b_headers, ian, app = await ready_for_interview(client, factory)
    interview = (await client.post("/api/v1/interviews", json=interview_body(app, ian), headers=b_headers)).json()
    other = await factory.org()
    _, a = await factory.user_and_headers(other, "admin")
    base = f"/api/v1/interviews/{interview['id']}"
    for method, url, payload in [
        ("GET", base, None),
        ("POST", f"{base}/status", {"status": "cancelled", "reason": "x"}),
        ("POST", f"{base}/reschedule", {"starts_at": "2026-12-09T10:00:00Z", "reason": "x"}),
        ("GET", f"{base}/scorecards", None),
        ("GET", f"{base}/candidate", None),
        ("PUT", f"{base}/scorecard", {}),
    ]:
        r = await client.request(method, url, json=payload, headers=a)
        assert r.status_code == 404, (method, url, r.status_code)
    assert (await client.get("/api/v1/interviews", headers=a)).json()["items"] == []
    r = await client.post("/api/v1/interviews", json=interview_body(app, ian), headers=a)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "body.application_id"  # unknown here


async def test_decisions_of_another_organization_are_404(client, factory):
    _, _, ian, app = await ready_for_interview(client, factory)
    other = await factory.org()
    _, a = await factory.user_and_headers(other, "admin")
    base = f"/api/v1/applications/{app['id']}"
    for method, url, payload in [
        ("GET", f"{base}/feedback", None),
        ("GET", f"{base}/step2", None),
        ("POST", f"{base}/step2/decision", {"decision": "reject", "reason": "x"}),
        ("GET", f"{base}/step3", None),
        ("POST", f"{base}/offer", {"salary": "1000", "start_date": "2027-01-04"}),
        ("POST", f"{base}/override", {"action": "reject", "reason": "cross-tenant"}),
    ]:
        r = await client.request(method, url, json=payload, headers=a)
        assert r.status_code == 404, (method, url, r.status_code)
    r = await client.get(
        "/api/v1/interviews/conflicts",
        params={"application_id": app["id"], "starts_at": "2026-12-09T10:00:00Z", "people": [str(ian.id)]},
        headers=a,
    )
    assert r.status_code == 404
    assert (await client.get("/api/v1/decisions/awaiting-final", headers=a)).json() == []


async def test_code_runs_and_language_choices_of_another_organization_are_out_of_reach(client, factory):
    org_a, org_b = await factory.org(), await factory.org()
    _, a = await factory.user_and_headers(org_a, "admin")
    _, b = await factory.user_and_headers(org_b, "admin")
    body = {"language": "python3", "source": "print(1)"}
    run = (await client.post("/api/v1/execution/runs", json=body, headers=b)).json()
    r = await client.get(f"/api/v1/execution/runs/{run['id']}", headers=a)
    assert r.status_code == 404 and r.headers["content-type"] == "application/problem+json"
    assert (await client.get(f"/api/v1/execution/runs/{run['id']}", headers=b)).status_code == 200

    assert (await client.patch("/api/v1/languages/python3", json={"enabled": False}, headers=a)).status_code == 200
    theirs = {i["key"]: i["enabled"] for i in (await client.get("/api/v1/languages", headers=b)).json()["items"]}
    assert theirs["python3"] is True
    r = await client.post("/api/v1/execution/runs", json=body, headers=a)
    assert r.status_code == 422  # A switched Python off for itself only
    assert (await client.post("/api/v1/execution/runs", json=body, headers=b)).status_code == 202


async def test_question_banks_of_another_organization_are_404_and_unchanged(client, factory):
    org_a, org_b = await factory.org(), await factory.org()
    _, a = await factory.user_and_headers(org_a, "admin")
    _, b = await factory.user_and_headers(org_b, "admin")
    _, b_interviewer = await factory.user_and_headers(org_b, "interviewer")
    b_bank = await bank(client, b, "B's bank", tags=["step2_lead"])
    b_q = await question(client, b, mcq(b_bank["id"]))
    b_backup = (await client.post("/api/v1/question-backups", json={}, headers=b)).json()
    b_issue = (
        await client.post(
            f"/api/v1/questions/{b_q['id']}/issue-reports",
            json={"category": "typo", "message": "x"},
            headers=b_interviewer,
        )
    ).json()
    q_url, bank_url = f"/api/v1/questions/{b_q['id']}", f"/api/v1/question-banks/{b_bank['id']}"
    attempts = [
        ("GET", bank_url, None),
        ("PATCH", bank_url, {"name": "Hijacked"}),
        ("DELETE", bank_url, None),
        ("GET", q_url, None),
        ("PUT", q_url, {k: v for k, v in mcq("x", title="Hijacked").items() if k not in ("bank_id", "tags")}),
        ("PATCH", q_url, {"enabled": False}),
        ("DELETE", q_url, None),
        ("GET", f"{q_url}/versions", None),
        ("GET", f"{q_url}/versions/{b_q['version_meta']['version_id']}", None),
        ("GET", f"{q_url}/candidate-preview", None),
        ("POST", f"{q_url}/issue-reports", {"category": "typo", "message": "x"}),
        ("GET", f"/api/v1/question-backups/{b_backup['id']}/download", None),
        ("GET", f"/api/v1/question-feedback/{b_issue['id']}", None),
        ("POST", f"/api/v1/question-feedback/{b_issue['id']}/accept", {"note": "x"}),
        ("POST", f"/api/v1/question-feedback/{b_issue['id']}/decline", {"note": "x"}),
    ]
    for method, url, body in attempts:
        r = await client.request(method, url, json=body, headers=a)
        assert r.status_code == 404, (method, url, r.status_code)
    # Ids of B's rows inside A's request bodies are unknown fields (422), never a way in.
    a_bank = await bank(client, a, "A's bank")
    assert (await client.post("/api/v1/questions", json=mcq(b_bank["id"]), headers=a)).status_code == 422
    bulk = {"question_ids": [b_q["id"]], "action": "move", "bank_id": a_bank["id"]}
    assert (await client.post("/api/v1/questions/bulk", json=bulk, headers=a)).status_code == 422
    assert (
        await client.get("/api/v1/question-banks/export", params={"bank_id": b_bank["id"]}, headers=a)
    ).status_code == 422
    doc = b'{"format": "interviewflow.questions", "version": 1, "banks": [{"name": "x", "questions": []}]}'
    imported = await client.post(
        "/api/v1/question-banks/import",
        params={"bank_id": b_bank["id"]},
        files={"file": ("x.json", doc, "application/json")},
        headers=a,
    )
    assert imported.status_code == 422
    for url in ("/api/v1/questions", "/api/v1/question-backups", "/api/v1/question-feedback"):
        assert (await client.get(url, headers=a)).json()["items"] == [], url
    assert [x["name"] for x in (await client.get("/api/v1/question-banks", headers=a)).json()["items"]] == ["A's bank"]
    assert (await client.get("/api/v1/question-banks/stats", headers=a)).json()["total"] == 0
    exported = (await client.get("/api/v1/question-banks/export", headers=a)).json()
    assert [x["name"] for x in exported["banks"]] == ["A's bank"]

    after = (await client.get(q_url, headers=b)).json()
    assert after["title"] == b_q["title"] and after["enabled"] is True
    assert (await client.get(bank_url, headers=b)).json()["name"] == "B's bank"
    assert (await client.get(f"/api/v1/question-feedback/{b_issue['id']}", headers=b)).json()["status"] == "open"


async def test_assessments_links_and_results_of_another_organization_are_404_and_unchanged(client, factory, session):
    from backend.test_sessions.models import TestSession
    from tests.assessments.helpers import PLAYER, by_type, setup_hiring

    b = await setup_hiring(client, factory, session, kinds=("mcq_single", "essay"))
    ada = await b.apply("Ada")
    player, state = await b.start(ada["candidate"]["email"])
    await client.post(f"{PLAYER}/session/submit", headers=player)
    session_id = state["session_id"]
    inv_id, app_id = ada["invitation"]["id"], ada["application"]["id"]
    assessment, req = b.assessment["id"], b.requisition["id"]
    stage = b.stage_ids[0]
    essay = by_type(state)["essay"]
    question = b.questions["mcq_single"]["id"]

    org_a = await factory.org()
    _, a = await factory.user_and_headers(org_a, "admin")
    _, a_candidate = await factory.user_and_headers(org_a, "candidate")
    attempts = [
        ("GET", f"/api/v1/assessments/{assessment}", None),
        (
            "PUT",
            f"/api/v1/assessments/{assessment}",
            {
                "name": "x",
                "duration_minutes": 10,
                "sections": [{"title": "x", "kind": "fixed", "question_ids": [question]}],
            },
        ),
        ("DELETE", f"/api/v1/assessments/{assessment}", None),
        ("GET", f"/api/v1/assessments/{assessment}/preview", None),
        ("GET", f"/api/v1/requisitions/{req}/assessments", None),
        ("PUT", f"/api/v1/requisitions/{req}/stages/{stage}/assessment", {"assessment_id": None}),
        ("GET", f"/api/v1/invitations/{inv_id}", None),
        ("GET", f"/api/v1/invitations/{inv_id}/access-log", None),
        ("POST", f"/api/v1/invitations/{inv_id}/extend", {"days": 3}),
        ("POST", f"/api/v1/invitations/{inv_id}/resend", None),
        ("POST", f"/api/v1/invitations/{inv_id}/revoke", {}),
        ("POST", f"/api/v1/invitations/{inv_id}/regenerate", {}),
        ("PUT", f"/api/v1/invitations/{inv_id}/accommodation", {"extra_time_percent": 50}),
        ("GET", f"/api/v1/applications/{app_id}/test-sessions", None),
        ("GET", f"/api/v1/test-sessions/{session_id}", None),
        (
            "POST",
            f"/api/v1/test-sessions/{session_id}/answers/{essay}/grade",
            {"criteria": [{"index": 0, "points": 1}, {"index": 1, "points": 1}]},
        ),
        ("POST", f"/api/v1/test-sessions/{session_id}/answers/{essay}/rerun", None),
        ("POST", f"/api/v1/test-sessions/{session_id}/answers/{essay}/review", {"mark": "reject"}),
        ("POST", f"/api/v1/step1-reviews/{session_id}/decision", {"decision": "reject", "note": "x"}),
        ("POST", f"/api/v1/questions/{question}/verify", None),
    ]
    for method, url, body in attempts:
        r = await client.request(method, url, json=body, headers=a)
        assert r.status_code == 404, (method, url, r.status_code, r.text)
    # Ids in bodies are resolved in the caller's organization: 422 naming the field.
    r = await client.post("/api/v1/invitations", json={"application_id": app_id}, headers=a)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "body.application_id"
    r = await client.post(
        "/api/v1/assessments",
        json={
            "name": "Mine",
            "duration_minutes": 30,
            "sections": [{"title": "x", "kind": "fixed", "question_ids": [question]}],
        },
        headers=a,
    )
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "body.sections.0.question_ids.0"
    r = await client.post(f"/api/v1/me/assessments/{inv_id}/player-token", headers=a_candidate)
    assert r.status_code == 404
    for url in ("/api/v1/invitations", "/api/v1/assessments", "/api/v1/grading/queue", "/api/v1/step1-reviews"):
        assert (await client.get(url, headers=a)).json()["items"] == [], url

    s = (await session.execute(select(TestSession).where(TestSession.id == session_id))).scalar_one()
    assert s.review_status is None and s.reviewed_by_id is None
    inv = (await client.get(f"/api/v1/invitations/{inv_id}", headers=b.recruiter)).json()
    assert inv["status"] == "completed" and inv["extra_time_percent"] is None
    assert (await client.get(f"/api/v1/assessments/{assessment}", headers=b.recruiter)).json()["archived_at"] is None


async def test_proctoring_of_another_organization_is_404_and_a_candidate_reaches_only_their_own(
    client, factory, session
):
    from tests.assessments.helpers import PLAYER, setup_hiring
    from tests.proctoring.helpers import EVENTS, event

    b = await setup_hiring(client, factory, session, kinds=("mcq_single",))
    ada = await b.apply("Ada")
    player, state = await b.start(ada["candidate"]["email"])
    r = await client.post(
        EVENTS, json={"events": [event(1, "right_click"), event(2, "devtools_suspected")]}, headers=player
    )
    assert r.status_code == 200
    sid = state["session_id"]
    flagged = next(
        e["id"]
        for e in (await client.get(f"/api/v1/proctoring/sessions/{sid}", headers=b.recruiter)).json()["events"]
        if e["review_status"] == "pending"
    )
    # Another candidate of the same organization, with a session of their own, never reaches Ada's.
    bob = await b.apply("Bob")
    bob_player, bob_state = await b.start(bob["candidate"]["email"])
    await client.post(EVENTS, json={"events": [event(1)]}, headers=bob_player)
    await client.post(f"{PLAYER}/session/submit", headers=bob_player)
    log = (await client.get(f"{PLAYER}/session/integrity", headers=bob_player)).json()
    assert log["session_id"] == bob_state["session_id"] and len(log["events"]) == 1
    r = await client.get(f"{PLAYER}/session/integrity/snapshots/{flagged}", headers=bob_player)
    assert r.status_code == 404
    r = await client.post(
        f"{PLAYER}/session/integrity/explanations", json={"event_id": flagged, "text": "not mine"}, headers=bob_player
    )
    assert r.status_code == 404

    org_a = await factory.org()
    _, a_recruiter = await factory.user_and_headers(org_a, "recruiter")
    for method, url, body in [
        ("GET", f"/api/v1/proctoring/sessions/{sid}", None),
        ("GET", f"/api/v1/proctoring/sessions/{sid}/summary", None),
        ("GET", f"/api/v1/proctoring/sessions/{sid}/snapshots/{flagged}", None),
        ("POST", f"/api/v1/proctoring/sessions/{sid}/events/{flagged}/review", {"decision": "confirmed", "note": "x"}),
        ("POST", f"/api/v1/proctoring/sessions/{sid}/verdict", {"verdict": "violation", "note": "x"}),
    ]:
        r = await client.request(method, url, json=body, headers=a_recruiter)
        assert r.status_code == 404, (method, url, r.status_code)
    assert (await client.get("/api/v1/proctoring/live", headers=a_recruiter)).json() == []
    assert (await client.get("/api/v1/proctoring/queue", headers=a_recruiter)).json()["items"] == []
    review = (await client.get(f"/api/v1/proctoring/sessions/{sid}", headers=b.recruiter)).json()
    assert all(e["review_status"] != "confirmed" for e in review["events"]) and review["summary"]["verdict"] is None
