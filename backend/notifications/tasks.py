"""The recruiters' morning digest: at 08:00 in each organization's time zone, one email per recruiter with what
is waiting for them. Idempotent: the email's key is (user, local date), so a second worker, a re-run or a
retry sends nothing twice."""

import logging
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from procrastinate import JobContext

from backend.auth.permissions import Role
from backend.email.service import send_email
from backend.jobs.runtime import records_errors, task_session
from backend.kit.pagination import TOTAL_CAP
from backend.notifications.repository import NotificationRepository
from backend.organizations.service import active_organizations, effective_settings
from backend.users.service import active_users
from backend.worker import queue

log = logging.getLogger("interviewflow.notifications.digest")
DIGEST_HOUR = 8


async def send_daily_digests(now: datetime) -> int:
    """Send the digests that are due at `now`; returns how many emails were queued."""
    queued = 0
    async with task_session() as session:
        for org in await active_organizations(session):
            local = now.astimezone(ZoneInfo(effective_settings(org).time_zone))
            if local.hour != DIGEST_HOUR:
                continue
            for user in await active_users(session, org.id, Role.RECRUITER):
                inbox = NotificationRepository(session, org.id, user.id)
                unread = await inbox.unread_count()
                if unread == 0:
                    continue  # nothing waiting: no email
                more = "+" if unread >= TOTAL_CAP else ""  # counted up to the cap, like the badge
                lines = [f"{unread}{more} unread notification{'s' if unread > 1 else ''}"]
                lines += [n.title for n in await inbox.latest_unread(5)]
                message = await send_email(
                    session,
                    org.id,
                    "daily_digest",
                    user.email,
                    {"name": user.full_name.split()[0], "date": local.strftime("%A %-d %B"), "lines": lines},
                    entity_type="user",
                    entity_id=user.id,
                    idempotency_key=f"digest:{user.id}:{local.date().isoformat()}",
                )
                queued += message.status == "queued"
    return queued


@queue.periodic(cron="0 * * * *", periodic_id="daily-digest")
@queue.task(name="notifications.daily_digest", queueing_lock="notifications.daily_digest", pass_context=True)
@records_errors
async def daily_digest(context: JobContext, timestamp: int) -> None:
    await send_daily_digests(datetime.fromtimestamp(timestamp, UTC))
