"""Question banks, questions and their immutable versions, suggestions / issue reports, and import backups.

A question is a stable identity (`Question`) whose content lives in numbered versions (`QuestionVersion`). The
question row also carries a copy of its current version's searchable fields, so search, filters and counts read
one table. A version that a test session has been given (some test answer references it) is never changed again:
editing the question then creates the next version, and the session keeps grading against the one it saw.
`times_served` / `last_served_at` are counts for people (lists sort by them), recounted from the answers by a job
a few seconds after each test start; no decision relies on them (see questions/serving.py).
"""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    Computed,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, TSVECTOR
from sqlalchemy.orm import Mapped, mapped_column

from backend.kit.models import Base, TenantOwned, Timestamps, UUIDPrimaryKey

STEP_TAGS = ("step1_iq", "step1_technical", "step2_lead", "step2_engineer", "step3_cto", "step3_ceo")
TYPES = ("mcq_single", "mcq_multi", "coding", "essay")
DIFFICULTIES = ("easy", "medium", "hard")
COMPARISONS = ("exact", "trailing_whitespace", "tokens", "float")
VERIFICATION_STATES = ("unverified", "passed", "failed")
FEEDBACK_KINDS = ("suggestion", "issue")
FEEDBACK_STATUSES = ("open", "accepted", "resolved", "declined")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


# Tag and language arrays are text[] (lengths are checked by the schemas): array operators and GIN indexes then
# match query literals without casts.


class QuestionBank(UUIDPrimaryKey, Timestamps, TenantOwned, Base):
    """A named collection of questions, tagged with the hiring step(s) it serves (`step1_iq` …) or free tags."""

    __tablename__ = "question_banks"
    __table_args__ = (
        # Imports and exports name banks, so a name is unique within an organization (ignoring case).
        Index("uq_question_banks_organization_id_name", "organization_id", func.lower(text("name")), unique=True),
    )

    name: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text, server_default=text("''"))
    tags: Mapped[list[str]] = mapped_column(ARRAY(Text), server_default=text("'{}'"))
    language: Mapped[str | None] = mapped_column(String(32))
    enabled: Mapped[bool] = mapped_column(server_default=text("true"))
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)


class Question(UUIDPrimaryKey, Timestamps, TenantOwned, Base):
    """A question's identity, its bank and switches (enabled, tags), and a copy of the current version's fields
    that search and filters need."""

    __tablename__ = "questions"
    __table_args__ = (
        CheckConstraint(_in("type", TYPES), name="type_known"),
        CheckConstraint(_in("difficulty", DIFFICULTIES), name="difficulty_known"),
        CheckConstraint(
            f"verification IS NULL OR {_in('verification', VERIFICATION_STATES)}", name="verification_known"
        ),
        Index("ix_questions_organization_id_created_at", "organization_id", "created_at"),
        Index("ix_questions_bank_id_created_at", "bank_id", "created_at"),
        # Bank-page counts (per bank × type × enabled) are one index-only scan of this index.
        Index("ix_questions_organization_id_bank_id_type_enabled", "organization_id", "bank_id", "type", "enabled"),
        Index("ix_questions_search", "search", postgresql_using="gin"),
        Index("ix_questions_tags", "tags", postgresql_using="gin"),
        Index("ix_questions_languages", "languages", postgresql_using="gin"),
        Index("ix_questions_current_version_id", "current_version_id"),
    )

    bank_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("question_banks.id", ondelete="RESTRICT"))
    # Questions and versions point at each other: this constraint is added after both tables exist, and checked
    # at commit, so a question and its first version are inserted in one round trip.
    current_version_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey(
            "question_versions.id",
            use_alter=True,
            name="fk_questions_current_version_id_question_versions",
            deferrable=True,
            initially="DEFERRED",
        )
    )
    latest_number: Mapped[int] = mapped_column(server_default=text("1"))
    enabled: Mapped[bool] = mapped_column(server_default=text("true"))
    tags: Mapped[list[str]] = mapped_column(ARRAY(Text), server_default=text("'{}'"))
    # Total exposure over every version: the leak signal shown in the bank.
    times_served: Mapped[int] = mapped_column(server_default=text("0"))
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)

    # --- copy of the current version (kept in step by the service) -------------------------------------------
    type: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    difficulty: Mapped[str] = mapped_column(String(8))
    points: Mapped[int]
    expected_minutes: Mapped[int]
    languages: Mapped[list[str]] = mapped_column(ARRAY(Text), server_default=text("'{}'"))
    verification: Mapped[str | None] = mapped_column(String(16))
    # Built-in full-text search (no pg_trgm on the embedded PostgreSQL). `question_tags_text` is an IMMUTABLE
    # wrapper created by the migration: array_to_string itself is only STABLE, which a generated column refuses.
    search: Mapped[str] = mapped_column(
        TSVECTOR,
        Computed(
            "setweight(to_tsvector('english', coalesce(title, '')), 'A') || "
            "setweight(to_tsvector('english', question_tags_text(tags)), 'B') || "
            "setweight(to_tsvector('english', coalesce(body, '')), 'C')",
            persisted=True,
        ),
    )


