"""Step 2 (the technical panel) and Step 3 (the executives) decisions, and the offer that follows.

Every method loads the application once (`ApplicationService.load`: the application with its requisition and
stages, checked against the caller's requisition rule) and passes that workflow to each step it takes."""

import uuid

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from backend.applications.automation import record_stage_score
from backend.applications.service import ApplicationService, ApplicationWorkflow
from backend.audit import service as audit
from backend.auth.principal import Principal
from backend.decisions.models import ExecutiveDecision, Offer
from backend.decisions.repository import ExecutiveDecisionRepository, OfferRepository
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
from backend.decisions.transitions import check_offer
from backend.errors import Conflict, Forbidden, NotFound, ValidationFailed
from backend.interviews.service import STEP2_TYPES, application_panel, mean_ratings
from backend.kit.service import TenantService
from backend.notifications.service import notify
from backend.organizations.service import effective_settings, organization_profile
from backend.organizations.settings_schema import OrganizationSettings
from backend.users.service import member

# The reasons an automated decision rejects with, from the organization's managed list.
STEP2_REJECTION = "Skills do not match the role"
OTHER_REJECTION = "Other"


class DecisionService(TenantService):
    def __init__(self, session: AsyncSession, principal: Principal) -> None:
        super().__init__(session, principal)
        self.applications = ApplicationService(session, principal)
        self.decisions = ExecutiveDecisionRepository(session, principal.organization_id)
        self.offers = OfferRepository(session, principal.organization_id)

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
        return await self._step2(await self.applications.load(application_id))

    async def _step2(self, workflow: ApplicationWorkflow) -> Step2Summary:
        app, _req, stages = workflow
        settings = await self._settings()
        panel = await self._feedback(app.id, STEP2_TYPES)
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
        workflow = await self.applications.load(application_id)
        summary = await self._step2(workflow)
        if summary.outcome == "pending":
            raise Conflict(f"{summary.pending} scorecard(s) are still missing; decide when every panelist submitted.")
        if not summary.decidable:
            raise Conflict("Step 2 is decided while the application is active in a technical-interview stage.")
        override = decision != summary.outcome
        if override and not reason:
            raise ValidationFailed.on("reason", "Overriding the computed outcome needs a reason.")
        note = f"Step 2 {'override' if override else 'decision'}: {decision}" + (f" — {reason}" if reason else "")
        if decision == "advance":
            current = workflow.current_stage()
            later = [s for s in workflow.stages if current is None or s.position > current.position]
            if not later:
                raise Conflict("The application is already in the last stage.")
            await self.applications.move_to(workflow, later[0].id, note)
        else:
            reason_id = await self.applications.reason_id(STEP2_REJECTION)
            await self.applications.set_status(workflow, "rejected", note, reason_id, True)
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
        return await self._step3(await self.applications.load(application_id))

    async def _step3(self, workflow: ApplicationWorkflow) -> Step3Summary:
        application_id = workflow.application.id
        settings = (await self._settings()).final_decision
        rows = await self.decisions.for_application(application_id)
        weights = {"cto": settings.cto_weight, "ceo": settings.ceo_weight}
        final, outcome = step3_outcome(
            {r.seat: SeatDecision(float(r.score), r.decision == "approve") for r in rows},
            weights,
            settings.require_both,
        )
        offer = await self.offers.of_application(application_id)
        me = (
            await member(self.session, self.organization_id, self.principal.id)
            if self.principal.kind == "user"
            else None
        )
        return Step3Summary(
            decisions=[ExecutiveDecisionRead.model_validate(r) for r in rows],
            final_score=final,
            weights=weights,
            require_both=settings.require_both,
            outcome=outcome,
            my_seat=me.executive_seat if me else None,
            offer=OfferRead.model_validate(offer) if offer else None,
        )

    async def awaiting_final(self) -> list[AwaitingFinal]:
        """Active applications in an executive-interview stage without a complete final decision, oldest first."""
        rows = await self.applications.active_in_stage_kind("executive_interview")
        ids = [r.id for r in rows]
        seats = await self.decisions.seats_decided(ids)
        means = await mean_ratings(self.session, self.organization_id, ids, STEP2_TYPES)
        return [
            AwaitingFinal(
                application_id=r.id,
                candidate_name=r.candidate_name,
                requisition_title=r.requisition_title,
                stage_name=r.stage_name,
                stage_entered_at=r.stage_entered_at,
                step2_overall=means.get(r.id),
                decided_seats=sorted(seats.get(r.id, [])),
            )
            for r in rows
        ]

    async def submit_step3(self, application_id: uuid.UUID, data: ExecutiveInput) -> Step3Summary:
        me = await member(self.session, self.organization_id, self.principal.id)
        if me is None or me.executive_seat is None:
            raise Forbidden("Only the CTO and the CEO seats decide Step 3.")
        workflow = await self.applications.load(application_id)
        try:
            async with self.session.begin_nested():
                self.decisions.add(
                    ExecutiveDecision(
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
        summary = await self._step3(workflow)
        await record_stage_score(
            self.session, self.organization_id, application_id, "executive_interview", summary.final_score
        )
        if summary.outcome != "pending":
            await self._conclude(workflow, summary)
        return summary

    async def _conclude(self, workflow: ApplicationWorkflow, summary: Step3Summary) -> None:
        """A complete final decision moves the application: to the offer stage (the recruiter drafts the offer)
        or out of the pipeline with the candidate told."""
        app, req, _stages = workflow
        if app.status != "active":
            return
        note = f"Final decision: {summary.outcome} (score {summary.final_score})"
        if summary.outcome == "reject":
            reason_id = await self.applications.reason_id(OTHER_REJECTION)
            await self.applications.set_status(workflow, "rejected", note, reason_id, True)
            return
        offer_stage = workflow.stage_of_kind("offer")
        if offer_stage is not None:
            await self.applications.move_to(workflow, offer_stage.id, note)
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
                entity_id=app.id,
                action_url=f"/requisitions/{req.id}/board?application={app.id}",
            )

    # --- admin override -----------------------------------------------------------------------------------
    async def override(self, application_id: uuid.UUID, data: Override) -> None:
        """Any step, any direction, with a mandatory reason: audited, and on the timeline as the move's reason."""
        workflow = await self.applications.load(application_id)
        app = workflow.application
        before, note = app.status, f"Override: {data.reason}"
        if data.action == "move":
            if data.stage_id is None:
                raise ValidationFailed.on("stage_id", "Pick the stage to move to.")
            if app.status != "active":
                await self.applications.set_status(workflow, "active", note)
            await self.applications.move_to(workflow, data.stage_id, note)
        elif data.action == "reject":
            reason_id = await self.applications.reason_id(OTHER_REJECTION)
            await self.applications.set_status(workflow, "rejected", note, reason_id, data.notify_candidate)
        elif data.action == "reinstate":
            await self.applications.set_status(workflow, "active", note)
        else:  # hire
            offer_stage = workflow.stage_of_kind("offer")
            if offer_stage is None:
                raise Conflict("This requisition's pipeline has no offer stage to hire from.")
            if app.status != "active":
                await self.applications.set_status(workflow, "active", note)
            await self.applications.move_to(workflow, offer_stage.id, note)
            await self.applications.set_status(workflow, "hired", note)
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
                self.offers.add(offer)
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
        """draft → sent (the candidate is emailed the offer) → accepted (hired: the application moves to the offer
        stage if it is elsewhere, and fills a position) or declined."""
        offer = await self.offers.get(offer_id)
        if offer is None:
            raise NotFound("Offer not found.")
        workflow = await self.applications.load(offer.application_id)
        check_offer(offer.status, target)
        before, offer.status = offer.status, target
        if target == "sent":
            await self.applications.tell_candidate(
                workflow.application,
                workflow.requisition,
                "decision_made",
                decision_message=f"We are delighted to offer you the position: {offer.salary:,.0f} {offer.currency} "
                f"a year, starting on {offer.start_date:%-d %B %Y}. Your recruiter will send the contract.",
            )
        if target == "accepted":
            offer_stage = workflow.stage_of_kind("offer")
            if offer_stage is not None and workflow.application.stage_id != offer_stage.id:
                await self.applications.move_to(workflow, offer_stage.id, "Offer accepted")
            await self.applications.set_status(workflow, "hired", "Offer accepted")
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
