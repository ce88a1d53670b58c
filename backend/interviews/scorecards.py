"""Scorecards: a panelist's draft and submission (locked once submitted, reopened only by an admin), and blind
feedback (a panelist reads the others' scorecards only after submitting their own)."""

import uuid
from datetime import UTC, datetime

from sqlalchemy.exc import IntegrityError

from backend.applications.automation import record_stage_score
from backend.audit import service as audit
from backend.errors import Conflict, Forbidden, ValidationFailed, field_error
from backend.interviews.models import Interview, Scorecard
from backend.interviews.schemas import ScorecardWrite
from backend.interviews.service import STEP2_TYPES, InterviewService, mean_ratings
from backend.notifications.service import notify


class ScorecardService(InterviewService):
    async def _on_panel(self, interview_id: uuid.UUID) -> Interview:
        interview, panel = await self.get(interview_id)
        if self.principal.id not in {p.user_id for p in panel}:
            raise Forbidden("Only panelists write a scorecard for this interview.")
        return interview

    async def save_draft(self, interview_id: uuid.UUID, data: ScorecardWrite) -> Scorecard:
        interview = await self._on_panel(interview_id)
        allowed = await self.attributes(interview)
        unknown = sorted(set(data.ratings) - set(allowed))
        if unknown:
            raise ValidationFailed.on(
                "ratings", f"Not rated in this round: {', '.join(unknown)}. Rate: {', '.join(allowed)}."
            )
        card = await self.scorecards.of(interview.id, self.principal.id, lock=True)
        if card is None:
            card = self.scorecards.add(Scorecard(interview_id=interview.id, interviewer_id=self.principal.id))
        elif card.status == "submitted":
            raise Conflict("This scorecard is submitted and locked; an admin can reopen it.")
        for field, value in data.model_dump(mode="json").items():
            setattr(card, field, value)
        try:
            async with self.session.begin_nested():
                await self.session.flush()
        except IntegrityError as exc:  # a concurrent first save created it
            raise Conflict("Your scorecard was saved from another tab; reload it.") from exc
        return card

    async def submit(self, interview_id: uuid.UUID, data: ScorecardWrite) -> Scorecard:
        card = await self.save_draft(interview_id, data)
        if card.overall_rating is None or card.recommendation is None:
            raise ValidationFailed(
                "A submitted scorecard needs an overall rating and a recommendation.",
                errors=[
                    field_error(f, "Required to submit", type="missing")
                    for f in ("overall_rating", "recommendation")
                    if getattr(card, f) is None
                ],
            )
        card.status, card.submitted_at = "submitted", datetime.now(UTC)
        await audit.record(
            self.session,
            self.principal,
            "scorecard.submitted",
            "scorecard",
            card.id,
            organization_id=self.organization_id,
            after={
                "interview_id": str(interview_id),
                "overall_rating": float(card.overall_rating),
                "recommendation": card.recommendation,
            },
        )
        interview, _ = await self.get(interview_id)
        req = (await self.application_of(interview)).requisition
        await self._record_panel_score(interview.application_id)
        recipients = [u for u in (interview.created_by_id, req.hiring_manager_id) if u and u != self.principal.id]
        if recipients:
            await notify(
                self.session,
                self.organization_id,
                recipients,
                type="interview",
                title=f"Scorecard submitted: {card.recommendation.replace('_', ' ')}",
                message=f"{self.principal.label} rated {float(card.overall_rating)}/5 for {req.title}.",
                entity_type="interview",
                entity_id=interview.id,
                action_url=f"/interviews/{interview.id}",
            )
        return card

    async def visible_scorecards(self, interview_id: uuid.UUID) -> list[Scorecard]:
        """Blind feedback: a panelist sees others' scorecards only after submitting their own; people who read all
        interviews see every submitted scorecard. Drafts are only ever seen by their author."""
        interview, panel = await self.get(interview_id)
        cards = await self.scorecards.for_interview(interview.id)
        mine = next((c for c in cards if c.interviewer_id == self.principal.id), None)
        on_panel = self.principal.id in {p.user_id for p in panel}
        if on_panel and (mine is None or mine.status != "submitted"):
            return [mine] if mine else []
        return [c for c in cards if c.status == "submitted" or c.interviewer_id == self.principal.id]

    async def reopen(self, scorecard_id: uuid.UUID, reason: str) -> Scorecard:
        card = await self.scorecards.get_or_404(scorecard_id)
        if card.status != "submitted":
            raise Conflict("Only a submitted scorecard can be reopened.")
        card.status, card.submitted_at = "draft", None
        await audit.record(
            self.session,
            self.principal,
            "scorecard.reopened",
            "scorecard",
            card.id,
            organization_id=self.organization_id,
            before={"status": "submitted"},
            after={"status": "draft", "reason": reason},
        )
        interview = await self.repo.get(card.interview_id)
        if interview is not None:
            await self._record_panel_score(interview.application_id)
        return card

    async def _record_panel_score(self, application_id: uuid.UUID) -> None:
        """The technical panel's score for the application's overall score: the mean submitted overall rating
        (1–5) of its Step-2 interviews, as a percentage (× 20)."""
        await self.session.flush()
        means = await mean_ratings(self.session, self.organization_id, [application_id], STEP2_TYPES)
        mean = means.get(application_id)
        await record_stage_score(
            self.session, self.organization_id, application_id, "technical_interview", mean * 20 if mean else None
        )
