"""job queue: procrastinate's schema

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 16:30:00+00:00

procrastinate ships its schema as one SQL script; applying it here keeps "migrations are the only schema" true
(the worker never creates tables on its own).
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _execute_script(sql: str) -> None:
    """Run a multi-statement script. asyncpg's prepared statements take one command, so the script goes
    through its simple-query path on the raw connection (inside the migration's transaction)."""
    from sqlalchemy.util import await_

    raw = op.get_bind().connection.dbapi_connection
    await_(raw.driver_connection.execute(sql))  # type: ignore[union-attr]


def upgrade() -> None:
    from procrastinate.schema import SchemaManager

    _execute_script(SchemaManager.get_schema())


def downgrade() -> None:
    # Drop everything procrastinate created: tables (with their triggers), functions, then types.
    op.execute("""
DO $$
DECLARE r record;
BEGIN
    FOR r IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename LIKE 'procrastinate%' LOOP
        EXECUTE format('DROP TABLE IF EXISTS %I CASCADE', r.tablename);
    END LOOP;
    FOR r IN SELECT p.oid::regprocedure AS sig FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
             WHERE n.nspname = current_schema() AND p.proname LIKE 'procrastinate%' LOOP
        EXECUTE format('DROP FUNCTION IF EXISTS %s CASCADE', r.sig);
    END LOOP;
    FOR r IN SELECT t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
             WHERE n.nspname = current_schema() AND t.typname LIKE 'procrastinate%' AND t.typtype IN ('e', 'c') LOOP
        EXECUTE format('DROP TYPE IF EXISTS %I CASCADE', r.typname);
    END LOOP;
END $$;
""")
