"""The link rules' scheduled work, every minute: reminders before expiry, and expiry itself.

Several workers may run it at once: each link is taken with `FOR UPDATE SKIP LOCKED` (a worker never waits for
another's links), and a reminder is claimed by inserting its row (invitation, hours before, expiry), unique, so
a reminder goes once whatever happens."""

import uuid
from datetime import UTC, datetime

from procrastinate import JobContext
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from backend.audit import service as audit
from backend.invitations import notices, rules
from backend.invitations.models import Invitation
from backend.invitations.repository import claim_reminders, pending_expiring_before
from backend.jobs.runtime import records_errors, task_session
from backend.organizations.service import effective_settings, organization_profile
from backend.organizations.settings_schema import OrganizationSettings
from backend.worker import queue

BATCH = 500


async def _settings(
    session: AsyncSession, cache: dict[uuid.UUID, OrganizationSettings], org_id: uuid.UUID
) -> OrganizationSettings:
    if org_id not in cache:
        org = await organization_profile(session, org_id)
        cache[org_id] = effective_settings(org) if org else OrganizationSettings()
    return cache[org_id]


async def send_reminders(session: AsyncSession, now: datetime) -> int:
    """Remind candidates whose link's next reminder is due. Returns how many emails went out."""
    stmt = (
        select(Invitation)
        .where(Invitation.status == "pending", Invitation.next_reminder_at <= now, Invitation.expires_at > now)
        .order_by(Invitation.next_reminder_at)
        .limit(BATCH)
        .with_for_update(skip_locked=True)
    )
    cache: dict[uuid.UUID, OrganizationSettings] = {}
    sent = 0
    for inv in (await session.execute(stmt)).scalars():
        settings = await _settings(session, cache, inv.organization_id)
        rule = settings.link_rules.step1 if inv.step == 1 else settings.link_rules.step2
        due = rules.due_reminders(inv.expires_at, rule.reminder_hours_before, now)
        claimed = await claim_reminders(session, inv, due)
        if claimed:
            # One email even when several were due (the job was down, the link was short): the most urgent.
            await notices.send_reminder(session, inv, min(due), now)
            sent += 1
        inv.next_reminder_at = rules.next_reminder_at(inv.expires_at, rule.reminder_hours_before, now)
    return sent


async def expire_links(session: AsyncSession, now: datetime) -> int:
    """Deactivate pending links past their expiry and tell their owners. Returns how many expired."""
    expired = 0
    for inv in await pending_expiring_before(session, now, BATCH):
        inv.status, inv.expired_at, inv.next_reminder_at = "expired", now, None
        await audit.record(
            session,
            None,
            "invitation.expired",
            "invitation",
            inv.id,
            organization_id=inv.organization_id,
            actor_label="link rules",
            after={"expires_at": inv.expires_at},
        )
        await notices.expired_unused(session, inv)
        expired += 1
    return expired


async def run_link_rules(now: datetime) -> tuple[int, int]:
    async with task_session() as session:
        reminded = await send_reminders(session, now)
    async with task_session() as session:
        expired = await expire_links(session, now)
    return reminded, expired


@queue.periodic(cron="* * * * *", periodic_id="invitation-link-rules")
@queue.task(name="invitations.link_rules", queueing_lock="invitations.link_rules", pass_context=True)
@records_errors
async def link_rules(context: JobContext, timestamp: int) -> None:
    # The clock of the run, not the schedule's: a run delayed by a busy worker still sees what is due now.
    await run_link_rules(max(datetime.fromtimestamp(timestamp, UTC), datetime.now(UTC)))
