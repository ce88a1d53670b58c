"""The integrity summary next to a test on other screens (results, the interview kit): the people who reach the
test's results read its tier, reasons and verdict with it, interviewers of the candidate included; nobody else."""

from datetime import UTC, datetime, timedelta

from tests.assessments.helpers import PLAYER, setup_hiring
from tests.proctoring.helpers import EVENTS, event


async def test_the_candidates_interviewers_read_the_integrity_summary_and_verdict(client, factory, session):
    h = await setup_hiring(client, factory, session, kinds=("mcq_single",))
    r = await client.patch(
        "/api/v1/organization/settings",
        json={"proctoring": {"severity_rules": [{"type": "right_click", "measure": "count", "medium": 1}]}},
        headers=h.admin,
    )
    assert r.status_code == 200, r.text
    ada = await h.apply("Ada")
    player, state = await h.start(ada["candidate"]["email"])
    sid = state["session_id"]
    batch = [event(1, "right_click"), event(2, "focus_lost", duration_ms=20_000)]
    assert (await client.post(EVENTS, json={"events": batch}, headers=player)).status_code == 200
    # An interviewer on the candidate's panel (scheduled while the test runs: the kit lists it once done).
    ian, ian_h = await factory.user_and_headers(h.org, "interviewer")
    _, other_h = await factory.user_and_headers(h.org, "interviewer")
    app_id = ada["application"]["id"]
    starts = (datetime.now(UTC) + timedelta(days=3)).replace(microsecond=0).isoformat()
    r = await client.post(
        "/api/v1/interviews",
        json={"application_id": app_id, "starts_at": starts, "lead_interviewer_id": str(ian.id)},
        headers=h.recruiter,
    )
    assert r.status_code == 201, r.text
    assert (await client.post(f"{PLAYER}/session/submit", headers=player)).status_code == 200
    review = (await client.get(f"/api/v1/proctoring/sessions/{sid}", headers=h.recruiter)).json()
    flagged = next(e["id"] for e in review["events"] if e["review_status"] == "pending")
    r = await client.post(
        f"/api/v1/proctoring/sessions/{sid}/events/{flagged}/review",
        json={"decision": "confirmed", "note": "Right-clicked during the test."},
        headers=h.recruiter,
    )
    assert r.status_code == 200, r.text
    verdict = {"verdict": "concern", "note": "Worth a question in the interview."}
    r = await client.post(f"/api/v1/proctoring/sessions/{sid}/verdict", json=verdict, headers=h.recruiter)
    assert r.status_code == 200, r.text

    # The interviewer may not open the integrity review itself (`proctoring:monitor`) …
    assert (await client.get(f"/api/v1/proctoring/sessions/{sid}/summary", headers=ian_h)).status_code == 403
    # … but reads the compact summary where they read the results.
    listed = await client.get(f"/api/v1/applications/{app_id}/test-sessions", headers=ian_h)
    assert listed.status_code == 200, listed.text
    integrity = listed.json()[0]["integrity"]
    assert integrity["tier"] == review["summary"]["tier"] != "none"
    assert integrity["reasons"] == review["summary"]["reasons"] and integrity["reasons"]
    assert integrity["verdict"] == "concern" and integrity["verdict_note"] == verdict["note"]
    assert integrity["pending_reviews"] == 0
    results = (await client.get(f"/api/v1/test-sessions/{sid}", headers=ian_h)).json()
    assert results["integrity"] == integrity
    # Someone else's interviewer reaches neither.
    assert (await client.get(f"/api/v1/applications/{app_id}/test-sessions", headers=other_h)).status_code == 404
    assert (await client.get(f"/api/v1/test-sessions/{sid}", headers=other_h)).status_code == 404


async def test_a_test_with_nothing_recorded_shows_no_risk(client, factory, session):
    h = await setup_hiring(client, factory, session, kinds=("mcq_single",))
    ada = await h.apply("Ada")
    _, state = await h.start(ada["candidate"]["email"])
    listed = await client.get(f"/api/v1/applications/{ada['application']['id']}/test-sessions", headers=h.recruiter)
    assert listed.json()[0]["id"] == state["session_id"]
    assert listed.json()[0]["integrity"] == {
        "tier": "none",
        "reasons": [],
        "pending_reviews": 0,
        "verdict": None,
        "verdict_note": None,
    }
