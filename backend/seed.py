"""The demo organization a newcomer finds after `make run`. Idempotent: running it twice changes nothing."""

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from backend.auth.passwords import hash_password
from backend.auth.permissions import Role
from backend.email.service import ensure_templates, send_email
from backend.notifications.models import Notification
from backend.notifications.service import notify
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
    DemoUser("admin@acme.example.com", "Alex Admin", Role.ADMIN),
    DemoUser("recruiter@acme.example.com", "Riley Recruiter", Role.RECRUITER),
    DemoUser("hm@acme.example.com", "Harper Manager", Role.HIRING_MANAGER),
    DemoUser("interviewer@acme.example.com", "Ian Interviewer", Role.INTERVIEWER, "Europe/Berlin"),
    DemoUser("cto@acme.example.com", "Casey CTO", Role.EXECUTIVE),
    DemoUser("ceo@acme.example.com", "Morgan CEO", Role.EXECUTIVE),
    DemoUser("candidate@acme.example.com", "Cameron Candidate", Role.CANDIDATE),
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
    await ensure_templates(session, org.id)
    await _seed_inbox_and_outbox(session, org)
    return list(DEMO_USERS)


# A few realistic messages so the bell, the notifications page and the outbox are not empty on first run.
_DEMO_NOTIFICATIONS: dict[str, list[dict[str, Any]]] = {
    "admin@acme.example.com": [
        {
            "type": "system",
            "priority": "high",
            "title": "Welcome to InterviewFlow",
            "message": "Invite your team from Admin → Users, then review link rules in Settings.",
            "action_url": "/admin/users",
        },
        {
            "type": "system",
            "title": "3 emails captured locally",
            "message": "No SMTP server is configured, so emails are kept in the outbox instead of being sent.",
            "action_url": "/admin/outbox",
        },
    ],
    "recruiter@acme.example.com": [
        {
            "type": "assessment",
            "priority": "high",
            "title": "Ada Lovelace finished the Step-1 assessment",
            "message": "Score 82 % — above the auto-advance threshold.",
        },
        {
            "type": "interview",
            "title": "Interview tomorrow at 10:00",
            "message": "Technical interview with Grace Hopper, panel: Ian Interviewer.",
        },
        {
            "type": "application",
            "priority": "low",
            "title": "New application: Backend Engineer",
            "message": "Linus Torvalds applied through the job board.",
        },
    ],
    "interviewer@acme.example.com": [
        {
            "type": "interview",
            "priority": "high",
            "title": "Scorecard due for Grace Hopper",
            "message": "Please submit your feedback for yesterday's technical interview.",
        },
    ],
    "cto@acme.example.com": [
        {
            "type": "application",
            "title": "Awaiting your final decision",
            "message": "Ada Lovelace completed Step 2 with a strong hire recommendation.",
        },
    ],
}


async def _seed_inbox_and_outbox(session: AsyncSession, org: Organization) -> None:
    users = {u.email: u for u in (await session.execute(select(User).where(User.organization_id == org.id))).scalars()}
    already = (await session.execute(select(Notification.id).where(Notification.organization_id == org.id))).first()
    if already is None:
        for email, items in _DEMO_NOTIFICATIONS.items():
            for item in items:
                await notify(session, org.id, [users[email].id], **item)
    for email in ("recruiter@acme.example.com", "hm@acme.example.com", "interviewer@acme.example.com"):
        user = users[email]
        await send_email(
            session,
            org.id,
            "account_created",
            user.email,
            {
                "name": user.full_name,
                "organization_name": org.name,
                "inviter": "Alex Admin",
                "role": user.role.replace("_", " "),
                "email": user.email,
                "sign_in_url": "http://localhost:8000/login",
            },
            entity_type="user",
            entity_id=user.id,
            idempotency_key=f"seed:account_created:{user.email}",
        )


def logins_table(users: list[DemoUser]) -> str:
    width = max(len(u.email) for u in users)
    lines = [f"  {'email'.ljust(width)}  role", f"  {'-' * width}  ----"]
    lines += [f"  {u.email.ljust(width)}  {u.role.value}" for u in users]
    return "Demo logins (password for all: " + DEMO_PASSWORD + ")\n" + "\n".join(lines)
