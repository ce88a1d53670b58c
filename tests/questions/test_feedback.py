"""Interviewers suggest questions and report problems; admins accept or decline; authors hear back."""

from tests.questions.samples import Q, bank, essay, mcq, question

F = "/api/v1/question-feedback"


async def _inbox(client, headers) -> list[str]:
    return [n["title"] for n in (await client.get("/api/v1/notifications", headers=headers)).json()["items"]]


async def test_a_suggestion_becomes_a_question_and_its_author_is_told(client, factory):
    org = await factory.org()
    _, admin = await factory.user_and_headers(org, "admin")
    _, interviewer = await factory.user_and_headers(org, "interviewer")
    _, recruiter = await factory.user_and_headers(org, "recruiter")
    b = await bank(client, admin, "Step 2 engineer", tags=["step2_engineer"])
    proposal = {k: v for k, v in essay(b["id"]).items() if k != "bank_id"}

    bad = await client.post(
        f"{F}/suggestions", json={"question": {**proposal, "points": 3}, "bank_id": b["id"]}, headers=interviewer
    )
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "body.question.rubric"
    r = await client.post(
        f"{F}/suggestions",
        json={"question": proposal, "bank_id": b["id"], "tags": ["system-design"], "note": "Asked it last week"},
        headers=interviewer,
    )
    assert r.status_code == 201, r.text
    suggestion = r.json()
    assert suggestion["status"] == "open" and suggestion["author_name"] == "Interviewer Person"
    assert "New question suggestion" in await _inbox(client, admin)

    queue = (await client.get(F, headers=admin)).json()["items"]
    assert [s["id"] for s in queue] == [suggestion["id"]]
    mine = (await client.get(f"{F}/mine", headers=interviewer)).json()["items"]
    assert [s["id"] for s in mine] == [suggestion["id"]]
    assert (await client.get(f"{F}/mine", headers=recruiter)).json()["items"] == []
    assert (await client.get(f"{F}/{suggestion['id']}", headers=recruiter)).status_code == 404
    assert (await client.get(f"{F}/{suggestion['id']}", headers=interviewer)).status_code == 200

    accepted = await client.post(f"{F}/{suggestion['id']}/accept", json={"note": "Great one"}, headers=admin)
    assert accepted.status_code == 200, accepted.text
    created = accepted.json()["created_question_id"]
    assert accepted.json()["status"] == "accepted"
    new_q = (await client.get(f"{Q}/{created}", headers=admin)).json()
    assert new_q["bank_id"] == b["id"] and new_q["tags"] == ["system-design"] and new_q["enabled"] is False
    assert "Your question suggestion was accepted" in await _inbox(client, interviewer)
    again = await client.post(f"{F}/{suggestion['id']}/decline", json={"note": "no"}, headers=admin)
    assert again.status_code == 409

    second = (
        await client.post(f"{F}/suggestions", json={"question": {**proposal, "title": "Other"}}, headers=recruiter)
    ).json()
    no_bank = await client.post(f"{F}/{second['id']}/accept", json={}, headers=admin)
    assert no_bank.status_code == 422 and no_bank.json()["errors"][0]["field"] == "body.bank_id"
    assert (await client.post(f"{F}/{second['id']}/decline", json={}, headers=admin)).status_code == 422
    declined = await client.post(f"{F}/{second['id']}/decline", json={"note": "We ask this already."}, headers=admin)
    assert declined.json()["status"] == "declined" and declined.json()["resolution_note"] == "We ask this already."
    assert "Your question suggestion was declined" in await _inbox(client, recruiter)
    audit = (await client.get("/api/v1/audit-logs", params={"entity_type": "question_feedback"}, headers=admin)).json()
    actions = {e["action"] for e in audit["items"]}
    assert {"question_suggestion.created", "question_suggestion.accepted", "question_suggestion.declined"} <= actions


async def test_issue_reports_are_resolved_or_declined(client, factory):
    org = await factory.org()
    _, admin = await factory.user_and_headers(org, "admin")
    _, interviewer = await factory.user_and_headers(org, "interviewer")
    step1 = await bank(client, admin, "Step 1", tags=["step1_technical"])
    step2 = await bank(client, admin, "Step 2", tags=["step2_lead"])
    hidden = await question(client, admin, mcq(step1["id"]))
    visible = await question(client, admin, mcq(step2["id"]))

    body = {"category": "wrong_answer", "message": "O(log n) only holds for sorted input; say so."}
    assert (await client.post(f"{Q}/{hidden['id']}/issue-reports", json=body, headers=interviewer)).status_code == 404
    r = await client.post(f"{Q}/{visible['id']}/issue-reports", json=body, headers=interviewer)
    assert r.status_code == 201, r.text
    report = r.json()
    assert report["question_id"] == visible["id"] and report["version_id"] == visible["version_meta"]["version_id"]
    bad = await client.post(
        f"{Q}/{visible['id']}/issue-reports", json={"category": "meh", "message": "x"}, headers=interviewer
    )
    assert bad.status_code == 422

    issues = (await client.get(F, params={"kind": "issue"}, headers=admin)).json()["items"]
    assert [i["id"] for i in issues] == [report["id"]]
    resolved = await client.post(f"{F}/{report['id']}/accept", json={"note": "Statement fixed."}, headers=admin)
    assert resolved.json()["status"] == "resolved"
    assert (await client.get(F, headers=admin)).json()["items"] == []
    assert [i["id"] for i in (await client.get(F, params={"status": "resolved"}, headers=admin)).json()["items"]] == [
        report["id"]
    ]
    assert "Your question report was resolved" in await _inbox(client, interviewer)
