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


async def test_organizations_from_before_get_their_default_rounds_and_reasons(connection):
    """Defaults are created with an organization; the migration that made it so gave them to the organizations
    that existed, and leaves an organization's own choices alone."""

    def upgrade_with_existing_organizations(sync_conn):
        cfg = alembic_config()
        cfg.attributes["connection"] = sync_conn
        command.downgrade(cfg, "0012")
        bare, chosen = (
            sync_conn.execute(
                text("INSERT INTO organizations (name, slug) VALUES (:n, :n) RETURNING id"), {"n": name}
            ).scalar_one()
            for name in ("bare-org", "chosen-org")
        )
        sync_conn.execute(
            text("INSERT INTO round_templates (organization_id, name, kind) VALUES (:o, 'Our own round', 'review')"),
            {"o": chosen},
        )
        sync_conn.execute(
            text("INSERT INTO rejection_reasons (organization_id, label) VALUES (:o, 'Our own reason')"), {"o": chosen}
        )
        command.upgrade(cfg, "head")

        def rows(table: str, column: str, org: object) -> list[str]:
            stmt = text(f"SELECT {column} FROM {table} WHERE organization_id = :o ORDER BY {column}")
            return list(sync_conn.execute(stmt, {"o": org}).scalars())

        return {
            org: (rows("round_templates", "name", org), rows("rejection_reasons", "label", org))
            for org in (bare, chosen)
        }, (bare, chosen)

    found, (bare, chosen) = await connection.run_sync(upgrade_with_existing_organizations)
    rounds, reasons = found[bare]
    assert len(rounds) == 6 and "Step 2 — Technical interview" in rounds
    assert reasons == sorted(
        [
            "Candidate withdrew interest",
            "Not enough relevant experience",
            "Other",
            "Position filled",
            "Salary expectations",
            "Skills do not match the role",
        ]
    )
    assert found[chosen] == (["Our own round"], ["Our own reason"])
