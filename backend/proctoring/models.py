"""Proctoring: what the test player and the server noticed during a test session, the integrity summary kept per
session (it outlives the raw events, which are purged after the organization's retention period), and code
similarity pairs between candidates' answers.

Signals inform people; none of this ever rejects a candidate by itself: a person reviews every flag."""

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Index, Numeric, String, Text, UniqueConstraint, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from backend.kit.models import Base, TenantOwned, Timestamps, UUIDPrimaryKey

SEVERITIES = ("low", "medium", "high", "critical")
EVENT_REVIEW = ("pending", "confirmed", "dismissed")
TIERS = ("none", "low", "medium", "high")
VERDICTS = ("clear", "concern", "violation")


class ProctoringEvent(UUIDPrimaryKey, TenantOwned, Base):
    __tablename__ = "proctoring_events"
    __table_args__ = (
        CheckConstraint(f"severity IN {SEVERITIES}", name="severity_known"),
        CheckConstraint(f"review_status IS NULL OR review_status IN {EVENT_REVIEW}", name="review_known"),
        CheckConstraint("source IN ('client', 'server')", name="source_known"),
        # A resent batch never duplicates: the player's id for an event is unique within its session.
        UniqueConstraint("session_id", "client_id"),
        # The session's timeline (and the summary's aggregate), in time order.
        Index("ix_proctoring_events_session_id_occurred_at", "session_id", "occurred_at"),
        # Flags by severity across the organization, newest first.
        Index(
            "ix_proctoring_events_organization_id_severity_occurred_at", "organization_id", "severity", "occurred_at"
        ),
        # The retention purge: the oldest events of an organization.
        Index("ix_proctoring_events_organization_id_received_at", "organization_id", "received_at"),
    )

    session_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("test_sessions.id", ondelete="CASCADE"))
    client_id: Mapped[str] = mapped_column(String(64))
    # The player's running number for its events (NULL for the server's own): gaps mean events never arrived.
    seq: Mapped[int | None]
    source: Mapped[str] = mapped_column(String(8), server_default=text("'client'"))
    type: Mapped[str] = mapped_column(String(32))
    severity: Mapped[str] = mapped_column(String(16), server_default=text("'low'"))
    occurred_at: Mapped[datetime]
    received_at: Mapped[datetime] = mapped_column(server_default=text("clock_timestamp()"))
    duration_ms: Mapped[int | None]
    length: Mapped[int | None]  # characters copied, cut or pasted (never the content)
    # Small facts about the event: {"target": "code"}, {"from": ip, "to": ip}, {"faces": 2}, {"pair_id": …}.
    data: Mapped[dict[str, Any]] = mapped_column(JSONB, server_default=text("'{}'::jsonb"))
    snapshot_key: Mapped[str | None] = mapped_column(String(80))
    snapshot_type: Mapped[str | None] = mapped_column(String(32))
    faces: Mapped[int | None]  # set by the face check in the worker
    # Flagged events (severity medium and above) wait for a person: pending → confirmed | dismissed.
    review_status: Mapped[str | None] = mapped_column(String(16))
    review_note: Mapped[str | None] = mapped_column(Text)
    reviewed_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    reviewed_at: Mapped[datetime | None]
    # The candidate's one explanation of this event (reviewers read it next to the event).
    candidate_note: Mapped[str | None] = mapped_column(Text)
    candidate_noted_at: Mapped[datetime | None]


class IntegritySummary(UUIDPrimaryKey, Timestamps, TenantOwned, Base):
    """One row per session: the figures people read, kept after the raw events are purged."""

    __tablename__ = "integrity_summaries"
    __table_args__ = (
        CheckConstraint(f"tier IN {TIERS}", name="tier_known"),
        CheckConstraint(f"verdict IS NULL OR verdict IN {VERDICTS}", name="verdict_known"),
        # The "needs review" queue: medium and high tiers without a verdict, oldest first.
        Index(
            "ix_integrity_summaries_needs_review",
            "organization_id",
            "updated_at",
            "id",
            postgresql_where=text("tier IN ('medium', 'high') AND verdict IS NULL"),
        ),
    )

    session_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("test_sessions.id", ondelete="CASCADE"), unique=True)
    counts: Mapped[dict[str, Any]] = mapped_column(JSONB, server_default=text("'{}'::jsonb"))
    severity_counts: Mapped[dict[str, Any]] = mapped_column(JSONB, server_default=text("'{}'::jsonb"))
    time_away_seconds: Mapped[int] = mapped_column(server_default=text("0"))
    largest_paste: Mapped[int] = mapped_column(server_default=text("0"))
    snapshots: Mapped[int] = mapped_column(server_default=text("0"))
    no_face: Mapped[int] = mapped_column(server_default=text("0"))
    multiple_faces: Mapped[int] = mapped_column(server_default=text("0"))
    max_similarity: Mapped[Decimal | None] = mapped_column(Numeric(5, 2))
    missing_events: Mapped[int] = mapped_column(server_default=text("0"))
    tier: Mapped[str] = mapped_column(String(8), server_default=text("'none'"))
    reasons: Mapped[list[str]] = mapped_column(JSONB, server_default=text("'[]'::jsonb"))
    pending_reviews: Mapped[int] = mapped_column(server_default=text("0"))
    # The highest sequence number received, how many numbered events arrived (missing = the difference), and the
    # ingest rate window (the row is locked while a batch lands).
    last_seq: Mapped[int] = mapped_column(server_default=text("0"))
    seq_received: Mapped[int] = mapped_column(server_default=text("0"))
    window_started_at: Mapped[datetime | None]
    window_events: Mapped[int] = mapped_column(server_default=text("0"))
    last_ip: Mapped[str | None] = mapped_column(String(64))
    last_user_agent: Mapped[str | None] = mapped_column(String(512))
    access_checked_at: Mapped[datetime | None]
    similarity_checked_at: Mapped[datetime | None]
    high_notified_at: Mapped[datetime | None]
    verdict: Mapped[str | None] = mapped_column(String(16))
    verdict_note: Mapped[str | None] = mapped_column(Text)
    verdict_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    verdict_at: Mapped[datetime | None]
    candidate_note: Mapped[str | None] = mapped_column(Text)  # the candidate's explanation for the whole session
    candidate_noted_at: Mapped[datetime | None]
    purged_at: Mapped[datetime | None]


class SimilarityPair(UUIDPrimaryKey, TenantOwned, Base):
    """A coding answer that resembles another candidate's answer to the same question version (or the reference
    solution, `other_session_id` NULL) above the organization's threshold."""

    __tablename__ = "similarity_pairs"
    __table_args__ = (
        UniqueConstraint("session_id", "position", "other_session_id", postgresql_nulls_not_distinct=True),
        Index("ix_similarity_pairs_other_session_id", "other_session_id"),
    )

    session_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("test_sessions.id", ondelete="CASCADE"))
    position: Mapped[int]
    other_session_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("test_sessions.id", ondelete="CASCADE"))
    other_position: Mapped[int | None]
    question_version_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("question_versions.id", ondelete="CASCADE"), index=True
    )
    language: Mapped[str] = mapped_column(String(32))
    score: Mapped[Decimal] = mapped_column(Numeric(5, 2))  # percent of this answer's fingerprint found in the other
    created_at: Mapped[datetime] = mapped_column(server_default=text("clock_timestamp()"))
