"""The demo organization a newcomer finds after `make run`. Idempotent: running it twice changes nothing."""

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from backend.auth.passwords import hash_password
from backend.auth.permissions import Role
from backend.organizations.models import Organization
from backend.organizations.settings_schema import OrganizationSettings
from backend.users.models import User

DEMO_PASSWORD = "demo-pass-2026"
DEMO_ORG_SLUG = "acme"


@dataclass(frozen=True)
class DemoUser:
    email: str
    full_name: str
    role: Role
    time_zone: str | None = None


DEMO_USERS = (
    DemoUser("superadmin@interviewflow.dev", "Platform Operator", Role.SUPERADMIN),
    DemoUser("admin@acme.test", "Alex Admin", Role.ADMIN),
    DemoUser("recruiter@acme.test", "Riley Recruiter", Role.RECRUITER),
    DemoUser("hm@acme.test", "Harper Manager", Role.HIRING_MANAGER),
    DemoUser("interviewer@acme.test", "Ian Interviewer", Role.INTERVIEWER, "Europe/Berlin"),
    DemoUser("cto@acme.test", "Casey CTO", Role.EXECUTIVE),
    DemoUser("ceo@acme.test", "Morgan CEO", Role.EXECUTIVE),
    DemoUser("candidate@acme.test", "Cameron Candidate", Role.CANDIDATE),
)


async def seed_demo(session: AsyncSession) -> list[DemoUser]:
    org = (await session.execute(select(Organization).where(Organization.slug == DEMO_ORG_SLUG))).scalar_one_or_none()
    if org is None:
        settings = OrganizationSettings(time_zone="America/New_York").model_dump()
        org = Organization(name="Acme Robotics", slug=DEMO_ORG_SLUG, settings=settings)
        session.add(org)
        await session.flush()
    password_hash = hash_password(DEMO_PASSWORD)
    for demo in DEMO_USERS:
        exists = (await session.execute(select(User.id).where(func.lower(User.email) == demo.email))).first()
        if exists:
            continue
        session.add(
            User(
                organization_id=None if demo.role == Role.SUPERADMIN else org.id,
                email=demo.email,
                full_name=demo.full_name,
                role=demo.role.value,
                password_hash=password_hash,
                time_zone=demo.time_zone,
            )
        )
    await session.flush()
    return list(DEMO_USERS)


def logins_table(users: list[DemoUser]) -> str:
    width = max(len(u.email) for u in users)
    lines = [f"  {'email'.ljust(width)}  role", f"  {'-' * width}  ----"]
    lines += [f"  {u.email.ljust(width)}  {u.role.value}" for u in users]
    return "Demo logins (password for all: " + DEMO_PASSWORD + ")\n" + "\n".join(lines)
