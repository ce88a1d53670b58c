"""Interviewer skills, matched by automatic interviewer assignment.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-22 21:35:42+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "users",
        sa.Column("skills", postgresql.ARRAY(sa.String(length=40)), server_default=sa.text("'{}'"), nullable=False),
    )


def downgrade() -> None:
    op.drop_column("users", "skills")
