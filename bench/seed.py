"""The bench database: the demo organization plus two bench organizations of 10,000 and 1,000,000 rows per list.

Seeded once with SQL into a reusable data directory (`.data/bench`); later runs only migrate it. Each bench
organization has `size` candidates, one application each on a single requisition, one interview per
application, `size` notifications in its admin's inbox and `size` audit entries, so every list is measured at
10k and at 1M matching rows, side by side in one database.
"""

import asyncio
import time
import uuid

from sqlalchemy import text

from backend.auth.passwords import hash_password
from backend.auth.principal import Principal
from backend.cli import run_migrations, run_seed
from backend.config import get_settings
from backend.db import Database
from backend.embedded_pg import EmbeddedPostgres
from bench.common import DATA_DIR, Org

PASSWORD = "bench-pass-2026"
SIZES = {"10k": 10_000, "1m": 1_000_000}

# Candidate names: 200 first names × 500 last names, so a "first last" search matches a handful of people in
# either organization and a first name alone matches 0.5 % of the pool.
FIRST = [
    f"{a}{b}"
    for a in (
        "Al",
        "Be",
        "Ca",
        "Da",
        "El",
        "Fa",
        "Ga",
        "Ha",
        "Is",
        "Jo",
        "Ka",
        "Le",
        "Ma",
        "Ni",
        "Ol",
        "Pa",
        "Ra",
        "Sa",
        "Ta",
        "Vi",
    )
    for b in ("ex", "ina", "ra", "vid", "ton", "mir", "na", "lio", "bel", "ris")
]
LAST = [
    f"{a}{b}{c}"
    for a in ("Ber", "Cor", "Dal", "Fen", "Gar", "Hol", "Kes", "Lam", "Mor", "Nor")
    for b in ("ling", "ton", "ridge", "wood", "field")
    for c in ("", "son", "er", "ey", "man", "sky", "ova", "ini", "ez", "berg")
]


