import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Query, UploadFile, status
from sqlalchemy.ext.asyncio import AsyncSession

from backend.applications.board import board
from backend.applications.public import apply_on_job_board, candidate_portal, confirm_application, withdraw_own
from backend.applications.reasons import ReasonService
from backend.applications.schemas import (
    Activate,
    ApplicationCreate,
    ApplicationDetail,
    ApplicationRow,
    ApplyResult,
    AppStatus,
    Board,
    Bulk,
    BulkResult,
    ConfirmApplication,
    EventRead,
    Move,
    NoteCreate,
    NoteRead,
    NoteUpdate,
    PortalApplication,
    Reason,
    Reject,
    RejectionReasonCreate,
    RejectionReasonRead,
)
from backend.applications.service import ApplicationService
from backend.auth import account_tokens
from backend.auth.dependencies import require
from backend.auth.principal import Principal
from backend.db import ReadSessionDep, SessionDep
from backend.files.service import MAX_BYTES, UPLOAD_BODY_BYTES
from backend.http_security import body_limit
from backend.kit.pagination import PageParams, page_params
from backend.kit.schemas import Page
from backend.kit.text import CleanStr

router = APIRouter(tags=["applications"])
public_router = APIRouter(prefix="/public", tags=["job board"])
portal_router = APIRouter(prefix="/me", tags=["candidate portal"])

Reader = Annotated[Principal, Depends(require("candidates:read"))]
Mover = Annotated[Principal, Depends(require("applications:move"))]
Candidate = Annotated[Principal, Depends(require("applications:own"))]


def _row(row: Any) -> ApplicationRow:
    # A mapping validates faster than a row read attribute by attribute.
    return ApplicationRow.model_validate(row._mapping)


async def _detail(service: ApplicationService, application_id: uuid.UUID) -> ApplicationDetail:
    row, events, notes, actions = await service.detail(application_id)
    return ApplicationDetail(
        **_row(row).model_dump(),
        events=[EventRead.model_validate(e) for e in events],
        notes=[service.note_view(n) for n in notes],
        allowed_actions=actions,
    )


@router.get("/applications", response_model=Page[ApplicationRow])
async def list_applications(
    principal: Reader,
    session: ReadSessionDep,
    params: PageParams = Depends(page_params),
    requisition_id: uuid.UUID | None = None,
    candidate_id: uuid.UUID | None = None,
    status: AppStatus | None = None,
    stage_id: uuid.UUID | None = None,
) -> Page[ApplicationRow]:
    """Applications with their candidate, requisition and stage. Sort by created_at or stage_entered_at."""
    items, cursor, total = await ApplicationService(session, principal).search(
        params, requisition_id=requisition_id, candidate_id=candidate_id, status=status, stage_id=stage_id
    )
    return Page[ApplicationRow](items=[_row(r) for r in items], next_cursor=cursor, total=total)


@router.get("/applications/stage-counts", response_model=dict[uuid.UUID, dict[uuid.UUID, int]])
async def stage_counts(
    principal: Reader,
    session: ReadSessionDep,
    requisition_id: Annotated[list[uuid.UUID], Query(max_length=100)],
) -> dict[uuid.UUID, dict[uuid.UUID, int]]:
    """Active and on-hold applications per stage, for up to 100 requisitions: `{requisition_id: {stage_id: n}}`."""
    return await ApplicationService(session, principal).stage_counts(requisition_id)


@router.post("/applications", response_model=ApplicationDetail, status_code=status.HTTP_201_CREATED)
async def create_application(principal: Mover, body: ApplicationCreate, session: SessionDep) -> ApplicationDetail:
    """Put a candidate of the pool into a requisition's pipeline (first stage). 409 if already there."""
    service = ApplicationService(session, principal)
    app = await service.create(body)
    return await _detail(service, app.id)


@router.get("/applications/{application_id}", response_model=ApplicationDetail)
async def get_application(principal: Reader, application_id: uuid.UUID, session: ReadSessionDep) -> ApplicationDetail:
    """An application with its timeline of events, the notes the caller may read, and `allowed_actions`: what the
    caller may do with it now (by its status, stage and requisition, and the caller's permissions)."""
    return await _detail(ApplicationService(session, principal), application_id)


@router.post("/applications/{application_id}/move", response_model=ApplicationDetail)
async def move_application(
    principal: Mover, application_id: uuid.UUID, body: Move, session: SessionDep
) -> ApplicationDetail:
    """Move to another stage of the same pipeline (active applications of open or paused requisitions)."""
    service = ApplicationService(session, principal)
    await service.move(application_id, body.stage_id, body.reason)
    return await _detail(service, application_id)


@router.post("/applications/{application_id}/reject", response_model=ApplicationDetail)
async def reject_application(
    principal: Mover, application_id: uuid.UUID, body: Reject, session: SessionDep
) -> ApplicationDetail:
    """Reject with a reason from the managed list; `send_email` sends the candidate the rejection template."""
    service = ApplicationService(session, principal)
    await service.change_status(application_id, "rejected", body.note, body.reason_id, body.send_email)
    return await _detail(service, application_id)


async def _status(
    principal: Principal, session: AsyncSession, application_id: uuid.UUID, target: str, reason: str | None
) -> ApplicationDetail:
    service = ApplicationService(session, principal)
    await service.change_status(application_id, target, reason)
    return await _detail(service, application_id)


@router.post("/applications/{application_id}/hold", response_model=ApplicationDetail)
async def hold_application(
    principal: Mover, application_id: uuid.UUID, body: Reason, session: SessionDep
) -> ApplicationDetail:
    return await _status(principal, session, application_id, "on_hold", body.reason)


