import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import CheckConstraint, Computed, ForeignKey, Index, Numeric, String, Text, UniqueConstraint, text
from sqlalchemy.dialects.postgresql import JSONB, TSVECTOR
from sqlalchemy.orm import Mapped, mapped_column

from backend.kit.models import Base, TenantOwned, Timestamps, UUIDPrimaryKey

STAGE_KINDS = ("hr_screen", "assessment", "technical_interview", "executive_interview", "review", "offer")
STATUSES = ("draft", "open", "paused", "filled", "closed", "cancelled")
EMPLOYMENT_TYPES = ("full_time", "part_time", "contract", "internship", "temporary")
EXPERIENCE_LEVELS = ("entry", "mid", "senior", "lead", "principal")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class RoundTemplate(UUIDPrimaryKey, Timestamps, TenantOwned, Base):
    """A reusable hiring round (e.g. "Step 2 — technical interview"). The default ones, in order, form the
    pipeline every new requisition starts with."""

    __tablename__ = "round_templates"
    __table_args__ = (CheckConstraint(_in("kind", STAGE_KINDS), name="kind_known"),)

    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(32))
    duration_minutes: Mapped[int | None]
    passing_score: Mapped[Decimal | None] = mapped_column(Numeric(5, 2))
    config: Mapped[dict[str, Any]] = mapped_column(JSONB, server_default=text("'{}'::jsonb"))
    in_default_pipeline: Mapped[bool] = mapped_column(server_default=text("false"))
    position: Mapped[int] = mapped_column(server_default=text("0"))
    is_active: Mapped[bool] = mapped_column(server_default=text("true"))


class Requisition(UUIDPrimaryKey, Timestamps, TenantOwned, Base):
    """A job opening, from draft to filled."""

    __tablename__ = "requisitions"
    __table_args__ = (
        CheckConstraint(_in("status", STATUSES), name="status_known"),
        CheckConstraint(_in("employment_type", EMPLOYMENT_TYPES), name="employment_type_known"),
        CheckConstraint(_in("experience_level", EXPERIENCE_LEVELS), name="experience_level_known"),
        CheckConstraint("salary_min IS NULL OR salary_max IS NULL OR salary_min <= salary_max", name="salary_range"),
        CheckConstraint("positions_filled <= positions_available", name="positions"),
        Index("ix_requisitions_organization_id_status_created_at", "organization_id", "status", "created_at"),
        Index("ix_requisitions_search", "search", postgresql_using="gin"),
    )

    title: Mapped[str] = mapped_column(String(200))
    department: Mapped[str | None] = mapped_column(String(120))
    location: Mapped[str | None] = mapped_column(String(200))
    employment_type: Mapped[str] = mapped_column(String(16), server_default=text("'full_time'"))
    experience_level: Mapped[str] = mapped_column(String(16), server_default=text("'mid'"))
    description: Mapped[str] = mapped_column(Text, server_default=text("''"))
    requirements: Mapped[str] = mapped_column(Text, server_default=text("''"))
    # [{"name": "Python", "proficiency": "expert"}]
    required_skills: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, server_default=text("'[]'::jsonb"))
    salary_min: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    salary_max: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    currency: Mapped[str] = mapped_column(String(3), server_default=text("'USD'"))
    positions_available: Mapped[int] = mapped_column(server_default=text("1"))
    positions_filled: Mapped[int] = mapped_column(server_default=text("0"))
    hiring_manager_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    status: Mapped[str] = mapped_column(String(16), server_default=text("'draft'"))
    published_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    # Scoring policy: overall = Σ weight(kind) · stage score, passing at passing_score.
    passing_score: Mapped[Decimal] = mapped_column(Numeric(5, 2), server_default=text("70"))
    stage_weights: Mapped[dict[str, Any]] = mapped_column(JSONB, server_default=text("'{}'::jsonb"))
    # Full-text search for the job board (built-in tsvector: pg_trgm is not available everywhere).
    search: Mapped[str] = mapped_column(
        TSVECTOR,
        Computed(
            "setweight(to_tsvector('english', coalesce(title, '')), 'A') || "
            "setweight(to_tsvector('english', coalesce(department, '') || ' ' || coalesce(location, '')), 'B') || "
            "setweight(to_tsvector('english', coalesce(description, '') || ' ' || coalesce(requirements, '')), 'C')",
            persisted=True,
        ),
    )


class PipelineStage(UUIDPrimaryKey, Timestamps, TenantOwned, Base):
    """One step of a requisition's pipeline, in order."""

    __tablename__ = "pipeline_stages"
    __table_args__ = (
        CheckConstraint(_in("kind", STAGE_KINDS), name="kind_known"),
        UniqueConstraint("requisition_id", "position", deferrable=True, initially="DEFERRED"),
    )

    requisition_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("requisitions.id", ondelete="CASCADE"), index=True)
    round_template_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("round_templates.id", ondelete="SET NULL"), index=True
    )
    position: Mapped[int]
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(32))
    config: Mapped[dict[str, Any]] = mapped_column(JSONB, server_default=text("'{}'::jsonb"))
