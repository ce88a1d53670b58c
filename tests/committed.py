"""For tests that need data other connections can see (worker processes, a second API instance, LISTEN):
rows are really committed, in organizations of their own, so they never meet other tests' data."""

import asyncio
import contextlib
import socket
import threading
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message

import httpx
import pytest
import uvicorn
from aiosmtpd.controller import Controller
from fastapi import FastAPI

from backend.config import get_settings
from backend.db import Database
from backend.jobs import runtime
from backend.main import create_app
from backend.organizations.models import Organization
from backend.organizations.onboarding import new_organization
from backend.organizations.settings_schema import OrganizationSettings
from backend.users.models import User
from tests.factories import PASSWORD, _hash


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
async def real_db(migrated_url: str) -> AsyncIterator[Database]:
    db = Database(migrated_url, None, get_settings())
    runtime.set_database(db)
    yield db
    runtime.set_database(None)
    await db.dispose()


class ApiInstance(str):
    """The base URL of an API instance started by `api_instance`, with its app for looking inside."""

    app: FastAPI


@contextlib.asynccontextmanager
async def api_instance(url: str) -> AsyncIterator[ApiInstance]:
    """A real API process in miniature: its own uvicorn server, engine and LISTEN connection on `url`."""
    settings = get_settings().model_copy(update={"run_worker_in_process": False, "sse_heartbeat_seconds": 0.3})
    db = Database(url, None, settings)
    app = create_app(settings, database=db, background=True)
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None, timeout_graceful_shutdown=2)
    )
    server.install_signal_handlers = lambda: None  # type: ignore[method-assign]  (the test runner owns signals)
    task = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.05)
    base = ApiInstance(f"http://127.0.0.1:{port}")
    base.app = app
    try:
        yield base
    finally:
        server.should_exit = True
        await task
        await db.dispose()


async def sign_in(base: str, email: str) -> dict[str, str]:
    """Headers of a user signed in on the API instance at `base`."""
    async with httpx.AsyncClient(base_url=base) as c:
        r = await c.post("/api/v1/auth/login", json={"email": email, "password": PASSWORD})
        assert r.status_code == 200, r.text
        return {"Authorization": f"Bearer {r.json()['access_token']}"}


async def committed_org(db: Database, *roles: str, time_zone: str = "UTC") -> tuple[Organization, dict[str, User]]:
    async with db.sessionmaker() as session, session.begin():
        org = await new_organization(
            session, "Committed Org", f"c-{uuid.uuid4().hex[:10]}", OrganizationSettings(time_zone=time_zone)
        )
        users = {}
        for role in roles:
            users[role] = User(
                organization_id=org.id,
                email=f"{role}-{uuid.uuid4().hex[:8]}@example.com",
                full_name=f"{role.title()} Person",
                role=role,
                password_hash=_hash(PASSWORD),
            )
            session.add(users[role])
        await session.flush()
    return org, users


@dataclass
class SmtpSink:
    """A real SMTP server (aiosmtpd) that records what it accepted, and can misbehave on purpose."""

    messages: list[Message] = field(default_factory=list)
    refuse_next: int = 0  # answer 451 to the next N messages
    block_recipient: str | None = None  # hang at RCPT TO for this address until `release` is set
    blocked: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address == self.block_recipient:
            self.blocked.set()
            while not self.release.is_set():
                await asyncio.sleep(0.05)
            return "421 Service closing"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.refuse_next > 0:
            self.refuse_next -= 1
            return "451 Try again later"
        self.messages.append(message_from_bytes(envelope.content))
        return "250 Message accepted"

    def recipients(self) -> list[str]:
        return [m["To"] for m in self.messages]


@pytest.fixture
def smtp(monkeypatch) -> AsyncIterator[SmtpSink]:
    sink = SmtpSink()
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    settings = get_settings()
    monkeypatch.setattr(settings, "smtp_host", "127.0.0.1")
    monkeypatch.setattr(settings, "smtp_port", port)
    monkeypatch.setattr(settings, "smtp_starttls", False)
    sink.port = port  # type: ignore[attr-defined]
    yield sink
    sink.release.set()
    controller.stop()
