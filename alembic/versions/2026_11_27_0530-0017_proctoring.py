"""Proctoring: events recorded during test sessions, one integrity summary per session, code similarity pairs.

Revision ID: 0017
Revises: 0014
Create Date: 2026-11-27 05:30:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0017"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _fk(table: str, column: str, target: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"), ondelete=ondelete
    )


def upgrade() -> None:
    op.create_table(
        "proctoring_events",
        sa.Column("session_id", sa.Uuid(), nullable=False),
        sa.Column("client_id", sa.String(length=64), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=True),
        sa.Column("source", sa.String(length=8), server_default=sa.text("'client'"), nullable=False),
        sa.Column("type", sa.String(length=32), nullable=False),
        sa.Column("severity", sa.String(length=16), server_default=sa.text("'low'"), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), server_default=sa.text("clock_timestamp()"), nullable=False),
        sa.Column("duration_ms", sa.Integer(), nullable=True),
        sa.Column("length", sa.Integer(), nullable=True),
        sa.Column("data", postgresql.JSONB(astext_type=sa.Text()), server_default=sa.text("'{}'::jsonb"), nullable=False),
        sa.Column("snapshot_key", sa.String(length=80), nullable=True),
        sa.Column("snapshot_type", sa.String(length=32), nullable=True),
        sa.Column("faces", sa.Integer(), nullable=True),
        sa.Column("review_status", sa.String(length=16), nullable=True),
        sa.Column("review_note", sa.Text(), nullable=True),
        sa.Column("reviewed_by_id", sa.Uuid(), nullable=True),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("candidate_note", sa.Text(), nullable=True),
        sa.Column("candidate_noted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("organization_id", sa.Uuid(), nullable=False),
        sa.CheckConstraint(
            "severity IN ('low', 'medium', 'high', 'critical')", name=op.f("ck_proctoring_events_severity_known")
        ),
        sa.CheckConstraint(
            "review_status IS NULL OR review_status IN ('pending', 'confirmed', 'dismissed')",
            name=op.f("ck_proctoring_events_review_known"),
        ),
        sa.CheckConstraint("source IN ('client', 'server')", name=op.f("ck_proctoring_events_source_known")),
        _fk("proctoring_events", "session_id", "test_sessions", "CASCADE"),
        _fk("proctoring_events", "reviewed_by_id", "users", "SET NULL"),
        _fk("proctoring_events", "organization_id", "organizations", "RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_proctoring_events")),
        sa.UniqueConstraint("session_id", "client_id", name=op.f("uq_proctoring_events_session_id_client_id")),
    )
    op.create_index(op.f("ix_proctoring_events_organization_id"), "proctoring_events", ["organization_id"])
    op.create_index(op.f("ix_proctoring_events_reviewed_by_id"), "proctoring_events", ["reviewed_by_id"])
    op.create_index("ix_proctoring_events_session_id_occurred_at", "proctoring_events", ["session_id", "occurred_at"])
    op.create_index(
        "ix_proctoring_events_organization_id_severity_occurred_at",
        "proctoring_events",
        ["organization_id", "severity", "occurred_at"],
    )
    op.create_index(
        "ix_proctoring_events_organization_id_received_at", "proctoring_events", ["organization_id", "received_at"]
    )

    op.create_table(
        "integrity_summaries",
        sa.Column("session_id", sa.Uuid(), nullable=False),
        sa.Column("counts", postgresql.JSONB(astext_type=sa.Text()), server_default=sa.text("'{}'::jsonb"), nullable=False),
        sa.Column(
            "severity_counts", postgresql.JSONB(astext_type=sa.Text()), server_default=sa.text("'{}'::jsonb"), nullable=False
        ),
        sa.Column("time_away_seconds", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("largest_paste", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("snapshots", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("no_face", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("multiple_faces", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("max_similarity", sa.Numeric(precision=5, scale=2), nullable=True),
        sa.Column("missing_events", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("tier", sa.String(length=8), server_default=sa.text("'none'"), nullable=False),
        sa.Column("reasons", postgresql.JSONB(astext_type=sa.Text()), server_default=sa.text("'[]'::jsonb"), nullable=False),
        sa.Column("pending_reviews", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("last_seq", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("window_started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("window_events", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("last_ip", sa.String(length=64), nullable=True),
        sa.Column("last_user_agent", sa.String(length=512), nullable=True),
        sa.Column("access_checked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("similarity_checked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("high_notified_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("verdict", sa.String(length=16), nullable=True),
        sa.Column("verdict_note", sa.Text(), nullable=True),
        sa.Column("verdict_by_id", sa.Uuid(), nullable=True),
        sa.Column("verdict_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("candidate_note", sa.Text(), nullable=True),
        sa.Column("candidate_noted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("purged_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("clock_timestamp()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("clock_timestamp()"), nullable=False),
        sa.Column("organization_id", sa.Uuid(), nullable=False),
        sa.CheckConstraint("tier IN ('none', 'low', 'medium', 'high')", name=op.f("ck_integrity_summaries_tier_known")),
        sa.CheckConstraint(
            "verdict IS NULL OR verdict IN ('clear', 'concern', 'violation')",
            name=op.f("ck_integrity_summaries_verdict_known"),
        ),
        _fk("integrity_summaries", "session_id", "test_sessions", "CASCADE"),
        _fk("integrity_summaries", "verdict_by_id", "users", "SET NULL"),
        _fk("integrity_summaries", "organization_id", "organizations", "RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_integrity_summaries")),
        sa.UniqueConstraint("session_id", name=op.f("uq_integrity_summaries_session_id")),
    )
    op.create_index(op.f("ix_integrity_summaries_organization_id"), "integrity_summaries", ["organization_id"])
    op.create_index(op.f("ix_integrity_summaries_verdict_by_id"), "integrity_summaries", ["verdict_by_id"])
    op.create_index(
        "ix_integrity_summaries_needs_review",
        "integrity_summaries",
        ["organization_id", "updated_at", "id"],
        postgresql_where=sa.text("tier IN ('medium', 'high') AND verdict IS NULL"),
    )

    op.create_table(
        "similarity_pairs",
        sa.Column("session_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("other_session_id", sa.Uuid(), nullable=True),
        sa.Column("other_position", sa.Integer(), nullable=True),
        sa.Column("question_version_id", sa.Uuid(), nullable=False),
        sa.Column("language", sa.String(length=32), nullable=False),
        sa.Column("score", sa.Numeric(precision=5, scale=2), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("clock_timestamp()"), nullable=False),
        sa.Column("id", sa.Uuid(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("organization_id", sa.Uuid(), nullable=False),
        _fk("similarity_pairs", "session_id", "test_sessions", "CASCADE"),
        sa.ForeignKeyConstraint(
            ["other_session_id"],
            ["test_sessions.id"],
            name=op.f("fk_similarity_pairs_other_session_id_test_sessions"),
            ondelete="CASCADE",
        ),
        _fk("similarity_pairs", "question_version_id", "question_versions", "CASCADE"),
        _fk("similarity_pairs", "organization_id", "organizations", "RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_similarity_pairs")),
        sa.UniqueConstraint(
            "session_id",
            "position",
            "other_session_id",
            name=op.f("uq_similarity_pairs_session_id_position_other_session_id"),
            postgresql_nulls_not_distinct=True,
        ),
    )
    op.create_index(op.f("ix_similarity_pairs_organization_id"), "similarity_pairs", ["organization_id"])
    op.create_index(op.f("ix_similarity_pairs_question_version_id"), "similarity_pairs", ["question_version_id"])
    op.create_index("ix_similarity_pairs_other_session_id", "similarity_pairs", ["other_session_id"])


def downgrade() -> None:
    op.drop_table("similarity_pairs")
    op.drop_table("integrity_summaries")
    op.drop_table("proctoring_events")
