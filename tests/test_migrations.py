"""Migrations are the only schema: they match the models, and they go down and up again."""

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from backend.cli import alembic_config
from backend.models import metadata


def _skip_queue_tables(obj, name, type_, reflected, compare_to):
    return not (type_ == "table" and name and name.startswith("procrastinate"))


async def test_models_and_migrations_agree(connection):
    def diff(sync_conn):
        ctx = MigrationContext.configure(sync_conn, opts={"compare_type": True, "include_object": _skip_queue_tables})
        return compare_metadata(ctx, metadata)

    assert await connection.run_sync(diff) == []


async def test_downgrade_to_base_and_upgrade_again(connection):
    # Transactional DDL: the whole round trip runs inside the test's transaction and is rolled back after.
    def round_trip(sync_conn):
        cfg = alembic_config()
        cfg.attributes["connection"] = sync_conn
        command.downgrade(cfg, "base")
        tables = sync_conn.execute(
            text("SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'alembic_version'")
        ).scalar()
        command.upgrade(cfg, "head")
        return tables

    assert await connection.run_sync(round_trip) == 0
    version = (await connection.execute(text("SELECT version_num FROM alembic_version"))).scalar()
    assert version is not None
    assert (await connection.execute(text("SELECT count(*) FROM procrastinate_jobs"))).scalar() == 0
