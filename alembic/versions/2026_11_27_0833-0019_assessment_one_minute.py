"""Assessments may last from one minute (a short warm-up quiz; a section's own limit already could).

Revision ID: 0019
Revises: 0018
Create Date: 2026-11-27 08:33:00+00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_constraint(op.f("ck_assessments_duration_range"), "assessments", type_="check")
    op.create_check_constraint(
        op.f("ck_assessments_duration_range"), "assessments", "duration_minutes BETWEEN 1 AND 600"
    )


def downgrade() -> None:
    # The older rule starts at 5 minutes: shorter assessments are lengthened to it (their sessions keep theirs).
    op.execute("UPDATE assessments SET duration_minutes = 5 WHERE duration_minutes < 5")
    op.drop_constraint(op.f("ck_assessments_duration_range"), "assessments", type_="check")
    op.create_check_constraint(
        op.f("ck_assessments_duration_range"), "assessments", "duration_minutes BETWEEN 5 AND 600"
    )
