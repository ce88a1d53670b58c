"""Alembic environment (async). Migrations are the only schema: tests and `interviewflow migrate` both run them.

The URL comes from `sqlalchemy.url` set by the caller (the CLI resolves the embedded database first), else
from the environment. A caller may also hand over an open connection in `config.attributes["connection"]`.
"""

import asyncio
from logging.config import fileConfig

from alembic import context
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from backend.config import get_settings
from backend.db import async_url
from backend.models import metadata

config = context.config
if config.config_file_name and not config.attributes.get("skip_logging_config"):
    fileConfig(config.config_file_name, disable_existing_loggers=False)


def _include_object(obj, name, type_, reflected, compare_to):  # type: ignore[no-untyped-def]
    # procrastinate's tables come from its own SQL script (migration 0002), not from our models.
    return not (type_ == "table" and name and name.startswith("procrastinate"))


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection, target_metadata=metadata, compare_type=True, include_object=_include_object
    )
    with context.begin_transaction():
        context.run_migrations()


async def _run_async(url: str) -> None:
    engine = create_async_engine(url)
    async with engine.connect() as conn:
        await conn.run_sync(_configure)
        await conn.commit()
    await engine.dispose()


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        return
    url = config.get_main_option("sqlalchemy.url") or get_settings().database_url
    if not url:
        raise SystemExit(
            "No database URL: run `interviewflow migrate` (it starts the embedded database) "
            "or set INTERVIEWFLOW_DATABASE_URL."
        )
    asyncio.run(_run_async(async_url(url)))


if context.is_offline_mode():
    raise SystemExit("Offline migrations are not supported; run against a database.")
run()
