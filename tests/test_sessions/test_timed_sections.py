"""A section with its own time limit: its clock starts when the candidate first opens it (not at the start of the
test), it keeps running when they leave it, and once it runs out its answers can no longer change while the rest
of the test goes on. The player warns before opening such a section with exactly these rules."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import update

from backend.test_sessions.models import TestAnswer
from tests.assessments.helpers import PLAYER, by_type, setup_hiring


async def _timed(client, factory, session):
    h = await setup_hiring(client, factory, session, kinds=("mcq_single", "essay"))
    r = await client.put(
        f"/api/v1/assessments/{h.assessment['id']}",
        json={
            "name": h.assessment["name"],
            "duration_minutes": 60,
            "sections": [
                {"title": "Warm-up", "kind": "fixed", "question_ids": [h.questions["mcq_single"]["id"]]},
                {
                    "title": "Writing",
                    "kind": "fixed",
                    "question_ids": [h.questions["essay"]["id"]],
                    "time_limit_minutes": 20,
                },
            ],
        },
        headers=h.recruiter,
    )
    assert r.status_code == 200, r.text
    ada = await h.apply("Ada")
    return await h.start(ada["candidate"]["email"])


async def test_a_timed_section_opens_when_first_shown_and_closes_on_its_own(client, factory, session):
    player, state = await _timed(client, factory, session)
    essay = by_type(state)["essay"]
    writing = state["sections"][1]
    assert writing["time_limit_minutes"] == 20 and writing["opened_at"] is None and writing["closes_at"] is None
    save = lambda rev, text: client.put(  # noqa: E731
        f"{PLAYER}/session/answers/{essay}",
        json={"revision": rev, "answer": {"type": "text", "text": text}},
        headers=player,
    )

    # Not opened yet: nothing can be written there (its clock has not started).
    r = await save(1, "Too early")
    assert r.status_code == 409 and r.json()["type"].endswith("/section-not-open")

    # Opening it starts its own clock: 20 minutes from now, before the test's deadline.
    r = await client.post(f"{PLAYER}/session/navigate", json={"position": essay}, headers=player)
    assert r.status_code == 200, r.text
    closes = datetime.fromisoformat(r.json()["section_closes_at"])
    opened = (await client.get(f"{PLAYER}/session", headers=player)).json()["sections"][1]
    assert datetime.fromisoformat(opened["closes_at"]) == closes
    assert closes - datetime.fromisoformat(opened["opened_at"]) == timedelta(minutes=20)
    assert (await save(1, "In time")).json()["applied"]

    # Leaving and coming back does not restart it.
    await client.post(f"{PLAYER}/session/navigate", json={"position": by_type(state)["mcq_single"]}, headers=player)
    again = await client.post(f"{PLAYER}/session/navigate", json={"position": essay}, headers=player)
    assert datetime.fromisoformat(again.json()["section_closes_at"]) == closes

    # The section's time runs out (moved into the past here rather than waited for): its answers are closed with a
    # problem that says so, while the rest of the test is still open.
    await session.execute(
        update(TestAnswer)
        .where(TestAnswer.position == essay, TestAnswer.question_type == "essay")
        .values(closes_at=datetime.now(UTC) - timedelta(seconds=1))
    )
    r = await save(2, "Too late")
    assert r.status_code == 409, r.text
    assert r.json()["type"].endswith("/section-closed") and "other sections stay open" in r.json()["detail"]
    q = (await client.get(f"{PLAYER}/session/questions/{essay}", headers=player)).json()
    assert q["answer"]["text"] == "In time" and q["revision"] == 1
    mcq = by_type(state)["mcq_single"]
    r = await client.put(
        f"{PLAYER}/session/answers/{mcq}",
        json={"revision": 1, "answer": {"type": "choice", "choice_ids": []}},
        headers=player,
    )
    assert r.status_code == 200 and r.json()["applied"]
