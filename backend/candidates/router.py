import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, File, Query, Request, UploadFile, status
from fastapi.responses import Response, StreamingResponse

from backend.auth.dependencies import require
from backend.auth.principal import Principal
from backend.candidates import io as candidate_io
from backend.candidates.merge import merge, possible_duplicates
from backend.candidates.schemas import CandidateCreate, CandidateRead, CandidateUpdate, ImportResult, MergeRequest
from backend.candidates.service import CandidateService
from backend.db import ReadSessionDep, SessionDep
from backend.files.content import PDF, XLSX
from backend.files.service import (
    MAX_BYTES,
    UPLOAD_BODY_BYTES,
    content_disposition,
    read_upload,
    stored_file_response,
)
from backend.http_security import body_limit
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
    """The talent pool. Sort by created_at, last_name or email. `q` matches words of the name, email and phone:
    whole words, the last one may be just its beginning ("ada lov", "ada.lovelace@ex", "555-0100")."""
    items, cursor, total = await CandidateService(session, principal).search(params, q, owner_id, tag, source)
    return Page[CandidateRead](
        items=[CandidateRead.model_validate(row._mapping) for row in items], next_cursor=cursor, total=total
    )


@router.post("", response_model=CandidateRead, status_code=status.HTTP_201_CREATED)
async def create_candidate(principal: Writer, body: CandidateCreate, session: SessionDep) -> CandidateRead:
    """Add a candidate (one per email in the organization; 409 on a duplicate)."""
    return CandidateRead.model_validate(await CandidateService(session, principal).create(body))


@router.get("/export", response_class=StreamingResponse, responses={200: {"content": {"text/csv": {}, XLSX: {}}}})
async def export_candidates(
    principal: Annotated[Principal, Depends(require("data:export"))],
    request: Request,
    format: Literal["csv", "xlsx"] = "csv",
) -> Response:
    """The whole talent pool as CSV (streamed) or XLSX. The same columns an import takes, plus created_at."""
    assert principal.organization_id is not None
    sessionmaker = request.app.state.db.snapshot_sessionmaker
    await candidate_io.record_export(request.app.state.db.sessionmaker, principal, format)
    if format == "xlsx":
        data = await candidate_io.export_xlsx(sessionmaker, principal.organization_id)
        return Response(
            data, media_type=XLSX, headers={"Content-Disposition": content_disposition("attachment", "candidates.xlsx")}
        )
    return StreamingResponse(
        candidate_io.export_csv(sessionmaker, principal.organization_id),
        media_type="text/csv",
        headers={"Content-Disposition": content_disposition("attachment", "candidates.csv")},
    )


@router.post("/import", response_model=ImportResult, openapi_extra=body_limit(UPLOAD_BODY_BYTES))
async def import_candidates(
    principal: Writer,
    session: SessionDep,
    file: Annotated[
        UploadFile,
        File(
            description="CSV (UTF-8) or XLSX with columns first_name, last_name, email, "
            "phone, location, source, tags (comma-separated)."
        ),
    ],
    dry_run: bool = False,
) -> ImportResult:
    """Validate every row first; import all of them or none. Errors come back as a 422 whose `errors` name the
    row (as numbered in a spreadsheet) and the field. `dry_run=true` only validates."""
    data = await read_upload(file, "file")
    return await candidate_io.import_candidates(session, principal, file.filename or "import", data, dry_run)


@router.get("/{candidate_id}", response_model=CandidateRead)
async def get_candidate(principal: Reader, candidate_id: uuid.UUID, session: ReadSessionDep) -> CandidateRead:
    return CandidateRead.model_validate(await CandidateService(session, principal).get(candidate_id))


@router.patch("/{candidate_id}", response_model=CandidateRead)
async def update_candidate(
    principal: Writer, candidate_id: uuid.UUID, body: CandidateUpdate, session: SessionDep
) -> CandidateRead:
    return CandidateRead.model_validate(await CandidateService(session, principal).update(candidate_id, body))


@router.post("/{candidate_id}/resume", response_model=CandidateRead, openapi_extra=body_limit(UPLOAD_BODY_BYTES))
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
    return stored_file_response(*await CandidateService(session, principal).resume(candidate_id), inline=inline)


@router.get("/{candidate_id}/duplicates", response_model=list[CandidateRead])
async def candidate_duplicates(
    principal: Reader, candidate_id: uuid.UUID, session: ReadSessionDep
) -> list[CandidateRead]:
    """Candidates that look like the same person (same name, or same phone)."""
    return [CandidateRead.model_validate(c) for c in await possible_duplicates(session, principal, candidate_id)]


@router.post("/{candidate_id}/merge", response_model=CandidateRead)
async def merge_candidate(
    principal: Writer, candidate_id: uuid.UUID, body: MergeRequest, session: SessionDep
) -> CandidateRead:
    """Merge `duplicate_id` into this candidate: applications, missing details and tags move over; the duplicate
    is hidden but kept, with its history."""
    return CandidateRead.model_validate(await merge(session, principal, candidate_id, body.duplicate_id))
