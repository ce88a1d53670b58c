import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Response, status

from backend.auth.dependencies import require
from backend.auth.principal import Principal
from backend.db import ReadSessionDep, SessionDep
from backend.decisions.schemas import (
    AwaitingFinal,
    ExecutiveInput,
    OfferCreate,
    OfferRead,
    OfferStatus,
    Override,
    PanelFeedback,
    Step2Decision,
    Step2Summary,
    Step3Summary,
)
from backend.decisions.service import DecisionService

router = APIRouter(tags=["decisions"])
Reader = Annotated[Principal, Depends(require("candidates:read"))]


@router.get("/applications/{application_id}/feedback", response_model=list[PanelFeedback])
async def application_feedback(
    principal: Reader, application_id: uuid.UUID, session: ReadSessionDep
) -> list[PanelFeedback]:
    """Every panelist of every interview of the application with their submitted scorecard (side by side), or
    `missing` / `draft` while they have not submitted."""
    return await DecisionService(session, principal).feedback(application_id)


@router.get("/decisions/awaiting-final", response_model=list[AwaitingFinal])
async def awaiting_final(
    principal: Annotated[Principal, Depends(require("decisions:final"))], session: ReadSessionDep
) -> list[AwaitingFinal]:
    """Applications in an executive-interview stage whose Step-3 decision is not complete, oldest first."""
    return await DecisionService(session, principal).awaiting_final()


@router.post("/applications/{application_id}/override", status_code=status.HTTP_204_NO_CONTENT, response_class=Response)
async def override_decision(
    principal: Annotated[Principal, Depends(require("decisions:override"))],
    application_id: uuid.UUID,
    body: Override,
    session: SessionDep,
) -> Response:
    """Override at any step: move to any stage, reject, reinstate or hire, with a mandatory reason. Audited; the
    reason shows on the application's timeline."""
    await DecisionService(session, principal).override(application_id, body)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/applications/{application_id}/step2", response_model=Step2Summary)
async def step2_summary(principal: Reader, application_id: uuid.UUID, session: ReadSessionDep) -> Step2Summary:
    """The Step-2 panel result. Rule: once every panelist of the application's technical, system-design and
    behavioral interviews has submitted, the overall score is the mean overall rating; the outcome is `advance`
    when it is ≥ the organization's `step2_min_score` and no scorecard says `no_hire`, otherwise `reject`."""
    return await DecisionService(session, principal).step2(application_id)


@router.post("/applications/{application_id}/step2/decision", response_model=Step2Summary)
async def decide_step2(
    principal: Annotated[Principal, Depends(require("decisions:step2"))],
    application_id: uuid.UUID,
    body: Step2Decision,
    session: SessionDep,
) -> Step2Summary:
    """Confirm the Step-2 outcome (advance to the next stage, or reject with an email), or override it with a
    reason; overrides are audited and appear on the application's timeline."""
    return await DecisionService(session, principal).decide_step2(application_id, body.decision, body.reason)


@router.get("/applications/{application_id}/step3", response_model=Step3Summary)
async def step3_summary(principal: Reader, application_id: uuid.UUID, session: ReadSessionDep) -> Step3Summary:
    """The executives' decisions: final = cto·w_cto + ceo·w_ceo (weights from settings, normalised over the seats
    that decided); with `require_both` both must approve, otherwise either approval hires."""
    return await DecisionService(session, principal).step3(application_id)


@router.post("/applications/{application_id}/step3", response_model=Step3Summary)
async def submit_step3(
    principal: Annotated[Principal, Depends(require("decisions:final"))],
    application_id: uuid.UUID,
    body: ExecutiveInput,
    session: SessionDep,
) -> Step3Summary:
    """The caller's seat (CTO or CEO) scores 0–100 and approves or rejects. Once per seat (409 on a second)."""
    return await DecisionService(session, principal).submit_step3(application_id, body)


@router.post("/applications/{application_id}/offer", response_model=OfferRead, status_code=status.HTTP_201_CREATED)
async def create_offer(
    principal: Annotated[Principal, Depends(require("applications:move"))],
    application_id: uuid.UUID,
    body: OfferCreate,
    session: SessionDep,
) -> OfferRead:
    """Draft the offer (salary and start date) after a positive final decision."""
    return OfferRead.model_validate(await DecisionService(session, principal).create_offer(application_id, body))


@router.post("/offers/{offer_id}/status", response_model=OfferRead)
async def change_offer_status(
    principal: Annotated[Principal, Depends(require("applications:move"))],
    offer_id: uuid.UUID,
    body: OfferStatus,
    session: SessionDep,
) -> OfferRead:
    """draft → sent → accepted | declined. Accepted hires the candidate (and fills the requisition's position)."""
    return OfferRead.model_validate(await DecisionService(session, principal).offer_status(offer_id, body.status))
