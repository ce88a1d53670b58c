"""`interviewflow serve | migrate | seed | worker | create-admin | openapi`.

Each command imports what it needs when it runs (inside its function): `interviewflow migrate` should not load
the whole API, the job queue and the sandbox before it starts."""

import argparse
import asyncio
import contextlib
import json
import logging
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from backend.config import REPO_ROOT, get_settings
from backend.observability import configure_logging

if TYPE_CHECKING:
    from alembic.config import Config

    from backend.embedded_pg import EmbeddedPostgres

log = logging.getLogger("interviewflow.cli")


@contextlib.contextmanager
def database_url() -> Iterator[tuple[str, "EmbeddedPostgres | None"]]:
    """The configured database, or the embedded one started for the duration of the command and stopped
    after it (stop() is idempotent, so a server that already stopped it is fine)."""
    settings = get_settings()
    if settings.database_url:
        yield settings.database_url, None
        return
    from backend.embedded_pg import EmbeddedPostgres

    pg = EmbeddedPostgres(settings.data_dir / "pg")
    url = pg.start()
    try:
        yield url, pg
    finally:
        pg.stop()


def alembic_config(url: str | None = None) -> "Config":
    from alembic.config import Config

    cfg = Config(str(REPO_ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(REPO_ROOT / "alembic"))
    if url:
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    cfg.attributes["skip_logging_config"] = True
    return cfg


def run_migrations(url: str, revision: str = "head", downgrade: bool = False) -> None:
    from alembic import command

    (command.downgrade if downgrade else command.upgrade)(alembic_config(url), revision)


async def _with_session(url: str, fn):
    from backend.db import Database

    db = Database(url, None, get_settings())
    try:
        async with db.sessionmaker() as session, session.begin():
            return await fn(session)
    finally:
        await db.dispose()


def run_seed(url: str) -> None:
    from backend.seed import demo_test_invitation, logins_table, seed_demo

    users = asyncio.run(_with_session(url, seed_demo))
    print(logins_table(users), flush=True)
    test = asyncio.run(_with_session(url, demo_test_invitation))
    if test:
        print(test, flush=True)


# How long an idle client connection stays open. Test players autosave every few seconds and send proctoring
# batches every five: with uvicorn's default of 5 s, nearly every request paid for a new connection (about 2 ms of
# the server's CPU each on an exam day). Load balancers keep theirs for a minute or more (nginx: 75 s).
KEEP_ALIVE_SECONDS = 75


def cmd_serve(args: argparse.Namespace) -> None:
    import uvicorn

    from backend.auth.tokens import check_signing_secret
    from backend.main import create_app

    settings = get_settings()
    check_signing_secret(settings)  # before the embedded database's URL is filled in: it is the local setup
    with database_url() as (url, embedded):
        if args.migrate:
            run_migrations(url)
        if args.seed:
            run_seed(url)
        settings.database_url = url
        port = args.port or settings.port
        print(f"InterviewFlow on http://{args.host or settings.host}:{port}  (API docs: /api/v1/docs)", flush=True)
        uvicorn.run(
            create_app(settings, embedded=embedded),
            host=args.host or settings.host,
            port=port,
            log_config=None,
            proxy_headers=settings.trust_forwarded_for,
            timeout_keep_alive=KEEP_ALIVE_SECONDS,
        )


def cmd_migrate(args: argparse.Namespace) -> None:
    with database_url() as (url, _pg):
        run_migrations(url, args.revision, downgrade=args.downgrade)


def cmd_seed(_: argparse.Namespace) -> None:
    with database_url() as (url, _pg):
        run_seed(url)


def cmd_create_admin(args: argparse.Namespace) -> None:
    from backend.auth.passwords import check_policy
    from backend.auth.permissions import Role
    from backend.organizations.service import organization_by_slug
    from backend.users.service import add_admin

    check_policy(args.password)

    async def create(session):
        org = None
        if not args.superadmin:
            org = await organization_by_slug(session, args.org)
            if org is None:
                raise SystemExit(f"No organization with slug '{args.org}'.")
        await add_admin(
            session,
            org.id if org else None,
            email=args.email,
            full_name=args.name,
            password=args.password,
            role=Role.SUPERADMIN if args.superadmin else Role.ADMIN,
        )

    with database_url() as (url, _pg):
        asyncio.run(_with_session(url, create))
    print(f"Created {'superadmin' if args.superadmin else 'admin'} {args.email}")


def cmd_worker(args: argparse.Namespace) -> None:
    from backend.worker import run_worker

    with database_url() as (url, _pg):
        asyncio.run(run_worker(url, concurrency=args.concurrency))


def cmd_openapi(args: argparse.Namespace) -> None:
    from backend.main import create_app

    schema = create_app(get_settings()).openapi()
    text = json.dumps(schema, indent=2, sort_keys=False) + "\n"
    if args.output:
        Path(args.output).write_text(text)
    else:
        sys.stdout.write(text)


def main(argv: list[str] | None = None) -> None:
    settings = get_settings()
    configure_logging(settings.log_level, settings.log_format)
    parser = argparse.ArgumentParser(prog="interviewflow", description="InterviewFlow hiring platform")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("serve", help="serve API + SPA")
    p.add_argument("--host")
    p.add_argument("--port", type=int)
    p.add_argument("--migrate", action="store_true", help="apply migrations first")
    p.add_argument("--seed", action="store_true", help="seed the demo organization first (idempotent)")
    p.set_defaults(fn=cmd_serve)

    p = sub.add_parser("migrate", help="alembic upgrade (or --downgrade) to a revision")
    p.add_argument("revision", nargs="?", default="head")
    p.add_argument("--downgrade", action="store_true")
    p.set_defaults(fn=cmd_migrate)

    sub.add_parser("seed", help="seed the demo organization").set_defaults(fn=cmd_seed)

    p = sub.add_parser("worker", help="run background job workers")
    p.add_argument("--concurrency", type=int, default=4)
    p.set_defaults(fn=cmd_worker)

    p = sub.add_parser("create-admin", help="create an admin (or --superadmin) user")
    p.add_argument("--email", required=True)
    p.add_argument("--name", required=True)
    p.add_argument("--password", required=True)
    p.add_argument("--org", default="acme", help="organization slug")
    p.add_argument("--superadmin", action="store_true")
    p.set_defaults(fn=cmd_create_admin)

    p = sub.add_parser("openapi", help="write the OpenAPI document")
    p.add_argument("--output")
    p.set_defaults(fn=cmd_openapi)

    args = parser.parse_args(argv)
    args.fn(args)


if __name__ == "__main__":
    main()
