"""Assessments: what a candidate is asked (sections of fixed or drawn questions), for how long, and what happens
with the score; and which assessment each assessment stage of a requisition's pipeline sends."""

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Index, Numeric, SmallInteger, String, Text, func, text
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column

from backend.kit.models import Base, TenantOwned, Timestamps, UUIDPrimaryKey

RESULT_RELEASES = ("never", "after_grading", "after_date")


class Assessment(UUIDPrimaryKey, Timestamps, TenantOwned, Base):
    """A test definition. Sessions copy what they need when they start (the questions drawn, their versions, the
    duration), so editing an assessment never changes a test already under way or graded."""

    __tablename__ = "assessments"
    __table_args__ = (
        CheckConstraint("step IN (1, 2)", name="step_known"),
        CheckConstraint(f"result_release IN {RESULT_RELEASES}", name="result_release_known"),
        CheckConstraint("duration_minutes BETWEEN 1 AND 600", name="duration_range"),
        CheckConstraint(
            "manual_review IS NULL OR auto_advance IS NULL OR manual_review <= auto_advance", name="thresholds_ordered"
        ),
        Index(
            "uq_assessments_organization_id_name",
            "organization_id",
            func.lower(text("name")),
            unique=True,
            postgresql_where=text("archived_at IS NULL"),
        ),
        Index("ix_assessments_organization_id_created_at", "organization_id", "created_at", "id"),
    )

    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, server_default=text("''"))
    # Shown to the candidate before they start (the rules), with the duration and what is recorded.
    instructions: Mapped[str] = mapped_column(Text, server_default=text("''"))
    # Which link rule applies to its invitations (the organization's settings.link_rules.step1 / step2).
    step: Mapped[int] = mapped_column(SmallInteger, server_default=text("1"))
    duration_minutes: Mapped[int]
    # [{"title", "kind": "fixed", "question_ids": [...], "time_limit_minutes"} |
    #  {"title", "kind": "random", "bank_id", "count", "difficulty", "tags", "types", "time_limit_minutes"}]
    sections: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, server_default=text("'[]'::jsonb"))
    shuffle_questions: Mapped[bool] = mapped_column(server_default=text("false"))
    shuffle_options: Mapped[bool] = mapped_column(server_default=text("false"))
    # Language keys of the execution engine; empty: every language a coding question offers.
    allowed_languages: Mapped[list[str]] = mapped_column(ARRAY(Text), server_default=text("'{}'"))
    # Step-1 thresholds in percent; NULL: the organization's settings.thresholds.
    auto_advance: Mapped[Decimal | None] = mapped_column(Numeric(5, 2))
    manual_review: Mapped[Decimal | None] = mapped_column(Numeric(5, 2))
    result_release: Mapped[str] = mapped_column(String(16), server_default=text("'never'"))
    results_release_at: Mapped[datetime | None]
    # {"fullscreen_required": bool, "webcam_required": bool}: read by the player and by proctoring.
    proctoring: Mapped[dict[str, Any]] = mapped_column(
        JSONB, server_default=text('\'{"fullscreen_required": false, "webcam_required": false}\'::jsonb')
    )
    archived_at: Mapped[datetime | None]
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)


class StageAssessment(UUIDPrimaryKey, Timestamps, TenantOwned, Base):
    """The assessment an assessment stage of a pipeline sends to every application that enters it."""

    __tablename__ = "stage_assessments"

    stage_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("pipeline_stages.id", ondelete="CASCADE"), unique=True)
    requisition_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("requisitions.id", ondelete="CASCADE"), index=True)
    assessment_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("assessments.id", ondelete="RESTRICT"), index=True)
