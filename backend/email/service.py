"""Email: `send_email()` renders a template into the outbox and enqueues its delivery in the caller's
transaction. Admins edit templates (validated against each template's declared variables) and read the
outbox, which in the local setup is the mail catcher."""

import base64
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from backend.audit import service as audit
from backend.auth.principal import Principal
from backend.email.catalog import SPECS, TemplateSpec
from backend.email.models import EmailMessage, EmailTemplate
from backend.email.rendering import TemplateProblem, check, render
from backend.email.schemas import EmailDetail, TemplatePreview, TemplateRead, TemplateUpdate
from backend.errors import NotFound, ValidationFailed
from backend.kit.pagination import PageParams, paginate
from backend.kit.repository import TenantRepository
from backend.worker import enqueue

SEND_TASK = "email.send"


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str
    content: bytes

    def as_json(self) -> dict[str, str]:
        return {
            "filename": self.filename,
            "content_type": self.content_type,
            "content_base64": base64.b64encode(self.content).decode(),
        }


class TemplateRepository(TenantRepository[EmailTemplate]):
    model = EmailTemplate

    async def by_key(self, key: str) -> EmailTemplate | None:
        return (await self.session.execute(self.select().where(EmailTemplate.key == key))).scalar_one_or_none()


class OutboxRepository(TenantRepository[EmailMessage]):
    model = EmailMessage

    async def by_idempotency_key(self, key: str) -> EmailMessage | None:
        stmt = self.select().where(EmailMessage.idempotency_key == key)
        return (await self.session.execute(stmt)).scalar_one_or_none()


def _spec(key: str) -> TemplateSpec:
    spec = SPECS.get(key)
    if spec is None:
        raise NotFound(f"No email template '{key}'.")
    return spec


async def ensure_templates(session: AsyncSession, organization_id: uuid.UUID) -> None:
    """Give an organization its editable copy of every built-in template it does not have yet."""
    repo = TemplateRepository(session, organization_id)
    existing = set(
        (
            await session.execute(select(EmailTemplate.key).where(EmailTemplate.organization_id == organization_id))
        ).scalars()
    )
    for spec in SPECS.values():
        if spec.key not in existing:
            repo.add(
                EmailTemplate(key=spec.key, subject=spec.subject, body_html=spec.body_html, body_text=spec.body_text)
            )
    await session.flush()


async def send_email(
    session: AsyncSession,
    organization_id: uuid.UUID,
    template_key: str,
    to: str,
    context: dict[str, Any],
    *,
    entity_type: str | None = None,
    entity_id: object = None,
    attachments: list[Attachment] | None = None,
    idempotency_key: str | None = None,
) -> EmailMessage:
    """Render and queue one email. With an idempotency key, asking twice for the same event returns the first
    message instead of sending a second."""
    outbox = OutboxRepository(session, organization_id)
    if idempotency_key:
        existing = await outbox.by_idempotency_key(idempotency_key)
        if existing is not None:
            return existing
    spec = _spec(template_key)
    stored = await TemplateRepository(session, organization_id).by_key(template_key)
    source = stored or spec
    rendered = render(source.subject, source.body_html, source.body_text, context)
    message = EmailMessage(
        to_address=to,
        subject=rendered.subject,
        body_html=rendered.body_html,
        body_text=rendered.body_text,
        template_key=template_key,
        entity_type=entity_type,
        entity_id=str(entity_id) if entity_id is not None else None,
        idempotency_key=idempotency_key,
        status="queued",
        attachments=[a.as_json() for a in attachments or []],
    )
    try:
        async with session.begin_nested():  # a concurrent twin with the same key wins; we return its message
            outbox.add(message)
            await session.flush()
    except IntegrityError:
        if idempotency_key and (twin := await outbox.by_idempotency_key(idempotency_key)) is not None:
            return twin
        raise
    await enqueue(session, SEND_TASK, message_id=str(message.id), organization_id=str(organization_id))
    return message


def _validate(spec: TemplateSpec, subject: str, body_html: str, body_text: str) -> None:
    """Refuse at save time anything that would fail at send time: syntax, undeclared variables, and (by
    rendering the sample data) anything the sandbox refuses."""
    allowed = set(spec.variables)
    try:
        check("subject", subject, allowed, html=False)
        check("body_html", body_html, allowed, html=True)
        check("body_text", body_text, allowed, html=False)
        render(subject, body_html, body_text, spec.sample)
    except TemplateProblem as exc:
        raise ValidationFailed.on(exc.field, exc.message) from exc