class QuestionVersion(UUIDPrimaryKey, Timestamps, TenantOwned, Base):
    """One version of a question's content. Immutable once served; coding versions carry their verification."""

    __tablename__ = "question_versions"
    __table_args__ = (
        UniqueConstraint("question_id", "number"),
        CheckConstraint(_in("type", TYPES), name="type_known"),
        CheckConstraint(_in("difficulty", DIFFICULTIES), name="difficulty_known"),
        CheckConstraint(
            f"verification_status IS NULL OR {_in('verification_status', VERIFICATION_STATES)}",
            name="verification_known",
        ),
        CheckConstraint("times_served >= 0", name="times_served_positive"),
    )

    question_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("questions.id", ondelete="CASCADE"))
    number: Mapped[int]
    type: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    difficulty: Mapped[str] = mapped_column(String(8))
    points: Mapped[int]
    expected_minutes: Mapped[int]
    explanation: Mapped[str] = mapped_column(Text, server_default=text("''"))
    # [{"id": "a", "text": "...", "correct": true}] for MCQ; [] otherwise.
    options: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, server_default=text("'[]'::jsonb"))
    # [{"criterion": "...", "points": 3, "guidance": "..."}] for essays; [] otherwise.
    rubric: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, server_default=text("'[]'::jsonb"))
    # {"languages": {"python": {"starter", "harness", "reference"}}, "test_cases": [...], "time_limit_ms",
    #  "memory_limit_mb", "comparison", "float_tolerance"} for coding questions; NULL otherwise.
    coding: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    verification_status: Mapped[str | None] = mapped_column(String(16))
    verified_at: Mapped[datetime | None]
    verification: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    times_served: Mapped[int] = mapped_column(server_default=text("0"))
    last_served_at: Mapped[datetime | None]
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)


class QuestionFeedback(UUIDPrimaryKey, Timestamps, TenantOwned, Base):
    """An interviewer's or recruiter's suggested question, or a reported problem with a question, waiting for an
    admin to accept or decline it."""

    __tablename__ = "question_feedback"
    __table_args__ = (
        CheckConstraint(_in("kind", FEEDBACK_KINDS), name="kind_known"),
        CheckConstraint(_in("status", FEEDBACK_STATUSES), name="status_known"),
        Index("ix_question_feedback_organization_id_status_created_at", "organization_id", "status", "created_at"),
        Index("ix_question_feedback_author_id_created_at", "author_id", "created_at"),
        Index("ix_question_feedback_question_id", "question_id"),
    )

    kind: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), server_default=text("'open'"))
    author_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    question_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("questions.id", ondelete="SET NULL"))
    version_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("question_versions.id", ondelete="SET NULL"), index=True
    )
    bank_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("question_banks.id", ondelete="SET NULL"), index=True)
    category: Mapped[str | None] = mapped_column(String(32))
    message: Mapped[str] = mapped_column(Text, server_default=text("''"))
    # The suggested question, in the same shape as a question write (validated when submitted).
    proposal: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    resolution_note: Mapped[str | None] = mapped_column(Text)
    resolved_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    resolved_at: Mapped[datetime | None]
    created_question_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("questions.id", ondelete="SET NULL"), index=True
    )


class QuestionBackup(UUIDPrimaryKey, Timestamps, TenantOwned, Base):
    """A JSON export of some banks, kept before every import (and on demand) so an import can be undone."""

    __tablename__ = "question_backups"
    __table_args__ = (
        CheckConstraint("reason IN ('import', 'manual')", name="reason_known"),
        Index("ix_question_backups_organization_id_created_at", "organization_id", "created_at"),
    )

    file_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("stored_files.id", ondelete="RESTRICT"), index=True)
    reason: Mapped[str] = mapped_column(String(16))
    bank_names: Mapped[list[str]] = mapped_column(ARRAY(String(120)), server_default=text("'{}'"))
    question_count: Mapped[int] = mapped_column(server_default=text("0"))
    note: Mapped[str] = mapped_column(String(300), server_default=text("''"))
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
