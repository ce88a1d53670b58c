import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Index, Numeric, String, Text, UniqueConstraint, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from backend.kit.models import Base, TenantOwned, Timestamps, UUIDPrimaryKey

TYPES = ("hr_screen", "technical", "behavioral", "system_design", "executive")
MODES = ("video", "phone", "onsite")
STATUSES = ("scheduled", "in_progress", "completed", "cancelled", "no_show")
RECOMMENDATIONS = ("strong_hire", "hire", "maybe", "no_hire")


class Interview(UUIDPrimaryKey, Timestamps, TenantOwned, Base):
    """A scheduled conversation with a candidate for one application, led by one interviewer with a panel."""

    __tablename__ = "interviews"
    __table_args__ = (
        CheckConstraint(f"type IN {TYPES}", name="type_known"),
        CheckConstraint(f"mode IN {MODES}", name="mode_known"),
        CheckConstraint(f"status IN {STATUSES}", name="status_known"),
        CheckConstraint("duration_minutes BETWEEN 5 AND 480", name="duration"),
        Index("ix_interviews_organization_id_starts_at_id", "organization_id", "starts_at", "id"),
        Index("ix_interviews_application_id", "application_id"),
    )

    application_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"))
    candidate_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("candidates.id", ondelete="CASCADE"), index=True)
    stage_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("pipeline_stages.id", ondelete="SET NULL"), index=True
    )
    type: Mapped[str] = mapped_column(String(16))
    mode: Mapped[str] = mapped_column(String(8))
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    duration_minutes: Mapped[int]
    time_zone: Mapped[str] = mapped_column(String(64))
    lead_interviewer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"), index=True)
    location: Mapped[str | None] = mapped_column(String(500))
    preparation_notes: Mapped[str] = mapped_column(Text, server_default=text("''"))
    # [{"text", "category", "difficulty", "question_id"?}] — question_id links to a bank question once banks exist.
    guide: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, server_default=text("'[]'::jsonb"))
    status: Mapped[str] = mapped_column(String(16), server_default=text("'scheduled'"))
    status_reason: Mapped[str | None] = mapped_column(Text)
    candidate_response: Mapped[str | None] = mapped_column(String(16))  # accepted | declined
    started_at: Mapped[datetime | None]
    ended_at: Mapped[datetime | None]
    ics_sequence: Mapped[int] = mapped_column(server_default=text("0"))
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)


class InterviewParticipant(UUIDPrimaryKey, TenantOwned, Base):
    """Who sits on an interview (the lead included). Busy windows are checked over these rows."""

    __tablename__ = "interview_participants"
    __table_args__ = (
        UniqueConstraint("interview_id", "user_id"),
        Index("ix_interview_participants_user_id", "user_id"),
    )

    interview_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("interviews.id", ondelete="CASCADE"))
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    is_lead: Mapped[bool] = mapped_column(server_default=text("false"))


class Scorecard(UUIDPrimaryKey, Timestamps, TenantOwned, Base):
    """One interviewer's feedback on one interview. The unique pair makes a concurrent second submit fail."""

    __tablename__ = "scorecards"
    __table_args__ = (
        UniqueConstraint("interview_id", "interviewer_id"),
        CheckConstraint(f"recommendation IS NULL OR recommendation IN {RECOMMENDATIONS}", name="recommendation_known"),
        CheckConstraint(
            "overall_rating IS NULL OR (overall_rating BETWEEN 1 AND 5 AND overall_rating * 2 = "
            "floor(overall_rating * 2))",
            name="rating_half_steps",
        ),
        CheckConstraint("status IN ('draft', 'submitted')", name="status_known"),
    )

    interview_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("interviews.id", ondelete="CASCADE"))
    interviewer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(16), server_default=text("'draft'"))
    overall_rating: Mapped[Decimal | None] = mapped_column(Numeric(2, 1))
    recommendation: Mapped[str | None] = mapped_column(String(16))
    ratings: Mapped[dict[str, Any]] = mapped_column(JSONB, server_default=text("'{}'::jsonb"))
    strengths: Mapped[str] = mapped_column(Text, server_default=text("''"))
    weaknesses: Mapped[str] = mapped_column(Text, server_default=text("''"))
    notes: Mapped[str] = mapped_column(Text, server_default=text("''"))
    follow_up: Mapped[bool] = mapped_column(server_default=text("false"))
    submitted_at: Mapped[datetime | None]
