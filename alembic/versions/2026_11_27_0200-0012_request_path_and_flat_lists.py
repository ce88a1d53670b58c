"""Request path and flat lists: principal change notifications, an index for every foreign key, candidate
search by name, email and phone through full-text search, and keyset indexes for the long lists.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-27 02:00:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Deleting (or merging) a parent row checks or updates its children through the foreign key: without an index
# on the child column that is a scan of the child table per parent row.
FK_INDEXES = [
    ("api_keys", "created_by_id"),
    ("requisitions", "created_by_id"),
    ("requisitions", "hiring_manager_id"),
    ("pipeline_stages", "round_template_id"),
    ("stored_files", "uploaded_by_id"),
    ("candidates", "merged_into_id"),
    ("candidates", "resume_file_id"),
    ("applications", "rejection_reason_id"),
    ("applications", "resume_file_id"),
    ("applications", "stage_id"),
    ("application_events", "actor_id"),
    ("application_events", "from_stage_id"),
    ("application_events", "to_stage_id"),
    ("application_notes", "author_id"),
    ("interviews", "created_by_id"),
    ("interviews", "lead_interviewer_id"),
    ("interviews", "stage_id"),
    ("scorecards", "interviewer_id"),
    ("executive_decisions", "executive_id"),
    ("offers", "created_by_id"),
]

# What a candidate search matches, as words: the name, the email and the phone cut at ASCII punctuation and
# spaces, the whole email as one word, and the phone's digits (all of them, the last 10 and the last 7: typed with or without the country
# code). `simple` configuration: names are not English words to stem. Kept in step with the model
# (backend/candidates/models.py) and the query (backend/candidates/repository.py).
CANDIDATE_SEARCH = (
    "to_tsvector('simple'::regconfig, "
    "regexp_replace(lower(coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' || "
    "coalesce(email, '') || ' ' || coalesce(phone, '')), '[!-/:-@[-`{-~[:space:]]+', ' ', 'g') || ' ' || "
    "lower(coalesce(email, '')) || ' ' || "
    "regexp_replace(coalesce(phone, ''), '[^0-9]+', '', 'g') || ' ' || "
    "right(regexp_replace(coalesce(phone, ''), '[^0-9]+', '', 'g'), 10) || ' ' || "
    "right(regexp_replace(coalesce(phone, ''), '[^0-9]+', '', 'g'), 7))"
)

# A requisition (or a user) belongs to one organization, but the planner assumes the tenant filter and the
# requisition filter are independent, expects a hundredth of the rows, and sorts them all instead of walking
# the ordered index: dependency statistics tell it that one column determines the other.
DEPENDENCY_STATISTICS = [
    ("stx_applications_organization_requisition", "applications", ("organization_id", "requisition_id")),
    ("stx_notifications_organization_user", "notifications", ("organization_id", "user_id")),
    ("stx_interviews_organization_application", "interviews", ("organization_id", "application_id")),
]

PRINCIPAL_TRIGGERS = [
    # (table, trigger suffix, columns whose change alters what a caller may do)
    ("users", "user", ("is_active", "role", "organization_id", "email")),
    ("organizations", "organization", ("is_active",)),
    ("api_keys", "api_key", ("revoked_at", "expires_at", "scopes", "name", "organization_id")),
]


def upgrade() -> None:
    for table, column in FK_INDEXES:
        op.create_index(f"ix_{table}_{column}", table, [column])
    # The job queue's table belongs to procrastinate, but pruning a dead worker sets worker_id to NULL on its jobs.
    op.execute("CREATE INDEX IF NOT EXISTS ix_procrastinate_jobs_worker_id ON procrastinate_jobs (worker_id)")

    op.add_column(
        "candidates",
        sa.Column("search", postgresql.TSVECTOR(), sa.Computed(CANDIDATE_SEARCH, persisted=True), nullable=False),
    )
    op.create_index("ix_candidates_search", "candidates", ["search"], postgresql_using="gin")
    # The talent pool as listed (merged and deleted candidates never are): partial indexes, so the list's
    # capped count is an index-only scan and each sort order is one range scan.
    listed = sa.text("merged_into_id IS NULL AND deleted_at IS NULL")
    op.drop_index("ix_candidates_organization_id_created_at_id", table_name="candidates")
    op.create_index(
        "ix_candidates_listed_created_at", "candidates", ["organization_id", "created_at", "id"], postgresql_where=listed
    )
    op.create_index(
        "ix_candidates_listed_last_name",
        "candidates",
        ["organization_id", sa.text("lower(last_name)"), "id"],
        postgresql_where=listed,
    )
    op.create_index(
        "ix_applications_requisition_id_created_at_id", "applications", ["requisition_id", "created_at", "id"]
    )
    op.create_index(
        "ix_applications_requisition_id_stage_entered_at_id",
        "applications",
        ["requisition_id", "stage_entered_at", "id"],
    )
    op.drop_index("ix_interviews_organization_id_starts_at", table_name="interviews")
    op.create_index("ix_interviews_organization_id_starts_at_id", "interviews", ["organization_id", "starts_at", "id"])
    op.create_index(
        "ix_notifications_inbox",
        "notifications",
        ["user_id", "created_at", "id"],
        postgresql_where=sa.text("archived_at IS NULL"),
    )
    op.create_index("ix_audit_logs_organization_id_action_id", "audit_logs", ["organization_id", "action", "id"])

    for name, table, columns in DEPENDENCY_STATISTICS:
        op.execute(f"CREATE STATISTICS {name} (dependencies) ON {', '.join(columns)} FROM {table}")
        op.execute(f"ANALYZE {table}")

    op.execute(
        """
        CREATE FUNCTION interviewflow_principal_changed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            -- Every API process LISTENs and forgets what it cached about this row (backend/auth/cache.py).
            PERFORM pg_notify('interviewflow_principals', TG_ARGV[0] || ':' || OLD.id::text);
            RETURN NULL;
        END $$
        """
    )
    for table, kind, columns in PRINCIPAL_TRIGGERS:
        changed = " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in columns)
        op.execute(
            f"CREATE TRIGGER {table}_principal_changed AFTER UPDATE ON {table} FOR EACH ROW WHEN ({changed}) "
            f"EXECUTE FUNCTION interviewflow_principal_changed('{kind}')"
        )
        op.execute(
            f"CREATE TRIGGER {table}_principal_deleted AFTER DELETE ON {table} FOR EACH ROW "
            f"EXECUTE FUNCTION interviewflow_principal_changed('{kind}')"
        )


def downgrade() -> None:
    for table, _, _ in PRINCIPAL_TRIGGERS:
        op.execute(f"DROP TRIGGER {table}_principal_deleted ON {table}")
        op.execute(f"DROP TRIGGER {table}_principal_changed ON {table}")
    op.execute("DROP FUNCTION interviewflow_principal_changed()")
    for name, _, _ in DEPENDENCY_STATISTICS:
        op.execute(f"DROP STATISTICS {name}")

    op.drop_index("ix_audit_logs_organization_id_action_id", table_name="audit_logs")
    op.drop_index("ix_notifications_inbox", table_name="notifications")
    op.drop_index("ix_interviews_organization_id_starts_at_id", table_name="interviews")
    op.create_index("ix_interviews_organization_id_starts_at", "interviews", ["organization_id", "starts_at"])
    op.drop_index("ix_applications_requisition_id_stage_entered_at_id", table_name="applications")
    op.drop_index("ix_applications_requisition_id_created_at_id", table_name="applications")
    op.drop_index("ix_candidates_listed_last_name", table_name="candidates")
    op.drop_index("ix_candidates_listed_created_at", table_name="candidates")
    op.create_index(
        "ix_candidates_organization_id_created_at_id", "candidates", ["organization_id", "created_at", "id"]
    )
    op.drop_index("ix_candidates_search", table_name="candidates")
    op.drop_column("candidates", "search")

    op.execute("DROP INDEX IF EXISTS ix_procrastinate_jobs_worker_id")
    for table, column in reversed(FK_INDEXES):
        op.drop_index(f"ix_{table}_{column}", table_name=table)