@router.post("/applications/{application_id}/resume", response_model=ApplicationDetail)
async def resume_application(
    principal: Mover, application_id: uuid.UUID, body: Reason, session: SessionDep
) -> ApplicationDetail:
    """Back to active (from on hold, or a reconsidered rejection)."""
    return await _status(principal, session, application_id, "active", body.reason)


@router.post("/applications/{application_id}/withdraw", response_model=ApplicationDetail)
async def withdraw_application(
    principal: Mover, application_id: uuid.UUID, body: Reason, session: SessionDep
) -> ApplicationDetail:
    return await _status(principal, session, application_id, "withdrawn", body.reason)


@router.post("/applications/{application_id}/hire", response_model=ApplicationDetail)
async def hire_application(
    principal: Mover, application_id: uuid.UUID, body: Reason, session: SessionDep
) -> ApplicationDetail:
    """Hire from the offer stage; the requisition becomes filled with its last position."""
    return await _status(principal, session, application_id, "hired", body.reason)


@router.post("/applications/bulk", response_model=BulkResult)
async def bulk_update(principal: Mover, body: Bulk, session: SessionDep) -> BulkResult:
    """Move or reject many applications at once: all of them, or none (the error names the one that failed)."""
    return BulkResult(updated=await ApplicationService(session, principal).bulk(body))


@router.post("/applications/{application_id}/notes", response_model=NoteRead, status_code=status.HTTP_201_CREATED)
async def add_note(principal: Reader, application_id: uuid.UUID, body: NoteCreate, session: SessionDep) -> NoteRead:
    """A note on the application: `private` (only its author reads it) or `team`."""
    service = ApplicationService(session, principal)
    return service.note_view(await service.add_note(application_id, body))


@router.patch("/applications/{application_id}/notes/{note_id}", response_model=NoteRead)
async def edit_note(
    principal: Reader, application_id: uuid.UUID, note_id: uuid.UUID, body: NoteUpdate, session: SessionDep
) -> NoteRead:
    """Edit one's own note within 15 minutes of writing it."""
    service = ApplicationService(session, principal)
    return service.note_view(await service.edit_note(application_id, note_id, body.body))


@router.get("/requisitions/{requisition_id}/board", response_model=Board, tags=["requisitions"])
async def requisition_board(principal: Reader, requisition_id: uuid.UUID, session: ReadSessionDep) -> Board:
    """The pipeline board: a column per stage with its active and on-hold applications, and counts by status."""
    return await board(session, principal, requisition_id)


@router.get("/rejection-reasons", response_model=list[RejectionReasonRead])
async def list_rejection_reasons(principal: Reader, session: ReadSessionDep) -> list[RejectionReasonRead]:
    return [RejectionReasonRead.model_validate(r) for r in await ReasonService(session, principal).all()]


@router.post("/rejection-reasons", response_model=RejectionReasonRead, status_code=status.HTTP_201_CREATED)
async def create_rejection_reason(
    principal: Annotated[Principal, Depends(require("settings:write"))],
    body: RejectionReasonCreate,
    session: SessionDep,
) -> RejectionReasonRead:
    return RejectionReasonRead.model_validate(await ReasonService(session, principal).create(body.label))


@public_router.post(
    "/organizations/{slug}/jobs/{requisition_id}/apply",
    response_model=ApplyResult,
    status_code=status.HTTP_201_CREATED,
    openapi_extra=body_limit(UPLOAD_BODY_BYTES),
)
async def apply(
    slug: str,
    requisition_id: uuid.UUID,
    session: SessionDep,
    first_name: Annotated[CleanStr, Form(min_length=1, max_length=100)],
    last_name: Annotated[CleanStr, Form(min_length=1, max_length=100)],
    email: Annotated[CleanStr, Form(min_length=3, max_length=254)],
    resume: Annotated[UploadFile, File(description="PDF or DOCX, at most 10 MB.")],
    phone: Annotated[CleanStr | None, Form(max_length=40)] = None,
    answers: Annotated[
        CleanStr | None, Form(max_length=20_000, description="JSON object of question → answer.")
    ] = None,
) -> ApplyResult:
    """Apply to an open job without an account. The answer is the same whoever the address belongs to; the
    email sent to it says what comes next (a link to set a portal password, or, for an address that already has
    an account, a link to confirm the application is theirs). Existing candidates are never changed: an address
    already in the talent pool gives a new record flagged as a possible duplicate. Rate-limited per IP."""
    data = await resume.read(MAX_BYTES + 1)
    return await apply_on_job_board(
        session,
        slug,
        requisition_id,
        first_name=first_name,
        last_name=last_name,
        email=email,
        phone=phone,
        answers=answers,
        filename=resume.filename or "resume",
        data=data,
    )


@public_router.post("/applications/confirm", status_code=status.HTTP_204_NO_CONTENT)
async def confirm_my_application(body: ConfirmApplication, session: SessionDep) -> None:
    """From the emailed link: the application joins the portal of the account with that address (single use)."""
    await confirm_application(session, body.token)


@public_router.post("/account/activate", status_code=status.HTTP_204_NO_CONTENT)
async def activate_account(body: Activate, session: SessionDep) -> None:
    """Set the first password of a candidate account from the emailed link (single use, 72 hours)."""
    await account_tokens.activate(session, body.token, body.password)


@portal_router.get("/applications", response_model=list[PortalApplication])
async def my_applications(principal: Candidate, session: ReadSessionDep) -> list[PortalApplication]:
    """The signed-in candidate's applications with their current step."""
    return await candidate_portal(session, principal)


@portal_router.post("/applications/{application_id}/withdraw", response_model=list[PortalApplication])
async def withdraw_my_application(
    principal: Candidate, application_id: uuid.UUID, session: SessionDep
) -> list[PortalApplication]:
    await withdraw_own(session, principal, application_id)
    return await candidate_portal(session, principal)