def _name(g: int) -> tuple[str, str]:
    return FIRST[g % len(FIRST)], LAST[(g // len(FIRST)) % len(LAST)]


def _email(g: int) -> str:
    first, last = _name(g)
    return f"{first}.{last}.{g}@example.com".lower()


def _phone(g: int) -> str:
    return f"+1 555 {g // 10000:03d}-{g % 10000:04d}"


async def _seed_org(db: Database, org: Org) -> None:
    from backend.requisitions.defaults import ensure_round_templates
    from backend.requisitions.schemas import RequisitionCreate
    from backend.requisitions.service import RequisitionService

    n = org.size
    first = "ARRAY[" + ",".join(f"'{x}'" for x in FIRST) + "]"
    last = "ARRAY[" + ",".join(f"'{x}'" for x in LAST) + "]"
    started = time.monotonic()
    async with db.sessionmaker() as s, s.begin():
        await s.execute(text("SET LOCAL synchronous_commit = off"))
        await s.execute(text("SET LOCAL maintenance_work_mem = '256MB'"))
        org_id = (
            await s.execute(
                text(
                    "INSERT INTO organizations (name, slug, settings) VALUES (:name, :slug, "
                    '\'{"time_zone": "UTC"}\'::jsonb) RETURNING id'
                ),
                {"name": f"Bench {org.slug}", "slug": org.slug},
            )
        ).scalar_one()
        admin_id = (
            await s.execute(
                text(
                    "INSERT INTO users (organization_id, email, full_name, role, password_hash) "
                    "VALUES (:org, :email, 'Bench Admin', 'admin', :hash) RETURNING id"
                ),
                {"org": org_id, "email": f"admin@{org.slug}.example.com", "hash": hash_password(PASSWORD)},
            )
        ).scalar_one()
        await ensure_round_templates(s, org_id)
        principal = Principal.of_user(admin_id, org_id, "admin", f"admin@{org.slug}.example.com")
        service = RequisitionService(s, principal)
        req_ids = []
        for i in range(30):
            req, _ = await service.create(RequisitionCreate(title=f"Bench role {i + 1}"))
            req_ids.append(req.id)
        await s.flush()
        stage_id = (
            await s.execute(
                text("SELECT id FROM pipeline_stages WHERE requisition_id = :r ORDER BY position LIMIT 1"),
                {"r": req_ids[0]},
            )
        ).scalar_one()
        params = {"org": org_id, "n": n, "admin": admin_id, "req": req_ids[0], "stage": stage_id}
        # Newest first is the default order everywhere: row g was created g seconds before the seeding.
        await s.execute(
            text(
                f"""INSERT INTO candidates (id, organization_id, first_name, last_name, email, phone, source,
                        created_at, updated_at)
                SELECT gen_random_uuid(), :org, ({first})[1 + g % {len(FIRST)}],
                       ({last})[1 + (g / {len(FIRST)}) % {len(LAST)}],
                       lower(({first})[1 + g % {len(FIRST)}] || '.' || ({last})[1 + (g / {len(FIRST)}) % {len(LAST)}]
                             || '.' || g || '@example.com'),
                       '+1 555 ' || lpad((g / 10000)::text, 3, '0') || '-' || lpad((g % 10000)::text, 4, '0'),
                       'bench', now() - g * interval '1 second', now() - g * interval '1 second'
                FROM generate_series(1, :n) g"""
            ),
            params,
        )
        await s.execute(
            text(
                """INSERT INTO applications (id, organization_id, candidate_id, requisition_id, stage_id, status,
                        stage_entered_at, source, created_at, updated_at)
                SELECT gen_random_uuid(), organization_id, id, :req, :stage, 'active', created_at, 'bench',
                       created_at, created_at
                FROM candidates WHERE organization_id = :org"""
            ),
            params,
        )
        await s.execute(
            text(
                """INSERT INTO interviews (id, organization_id, application_id, candidate_id, stage_id, type, mode,
                        starts_at, ends_at, duration_minutes, time_zone, lead_interviewer_id, status,
                        created_at, updated_at)
                SELECT gen_random_uuid(), organization_id, id, candidate_id, stage_id, 'technical', 'video',
                       created_at, created_at + interval '1 hour', 60, 'UTC', :admin,
                       'completed', created_at, created_at
                FROM applications WHERE organization_id = :org"""
            ),
            params,
        )
        await s.execute(
            text(
                """INSERT INTO notifications (id, organization_id, user_id, type, priority, title, message,
                        created_at, updated_at)
                SELECT gen_random_uuid(), :org, :admin, 'system', 'normal', 'Bench notification ' || g,
                       'Seeded for the benchmark', now() - g * interval '1 second', now() - g * interval '1 second'
                FROM generate_series(1, :n) g"""
            ),
            params,
        )
        await s.execute(
            text(
                """INSERT INTO audit_logs (id, organization_id, actor_type, actor_label, action, entity_type,
                        entity_id, created_at)
                SELECT gen_random_uuid(), :org, 'system', 'bench', 'candidate.created', 'candidate', g::text,
                       now() - g * interval '1 second'
                FROM generate_series(1, :n) g"""
            ),
            params,
        )
    print(f"  seeded {org.slug}: {n:,} rows per list in {time.monotonic() - started:.0f} s", flush=True)


async def _load_org(db: Database, org: Org) -> bool:
    async with db.sessionmaker() as s:
        found = (
            await s.execute(
                text(
                    "SELECT o.id, u.id FROM organizations o JOIN users u ON u.organization_id = o.id "
                    "AND u.role = 'admin' WHERE o.slug = :slug"
                ),
                {"slug": org.slug},
            )
        ).first()
        if found is None:
            return False
        org.id, org.admin_id = str(found[0]), str(found[1])
        org.requisition_id = str(
            (
                await s.execute(
                    text("SELECT requisition_id FROM applications WHERE organization_id = :org LIMIT 1"),
                    {"org": org.id},
                )
            ).scalar_one()
        )
    g = org.size // 2
    first, last = _name(g)
    org.searches = {
        "name": f"{first} {last}",
        "email": _email(g),
        "phone": _phone(g).split(" ", 2)[2],  # as typed from a business card: "000-5000"
    }
    return True


async def _prepare(url: str, orgs: dict[str, Org]) -> None:
    db = Database(url, None, get_settings())
    try:
        for org in orgs.values():
            if not await _load_org(db, org):
                await _seed_org(db, org)
                await _load_org(db, org)
        # After seeding, and after a migration that rewrote a table: fresh statistics and visibility map (the
        # index-only scans need it). Quick when nothing changed.
        async with db.engine.connect() as conn:
            conn = await conn.execution_options(isolation_level="AUTOCOMMIT")
            await conn.execute(text("VACUUM ANALYZE"))
    finally:
        await db.dispose()


def open_database() -> tuple[EmbeddedPostgres, str, dict[str, Org]]:
    """Start the embedded PostgreSQL on the bench data directory, migrate it, and seed it the first time."""
    first_time = not (DATA_DIR / "pg" / "PG_VERSION").exists()
    pg = EmbeddedPostgres(DATA_DIR / "pg")
    url = pg.start()
    orgs = {key: Org(slug=f"bench-{key}", size=size) for key, size in SIZES.items()}
    try:
        run_migrations(url)  # Alembic runs its own event loop: before ours starts
        if first_time:
            print(f"Seeding the bench database in {DATA_DIR} (once; later runs reuse it)…", flush=True)
            run_seed(url)
        asyncio.run(_prepare(url, orgs))
    except BaseException:
        pg.stop()
        raise
    return pg, url, orgs


def new_id() -> str:
    return str(uuid.uuid4())
