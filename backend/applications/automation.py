"""What other domains ask of applications when no person is acting: the facts they need about one, the moves
a rule makes (the Step-1 rule advances or rejects), and the per-stage scores that make up the overall score.

Automatic moves are recorded like anyone's (an event on the timeline, an audit entry, the candidate's email),
with the rule's name as the actor. They change nothing when the application has moved on meanwhile: a rule
acts only on the stage it was about."""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy.ext.asyncio import AsyncSession

from backend.applications import hooks, transitions
from backend.applications.models import Application
from backend.applications.repository import ApplicationRepository, ReasonRepository
from backend.applications.service import email_candidate, ensure_rejection_reasons, record_event
from backend.requisitions.service import overall_score, requisition_with_stages

if TYPE_CHECKING:  # named in type hints only: the requisition and its stages come from its service
    from backend.requisitions.models import PipelineStage, Requisition

AUTOMATIC_REJECTION_REASON = "Skills do not match the role"


@dataclass(frozen=True)
class ApplicationFacts:
    id: uuid.UUID
    organization_id: uuid.UUID
    candidate_id: uuid.UUID
    requisition_id: uuid.UUID
    requisition_title: str
    hiring_manager_id: uuid.UUID | None
    stage_id: uuid.UUID | None
    stage_kind: str | None
    stage_name: str | None
    status: str
    score: Decimal | None


async def application_facts(
    session: AsyncSession, organization_id: uuid.UUID, application_id: uuid.UUID
) -> ApplicationFacts | None:
    """An application of the organization with its requisition and current stage (None if there is none)."""
    app = await ApplicationRepository(session, organization_id).get(application_id)
    if app is None:
        return None
    req, stages = await requisition_with_stages(session, organization_id, app.requisition_id)
    return _facts(app, req, stages)


def _facts(app: Application, req: "Requisition", stages: "list[PipelineStage]") -> ApplicationFacts:
    stage = next((s for s in stages if s.id == app.stage_id), None)
    return ApplicationFacts(
        id=app.id,
        organization_id=app.organization_id,
        candidate_id=app.candidate_id,
        requisition_id=req.id,
        requisition_title=req.title,
        hiring_manager_id=req.hiring_manager_id,
        stage_id=app.stage_id,
        stage_kind=stage.kind if stage else None,
        stage_name=stage.name if stage else None,
        status=app.status,
        score=app.score,
    )


async def _locked(
    session: AsyncSession, organization_id: uuid.UUID, application_id: uuid.UUID, stage_id: uuid.UUID | None
) -> "tuple[Application, Requisition, list[PipelineStage]] | None":
    """The application, locked, if it is still active in `stage_id` of an open or paused requisition."""
    found = await ApplicationRepository(session, organization_id).for_update([application_id])
    if not found:
        return None
    app = found[0]
    if app.status != "active" or stage_id is None or app.stage_id != stage_id:
        return None
    req, stages = await requisition_with_stages(session, organization_id, app.requisition_id)
    if req.status not in ("open", "paused"):
        return None
    return app, req, stages


async def advance_automatically(
    session: AsyncSession,
    organization_id: uuid.UUID,
    application_id: uuid.UUID,
    *,
    from_stage_id: uuid.UUID | None,
    reason: str,
    actor_label: str,
) -> str | None:
    """Move the application from `from_stage_id` to the next stage of its pipeline and email the candidate.
    Returns the new stage's name; None (and nothing changes) when it is no longer active in that stage or that
    stage is the last."""
    found = await _locked(session, organization_id, application_id, from_stage_id)
    if found is None:
        return None
    app, req, stages = found
    current = next(s for s in stages if s.id == app.stage_id)
    later = [s for s in stages if s.position > current.position]
    if not later:
        return None
    target = later[0]
    app.stage_id, app.stage_entered_at = target.id, datetime.now(UTC)
    await record_event(
        session, app, "moved", None, actor_label=actor_label, from_stage=current.id, to_stage=target.id, reason=reason
    )
    await email_candidate(
        session,
        app,
        req,
        "stage_advanced",
        stage_name=target.name.split("—")[-1].strip(),
        next_steps="We will be in touch with the details.",
    )
    await hooks.stage_entered(session, app, req, target, None)
    return target.name


async def reject_automatically(
    session: AsyncSession,
    organization_id: uuid.UUID,
    application_id: uuid.UUID,
    *,
    from_stage_id: uuid.UUID | None,
    reason: str,
    actor_label: str,
) -> bool:
    """Reject the application (with the rejection email) if it is still active in `from_stage_id`."""
    found = await _locked(session, organization_id, application_id, from_stage_id)
    if found is None:
        return False
    app, req, _ = found
    transitions.check(app.status, "rejected")
    await ensure_rejection_reasons(session, organization_id)
    reasons = await ReasonRepository(session, organization_id).active()
    chosen = next((r for r in reasons if r.label == AUTOMATIC_REJECTION_REASON), reasons[0] if reasons else None)
    app.rejection_reason_id = chosen.id if chosen else None
    app.status = "rejected"
    label = f"{chosen.label}: {reason}" if chosen else reason
    await record_event(
        session,
        app,
        "rejected",
        None,
        actor_label=actor_label,
        from_status="active",
        to_status="rejected",
        reason=label,
    )
    await email_candidate(session, app, req, "application_rejected")
    return True


async def record_stage_score(
    session: AsyncSession, organization_id: uuid.UUID, application_id: uuid.UUID, stage_kind: str, score: float | None
) -> Decimal | None:
    """Keep the latest score (0–100) of one stage kind of an application (`None` removes it) and rewrite the
    overall score with the requisition's scoring policy: the weighted mean of the stage scores present. Returns
    the new overall score."""
    app = await ApplicationRepository(session, organization_id).get(application_id)
    if app is None:
        return None
    scores: dict[str, Any] = dict(app.stage_scores or {})
    if score is None:
        scores.pop(stage_kind, None)
    else:
        scores[stage_kind] = round(float(score), 2)
    req, _ = await requisition_with_stages(session, organization_id, app.requisition_id)
    weights = {k: float(v) for k, v in (req.stage_weights or {}).items()}
    overall = overall_score(weights, {k: float(v) for k, v in scores.items()})
    app.stage_scores = scores
    app.score = Decimal(str(overall)) if overall is not None else None
    return app.score
