"""create_app(): middleware, error handlers, the /api/v1 router and the SPA."""

import asyncio
import contextlib
import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from backend.api import include_api
from backend.auth.cache import CHANNEL as PRINCIPALS_CHANNEL
from backend.auth.principals import PrincipalResolver
from backend.auth.tokens import check_signing_secret
from backend.config import Settings, get_settings
from backend.db import Database
from backend.embedded_pg import EmbeddedPostgres
from backend.errors import install_error_handlers
from backend.health.router import router as health_router
from backend.http_security import BodySizeLimitMiddleware, SecurityHeadersMiddleware
from backend.jobs import runtime
from backend.notifications.hub import NotificationHub
from backend.observability import RequestContextMiddleware, configure_logging
from backend.spa import mount_spa
from backend.worker import run_worker

log = logging.getLogger("interviewflow")

DESCRIPTION = """InterviewFlow's REST API. Authenticate with `Authorization: Bearer <token>`: an access token from
`POST /api/v1/auth/login`, or an API key created by an admin. Errors are RFC 9457 problem details
(`application/problem+json`) with field paths in `errors`. Lists take `limit`, `cursor` and `sort` and answer
`{items, next_cursor, total}`."""


def settle_heap() -> None:
    """Move everything built at startup (the app, its routes and models, SQLAlchemy's mappers: hundreds of
    thousands of objects that live as long as the process) out of the garbage collector's sight. Otherwise every
    full collection walks them all again, and a profile of the autosave put about a fifth of a request's time in
    those pauses. Only for a process that owns its app (tests build many apps in one process)."""
    gc.collect()
    gc.freeze()
    # Full collections still walk every object made since (a thousand open connections on an exam day): 40 to
    # 250 ms with the event loop stopped, the tail of the autosave's latency. They now come a tenth as often;
    # memory held in reference cycles waits longer for them, which costs little here.
    gen0, gen1, _ = gc.get_threshold()
    gc.set_threshold(gen0, gen1, 100)


def resolve_database_url(settings: Settings) -> tuple[str, EmbeddedPostgres | None]:
    if settings.database_url:
        return settings.database_url, None
    pg = EmbeddedPostgres(settings.data_dir / "pg")
    return pg.start(), pg


def create_app(
    settings: Settings | None = None,
    database: Database | None = None,
    embedded: EmbeddedPostgres | None = None,
    background: bool | None = None,
) -> FastAPI:
    """Build the app. Tests pass their own `database`; otherwise the lifespan connects (and, with no
    DATABASE_URL, starts the embedded PostgreSQL). An embedded server, ours or handed over by the CLI, is
    stopped at shutdown: uvicorn re-raises SIGTERM after the lifespan ends, so nothing later would run.

    `background` (default: when the app owns its database) starts the live-notification listener and, if
    configured, a job worker inside this process."""
    settings = settings or get_settings()
    run_background = database is None if background is None else background

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        nonlocal embedded
        if database is None:
            url = settings.database_url
            if not url:
                url, embedded = resolve_database_url(settings)
            app.state.db = Database(url, settings.database_read_url or None, settings)
        db: Database = app.state.db
        runtime.set_database(db)
        worker: asyncio.Task[None] | None = None
        try:
            if run_background:
                app.state.hub = NotificationHub(db.url)
                # The principal cache answers only while this connection hears every change (auth/cache.py).
                app.state.hub.listen(PRINCIPALS_CHANNEL, app.state.principals.cache.invalidate)
                app.state.hub.on_connection(app.state.principals.cache.reset)
                await app.state.hub.start()
                if settings.run_worker_in_process:
                    worker = asyncio.create_task(
                        run_worker(db.url, settings.worker_concurrency, install_signal_handlers=False),
                        name="in-process-worker",
                    )
            if database is None:
                settle_heap()
            yield
        finally:
            if worker is not None:
                worker.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await worker
            if getattr(app.state, "hub", None) is not None:
                await app.state.hub.stop()
            if database is None:
                await db.dispose()
            if embedded:
                embedded.stop()

    app = FastAPI(
        title="InterviewFlow API",
        version="1.0.0",
        description=DESCRIPTION,
        openapi_url="/api/v1/openapi.json",
        docs_url="/api/v1/docs",
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.principals = PrincipalResolver()
    if database is not None:
        app.state.db = database
    install_error_handlers(app)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_credentials=True,
            allow_methods=["*"],
            allow_headers=["*"],
        )
    app.add_middleware(BodySizeLimitMiddleware, default_limit=settings.max_body_bytes)
    app.add_middleware(SecurityHeadersMiddleware, trust_forwarded_proto=settings.trust_forwarded_for)
    app.add_middleware(RequestContextMiddleware, trust_forwarded_for=settings.trust_forwarded_for)
    app.include_router(health_router)
    include_api(app)
    mount_spa(app, settings.spa_dir)
    return app


def app_factory() -> FastAPI:
    settings = get_settings()
    configure_logging(settings.log_level, settings.log_format)
    check_signing_secret(settings)
    return create_app(settings)
