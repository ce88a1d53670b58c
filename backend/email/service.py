"""Email: `send_email()` renders a template into the outbox and enqueues its delivery in the caller's
transaction. Admins edit templates (validated against each template's declared variables) and read the
outbox, which in the local setup is the mail catcher."""

import base64
import logging
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from backend.audit import service as audit
from backend.auth.principal import Principal
from backend.config import get_settings
from backend.email.catalog import SPECS, TemplateSpec
from backend.email.models import EmailMessage, EmailTemplate
from backend.email.rendering import Rendered, TemplateProblem, check
from backend.email.repository import OutboxRepository, TemplateRepository
from backend.email.sandbox import render
from backend.email.schemas import EmailDetail, TemplatePreview, TemplateRead, TemplateUpdate
from backend.errors import NotFound, ValidationFailed
from backend.kit.pagination import PageParams, paginate
from backend.worker import enqueue

SEND_TASK = "email.send"
HIDDEN = "[hidden: sent to the recipient only]"
log = logging.getLogger("interviewflow.email")


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


def _spec(key: str) -> TemplateSpec:
    spec = SPECS.get(key)
    if spec is None:
        raise NotFound(f"No email template '{key}'.")
    return spec


async def ensure_templates(session: AsyncSession, organization_id: uuid.UUID) -> None:
    """Give an organization its editable copy of every built-in template it does not have yet."""
    repo = TemplateRepository(session, organization_id)
    existing = await repo.keys()
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
    rendered, redacted = await _render_with_secrets_hidden(spec, stored, context)
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
        redacted=redacted,
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


async def _render(spec: TemplateSpec, stored: EmailTemplate | None, context: dict[str, Any]) -> Rendered:
    """The organization's wording; should it fail with real data (too slow, too long), the built-in wording, so
    the email still goes out."""
    if stored is not None:
        try:
            return await render(stored.subject, stored.body_html, stored.body_text, context)
        except TemplateProblem as exc:
            log.warning("email template failed, using the default", extra={"template": spec.key, "error": exc.message})
    return await render(spec.subject, spec.body_html, spec.body_text, context)


async def _render_with_secrets_hidden(
    spec: TemplateSpec, stored: EmailTemplate | None, context: dict[str, Any]
) -> tuple[Rendered, dict[str, str] | None]:
    """The email, and (when it carries secrets) the same email with every secret variable replaced by a
    placeholder: rendering twice means whatever a template does with a secret, the second copy never has it."""
    rendered = await _render(spec, stored, context)
    if not any(context.get(name) for name in spec.secrets):
        return rendered, None
    hidden = await _render(spec, stored, {**context, **{n: HIDDEN for n in spec.secrets if context.get(n)}})
    return rendered, {"subject": hidden.subject, "body_html": hidden.body_html, "body_text": hidden.body_text}


def may_read_secrets(principal: Principal) -> bool:
    """Full bodies (with their one-time links) are readable only in capture mode, the local setup where the
    outbox is the mail catcher, and only with `outbox:read_secrets` (admins). Once emails really go out, nobody
    reads a recipient's secrets back."""
    return not get_settings().smtp_host and principal.can("outbox:read_secrets")


def shown(message: EmailMessage, principal: Principal) -> dict[str, str]:
    if message.redacted and not may_read_secrets(principal):
        return dict(message.redacted)
    return {"subject": message.subject, "body_html": message.body_html, "body_text": message.body_text}


async def _validate(spec: TemplateSpec, subject: str, body_html: str, body_text: str) -> Rendered:
    """Refuse at save time anything that would fail at send time: syntax, undeclared variables, and (by
    rendering the sample data, in the sandbox process with its limits) anything the sandbox refuses."""
    allowed = set(spec.variables)
    try:
        check("subject", subject, allowed, html=False)
        check("body_html", body_html, allowed, html=True)
        check("body_text", body_text, allowed, html=False)
        return await render(subject, body_html, body_text, spec.sample)
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
        rows = {t.key: t for t in await self.templates.all()}
        return [_template_read(spec, rows.get(key)) for key, spec in SPECS.items()]

    async def get_template(self, key: str) -> TemplateRead:
        return _template_read(_spec(key), await self.templates.by_key(key))

    async def update_template(self, key: str, data: TemplateUpdate) -> TemplateRead:
        spec = _spec(key)
        await _validate(spec, data.subject, data.body_html, data.body_text)
        row = await self.templates.by_key(key)
        if row is None:
            row = self.templates.add(
                EmailTemplate(key=key, subject=spec.subject, body_html=spec.body_html, body_text=spec.body_text)
            )
        fields = ("subject", "body_html", "body_text")
        before = audit.snapshot(row, fields)
        row.subject, row.body_html, row.body_text = data.subject, data.body_html, data.body_text
        await self.session.flush()
        await audit.record_changes(
            self.session,
            self.principal,
            "email_template.updated",
            "email_template",
            key,
            organization_id=self.principal.organization_id,
            before=before,
            after=audit.snapshot(row, fields),
        )
        return _template_read(spec, row)

    async def preview(self, key: str, subject: str, body_html: str, body_text: str) -> TemplatePreview:
        rendered = await _validate(_spec(key), subject, body_html, body_text)
        return TemplatePreview(subject=rendered.subject, body_html=rendered.body_html, body_text=rendered.body_text)

    async def list_outbox(
        self, params: PageParams, q: str | None, status: str | None
    ) -> tuple[list[Any], str | None, int | None]:
        items, cursor, total = await paginate(
            self.session,
            self.outbox.filtered(q, status),
            sortable={"created_at": EmailMessage.created_at},
            id_column=EmailMessage.id,
            params=params,
        )
        return [{**_summary(m), "subject": shown(m, self.principal)["subject"]} for m in items], cursor, total

    async def get_message(self, message_id: uuid.UUID) -> EmailDetail:
        m = await self.outbox.get_or_404(message_id)
        return EmailDetail(
            **_summary(m),
            **shown(m, self.principal),
            attachments=[
                {
                    "filename": a["filename"],
                    "content_type": a["content_type"],
                    "size": len(base64.b64decode(a["content_base64"])),
                }
                for a in m.attachments or []
            ],
        )


_SUMMARY = (
    "id",
    "to_address",
    "template_key",
    "entity_type",
    "entity_id",
    "status",
    "attempts",
    "last_error",
    "sent_at",
    "created_at",
)


def _summary(m: EmailMessage) -> dict[str, Any]:
    return {k: getattr(m, k) for k in _SUMMARY}


async def already_sent(session: AsyncSession, organization_id: uuid.UUID, idempotency_key: str) -> bool:
    """Whether an email for this business event exists (used as the 'done' flag of periodic jobs)."""
    return await OutboxRepository(session, organization_id).by_idempotency_key(idempotency_key) is not None
