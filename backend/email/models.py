from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, Index, String, Text, UniqueConstraint, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from backend.kit.models import Base, TenantOwned, Timestamps, UUIDPrimaryKey

STATUSES = ("queued", "sending", "sent", "failed", "captured")


class EmailTemplate(UUIDPrimaryKey, Timestamps, TenantOwned, Base):
    """An organization's wording for one event (e.g. `assessment_invitation`); Jinja2, sandboxed."""

    __tablename__ = "email_templates"
    __table_args__ = (UniqueConstraint("organization_id", "key"),)

    key: Mapped[str] = mapped_column(String(64))
    subject: Mapped[str] = mapped_column(String(300))
    body_html: Mapped[str] = mapped_column(Text)
    body_text: Mapped[str] = mapped_column(Text)


class EmailMessage(UUIDPrimaryKey, Timestamps, TenantOwned, Base):
    """The outbox: every email ever produced, kept whether it was sent, captured locally or failed."""

    __tablename__ = "email_messages"
    __table_args__ = (
        Index("ix_email_messages_organization_id_created_at_id", "organization_id", "created_at", "id"),
        Index("ix_email_messages_to_address", "organization_id", "to_address"),
        # The same business event never produces two emails, however often it is retried.
        Index(
            "uq_email_messages_idempotency_key",
            "organization_id",
            "idempotency_key",
            unique=True,
            postgresql_where=text("idempotency_key IS NOT NULL"),
        ),
        CheckConstraint(f"status IN {STATUSES}", name="status_known"),
    )

    to_address: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(300))
    body_html: Mapped[str] = mapped_column(Text)
    body_text: Mapped[str] = mapped_column(Text)
    template_key: Mapped[str | None] = mapped_column(String(64))
    entity_type: Mapped[str | None] = mapped_column(String(64))
    entity_id: Mapped[str | None] = mapped_column(String(64))
    idempotency_key: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16), server_default=text("'queued'"))
    attempts: Mapped[int] = mapped_column(server_default=text("0"))
    last_error: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime | None]
    # The same message with its secrets (activation links, access codes) replaced by a placeholder, when it has
    # any: what the outbox shows to anyone who may not read them, and what is kept once it has been sent.
    redacted: Mapped[dict[str, Any] | None] = mapped_column(JSONB(none_as_null=True))
    # [{filename, content_type, content_base64}]: small files such as calendar invitations.
    attachments: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list, server_default=text("'[]'::jsonb"))
