import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Index, Numeric, String, Text, UniqueConstraint, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from backend.kit.models import Base, TenantOwned, Timestamps, UUIDPrimaryKey

STATUSES = ("active", "on_hold", "rejected", "withdrawn", "hired")
NOTE_TYPES = ("general", "follow_up", "red_flag", "interview", "offer")


class RejectionReason(UUIDPrimaryKey, Timestamps, TenantOwned, Base):
    __tablename__ = "rejection_reasons"
    __table_args__ = (UniqueConstraint("organization_id", "label"),)

    label: Mapped[str] = mapped_column(String(120))
    is_active: Mapped[bool] = mapped_column(server_default=text("true"))


class Application(UUIDPrimaryKey, Timestamps, TenantOwned, Base):
    """A candidate for a requisition, moving through its pipeline."""

    __tablename__ = "applications"
    __table_args__ = (
        UniqueConstraint("candidate_id", "requisition_id"),
        CheckConstraint(f"status IN {STATUSES}", name="status_known"),
        # The board: a requisition's applications per stage; the recruiter's lists: newest first.
        Index("ix_applications_requisition_id_stage_id_status", "requisition_id", "stage_id", "status"),
        Index("ix_applications_organization_id_created_at_id", "organization_id", "created_at", "id"),
        Index("ix_applications_candidate_id", "candidate_id"),
        # A requisition's applications, page by page, in either sort order.
        Index("ix_applications_requisition_id_created_at_id", "requisition_id", "created_at", "id"),
        Index("ix_applications_requisition_id_stage_entered_at_id", "requisition_id", "stage_entered_at", "id"),
    )

    candidate_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("candidates.id", ondelete="CASCADE"))
    requisition_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("requisitions.id", ondelete="CASCADE"))
    stage_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("pipeline_stages.id", ondelete="RESTRICT"), index=True
    )
    status: Mapped[str] = mapped_column(String(16), server_default=text("'active'"))
    rejection_reason_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("rejection_reasons.id", ondelete="SET NULL"), index=True
    )
    # The overall score (0–100): the requisition's weighted mean of `stage_scores`, rewritten whenever one changes.
    score: Mapped[Decimal | None] = mapped_column(Numeric(5, 2))
    # The latest score per stage kind, 0–100: {"assessment": 82.5, "technical_interview": 80, ...}.
    stage_scores: Mapped[dict[str, Any]] = mapped_column(JSONB, server_default=text("'{}'::jsonb"))
    stage_entered_at: Mapped[datetime] = mapped_column(server_default=text("clock_timestamp()"))
    source: Mapped[str | None] = mapped_column(String(60))
    answers: Mapped[dict[str, Any]] = mapped_column(JSONB, server_default=text("'{}'::jsonb"))
    resume_file_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("stored_files.id", ondelete="SET NULL"), index=True
    )


class ApplicationEvent(UUIDPrimaryKey, TenantOwned, Base):
    """Every move of an application: who, when, from, to, why. Analytics read time-in-stage from these."""

    __tablename__ = "application_events"
    __table_args__ = (Index("ix_application_events_application_id_created_at", "application_id", "created_at"),)

    application_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(32))  # applied, moved, rejected, on_hold, resumed, withdrawn, hired
    actor_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    actor_label: Mapped[str | None] = mapped_column(String(254))
    from_stage_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("pipeline_stages.id", ondelete="SET NULL"), index=True
    )
    to_stage_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("pipeline_stages.id", ondelete="SET NULL"), index=True
    )
    from_status: Mapped[str | None] = mapped_column(String(16))
    to_status: Mapped[str | None] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(server_default=text("clock_timestamp()"))


class ApplicationNote(UUIDPrimaryKey, Timestamps, TenantOwned, Base):
    __tablename__ = "application_notes"
    __table_args__ = (
        CheckConstraint(f"type IN {NOTE_TYPES}", name="type_known"),
        CheckConstraint("visibility IN ('private', 'team')", name="visibility_known"),
        Index("ix_application_notes_application_id_created_at", "application_id", "created_at"),
    )

    application_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"))
    author_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    type: Mapped[str] = mapped_column(String(16), server_default=text("'general'"))
    visibility: Mapped[str] = mapped_column(String(8), server_default=text("'team'"))
    body: Mapped[str] = mapped_column(Text)
    edited_at: Mapped[datetime | None]


class PublicSubmission(UUIDPrimaryKey, Base):
    """Unauthenticated submissions (job applications) per IP, for rate limiting across API processes."""

    __tablename__ = "public_submissions"
    __table_args__ = (Index("ix_public_submissions_ip_created_at", "ip", "created_at"),)

    ip: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(server_default=text("clock_timestamp()"))
