"""The Step-1 rule (PRODUCT.md §2, seed 004), and the manual review of the scores in between.

With the assessment's thresholds (else the organization's `settings.thresholds`):

* score ≥ `auto_advance` → the application moves to the next stage (the candidate is emailed);
* `manual_review` ≤ score < `auto_advance` → a person decides, from the Step-1 review queue
  (`decisions:step1_review`); their decision and note go on the application's timeline;
* score < `manual_review` → the application is rejected, with the rejection email.

The rule acts on the stage the invitation was sent for: an application that has moved on meanwhile (or a test
sent outside an assessment stage) keeps its place, and the decision is recorded as `none`. Integrity signals
(proctoring) never decide on their own."""

import uuid
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any, Literal

from sqlalchemy import SQLColumnExpression
from sqlalchemy.ext.asyncio import AsyncSession

from backend.applications.automation import advance_automatically, application_facts, reject_automatically
from backend.applications.service import ApplicationService, ensure_rejection_reasons
from backend.assessments.service import get_assessment, thresholds_of
from backend.audit import service as audit
from backend.auth.principal import Principal
from backend.errors import Conflict, NotFound
from backend.invitations import notices
from backend.invitations import service as invitations
from backend.kit.pagination import PageParams, paginate
from backend.test_sessions.models import TestSession
from backend.test_sessions.repository import SessionRepository
from backend.test_sessions.schemas import Step1ReviewDecision

Outcome = Literal["advance", "manual_review", "reject"]
RULE = "Step-1 rule"
SORTABLE: dict[str, SQLColumnExpression[Any]] = {"graded_at": TestSession.graded_at}


def step1_outcome(score: float, auto_advance: float, manual_review: float) -> Outcome:
    if score >= auto_advance:
        return "advance"
    if score >= manual_review:
        return "manual_review"
    return "reject"


def _pct(value: float | Decimal) -> str:
    return f"{float(value):g} %"


async def decide(session: AsyncSession, s: TestSession) -> None:
    """Apply the rule to a freshly graded session (once)."""
    org = s.organization_id
    a = await get_assessment(session, org, s.assessment_id)
    assert a is not None and s.score is not None
    t = await thresholds_of(session, a)
    s.auto_advance, s.manual_review = Decimal(str(t.auto_advance)), Decimal(str(t.manual_review))
    outcome = step1_outcome(float(s.score), t.auto_advance, t.manual_review)
    inv = await invitations.for_player(session, org, s.invitation_id)
    assert inv is not None
    reason = f"Step 1 score {_pct(s.score)} (advance from {_pct(t.auto_advance)}, review from {_pct(t.manual_review)})"
    decision: str = "none"
    if inv.stage_id is not None:
        if outcome == "advance":
            moved = await advance_automatically(
                session, org, s.application_id, from_stage_id=inv.stage_id, reason=reason, actor_label=RULE
            )
            decision = "advance" if moved else "none"
        elif outcome == "reject":
            done = await reject_automatically(
                session, org, s.application_id, from_stage_id=inv.stage_id, reason=reason, actor_label=RULE
            )
            decision = "reject" if done else "none"
        else:
            facts = await application_facts(session, org, s.application_id)
            if facts is not None and facts.status == "active" and facts.stage_id == inv.stage_id:
                decision, s.review_status = "manual_review", "pending"
    s.decision, s.decided_at = decision, datetime.now(UTC)
    await audit.record(
        session,
        None,
        "test_session.step1_decided",
        "test_session",
        s.id,
        organization_id=org,
        actor_label=RULE,
        after={"score": s.score, "outcome": outcome, "decision": decision},
    )
    told = {
        "advance": "advanced to the next stage",
        "reject": "rejected (the candidate was emailed)",
        "manual_review": "waiting for your review",
        "none": "no automatic move (the application is no longer in that stage)",
    }[decision]
    await notices.tell_owner(
        session,
        inv,
        f"{inv.candidate_name} scored {_pct(s.score)} on {a.name}",
        f"Step 1: {told}.",
        priority="high" if decision == "manual_review" else "normal",
    )


class Step1Reviews:
    """The manual-review queue: sessions in the band between the thresholds, waiting for a person."""

    def __init__(self, session: AsyncSession, principal: Principal) -> None:
        assert principal.organization_id is not None
        self.session = session
        self.principal = principal
        self.organization_id: uuid.UUID = principal.organization_id
        self.repo = SessionRepository(session, principal.organization_id)

    async def queue(self, params: PageParams) -> tuple[list[TestSession], str | None, int | None]:
        return await paginate(
            self.session,
            self.repo.review_queue(),
            sortable=SORTABLE,
            id_column=TestSession.id,
            params=params,
            default_sort="graded_at",
        )

    async def decide(self, session_id: uuid.UUID, data: Step1ReviewDecision) -> TestSession:
        s = await self.repo.locked(session_id)
        if s is None:
            raise NotFound("Test session not found.")
        if s.review_status != "pending":
            raise Conflict("This result is not waiting for a review (decided already, or outside the review band).")
        inv = await invitations.for_player(self.session, self.organization_id, s.invitation_id)
        assert inv is not None
        applications = ApplicationService(self.session, self.principal)
        app, _req, stages = await applications.load(s.application_id)
        if app.status != "active" or app.stage_id != inv.stage_id:
            raise Conflict("The application has moved on since the test; decide from its own page.")
        note = f"Step-1 review: {data.decision} ({_pct(s.score or 0)}) — {data.note}"
        if data.decision == "advance":
            current = next(st for st in stages if st.id == app.stage_id)
            later = [st for st in stages if st.position > current.position]
            if not later:
                raise Conflict("The application is already in the last stage.")
            await applications.move(app.id, later[0].id, note)
        else:
            await ensure_rejection_reasons(self.session, self.organization_id)
            reason_id = await applications.reason_id("Skills do not match the role")
            await applications.change_status(app.id, "rejected", note, reason_id, True)
        s.review_status = "advanced" if data.decision == "advance" else "rejected"
        s.reviewed_by_id = self.principal.id if self.principal.kind == "user" else None
        s.reviewed_at, s.review_note = datetime.now(UTC), data.note
        await audit.record(
            self.session,
            self.principal,
            "decision.step1_review",
            "test_session",
            s.id,
            organization_id=self.organization_id,
            after={"decision": data.decision, "note": data.note, "score": s.score, "application_id": app.id},
        )
        return s
