"""Security hardening: accounts unique per organization, sign-in throttling per address, redacted outbox copies,
job-board submissions kept apart from existing candidates, and email-proof tokens that name what they confirm.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-27 09:00:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ACTIVE = "merged_into_id IS NULL AND deleted_at IS NULL"
# Activation links already stored in outbox bodies (before secrets were marked in templates).
_LINK = r"(activate\?token=)[A-Za-z0-9_-]+"


def upgrade() -> None:
    # An address signs in to one account per organization (a candidate at one company may work at another).
    op.drop_index("uq_users_email_lower", table_name="users")
    op.create_index(
        "uq_users_organization_id_email",
        "users",
        ["organization_id", sa.literal_column("lower(email)")],
        unique=True,
        postgresql_nulls_not_distinct=True,
    )
    op.create_index("ix_users_email_lower", "users", [sa.literal_column("lower(email)")])
    # Failed sign-ins are counted per address, known or not, so the answers never tell which addresses exist.
    op.create_table(
        "login_throttles",
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("failures", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), server_default=sa.text("clock_timestamp()"), nullable=False
        ),
        sa.PrimaryKeyConstraint("email", name=op.f("pk_login_throttles")),
    )
    op.create_index("ix_login_throttles_updated_at", "login_throttles", ["updated_at"])
    op.drop_column("users", "failed_login_count")
    op.drop_column("users", "locked_until")

    op.add_column("email_messages", sa.Column("redacted", postgresql.JSONB(astext_type=sa.Text()), nullable=True))
    op.execute(
        f"""
        UPDATE email_messages SET redacted = jsonb_build_object(
            'subject', subject,
            'body_html', regexp_replace(body_html, '{_LINK}', '\\1[hidden]', 'g'),
            'body_text', regexp_replace(body_text, '{_LINK}', '\\1[hidden]', 'g'))
        WHERE body_html ~ '{_LINK}' OR body_text ~ '{_LINK}'
        """
    )

    op.add_column("candidates", sa.Column("duplicate_of_id", sa.Uuid(), nullable=True))
    op.create_foreign_key(
        op.f("fk_candidates_duplicate_of_id_candidates"),
        "candidates",
        "candidates",
        ["duplicate_of_id"],
        ["id"],
        ondelete="SET NULL",
    )
    op.create_index("ix_candidates_duplicate_of_id", "candidates", ["duplicate_of_id"])
    op.drop_index("uq_candidates_organization_id_email", table_name="candidates", postgresql_where=sa.text(_ACTIVE))
    op.create_index(
        "uq_candidates_organization_id_email",
        "candidates",
        ["organization_id", sa.literal_column("lower(email)")],
        unique=True,
        postgresql_where=sa.text(f"{_ACTIVE} AND duplicate_of_id IS NULL"),
    )

    op.add_column("account_tokens", sa.Column("subject_id", sa.Uuid(), nullable=True))


def downgrade() -> None:
    op.drop_column("account_tokens", "subject_id")

    # Submissions still waiting for a recruiter are folded into the candidate they duplicate.
    op.execute(
        "UPDATE candidates SET merged_into_id = duplicate_of_id WHERE duplicate_of_id IS NOT NULL AND " + _ACTIVE
    )
    op.drop_index(
        "uq_candidates_organization_id_email",
        table_name="candidates",
        postgresql_where=sa.text(f"{_ACTIVE} AND duplicate_of_id IS NULL"),
    )
    op.create_index(
        "uq_candidates_organization_id_email",
        "candidates",
        ["organization_id", sa.literal_column("lower(email)")],
        unique=True,
        postgresql_where=sa.text(_ACTIVE),
    )
    op.drop_index("ix_candidates_duplicate_of_id", table_name="candidates")
    op.drop_constraint(op.f("fk_candidates_duplicate_of_id_candidates"), "candidates", type_="foreignkey")
    op.drop_column("candidates", "duplicate_of_id")

    # The redacted copy is what may be shown; the full body goes with the column.
    op.execute(
        "UPDATE email_messages SET body_html = redacted->>'body_html', body_text = redacted->>'body_text' "
        "WHERE jsonb_typeof(redacted) = 'object'"
    )
    op.drop_column("email_messages", "redacted")

    op.add_column("users", sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True))
    op.add_column("users", sa.Column("failed_login_count", sa.Integer(), server_default=sa.text("0"), nullable=False))
    op.drop_index("ix_login_throttles_updated_at", table_name="login_throttles")
    op.drop_table("login_throttles")
    # Fails if an address now has accounts in two organizations: one of them has to go first.
    op.drop_index("ix_users_email_lower", table_name="users")
    op.drop_index("uq_users_organization_id_email", table_name="users")
    op.create_index("uq_users_email_lower", "users", [sa.literal_column("lower(email)")], unique=True)
