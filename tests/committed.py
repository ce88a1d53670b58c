"""For tests that need data other connections can see (worker processes, a second API instance, LISTEN):
rows are really committed, in organizations of their own, so they never meet other tests' data."""

import asyncio
import socket
import threading
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message

import pytest
from aiosmtpd.controller import Controller

from backend.config import get_settings
from backend.db import Database
from backend.jobs import runtime
from backend.organizations.models import Organization
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


async def committed_org(db: Database, *roles: str, time_zone: str = "UTC") -> tuple[Organization, dict[str, User]]:
    async with db.sessionmaker() as session, session.begin():
        org = Organization(
            name="Committed Org",
            slug=f"c-{uuid.uuid4().hex[:10]}",
            settings=OrganizationSettings(time_zone=time_zone).model_dump(),
        )
        session.add(org)
        await session.flush()
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
