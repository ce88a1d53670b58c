"""Organization defaults exist from the start: every organization gets the default interview rounds and
rejection reasons now, and new ones get them when they are created, so reading them never has to create them.

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-27 12:00:00+00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The defaults as they are on this date (backend/requisitions/defaults.py, backend/applications/service.py),
# written out: a migration keeps meaning what it meant when it ran, whatever the code says later.
# (name, kind, duration_minutes, passing_score, in_default_pipeline, position)
ROUNDS = [
    ("Step 1 — Online assessment", "assessment", 90, 70, True, 1),
    ("Step 2 — Technical interview", "technical_interview", 60, 70, True, 2),
    ("Step 3 — Executive interview", "executive_interview", 45, None, True, 3),
    ("Offer", "offer", None, None, True, 4),
    ("Recruiter screen", "hr_screen", 30, None, False, 10),
    ("Hiring manager review", "review", None, None, False, 11),
]
REASONS = [
    "Not enough relevant experience",
    "Skills do not match the role",
    "Salary expectations",
    "Position filled",
    "Candidate withdrew interest",
    "Other",
]


def _literal(value: object) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return "'" + str(value).replace("'", "''") + "'"


def upgrade() -> None:
    rounds = ", ".join("(" + ", ".join(_literal(v) for v in row) + ")" for row in ROUNDS)
    # Organizations without any round template (one that has some, even switched off, chose them).
    op.execute(f"""
        INSERT INTO round_templates
            (organization_id, name, kind, duration_minutes, passing_score, in_default_pipeline, position)
        SELECT o.id, r.name, r.kind, r.duration_minutes, r.passing_score, r.in_default_pipeline, r.position
        FROM organizations o
        CROSS JOIN (VALUES {rounds})
            AS r(name, kind, duration_minutes, passing_score, in_default_pipeline, position)
        WHERE NOT EXISTS (SELECT 1 FROM round_templates t WHERE t.organization_id = o.id)
    """)
    reasons = ", ".join(f"({_literal(label)})" for label in REASONS)
    # Organizations without an active rejection reason.
    op.execute(f"""
        INSERT INTO rejection_reasons (organization_id, label)
        SELECT o.id, r.label
        FROM organizations o
        CROSS JOIN (VALUES {reasons}) AS r(label)
        WHERE NOT EXISTS (
            SELECT 1 FROM rejection_reasons x WHERE x.organization_id = o.id AND x.is_active
        )
        ON CONFLICT (organization_id, label) DO NOTHING
    """)


def downgrade() -> None:
    # Nothing to undo: before this revision the application created these same rows the first time an
    # organization's rounds or reasons were read, so they are valid data at the previous revision too.
    pass
