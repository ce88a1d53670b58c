import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, File, Query, UploadFile, status
from fastapi.responses import Response

from backend.auth.dependencies import require
from backend.auth.principal import Principal
from backend.candidates.schemas import CandidateCreate, CandidateRead, CandidateUpdate
from backend.candidates.service import CandidateService
from backend.db import ReadSessionDep, SessionDep
from backend.files.content import PDF
from backend.files.service import MAX_BYTES, content_disposition
from backend.kit.pagination import PageParams, page_params
from backend.kit.schemas import Page

router = APIRouter(prefix="/candidates", tags=["candidates"])
Reader = Annotated[Principal, Depends(require("candidates:read"))]
Writer = Annotated[Principal, Depends(require("candidates:write"))]


@router.get("", response_model=Page[CandidateRead])
async def list_candidates(
    principal: Reader,
    session: ReadSessionDep,
    params: PageParams = Depends(page_params),
    q: str | None = Query(None, max_length=100, description="Search name, email or phone."),
    owner_id: uuid.UUID | None = None,
    tag: str | None = Query(None, max_length=40),
    source: str | None = Query(None, max_length=60),
) -> Page[CandidateRead]:
    """The talent pool. Sort by created_at, last_name or email."""
    items, cursor, total = await CandidateService(session, principal).search(params, q, owner_id, tag, source)
    return Page(items=[CandidateRead.model_validate(c) for c in items], next_cursor=cursor, total=total)


@router.post("", response_model=CandidateRead, status_code=status.HTTP_201_CREATED)
async def create_candidate(principal: Writer, body: CandidateCreate, session: SessionDep) -> CandidateRead:
    """Add a candidate (one per email in the organization; 409 on a duplicate)."""
    return CandidateRead.model_validate(await CandidateService(session, principal).create(body))


@router.get("/{candidate_id}", response_model=CandidateRead)
async def get_candidate(principal: Reader, candidate_id: uuid.UUID, session: ReadSessionDep) -> CandidateRead:
    return CandidateRead.model_validate(await CandidateService(session, principal).get(candidate_id))


@router.patch("/{candidate_id}", response_model=CandidateRead)
async def update_candidate(
    principal: Writer, candidate_id: uuid.UUID, body: CandidateUpdate, session: SessionDep
) -> CandidateRead:
    return CandidateRead.model_validate(await CandidateService(session, principal).update(candidate_id, body))


@router.post("/{candidate_id}/resume", response_model=CandidateRead)
async def upload_resume(
    principal: Writer,
    candidate_id: uuid.UUID,
    session: SessionDep,
    file: Annotated[UploadFile, File(description="PDF or DOCX, at most 10 MB (type checked by content).")],
) -> CandidateRead:
    data = await file.read(MAX_BYTES + 1)
    candidate = await CandidateService(session, principal).upload_resume(candidate_id, file.filename or "resume", data)
    return CandidateRead.model_validate(candidate)


@router.get("/{candidate_id}/resume", response_class=Response, responses={200: {"content": {PDF: {}}}})
async def download_resume(
    principal: Reader, candidate_id: uuid.UUID, session: ReadSessionDep, inline: bool = False
) -> Response:
    """The résumé file. `inline=true` lets a browser preview a PDF in place."""
    stored, data = await CandidateService(session, principal).resume(candidate_id)
    disposition = "inline" if inline and stored.content_type == PDF else "attachment"
    return Response(
        data,
        media_type=stored.content_type,
        headers={
            "Content-Disposition": content_disposition(disposition, stored.filename),
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "private, no-store",
        },
    )
