"""Plain async factories and login helpers."""

import uuid
from dataclasses import dataclass, field

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
