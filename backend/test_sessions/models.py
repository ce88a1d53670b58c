"""A candidate's sitting of an assessment (a test session) and their answers, one row per question served.

An answer row carries everything the autosave needs to decide alone (its revision and `closes_at`), so a save is
one UPDATE of one row, and closing a session (submission, deadline) is one UPDATE of its rows, which a save that
races it cannot slip past (see test_sessions/answers.py)."""

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Index, Numeric, String, Text, UniqueConstraint, text
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column

from backend.kit.models import Base, TenantOwned, Timestamps, UUIDPrimaryKey

STATUSES = ("in_progress", "submitted", "timed_out")
GRADING = ("pending", "grading", "awaiting_grader", "graded")
DECISIONS = ("advance", "manual_review", "reject", "none")
REVIEW = ("pending", "advanced", "rejected")
MARKS = ("accept", "needs_discussion", "reject")


class TestSession(UUIDPrimaryKey, Timestamps, TenantOwned, Base):
    __test__ = False  # not a pytest test class
    __tablename__ = "test_sessions"
    __table_args__ = (
        CheckConstraint(f"status IN {STATUSES}", name="status_known"),
        CheckConstraint(f"grading_status IN {GRADING}", name="grading_known"),
        CheckConstraint(f"decision IS NULL OR decision IN {DECISIONS}", name="decision_known"),
        CheckConstraint(f"review_status IS NULL OR review_status IN {REVIEW}", name="review_known"),
        # Percentiles among the graded sessions of one assessment.
        Index("ix_test_sessions_assessment_id_score", "assessment_id", "score"),
        # The safety-net sweep: sessions still open past their deadline.
        Index("ix_test_sessions_open_deadline_at", "deadline_at", postgresql_where=text("status = 'in_progress'")),
        # The Step-1 review queue.
        Index(
            "ix_test_sessions_review_queue",
            "organization_id",
            "graded_at",
            "id",
            postgresql_where=text("review_status = 'pending'"),
        ),
    )

    invitation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("invitations.id", ondelete="CASCADE"), unique=True)
    assessment_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("assessments.id", ondelete="RESTRICT"))
    application_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    candidate_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("candidates.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(16), server_default=text("'in_progress'"))
    started_at: Mapped[datetime]
    # started_at + duration + accommodation: computed and enforced by the server only.
    deadline_at: Mapped[datetime]
    closed_at: Mapped[datetime | None]
    closed_by: Mapped[str | None] = mapped_column(String(16))  # candidate | deadline
    duration_minutes: Mapped[int]
    extra_minutes: Mapped[int] = mapped_column(server_default=text("0"))
    # [{"title", "time_limit_minutes", "first", "count", "opened_at", "closes_at"}]: what the candidate got.
    sections: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, server_default=text("'[]'::jsonb"))
    question_count: Mapped[int] = mapped_column(server_default=text("0"))
    current_position: Mapped[int] = mapped_column(server_default=text("0"))
    position_entered_at: Mapped[datetime | None]
    ip: Mapped[str | None] = mapped_column(String(64))
    user_agent: Mapped[str | None] = mapped_column(String(512))
    grading_status: Mapped[str] = mapped_column(String(16), server_default=text("'pending'"))
    points_awarded: Mapped[Decimal | None] = mapped_column(Numeric(9, 2))
    points_possible: Mapped[Decimal | None] = mapped_column(Numeric(9, 2))
    score: Mapped[Decimal | None] = mapped_column(Numeric(5, 2))  # percent
    graded_at: Mapped[datetime | None]
    # The Step-1 rule's outcome, with the thresholds it used.
    auto_advance: Mapped[Decimal | None] = mapped_column(Numeric(5, 2))
    manual_review: Mapped[Decimal | None] = mapped_column(Numeric(5, 2))
    decision: Mapped[str | None] = mapped_column(String(16))
    decided_at: Mapped[datetime | None]
    review_status: Mapped[str | None] = mapped_column(String(16))
    reviewed_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    reviewed_at: Mapped[datetime | None]
    review_note: Mapped[str | None] = mapped_column(Text)


class TestAnswer(UUIDPrimaryKey, TenantOwned, Base):
    __test__ = False  # not a pytest test class
    __tablename__ = "test_answers"
    __table_args__ = (
        UniqueConstraint("session_id", "position"),
        CheckConstraint(f"review_mark IS NULL OR review_mark IN {MARKS}", name="review_mark_known"),
        # The grading queue: answers waiting for a person.
        Index(
            "ix_test_answers_awaiting_grader",
            "organization_id",
            "session_id",
            postgresql_where=text("needs_grader"),
        ),
    )

    session_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("test_sessions.id", ondelete="CASCADE"))
    position: Mapped[int]
    section_index: Mapped[int] = mapped_column(server_default=text("0"))
    question_version_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("question_versions.id", ondelete="RESTRICT"), index=True
    )
    question_type: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(300))  # for the navigator, without reading the version
    points: Mapped[Decimal] = mapped_column(Numeric(9, 2))
    # The option ids in the order this candidate sees them (shuffled or not); [] for other types.
    option_order: Mapped[list[str]] = mapped_column(ARRAY(Text), server_default=text("'{}'"))
    # Languages the candidate may answer a coding question in (its languages ∩ the assessment's).
    languages: Mapped[list[str]] = mapped_column(ARRAY(Text), server_default=text("'{}'"))
    answer: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    revision: Mapped[int] = mapped_column(server_default=text("0"))
    saved_at: Mapped[datetime | None]
    # No write is taken at or after this time; NULL while the question's timed section is not opened yet.
    closes_at: Mapped[datetime | None]
    flagged: Mapped[bool] = mapped_column(server_default=text("false"))
    time_spent_seconds: Mapped[int] = mapped_column(server_default=text("0"))
    score: Mapped[Decimal | None] = mapped_column(Numeric(9, 2))
    needs_grader: Mapped[bool] = mapped_column(server_default=text("false"))
    grading: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    graded_at: Mapped[datetime | None]
    graded_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    review_mark: Mapped[str | None] = mapped_column(String(24))
    review_note: Mapped[str | None] = mapped_column(Text)
    reviewed_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    reviewed_at: Mapped[datetime | None]


class AnswerRun(UUIDPrimaryKey, TenantOwned, Base):
    """A code run made for an answer: the candidate's "run visible tests" (`visible`) or grading (`grading`)."""

    __tablename__ = "test_answer_runs"
    __table_args__ = (
        CheckConstraint("kind IN ('visible', 'grading')", name="kind_known"),
        Index("ix_test_answer_runs_answer_id_kind", "answer_id", "kind"),
        Index("ix_test_answer_runs_session_id_created_at", "session_id", "created_at"),
    )

    answer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("test_answers.id", ondelete="CASCADE"))
    session_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("test_sessions.id", ondelete="CASCADE"))
    run_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("execution_runs.id", ondelete="CASCADE"), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    language: Mapped[str] = mapped_column(String(32))
    # Grading runs of one language, when the cases did not fit in one run: which slice of the cases.
    first_case: Mapped[int] = mapped_column(server_default=text("0"))
    created_at: Mapped[datetime] = mapped_column(server_default=text("clock_timestamp()"))
