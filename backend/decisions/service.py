"""Step 2 (technical panel) and Step 3 (executives) decisions, and the offer that follows (PRODUCT.md §2)."""

import uuid

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from backend.applications.automation import record_stage_score
from backend.applications.models import Application
from backend.applications.service import ApplicationService, ensure_rejection_reasons
from backend.audit import service as audit
from backend.auth.principal import Principal
from backend.candidates.models import Candidate
from backend.decisions.models import ExecutiveDecision, Offer
from backend.decisions.rules import SeatDecision, step2_outcome, step3_outcome
from backend.decisions.schemas import (
    AwaitingFinal,
    ExecutiveDecisionRead,
    ExecutiveInput,
    OfferCreate,
    OfferRead,
    Override,
    PanelFeedback,
    Step2Summary,
    Step3Summary,
)
from backend.errors import Conflict, Forbidden, NotFound, ValidationFailed
from backend.interviews.repository import application_panel, mean_ratings
from backend.notifications.service import notify
from backend.organizations.service import effective_settings, organization_profile
from backend.organizations.settings_schema import OrganizationSettings
from backend.requisitions.models import PipelineStage, Requisition
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

    # --- feedback and Step 2 ------------------------------------------------------------------------------
    async def feedback(self, application_id: uuid.UUID, types: tuple[str, ...] | None = None) -> list[PanelFeedback]:
        """Every panelist's scorecard across the application's interviews. Drafts show only their status: a
        scorecard is feedback once its author submits it."""
        await self.applications.load(application_id)
        return await self._feedback(application_id, types)

    async def _feedback(self, application_id: uuid.UUID, types: tuple[str, ...] | None) -> list[PanelFeedback]:
        rows = await application_panel(self.session, self.organization_id, application_id, types)
        out = []
        for interview, user_id, name, card in rows:
            base = {
                "interview_id": interview.id,
                "interview_type": interview.type,
                "starts_at": interview.starts_at,
                "interviewer_id": user_id,
                "interviewer_name": name,
            }
            if card is None or card.status != "submitted":
                out.append(PanelFeedback(**base, status="draft" if card else "missing"))
                continue
            out.append(
                PanelFeedback(
                    **base,
                    status="submitted",
                    scorecard_id=card.id,
                    overall_rating=card.overall_rating,
                    recommendation=card.recommendation,
                    ratings=card.ratings,
                    strengths=card.strengths,
                    weaknesses=card.weaknesses,
                    notes=card.notes,
                    follow_up=card.follow_up,
                    submitted_at=card.submitted_at,
                )
            )
        return out

    async def step2(self, application_id: uuid.UUID) -> Step2Summary:
        app, _req, stages = await self.applications.load(application_id)
        settings = await self._settings()
        panel = await self._feedback(application_id, STEP2_TYPES)
        cards = [c for c in panel if c.status == "submitted"]
        overall, outcome = step2_outcome(
            [float(c.overall_rating or 0) for c in cards],
            [c.recommendation or "" for c in cards],
            len(panel) - len(cards),
            settings.step2_min_score,
        )
        return Step2Summary(
            scorecards=cards,
            pending=len(panel) - len(cards),
            overall=overall,
            min_score=settings.step2_min_score,
            any_no_hire=any(c.recommendation == "no_hire" for c in cards),
            outcome=outcome,
            decidable=outcome != "pending"
            and app.status == "active"
            and any(s.id == app.stage_id and s.kind == "technical_interview" for s in stages),
        )

    async def decide_step2(self, application_id: uuid.UUID, decision: str, reason: str | None) -> Step2Summary:
        summary = await self.step2(application_id)
        if summary.outcome == "pending":
            raise Conflict(f"{summary.pending} scorecard(s) are still missing; decide when every panelist submitted.")
        if not summary.decidable:
            raise Conflict("Step 2 is decided while the application is active in a technical-interview stage.")
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
        weights = {"cto": settings.cto_weight, "ceo": settings.ceo_weight}
        final, outcome = step3_outcome(
            {r.seat: SeatDecision(float(r.score), r.decision == "approve") for r in rows},
            weights,
            settings.require_both,
        )
        offer = await self._offer_of(application_id)
        me = await self.session.get(User, self.principal.id) if self.principal.kind == "user" else None
        return Step3Summary(
            decisions=[ExecutiveDecisionRead.model_validate(r) for r in rows],
            final_score=final,
            weights=weights,
            require_both=settings.require_both,
            outcome=outcome,
            my_seat=me.executive_seat if me else None,
            offer=OfferRead.model_validate(offer) if offer else None,
        )

    async def _offer_of(self, application_id: uuid.UUID) -> Offer | None:
        stmt = select(Offer).where(
            Offer.organization_id == self.organization_id, Offer.application_id == application_id
        )
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def awaiting_final(self) -> list[AwaitingFinal]:
        """Active applications in an executive-interview stage without a complete final decision, oldest first."""
        decided = (
            select(ExecutiveDecision.application_id, func.array_agg(ExecutiveDecision.seat).label("seats"))
            .where(ExecutiveDecision.organization_id == self.organization_id)
            .group_by(ExecutiveDecision.application_id)
            .subquery()
        )
        stmt = (
            select(
                Application,
                (Candidate.first_name + " " + Candidate.last_name).label("candidate_name"),
                Requisition.title,
                PipelineStage.name,
                decided.c.seats,
            )
            .join(PipelineStage, PipelineStage.id == Application.stage_id)
            .join(Candidate, Candidate.id == Application.candidate_id)
            .join(Requisition, Requisition.id == Application.requisition_id)
            .outerjoin(decided, decided.c.application_id == Application.id)
            .where(
                Application.organization_id == self.organization_id,
                Application.status == "active",
                PipelineStage.kind == "executive_interview",
            )
            .order_by(Application.stage_entered_at)
            .limit(200)
        )
        rows = (await self.session.execute(stmt)).all()
        means = await mean_ratings(self.session, self.organization_id, [r[0].id for r in rows], STEP2_TYPES)
        return [
            AwaitingFinal(
                application_id=app.id,
                candidate_name=name,
                requisition_title=title,
                stage_name=stage,
                stage_entered_at=app.stage_entered_at,
                step2_overall=means.get(app.id),
                decided_seats=sorted(seats or []),
            )
            for app, name, title, stage, seats in rows
        ]

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
        summary = await self.step3(application_id)
        await record_stage_score(
            self.session, self.organization_id, application_id, "executive_interview", summary.final_score
        )
        if summary.outcome != "pending":
            await self._conclude(application_id, summary)
        return summary

    async def _conclude(self, application_id: uuid.UUID, summary: Step3Summary) -> None:
        """A complete final decision moves the application: to the offer stage (the recruiter drafts the offer)
        or out of the pipeline with the candidate told."""
        app, req, stages = await self.applications.load(application_id)
        if app.status != "active":
            return
        note = f"Final decision: {summary.outcome} (score {summary.final_score})"
        if summary.outcome == "reject":
            await ensure_rejection_reasons(self.session, self.organization_id)
            reason_id = await self.applications.reason_id("Other")
            await self.applications.change_status(application_id, "rejected", note, reason_id, True)
            return
        offer_stage = next((s for s in stages if s.kind == "offer"), None)
        if offer_stage is not None:
            await self.applications.move(application_id, offer_stage.id, note)
        recipients = [u for u in {req.created_by_id, req.hiring_manager_id} if u]
        if recipients:
            await notify(
                self.session,
                self.organization_id,
                recipients,
                type="application",
                priority="high",
                title="Final decision: hire",
                message=f"The executives approved a hire for {req.title} (final score {summary.final_score}). "
                "Draft the offer.",
                entity_type="application",
                entity_id=application_id,
                action_url=f"/requisitions/{req.id}/board?application={application_id}",
            )

    # --- admin override -----------------------------------------------------------------------------------
    async def override(self, application_id: uuid.UUID, data: Override) -> None:
        """Any step, any direction, with a mandatory reason: audited, and on the timeline as the move's reason."""
        app, _req, stages = await self.applications.load(application_id)
        before, note = app.status, f"Override: {data.reason}"
        if data.action == "move":
            if data.stage_id is None:
                raise ValidationFailed.on("stage_id", "Pick the stage to move to.")
            if app.status != "active":
                await self.applications.change_status(application_id, "active", note)
            await self.applications.move(application_id, data.stage_id, note)
        elif data.action == "reject":
            await ensure_rejection_reasons(self.session, self.organization_id)
            reason_id = await self.applications.reason_id("Other")
            await self.applications.change_status(application_id, "rejected", note, reason_id, data.notify_candidate)
        elif data.action == "reinstate":
            await self.applications.change_status(application_id, "active", note)
        else:  # hire
            offer_stage = next((s for s in stages if s.kind == "offer"), None)
            if offer_stage is None:
                raise Conflict("This requisition's pipeline has no offer stage to hire from.")
            if app.status != "active":
                await self.applications.change_status(application_id, "active", note)
            await self.applications.move(application_id, offer_stage.id, note)
            await self.applications.change_status(application_id, "hired", note)
        await audit.record(
            self.session,
            self.principal,
            "decision.override",
            "application",
            application_id,
            organization_id=self.organization_id,
            before={"status": before},
            after={
                "action": data.action,
                "stage_id": str(data.stage_id) if data.stage_id else None,
                "reason": data.reason,
            },
        )

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
