"""What invitations tell people: the candidate's emails (the invitation with its link and code, reminders,
extensions) and the owner's notifications (a link that expired unused, a weekend move, suspicious access).

Links and codes reach the candidate only: the email templates mark them secret, so the outbox's stored copy has
them hidden (see backend/email/catalog.py)."""

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from backend.config import get_settings
from backend.email.service import send_email
from backend.invitations.models import Invitation
from backend.invitations.rules import describe_remaining, local_time
from backend.notifications.schemas import Priority
from backend.notifications.service import notify
from backend.organizations.service import organization_profile
from backend.users.service import users_by_ids

WEEKEND_NOTE = "It would have expired on a weekend, so it stays open until Monday 09:00."


def link_url(token: str) -> str:
    return f"{get_settings().public_base_url}/t/{token}"


def sign_in_url() -> str:
    return f"{get_settings().public_base_url}/t"


def links_page(inv: Invitation) -> str:
    return f"/links?invitation={inv.id}"


async def _org_name(session: AsyncSession, inv: Invitation) -> str:
    org = await organization_profile(session, inv.organization_id)
    return org.name if org else ""


def _duration(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return f"{hours} h {rest} min"
    return f"{hours} hour{'s' if hours > 1 else ''}" if hours else f"{minutes} minutes"


async def send_invitation(
    session: AsyncSession, inv: Invitation, *, token: str, code: str, duration_minutes: int
) -> None:
    """The invitation (or a re-issued one): once per issue of the link (`token_version`)."""
    await send_email(
        session,
        inv.organization_id,
        "assessment_invitation",
        inv.candidate_email,
        {
            "candidate_name": inv.candidate_name,
            "job_title": inv.job_title,
            "organization_name": await _org_name(session, inv),
            "link": link_url(token),
            "sign_in_url": sign_in_url(),
            "username": inv.username,
            "access_code": code,
            "expires_at": local_time(inv.expires_at, ZoneInfo(inv.time_zone)),
            "expiry_note": WEEKEND_NOTE if inv.weekend_extended else "",
            "duration": _duration(duration_minutes),
        },
        entity_type="invitation",
        entity_id=inv.id,
        idempotency_key=f"invitation:{inv.id}:{inv.token_version}",
    )


async def send_extended(session: AsyncSession, inv: Invitation, weekend_moved: bool) -> None:
    await send_email(
        session,
        inv.organization_id,
        "link_extended",
        inv.candidate_email,
        {
            "candidate_name": inv.candidate_name,
            "job_title": inv.job_title,
            "organization_name": await _org_name(session, inv),
            "link": sign_in_url(),
            "expires_at": local_time(inv.expires_at, ZoneInfo(inv.time_zone)),
            "expiry_note": WEEKEND_NOTE if weekend_moved else "",
        },
        entity_type="invitation",
        entity_id=inv.id,
    )


async def send_reminder(session: AsyncSession, inv: Invitation, hours_before: int, now: datetime) -> None:
    await send_email(
        session,
        inv.organization_id,
        "assessment_reminder",
        inv.candidate_email,
        {
            "candidate_name": inv.candidate_name,
            "job_title": inv.job_title,
            "organization_name": await _org_name(session, inv),
            "link": sign_in_url(),
            "username": inv.username,
            "expires_in": describe_remaining(inv.expires_at, now),
            "expires_at": local_time(inv.expires_at, ZoneInfo(inv.time_zone)),
        },
        entity_type="invitation",
        entity_id=inv.id,
        idempotency_key=f"invitation-reminder:{inv.id}:{hours_before}:{inv.expires_at.isoformat()}",
    )


async def tell_owner(
    session: AsyncSession, inv: Invitation, title: str, message: str, *, priority: Priority = "normal"
) -> None:
    if inv.owner_id is None:
        return
    await notify(
        session,
        inv.organization_id,
        [inv.owner_id],
        type="assessment",
        priority=priority,
        title=title,
        message=message,
        entity_type="invitation",
        entity_id=inv.id,
        action_url=links_page(inv),
    )


async def expired_unused(session: AsyncSession, inv: Invitation) -> None:
    """The owner learns that the link expired without a test: in the app and by email."""
    when = local_time(inv.expires_at, ZoneInfo(inv.time_zone))
    await tell_owner(
        session,
        inv,
        f"Assessment link expired: {inv.candidate_name}",
        f"{inv.candidate_name}'s link for {inv.job_title} expired on {when} without a test. Extend or regenerate it "
        "from the Links page.",
    )
    if inv.owner_id is None:
        return
    owners = await users_by_ids(session, inv.organization_id, [inv.owner_id])
    if owners:
        await send_email(
            session,
            inv.organization_id,
            "link_expired",
            owners[0].email,
            {
                "candidate_name": inv.candidate_name,
                "job_title": inv.job_title,
                "organization_name": await _org_name(session, inv),
                "expires_at": when,
                "review_url": f"{get_settings().public_base_url}{links_page(inv)}",
            },
            entity_type="invitation",
            entity_id=inv.id,
            idempotency_key=f"invitation-expired:{inv.id}:{inv.expires_at.isoformat()}",
        )
