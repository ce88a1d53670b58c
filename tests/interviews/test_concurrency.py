"""Races decided in the database: two bookings of one slot, two submits of one scorecard."""

import asyncio
from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import func, select

from backend.applications.schemas import ApplicationCreate
from backend.applications.service import ApplicationService
from backend.auth.principal import Principal
from backend.candidates.schemas import CandidateCreate
from backend.candidates.service import CandidateService
from backend.errors import Conflict
from backend.interviews.models import Interview, Scorecard
from backend.interviews.scheduling import SchedulingService
from backend.interviews.schemas import InterviewCreate, ScorecardWrite
from backend.interviews.scorecards import ScorecardService
from backend.requisitions.schemas import RequisitionCreate
from backend.requisitions.service import RequisitionService
from tests.committed import committed_org


async def _applications(real_db, actor, org, names):
    async with real_db.sessionmaker() as session, session.begin():
        reqs = RequisitionService(session, actor)
        req, _ = await reqs.create(RequisitionCreate(title="Engineer", description="x"))
        await reqs.change_status(req.id, "open", None)
        apps = []
        for name in names:
            cand = await CandidateService(session, actor).create(
                CandidateCreate(first_name=name, last_name="X", email=f"{name}-{org.slug}@example.com")
            )
            apps.append(
                await ApplicationService(session, actor).create(
                    ApplicationCreate(candidate_id=cand.id, requisition_id=req.id)
                )
            )
    return apps


async def test_simultaneous_bookings_give_one_interview_and_one_conflict(real_db):
    org, users = await committed_org(real_db, "recruiter", "interviewer")
    rec = users["recruiter"]
    actor = Principal.of_user(rec.id, org.id, rec.role, rec.email)
    apps = await _applications(real_db, actor, org, ("ada", "grace"))

    slot = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)

    async def book(application_id) -> str:
        async with real_db.sessionmaker() as session:
            try:
                async with session.begin():
                    await SchedulingService(session, actor).schedule(
                        InterviewCreate(
                            application_id=application_id,
                            starts_at=slot,
                            duration_minutes=60,
                            lead_interviewer_id=users["interviewer"].id,
                        )
                    )
                    await asyncio.sleep(0.2)  # hold the transaction open while the other one tries
                return "booked"
            except Conflict:
                return "conflict"

    results = await asyncio.gather(book(apps[0].id), book(apps[1].id))
    assert sorted(results) == ["booked", "conflict"]
    async with real_db.sessionmaker() as session:
        count = (await session.execute(select(func.count()).where(Interview.organization_id == org.id))).scalar_one()
    assert count == 1


async def test_two_simultaneous_submits_of_one_scorecard_give_one_scorecard_and_one_conflict(real_db):
    org, users = await committed_org(real_db, "recruiter", "interviewer")
    rec, ian = users["recruiter"], users["interviewer"]
    actor = Principal.of_user(rec.id, org.id, rec.role, rec.email)
    panelist = Principal.of_user(ian.id, org.id, ian.role, ian.email)
    [app] = await _applications(real_db, actor, org, ("ada",))
    async with real_db.sessionmaker() as session, session.begin():
        interview = await SchedulingService(session, actor).schedule(
            InterviewCreate(
                application_id=app.id, starts_at=datetime(2026, 12, 4, 9, 0, tzinfo=UTC), lead_interviewer_id=ian.id
            )
        )
    card = ScorecardWrite(overall_rating=Decimal(4), recommendation="hire")

    async def submit() -> str:
        async with real_db.sessionmaker() as session:
            try:
                async with session.begin():
                    await ScorecardService(session, panelist).submit(interview.id, card)
                    await asyncio.sleep(0.2)
                return "submitted"
            except Conflict:
                return "conflict"

    assert sorted(await asyncio.gather(submit(), submit())) == ["conflict", "submitted"]
    async with real_db.sessionmaker() as session:
        rows = (await session.execute(select(Scorecard).where(Scorecard.interview_id == interview.id))).scalars().all()
    assert [r.status for r in rows] == ["submitted"]
