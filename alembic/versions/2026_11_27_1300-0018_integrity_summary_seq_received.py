"""Integrity summaries count the numbered events received, so a batch updates the summary in place (missing
events = highest number − numbers received) instead of recounting the session's events.

Revision ID: 0018
Revises: 0017
Create Date: 2026-11-27 13:00:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "integrity_summaries", sa.Column("seq_received", sa.Integer(), server_default=sa.text("0"), nullable=False)
    )
    # Summaries written before: their sessions' numbered events, counted once (purged sessions keep their figures).
    op.execute(
        """
        UPDATE integrity_summaries s SET seq_received = e.n
        FROM (SELECT session_id, count(DISTINCT seq) AS n FROM proctoring_events
              WHERE seq IS NOT NULL GROUP BY session_id) e
        WHERE e.session_id = s.session_id
        """
    )


def downgrade() -> None:
    op.drop_column("integrity_summaries", "seq_received")
