"""A candidate takes a test through the player API, as the SPA does: sign in with the link, read the rules, start,
answer (autosave), navigate, submit; multiple choice is graded at once, the essay waits for a person, and the
Step-1 rule decides when the last grade lands."""

from sqlalchemy import select

from backend.test_sessions.models import TestAnswer, TestSession
from tests.assessments.helpers import PLAYER, by_type, setup_hiring
from tests.questions.samples import SECRET


async def test_a_candidate_takes_the_test_and_the_step1_rule_decides(client, factory, session):
    h = await setup_hiring(client, factory, session, kinds=("mcq_single", "mcq_multi", "essay"))
    ada = await h.apply("Ada")
    assert ada["invitation"]["status"] == "pending" and ada["invitation"]["username"] == "ada_1234"
    email = ada["candidate"]["email"]

    _token, username, code = await h.secrets(email)
    r = await client.post(f"{PLAYER}/sign-in", json={"username": username, "access_code": code.lower()})
    assert r.status_code == 200, r.text
    overview = r.json()["overview"]
    assert overview["status"] == "not_started" and overview["question_count"] == 3
    assert overview["time_allowed_minutes"] == 60 and overview["session"] is None

    player, state = await h.start(email)
    assert state["status"] == "in_progress" and len(state["items"]) == 3
    assert sorted(state["unanswered"]) == [0, 1, 2]
    positions = by_type(state)

    # The question as the candidate sees it: no answers, no rubric, no secrets.
    q = (await client.get(f"{PLAYER}/session/questions/{positions['essay']}", headers=player)).json()
    assert SECRET not in str(q) and "rubric" not in q["question"]

    mcq = (await client.get(f"{PLAYER}/session/questions/{positions['mcq_single']}", headers=player)).json()
    right = next(o["id"] for o in mcq["question"]["options"] if o["text"] == "O(log n)")
    save = lambda pos, rev, answer: client.put(  # noqa: E731
        f"{PLAYER}/session/answers/{pos}", json={"revision": rev, "answer": answer}, headers=player
    )
    r = await save(positions["mcq_single"], 1, {"type": "choice", "choice_ids": [right]})
    assert r.status_code == 200 and r.json()["applied"] and r.json()["revision"] == 1
    # multi: tuple (a) and list (b, wrong) → (1 - 1) / 2 = 0 … then the candidate fixes it: tuple only → 1/2.
    assert (await save(positions["mcq_multi"], 1, {"type": "choice", "choice_ids": ["a", "b"]})).json()["applied"]
    assert (await save(positions["mcq_multi"], 2, {"type": "choice", "choice_ids": ["a"]})).json()["applied"]
    stale = (await save(positions["mcq_multi"], 1, {"type": "choice", "choice_ids": ["b"]})).json()
    assert stale == {**stale, "applied": False, "revision": 2}
    essay_text = "Token bucket per key.\n\tShared counters in Redis.  "
    assert (await save(positions["essay"], 1, {"type": "text", "text": essay_text})).json()["applied"]
    wrong_kind = await save(positions["essay"], 2, {"type": "choice", "choice_ids": ["a"]})
    assert wrong_kind.status_code == 422

    r = await client.post(f"{PLAYER}/session/navigate", json={"position": positions["essay"]}, headers=player)
    assert r.status_code == 200 and r.json()["current_position"] == positions["essay"]
    state = (await client.get(f"{PLAYER}/session", headers=player)).json()
    assert state["unanswered"] == [] and state["current_position"] == positions["essay"]

    submitted = await client.post(f"{PLAYER}/session/submit", headers=player)
    assert submitted.status_code == 200, submitted.text
    assert submitted.json()["status"] == "submitted" and submitted.json()["grading_status"] == "awaiting_grader"
    again = await client.post(f"{PLAYER}/session/submit", headers=player)
    assert again.status_code == 200 and again.json()["status"] == "submitted"
    late = await save(positions["essay"], 9, {"type": "text", "text": "late"})
    assert late.status_code == 409 and late.json()["type"].endswith("/test-closed")

    s = (
        await session.execute(select(TestSession).where(TestSession.invitation_id == ada["invitation"]["id"]))
    ).scalar_one()
    answers = {
        a.question_type: a
        for a in (await session.execute(select(TestAnswer).where(TestAnswer.session_id == s.id))).scalars()
    }
    assert answers["essay"].answer["text"] == essay_text  # kept exactly as typed
    assert float(answers["mcq_single"].score) == 2 and float(answers["mcq_multi"].score) == 1.5
    assert answers["essay"].needs_grader

    # The recruiter grades the essay: the session is fully graded (2 + 1.5 + 9 of 15 = 83.33 %) and advances.
    r = await client.post(
        f"/api/v1/test-sessions/{s.id}/answers/{positions['essay']}/grade",
        json={"criteria": [{"index": 0, "points": 4}, {"index": 1, "points": 5}], "comment": "Solid."},
        headers=h.recruiter,
    )
    assert r.status_code == 200, r.text
    results = r.json()
    assert results["grading_status"] == "graded" and float(results["score"]) == 83.33
    assert results["decision"] == "advance"
    app = (await client.get(f"/api/v1/applications/{ada['application']['id']}", headers=h.recruiter)).json()
    assert app["stage_id"] == h.stage_ids[1] and float(app["score"]) > 0

    state = (await client.get(f"{PLAYER}/session", headers=player)).json()
    assert float(state["result"]["score"]) == 83.33  # released after grading
