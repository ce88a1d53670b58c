"""Step 2 (technical panel) and Step 3 (executives) decisions, and the offer that follows (PRODUCT.md §2)."""

import uuid
from typing import Literal

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from backend.applications.service import ApplicationService, ensure_rejection_reasons
from backend.audit import service as audit
from backend.auth.principal import Principal
from backend.decisions.models import ExecutiveDecision, Offer
from backend.decisions.schemas import (
    ExecutiveDecisionRead,
    ExecutiveInput,
    OfferCreate,
    PanelScore,
    Step2Summary,
    Step3Summary,
)
from backend.errors import Conflict, Forbidden, NotFound, ValidationFailed
from backend.interviews.repository import application_scorecards
from backend.organizations.service import effective_settings, organization_profile
from backend.organizations.settings_schema import OrganizationSettings
from backend.users.models import User

STEP2_TYPES = ("technical", "system_design", "behavioral")
OFFER_MOVES = {"draft": {"sent"}, "sent": {"accepted", "declined"}, "accepted": set(), "declined": set()}


class DecisionService:
    def __init__(self, session: AsyncSession, principal: Principal) -> None:
        assert principal.organization_id is not None
        self.session = session
        self.principal = principal
        self.organization_id: uuid.UUID = principal.organization_id
        self.applications = ApplicationService(session, principal)

    async def _settings(self) -> OrganizationSettings:
        org = await organization_profile(self.session, self.organization_id)
        assert org is not None
        return effective_settings(org)

    # --- Step 2 -------------------------------------------------------------------------------------------
    async def step2(self, application_id: uuid.UUID) -> Step2Summary:
        await self.applications.load(application_id)
        settings = await self._settings()
        cards, pending = await application_scorecards(self.session, self.organization_id, application_id, STEP2_TYPES)
        overall = round(sum(float(c.overall_rating or 0) for c in cards) / len(cards), 2) if cards else None
        no_hire = any(c.recommendation == "no_hire" for c in cards)
        outcome: Literal["pending", "advance", "reject"]
        if pending or overall is None:
            outcome = "pending"
        elif overall >= settings.step2_min_score and not no_hire:
            outcome = "advance"
        else:
            outcome = "reject"
        return Step2Summary(
            scorecards=[
                PanelScore(
                    interviewer_id=c.interviewer_id, overall_rating=c.overall_rating, recommendation=c.recommendation
                )
                for c in cards
            ],
            pending=pending,
            overall=overall,
            min_score=settings.step2_min_score,
            any_no_hire=no_hire,
            outcome=outcome,
        )

    async def decide_step2(self, application_id: uuid.UUID, decision: str, reason: str | None) -> Step2Summary:
        summary = await self.step2(application_id)
        if summary.outcome == "pending":
            raise Conflict(f"{summary.pending} scorecard(s) are still missing; decide when every panelist submitted.")
        override = decision != summary.outcome
        if override and not reason:
            raise ValidationFailed.on("reason", "Overriding the computed outcome needs a reason.")
        app, _req, stages = await self.applications.load(application_id)
        note = f"Step 2 {'override' if override else 'decision'}: {decision}" + (f" — {reason}" if reason else "")
        if decision == "advance":
            current = next((s for s in stages if s.id == app.stage_id), None)
            later = [s for s in stages if current is None or s.position > current.position]
            if not later:
                raise Conflict("The application is already in the last stage.")
            await self.applications.move(application_id, later[0].id, note)
        else:
            await ensure_rejection_reasons(self.session, self.organization_id)
            reason_id = await self.applications.reason_id("Skills do not match the role")
            await self.applications.change_status(application_id, "rejected", note, reason_id, True)
        await audit.record(
            self.session,
            self.principal,
            "decision.step2",
            "application",
            application_id,
            organization_id=self.organization_id,
            after={
                "decision": decision,
                "computed": summary.outcome,
                "override": override,
                "overall": summary.overall,
                "reason": reason,
            },
        )
        return summary

    # --- Step 3 -------------------------------------------------------------------------------------------
    async def step3(self, application_id: uuid.UUID) -> Step3Summary:
        await self.applications.load(application_id)
        settings = (await self._settings()).final_decision
        rows = list(
            (
                await self.session.execute(
                    select(ExecutiveDecision).where(
                        ExecutiveDecision.organization_id == self.organization_id,
                        ExecutiveDecision.application_id == application_id,
                    )
                )
            ).scalars()
        )
        by_seat = {r.seat: r for r in rows}
        weights = {"cto": settings.cto_weight, "ceo": settings.ceo_weight}
        final = None
        if by_seat:
            total = sum(weights[s] for s in by_seat)
            final = round(sum(float(r.score) * weights[s] for s, r in by_seat.items()) / total, 2) if total else None
        approvals = [r.decision == "approve" for r in by_seat.values()]
        outcome: Literal["pending", "hire", "reject"]
        if settings.require_both:  # both must approve: one rejection ends it
            outcome = "reject" if not all(approvals) else ("hire" if len(by_seat) == 2 else "pending")
        else:  # either may approve: it ends when one approves or both rejected
            outcome = "hire" if any(approvals) else ("reject" if len(by_seat) == 2 else "pending")
        return Step3Summary(
            decisions=[ExecutiveDecisionRead.model_validate(r) for r in rows],
            final_score=final,
            require_both=settings.require_both,
            outcome=outcome,
        )

    async def submit_step3(self, application_id: uuid.UUID, data: ExecutiveInput) -> Step3Summary:
        me = await self.session.get(User, self.principal.id)
        if me is None or me.executive_seat is None:
            raise Forbidden("Only the CTO and the CEO seats decide Step 3.")
        await self.applications.load(application_id)
        try:
            async with self.session.begin_nested():
                self.session.add(
                    ExecutiveDecision(
                        organization_id=self.organization_id,
                        application_id=application_id,
                        executive_id=me.id,
                        seat=me.executive_seat,
                        score=data.score,
                        decision=data.decision,
                        notes=data.notes,
                    )
                )
                await self.session.flush()
        except IntegrityError as exc:
            raise Conflict(f"The {me.executive_seat.upper()} already decided for this application.") from exc
        await audit.record(
            self.session,
            self.principal,
            "decision.step3",
            "application",
            application_id,
            organization_id=self.organization_id,
            after={"seat": me.executive_seat, "score": float(data.score), "decision": data.decision},
        )
        return await self.step3(application_id)

    # --- offer --------------------------------------------------------------------------------------------
    async def create_offer(self, application_id: uuid.UUID, data: OfferCreate) -> Offer:
        if (await self.step3(application_id)).outcome != "hire":
            raise Conflict("An offer needs a positive final decision (Step 3).")
        offer = Offer(
            organization_id=self.organization_id,
            application_id=application_id,
            salary=data.salary,
            currency=data.currency,
            start_date=data.start_date,
            created_by_id=self.principal.id,
        )
        try:
            async with self.session.begin_nested():
                self.session.add(offer)
                await self.session.flush()
        except IntegrityError as exc:
            raise Conflict("This application already has an offer.") from exc
        await audit.record(
            self.session,
            self.principal,
            "offer.created",
            "offer",
            offer.id,
            organization_id=self.organization_id,
            after={"salary": float(data.salary), "currency": data.currency, "start_date": data.start_date.isoformat()},
        )
        return offer

    async def offer_status(self, offer_id: uuid.UUID, target: str) -> Offer:
        offer = (
            await self.session.execute(
                select(Offer).where(Offer.organization_id == self.organization_id, Offer.id == offer_id)
            )
        ).scalar_one_or_none()
        if offer is None:
            raise NotFound("Offer not found.")
        await self.applications.load(offer.application_id)
        if target not in OFFER_MOVES[offer.status]:
            raise Conflict(
                f"A {offer.status} offer cannot become {target}.", extra={"allowed": sorted(OFFER_MOVES[offer.status])}
            )
        before, offer.status = offer.status, target
        if target == "sent":
            app, req, _ = await self.applications.load(offer.application_id)
            await self.applications.tell_candidate(
                app,
                req,
                "decision_made",
                decision_message=f"We are delighted to offer you the position: {offer.salary:,.0f} {offer.currency} "
                f"a year, starting on {offer.start_date:%-d %B %Y}. Your recruiter will send the contract.",
            )
        if target == "accepted":
            app, _, stages = await self.applications.load(offer.application_id)
            offer_stage = next((s for s in stages if s.kind == "offer"), None)
            if offer_stage is not None and app.stage_id != offer_stage.id:
                await self.applications.move(app.id, offer_stage.id, "Offer accepted")
            await self.applications.change_status(app.id, "hired", "Offer accepted")
        await audit.record(
            self.session,
            self.principal,
            f"offer.{target}",
            "offer",
            offer.id,
            organization_id=self.organization_id,
            before={"status": before},
            after={"status": target},
        )
        return offer
