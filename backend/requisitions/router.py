import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response, status

from backend.auth.dependencies import require
from backend.auth.principal import Principal
from backend.db import ReadSessionDep, SessionDep
from backend.kit.pagination import PageParams, page_params
from backend.kit.schemas import Page
from backend.requisitions.schemas import (
    EmploymentType,
    PublicJob,
    PublicJobDetail,
    RequisitionCreate,
    RequisitionDetail,
    RequisitionRead,
    RequisitionUpdate,
    RoundTemplateRead,
    RoundTemplateWrite,
    StageCreate,
    StageOrder,
    StageRead,
    Status,
    StatusChange,
)
from backend.requisitions.service import JobBoard, RequisitionService, RoundTemplateService, requisition_detail

router = APIRouter(prefix="/requisitions", tags=["requisitions"])
templates_router = APIRouter(prefix="/round-templates", tags=["requisitions"])
public_router = APIRouter(prefix="/public/organizations/{slug}/jobs", tags=["job board"])

Reader = Annotated[Principal, Depends(require("requisitions:read"))]
Writer = Annotated[Principal, Depends(require("requisitions:write"))]


@router.get("", response_model=Page[RequisitionRead])
async def list_requisitions(
    principal: Reader,
    session: ReadSessionDep,
    params: PageParams = Depends(page_params),
    status: Status | None = None,
    department: str | None = Query(None, max_length=120),
    q: str | None = Query(None, max_length=200, description="Full-text search in title, description, requirements."),
) -> Page[RequisitionRead]:
    """Requisitions of the organization (a hiring manager sees the ones they manage). Sort by created_at, title
    or published_at."""
    items, cursor, total = await RequisitionService(session, principal).search(params, status, department, q)
    return Page[RequisitionRead](
        items=[RequisitionRead.model_validate(r) for r in items], next_cursor=cursor, total=total
    )


@router.post("", response_model=RequisitionDetail, status_code=status.HTTP_201_CREATED)
async def create_requisition(principal: Writer, body: RequisitionCreate, session: SessionDep) -> RequisitionDetail:
    """Create a draft requisition with the organization's default pipeline."""
    return requisition_detail(*await RequisitionService(session, principal).create(body))


@router.get("/{requisition_id}", response_model=RequisitionDetail)
async def get_requisition(principal: Reader, requisition_id: uuid.UUID, session: ReadSessionDep) -> RequisitionDetail:
    """A requisition with its pipeline and the statuses it may move to."""
    return requisition_detail(*await RequisitionService(session, principal).detail(requisition_id))


@router.patch("/{requisition_id}", response_model=RequisitionDetail)
async def update_requisition(
    principal: Writer, requisition_id: uuid.UUID, body: RequisitionUpdate, session: SessionDep
) -> RequisitionDetail:
    service = RequisitionService(session, principal)
    await service.update(requisition_id, body)
    return requisition_detail(*await service.detail(requisition_id))


@router.post("/{requisition_id}/status", response_model=RequisitionDetail)
async def change_requisition_status(
    principal: Writer, requisition_id: uuid.UUID, body: StatusChange, session: SessionDep
) -> RequisitionDetail:
    """Publish (open), pause, close, cancel or mark filled. An invalid move answers 409 naming the allowed ones."""
    service = RequisitionService(session, principal)
    await service.change_status(requisition_id, body.status, body.reason)
    return requisition_detail(*await service.detail(requisition_id))


@router.post("/{requisition_id}/stages", response_model=list[StageRead], status_code=status.HTTP_201_CREATED)
async def add_stage(
    principal: Writer, requisition_id: uuid.UUID, body: StageCreate, session: SessionDep
) -> list[StageRead]:
    """Insert a stage, from a round template or ad hoc."""
    stages = await RequisitionService(session, principal).add_stage(requisition_id, body)
    return [StageRead.model_validate(s) for s in stages]


@router.put("/{requisition_id}/stages/order", response_model=list[StageRead])
async def reorder_stages(
    principal: Writer, requisition_id: uuid.UUID, body: StageOrder, session: SessionDep
) -> list[StageRead]:
    stages = await RequisitionService(session, principal).reorder_stages(requisition_id, body.stage_ids)
    return [StageRead.model_validate(s) for s in stages]


@router.delete("/{requisition_id}/stages/{stage_id}", response_model=list[StageRead])
async def remove_stage(
    principal: Writer, requisition_id: uuid.UUID, stage_id: uuid.UUID, session: SessionDep
) -> list[StageRead]:
    stages = await RequisitionService(session, principal).remove_stage(requisition_id, stage_id)
    return [StageRead.model_validate(s) for s in stages]


@templates_router.get("", response_model=list[RoundTemplateRead])
async def list_round_templates(principal: Reader, session: ReadSessionDep) -> list[RoundTemplateRead]:
    """Round templates; those `in_default_pipeline`, by position, make up a new requisition's pipeline."""
    return [RoundTemplateRead.model_validate(t) for t in await RoundTemplateService(session, principal).all()]


@templates_router.post("", response_model=RoundTemplateRead, status_code=status.HTTP_201_CREATED)
async def create_round_template(
    principal: Annotated[Principal, Depends(require("settings:write"))], body: RoundTemplateWrite, session: SessionDep
) -> RoundTemplateRead:
    return RoundTemplateRead.model_validate(await RoundTemplateService(session, principal).create(body))


@templates_router.put("/{template_id}", response_model=RoundTemplateRead)
async def update_round_template(
    principal: Annotated[Principal, Depends(require("settings:write"))],
    template_id: uuid.UUID,
    body: RoundTemplateWrite,
    session: SessionDep,
) -> RoundTemplateRead:
    return RoundTemplateRead.model_validate(await RoundTemplateService(session, principal).update(template_id, body))


@public_router.get("", response_model=Page[PublicJob])
async def job_board(
    slug: str,
    session: ReadSessionDep,
    response: Response,
    params: PageParams = Depends(page_params),
    q: str | None = Query(None, max_length=200, description="Search words (title, description, requirements)."),
    department: str | None = Query(None, max_length=120),
    location: str | None = Query(None, max_length=200),
    employment_type: EmploymentType | None = None,
) -> Page[PublicJob]:
    """Open positions of an organization, newest first. No authentication."""
    filters = {"department": department, "location": location, "employment_type": employment_type}
    items, cursor, total = await JobBoard(session).search(slug, params, q, filters)
    response.headers["Cache-Control"] = "public, max-age=60"
    return Page[PublicJob](items=[PublicJob.model_validate(r) for r in items], next_cursor=cursor, total=total)


@public_router.get("/{requisition_id}", response_model=PublicJobDetail)
async def job_detail(slug: str, requisition_id: uuid.UUID, session: ReadSessionDep) -> PublicJobDetail:
    """One open position with its description (no internal fields)."""
    req, org_name = await JobBoard(session).detail(slug, requisition_id)
    return PublicJobDetail(
        **PublicJob.model_validate(req).model_dump(),
        description=req.description,
        requirements=req.requirements,
        required_skills=req.required_skills,
        organization_name=org_name,
    )
