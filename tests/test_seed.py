"""The demo organization a newcomer meets after `make run`: every screen has data, and seeding twice adds nothing."""

from sqlalchemy import func, select

from backend.applications.models import Application
from backend.candidates.models import Candidate
from backend.decisions.models import ExecutiveDecision, Offer
from backend.interviews.models import Interview, Scorecard
from backend.seed import DEMO_PASSWORD, seed_demo


async def _counts(session):
    return [
        (await session.execute(select(func.count()).select_from(model))).scalar_one()
        for model in (Application, Interview, Scorecard, ExecutiveDecision, Offer)
    ]


async def test_the_demo_has_every_stage_of_the_loop_and_seeds_once(session, client):
    await seed_demo(session)
    await session.commit()
    first = await _counts(session)
    await seed_demo(session)
    await session.commit()
    assert await _counts(session) == first
    login = await client.post("/api/v1/auth/login", json={"email": "cto@acme.example.com", "password": DEMO_PASSWORD})
    cto = {"Authorization": f"Bearer {login.json()['access_token']}"}
    waiting = (await client.get("/api/v1/decisions/awaiting-final", headers=cto)).json()
    ada = next(w for w in waiting if w["candidate_name"] == "Ada Lovelace")
    assert ada["decided_seats"] == ["ceo"] and ada["step2_overall"] == 4.25
    step3 = (await client.get(f"/api/v1/applications/{ada['application_id']}/step3", headers=cto)).json()
    assert step3["my_seat"] == "cto" and step3["outcome"] == "pending"

    admin_login = {"email": "admin@acme.example.com", "password": DEMO_PASSWORD}
    login = await client.post("/api/v1/auth/login", json=admin_login)
    admin = {"Authorization": f"Bearer {login.json()['access_token']}"}
    stats = (await client.get("/api/v1/question-banks/stats", headers=admin)).json()
    assert stats["by_type"]["mcq_single"] + stats["by_type"]["mcq_multi"] >= 40
    assert stats["by_type"]["coding"] >= 8 and stats["by_type"]["essay"] >= 4
    assert all(stats["by_step"][step] > 0 for step in stats["by_step"])


async def test_the_demo_step1_assessment_has_takers_and_a_test_for_cameron(session, client):
    from backend.seed import demo_test_invitation
    from backend.test_sessions.models import TestSession

    await seed_demo(session)
    await session.commit()
    rows = (
        await session.execute(
            select(Candidate.first_name, TestSession.grading_status, TestSession.decision, TestSession.score).join(
                Candidate, Candidate.id == TestSession.candidate_id
            )
        )
    ).all()
    by_name = {r.first_name: r for r in rows}
    # Without a worker, code waits in the queue: only those with no code to run are graded already.
    assert by_name["Jonas"].grading_status == "graded" and by_name["Jonas"].decision == "reject"
    assert float(by_name["Jonas"].score) < 50
    assert by_name["Aisha"].grading_status == "awaiting_grader"
    assert {by_name[n].grading_status for n in ("Priya", "Tomás", "Mei")} == {"grading"}
    text = await demo_test_invitation(session)
    assert text is not None and "/t/" in text and "cameron_" in text
    token = text.split("/t/")[1].split()[0]
    r = await client.post("/api/v1/player/sign-in", json={"token": token})
    assert r.status_code == 200, r.text
    assert r.json()["overview"]["assessment_name"] == "Step 1 — Backend"
    # The question lists show how often each question was served, without waiting for a worker's recount.
    from backend.organizations.models import Organization
    from backend.questions.models import Question, QuestionVersion
    from backend.seed import _STEP1_TAKERS, DEMO_ORG_SLUG

    demo = select(Organization.id).where(Organization.slug == DEMO_ORG_SLUG).scalar_subquery()
    served = select(func.max(Question.times_served)).where(Question.organization_id == demo)
    assert (await session.execute(served)).scalar_one() == len(_STEP1_TAKERS)
    last = select(func.max(QuestionVersion.last_served_at)).where(QuestionVersion.organization_id == demo)
    assert (await session.execute(last)).scalar_one() is not None


async def test_the_demo_has_proctoring_to_review(session, client):
    await seed_demo(session)
    login = await client.post(
        "/api/v1/auth/login", json={"email": "recruiter@acme.example.com", "password": DEMO_PASSWORD}
    )
    recruiter = {"Authorization": f"Bearer {login.json()['access_token']}"}
    queue = (await client.get("/api/v1/proctoring/queue", headers=recruiter)).json()["items"]
    assert {i["tier"] for i in queue} == {"medium", "high"}
    reviews = []
    for item in queue:
        r = await client.get(f"/api/v1/proctoring/sessions/{item['session_id']}", headers=recruiter)
        reviews.append(r.json())
    assert any(r["similarity"] and r["summary"]["multiple_faces"] == 1 for r in reviews)
    assert any(e["candidate_note"] for r in reviews for e in r["events"])  # an appeal
    assert len((await client.get("/api/v1/proctoring/live", headers=recruiter)).json()) == 1
