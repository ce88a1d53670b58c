import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query

from backend.auth.dependencies import require
from backend.auth.principal import Principal
from backend.db import ReadSessionDep, SessionDep
from backend.email.schemas import (
    EmailDetail,
    EmailSummary,
    TemplatePreview,
    TemplatePreviewRequest,
    TemplateRead,
    TemplateUpdate,
)
from backend.email.service import EmailAdminService
from backend.kit.pagination import PageParams, page_params
from backend.kit.schemas import Page

router = APIRouter(prefix="/email", tags=["email"])
Editor = Annotated[Principal, Depends(require("email_templates:manage"))]
OutboxReader = Annotated[Principal, Depends(require("outbox:read"))]


@router.get("/templates", response_model=list[TemplateRead])
async def list_templates(principal: Editor, session: ReadSessionDep) -> list[TemplateRead]:
    """Every email template with its declared variables and sample values."""
    return await EmailAdminService(session, principal).list_templates()


@router.get("/templates/{key}", response_model=TemplateRead)
async def get_template(principal: Editor, key: str, session: ReadSessionDep) -> TemplateRead:
    return await EmailAdminService(session, principal).get_template(key)


@router.put("/templates/{key}", response_model=TemplateRead)
async def update_template(principal: Editor, key: str, body: TemplateUpdate, session: SessionDep) -> TemplateRead:
    """Save a template. Jinja2 syntax; using a variable the template does not declare is a 422."""
    return await EmailAdminService(session, principal).update_template(key, body)


@router.post("/templates/{key}/preview", response_model=TemplatePreview)
async def preview_template(
    principal: Editor, key: str, body: TemplatePreviewRequest, session: ReadSessionDep
) -> TemplatePreview:
    """Render unsaved template text with the template's sample data."""
    return await EmailAdminService(session, principal).preview(key, body.subject, body.body_html, body.body_text)


@router.get("/outbox", response_model=Page[EmailSummary])
async def list_outbox(
    principal: OutboxReader,
    session: ReadSessionDep,
    params: PageParams = Depends(page_params),
    q: str | None = Query(None, max_length=100, description="Search recipient and subject."),
    status: Literal["queued", "sending", "sent", "failed", "captured"] | None = None,
) -> Page[EmailSummary]:
    """Every email the organization produced, newest first. Locally (no SMTP) messages are `captured`. Secrets in
    emails (one-time links, access codes) are hidden, except for admins in the local setup (no SMTP)."""
    items, cursor, total = await EmailAdminService(session, principal).list_outbox(params, q, status)
    return Page(items=[EmailSummary.model_validate(m) for m in items], next_cursor=cursor, total=total)


@router.get("/outbox/{message_id}", response_model=EmailDetail)
async def get_email(principal: OutboxReader, message_id: uuid.UUID, session: ReadSessionDep) -> EmailDetail:
    """One message with its HTML and text bodies and attachment list. Secrets are hidden as in the list."""
    return await EmailAdminService(session, principal).get_message(message_id)
