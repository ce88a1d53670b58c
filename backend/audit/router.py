import uuid
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import StreamingResponse

from backend.audit import service
from backend.audit.schemas import AuditFilters, AuditLogRead
from backend.auth.dependencies import require
from backend.auth.principal import Principal
from backend.db import ReadSessionDep
from backend.kit.pagination import PageParams, page_params
from backend.kit.schemas import Page

router = APIRouter(prefix="/audit-logs", tags=["audit"])
Auditor = Annotated[Principal, Depends(require("audit:read"))]


async def audit_filters(  # async: no worker-thread hop (see page_params)
    actor_id: uuid.UUID | None = None,
    entity_type: str | None = Query(None, max_length=64),
    entity_id: str | None = Query(None, max_length=64),
    action: str | None = Query(None, max_length=64),
    since: datetime | None = Query(None, description="Inclusive lower bound (ISO 8601)."),
    until: datetime | None = Query(None, description="Exclusive upper bound (ISO 8601)."),
) -> AuditFilters:
    return AuditFilters(actor_id, entity_type, entity_id, action, since, until)


Filters = Annotated[AuditFilters, Depends(audit_filters)]


@router.get("", response_model=Page[AuditLogRead])
async def list_audit_logs(
    principal: Auditor, session: ReadSessionDep, filters: Filters, params: PageParams = Depends(page_params)
) -> Page[AuditLogRead]:
    """The organization's audit trail, newest first: who changed what, from where, with before/after values."""
    items, cursor = await service.list_entries(session, principal, filters, params)
    return Page[AuditLogRead](items=[AuditLogRead.model_validate(row._mapping) for row in items], next_cursor=cursor)


@router.get("/export", response_class=StreamingResponse, responses={200: {"content": {"text/csv": {}}}})
async def export_audit_logs(principal: Auditor, filters: Filters, request: Request) -> StreamingResponse:
    """The filtered audit trail as CSV, streamed (no size limit)."""
    stream = service.export_csv(request.app.state.db.snapshot_sessionmaker, principal.organization_id, filters)
    return StreamingResponse(
        stream, media_type="text/csv", headers={"Content-Disposition": 'attachment; filename="audit-log.csv"'}
    )
