"""Plain async factories and login helpers, and the setups several areas' tests share: an open requisition, a
candidate with an application, an interview ready to be booked, a job on the public job board.

Tests import shared setup from here, never from another test module."""

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from backend.auth.passwords import hash_password
from backend.organizations.models import Organization
from backend.organizations.onboarding import new_organization
from backend.users.models import User

PASSWORD = "correct-horse-42"
_HASH: dict[str, str] = {}


def _hash(password: str) -> str:
    if password not in _HASH:
        _HASH[password] = hash_password(password)
    return _HASH[password]


@dataclass
class Factory:
    session: AsyncSession
    client: httpx.AsyncClient
    _orgs: dict[str, Organization] = field(default_factory=dict)

    async def org(self, slug: str | None = None, name: str = "Test Org") -> Organization:
        """An organization as the platform creates one (with its default rounds, reasons and templates)."""
        return await new_organization(self.session, name, slug or f"org-{uuid.uuid4().hex[:8]}")

    async def user(
        self,
        org: Organization | None,
        role: str = "admin",
        email: str | None = None,
        password: str = PASSWORD,
        is_active: bool = True,
    ) -> User:
        user = User(
            organization_id=org.id if org and role != "superadmin" else None,
            email=email or f"{role}-{uuid.uuid4().hex[:8]}@example.com",
            full_name=f"{role.replace('_', ' ').title()} Person",
            role=role,
            password_hash=_hash(password),
            is_active=is_active,
        )
        self.session.add(user)
        await self.session.flush()
        await self.session.commit()  # releases the savepoint: visible to the app's sessions
        return user

    async def login(self, user: User, password: str = PASSWORD) -> dict[str, str]:
        r = await self.client.post("/api/v1/auth/login", json={"email": user.email, "password": password})
        assert r.status_code == 200, r.text
        return {"Authorization": f"Bearer {r.json()['access_token']}"}

    async def user_and_headers(self, org: Organization | None, role: str = "admin") -> tuple[User, dict[str, str]]:
        user = await self.user(org, role)
        return user, await self.login(user)


# --- hiring, through the API as a recruiter would -------------------------------------------------------------
REQUISITIONS = "/api/v1/requisitions"
CANDIDATES = "/api/v1/candidates"
APPLICATIONS = "/api/v1/applications"
INTERVIEWS = "/api/v1/interviews"
JOB_BOARD = "/api/v1/public/organizations/{slug}/jobs"
INTERVIEW_START = datetime(2026, 12, 1, 13, 0, tzinfo=UTC)


async def open_requisition(client: httpx.AsyncClient, headers: dict[str, str], **fields: Any) -> dict[str, Any]:
    """A requisition with the default pipeline, published (open)."""
    body = {"title": "Engineer", "description": "Build things.", **fields}
    r = await client.post(REQUISITIONS, json=body, headers=headers)
    assert r.status_code == 201, r.text
    await client.post(f"{REQUISITIONS}/{r.json()['id']}/status", json={"status": "open"}, headers=headers)
    return dict(r.json())


async def make_candidate(
    client: httpx.AsyncClient, headers: dict[str, str], email: str = "ada@example.com", **fields: Any
) -> dict[str, Any]:
    body = {"first_name": "Ada", "last_name": "Lovelace", "email": email, **fields}
    r = await client.post(CANDIDATES, json=body, headers=headers)
    assert r.status_code == 201, r.text
    return dict(r.json())


async def make_application(
    client: httpx.AsyncClient, headers: dict[str, str], candidate: dict[str, Any], requisition: dict[str, Any]
) -> dict[str, Any]:
    """The candidate in the requisition's first stage."""
    body = {"candidate_id": candidate["id"], "requisition_id": requisition["id"]}
    r = await client.post(APPLICATIONS, json=body, headers=headers)
    assert r.status_code == 201, r.text
    return dict(r.json())


async def ready_for_interview(
    client: httpx.AsyncClient, factory: Factory, candidate_email: str = "ada@example.com"
) -> tuple[Organization, dict[str, str], User, dict[str, Any]]:
    """An organization with a recruiter (whose headers are returned), an interviewer, and Ada's application to
    an open requisition: everything scheduling an interview needs."""
    org = await factory.org()
    _recruiter, headers = await factory.user_and_headers(org, "recruiter")
    interviewer = await factory.user(org, "interviewer")
    req = await open_requisition(client, headers, description="x")
    candidate = await make_candidate(client, headers, candidate_email)
    return org, headers, interviewer, await make_application(client, headers, candidate, req)


def interview_body(
    application: dict[str, Any], lead: User, start: datetime = INTERVIEW_START, **extra: Any
) -> dict[str, Any]:
    """What scheduling a one-hour technical video interview led by `lead` sends."""
    return {
        "application_id": application["id"],
        "type": "technical",
        "mode": "video",
        "starts_at": start.isoformat(),
        "duration_minutes": 60,
        "time_zone": "Europe/Berlin",
        "lead_interviewer_id": str(lead.id),
        "location": "https://meet.example.com/abc",
        "guide": [{"text": "Design a rate limiter", "category": "architecture", "difficulty": "hard"}],
        **extra,
    }


# --- the public job board -------------------------------------------------------------------------------------
async def open_job(
    client: httpx.AsyncClient, factory: Factory, slug: str
) -> tuple[Organization, dict[str, str], dict[str, Any]]:
    """An organization at `slug` with a recruiter and one open job on its board."""
    org = await factory.org(slug=slug)
    _recruiter, headers = await factory.user_and_headers(org, "recruiter")
    return org, headers, await open_requisition(client, headers, title="Backend Engineer", description="APIs")


def apply_form(email: str = "ada@example.com", **extra: Any) -> dict[str, str]:
    """The job board's application form (the résumé goes with it as a file)."""
    return {
        "first_name": "Ada",
        "last_name": "Lovelace",
        "email": email,
        "phone": "+44 20 7946 0018",
        "answers": '{"Why us?": "Robots."}',
        **extra,
    }