def _template_read(spec: TemplateSpec, row: EmailTemplate | None) -> TemplateRead:
    source = row or spec
    customised = (source.subject, source.body_html, source.body_text) != (spec.subject, spec.body_html, spec.body_text)
    return TemplateRead(
        key=spec.key,
        customised=customised,
        description=spec.description,
        subject=source.subject,
        body_html=source.body_html,
        body_text=source.body_text,
        variables=spec.variables,
        sample=spec.sample,
        updated_at=row.updated_at if row else None,
    )


class EmailAdminService:
    def __init__(self, session: AsyncSession, principal: Principal) -> None:
        self.session = session
        self.principal = principal
        self.templates = TemplateRepository(session, principal.organization_id)
        self.outbox = OutboxRepository(session, principal.organization_id)

    async def list_templates(self) -> list[TemplateRead]:
        rows = {t.key: t for t in (await self.session.execute(self.templates.select())).scalars()}
        return [_template_read(spec, rows.get(key)) for key, spec in SPECS.items()]

    async def get_template(self, key: str) -> TemplateRead:
        return _template_read(_spec(key), await self.templates.by_key(key))

    async def update_template(self, key: str, data: TemplateUpdate) -> TemplateRead:
        spec = _spec(key)
        _validate(spec, data.subject, data.body_html, data.body_text)
        row = await self.templates.by_key(key)
        if row is None:
            row = self.templates.add(
                EmailTemplate(key=key, subject=spec.subject, body_html=spec.body_html, body_text=spec.body_text)
            )
        fields = ("subject", "body_html", "body_text")
        before = audit.snapshot(row, fields)
        row.subject, row.body_html, row.body_text = data.subject, data.body_html, data.body_text
        await self.session.flush()
        old, new = audit.changed(before, audit.snapshot(row, fields))
        if new:
            await audit.record(
                self.session,
                self.principal,
                "email_template.updated",
                "email_template",
                key,
                organization_id=self.principal.organization_id,
                before=old,
                after=new,
            )
        return _template_read(spec, row)

    def preview(self, key: str, subject: str, body_html: str, body_text: str) -> TemplatePreview:
        spec = _spec(key)
        _validate(spec, subject, body_html, body_text)
        rendered = render(subject, body_html, body_text, spec.sample)
        return TemplatePreview(subject=rendered.subject, body_html=rendered.body_html, body_text=rendered.body_text)

    async def list_outbox(
        self, params: PageParams, q: str | None, status: str | None
    ) -> tuple[list[EmailMessage], str | None, int | None]:
        stmt = self.outbox.select()
        if q:
            like = "%" + q.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            stmt = stmt.where(
                or_(func.lower(EmailMessage.to_address).like(like), func.lower(EmailMessage.subject).like(like))
            )
        if status:
            stmt = stmt.where(EmailMessage.status == status)
        return await paginate(
            self.session,
            stmt,
            sortable={"created_at": EmailMessage.created_at},
            id_column=EmailMessage.id,
            params=params,
        )

    async def get_message(self, message_id: uuid.UUID) -> EmailDetail:
        m = await self.outbox.get_or_404(message_id)
        return EmailDetail(
            **{
                k: getattr(m, k)
                for k in (
                    "id",
                    "to_address",
                    "subject",
                    "template_key",
                    "entity_type",
                    "entity_id",
                    "status",
                    "attempts",
                    "last_error",
                    "sent_at",
                    "created_at",
                    "body_html",
                    "body_text",
                )
            },
            attachments=[
                {
                    "filename": a["filename"],
                    "content_type": a["content_type"],
                    "size": len(base64.b64decode(a["content_base64"])),
                }
                for a in m.attachments or []
            ],
        )


async def already_sent(session: AsyncSession, organization_id: uuid.UUID, idempotency_key: str) -> bool:
    """Whether an email for this business event exists (used as the 'done' flag of periodic jobs)."""
    return await OutboxRepository(session, organization_id).by_idempotency_key(idempotency_key) is not None
