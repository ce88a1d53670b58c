import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, status

from backend.assessments import service
from backend.assessments.schemas import (
    AssessmentPreview,
    AssessmentRead,
    AssessmentRemoved,
    AssessmentRow,
    AssessmentWrite,
    StageAssessmentRead,
    StageAssessmentWrite,
)
from backend.assessments.service import AssessmentService
from backend.auth.dependencies import require
from backend.auth.principal import Principal
from backend.db import ReadSessionDep, SessionDep
from backend.kit.pagination import PageParams, page_params
from backend.kit.schemas import Page

router = APIRouter(prefix="/assessments", tags=["assessments"])
stages_router = APIRouter(prefix="/requisitions", tags=["assessments"])

Reader = Annotated[Principal, Depends(require("assessments:read"))]
Writer = Annotated[Principal, Depends(require("assessments:write"))]


@router.get("", response_model=Page[AssessmentRow])
async def list_assessments(
    principal: Reader,
    session: ReadSessionDep,
    params: PageParams = Depends(page_params),
    q: Annotated[str | None, Query(max_length=200, description="Part of the name.")] = None,
    archived: bool = False,
) -> Page[AssessmentRow]:
    """Assessments of the organization (archived ones with `archived=true`). Sort by created_at (default, newest
    first), updated_at or name."""
    items, cursor, total = await AssessmentService(session, principal).search(params, q, archived)
    return Page[AssessmentRow](items=[service.row(a) for a in items], next_cursor=cursor, total=total)


@router.post("", response_model=AssessmentRead, status_code=status.HTTP_201_CREATED)
async def create_assessment(principal: Writer, body: AssessmentWrite, session: SessionDep) -> AssessmentRead:
    """Create an assessment: sections of fixed questions or of questions drawn at random per candidate, the
    duration, shuffling, allowed languages, Step-1 thresholds (default: the organization's), when the candidate
    sees their result, and proctoring settings. Question and bank ids must be the organization's (422 naming the
    field); a random section the bank cannot fill today is a 422 on that section; a name already used is 409."""
    a = await AssessmentService(session, principal).create(body)
    return await service.read(session, a)


@router.get("/{assessment_id}", response_model=AssessmentRead)
async def get_assessment(principal: Reader, assessment_id: uuid.UUID, session: ReadSessionDep) -> AssessmentRead:
    """An assessment with its sections and the thresholds that apply (`effective_thresholds`)."""
    return await service.read(session, await AssessmentService(session, principal).get(assessment_id))


@router.put("/{assessment_id}", response_model=AssessmentRead)
async def update_assessment(
    principal: Writer, assessment_id: uuid.UUID, body: AssessmentWrite, session: SessionDep
) -> AssessmentRead:
    """Replace the definition. Tests already started keep the questions and duration they got."""
    a = await AssessmentService(session, principal).update(assessment_id, body)
    return await service.read(session, a)


@router.delete("/{assessment_id}", response_model=AssessmentRemoved)
async def delete_assessment(principal: Writer, assessment_id: uuid.UUID, session: SessionDep) -> AssessmentRemoved:
    """Delete an assessment nothing refers to (`deleted: true`). One that invitations or results refer to is
    archived instead (`deleted: false` with the archived assessment): kept for them, sent by no stage any more."""
    archived = await AssessmentService(session, principal).delete(assessment_id)
    if archived is None:
        return AssessmentRemoved(deleted=True, archived=None)
    return AssessmentRemoved(deleted=False, archived=await service.read(session, archived))


@router.get("/{assessment_id}/preview", response_model=AssessmentPreview)
async def preview_assessment(principal: Reader, assessment_id: uuid.UUID, session: ReadSessionDep) -> AssessmentPreview:
    """The test exactly as a candidate would get it in the player (the candidate's view of each question: no
    answers, rubrics or hidden tests), without creating a session or counting an exposure. Random sections show
    one sample draw. 409 `assessment-not-ready` when a section cannot be filled."""
    return await AssessmentService(session, principal).preview(assessment_id)


@stages_router.get("/{requisition_id}/assessments", response_model=list[StageAssessmentRead])
async def list_stage_assessments(
    principal: Reader, requisition_id: uuid.UUID, session: ReadSessionDep
) -> list[StageAssessmentRead]:
    """The requisition's assessment stages with the assessment each sends (null: none chosen yet)."""
    return await AssessmentService(session, principal).stage_assessments(requisition_id)


@stages_router.put("/{requisition_id}/stages/{stage_id}/assessment", response_model=list[StageAssessmentRead])
async def set_stage_assessment(
    principal: Writer, requisition_id: uuid.UUID, stage_id: uuid.UUID, body: StageAssessmentWrite, session: SessionDep
) -> list[StageAssessmentRead]:
    """Choose the assessment an assessment stage sends to every application that enters it (`null` to stop).
    Another kind of stage answers 409."""
    return await AssessmentService(session, principal).set_stage_assessment(
        requisition_id, stage_id, body.assessment_id
    )
