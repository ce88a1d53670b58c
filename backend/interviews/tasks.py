"""Scorecard reminders: a panelist whose scorecard is still missing 24 hours after the interview ended is reminded
once (the email's idempotency key is the "sent" flag, so re-runs and parallel workers send nothing twice)."""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from procrastinate import JobContext
from sqlalchemy.ext.asyncio import AsyncSession

from backend.candidates.service import candidate_names
from backend.email.service import already_sent, send_email
from backend.interviews.models import Interview
from backend.interviews.repository import missing_scorecards
from backend.jobs.runtime import records_errors, task_session
from backend.notifications.service import notify
from backend.users.service import users_by_ids
from backend.worker import queue

if TYPE_CHECKING:
    from backend.users.models import User

GRACE = timedelta(hours=24)
LOOKBACK = timedelta(days=7)


async def feedback_reminders(session: AsyncSession, now: datetime) -> int:
    missing = await missing_scorecards(session, ended_after=now - LOOKBACK, ended_before=now - GRACE)
    by_organization: dict[uuid.UUID, list[tuple[Interview, uuid.UUID]]] = defaultdict(list)
    for interview, user_id in missing:
        by_organization[interview.organization_id].append((interview, user_id))
    sent = 0
    for organization_id, rows in by_organization.items():
        # Only active people are reminded: a deactivated panelist is not asked for anything.
        people = {u.id: u for u in await users_by_ids(session, organization_id, [user_id for _, user_id in rows])}
        names = await candidate_names(session, organization_id, [i.candidate_id for i, _ in rows])
        for interview, user_id in rows:
            if user_id in people:
                sent += await _remind(session, interview, people[user_id], names.get(interview.candidate_id, ""))
    return sent


async def _remind(session: AsyncSession, interview: Interview, panelist: User, candidate: str) -> int:
    """Remind one panelist of one interview, once: 1 if this run sent it."""
    user_id, email, full_name = panelist.id, panelist.email, panelist.full_name
    key = f"feedback-reminder:{interview.id}:{user_id}"
    if await already_sent(session, interview.organization_id, key):
        return 0
    await send_email(
        session,
        interview.organization_id,
        "feedback_requested",
        email,
        {
            "name": full_name.split()[0],
            "candidate_name": candidate,
            "job_title": "the interview",
            "organization_name": "",
            "interviewed_at": interview.starts_at.strftime("%a %-d %b"),
            "scorecard_url": f"/interviews/{interview.id}",
        },
        entity_type="interview",
        entity_id=interview.id,
        idempotency_key=key,
    )
    await notify(
        session,
        interview.organization_id,
        [user_id],
        type="interview",
        priority="high",
        title=f"Scorecard due for {candidate}",
        message="Your feedback is missing since yesterday.",
        entity_type="interview",
        entity_id=interview.id,
        action_url=f"/interviews/{interview.id}",
    )
    return 1


@queue.periodic(cron="15 * * * *", periodic_id="feedback-reminders")
@queue.task(name="interviews.feedback_reminders", queueing_lock="interviews.feedback_reminders", pass_context=True)
@records_errors
async def send_feedback_reminders(context: JobContext, timestamp: int) -> None:
    async with task_session() as session:
        await feedback_reminders(session, datetime.fromtimestamp(timestamp, UTC))
