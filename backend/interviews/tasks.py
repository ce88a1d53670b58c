"""Scorecard reminders: a panelist whose scorecard is still missing 24 hours after the interview ended is reminded
once (the email's idempotency key is the "sent" flag, so re-runs and parallel workers send nothing twice)."""

from datetime import UTC, datetime, timedelta

from procrastinate import JobContext
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from backend.candidates.models import Candidate
from backend.email.service import already_sent, send_email
from backend.interviews.models import Interview, InterviewParticipant, Scorecard
from backend.jobs.runtime import records_errors, task_session
from backend.notifications.service import notify
from backend.users.models import User
from backend.worker import queue

GRACE = timedelta(hours=24)
LOOKBACK = timedelta(days=7)


async def feedback_reminders(session: AsyncSession, now: datetime) -> int:
    missing = (
        select(
            Interview,
            InterviewParticipant.user_id,
            User.email,
            User.full_name,
            Candidate.first_name,
            Candidate.last_name,
        )
        .join(InterviewParticipant, InterviewParticipant.interview_id == Interview.id)
        .join(User, User.id == InterviewParticipant.user_id)
        .join(Candidate, Candidate.id == Interview.candidate_id)
        .outerjoin(
            Scorecard,
            (Scorecard.interview_id == Interview.id)
            & (Scorecard.interviewer_id == InterviewParticipant.user_id)
            & (Scorecard.status == "submitted"),
        )
        .where(
            Interview.status == "completed",
            Interview.ends_at < now - GRACE,
            Interview.ends_at > now - LOOKBACK,
            Scorecard.id.is_(None),
            User.is_active.is_(True),
        )
    )
    sent = 0
    for interview, user_id, email, full_name, first, last in (await session.execute(missing)).all():
        key = f"feedback-reminder:{interview.id}:{user_id}"
        if await already_sent(session, interview.organization_id, key):
            continue
        candidate = f"{first} {last}"
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
        sent += 1
    return sent


@queue.periodic(cron="15 * * * *", periodic_id="feedback-reminders")
@queue.task(name="interviews.feedback_reminders", queueing_lock="interviews.feedback_reminders", pass_context=True)
@records_errors
async def send_feedback_reminders(context: JobContext, timestamp: int) -> None:
    async with task_session() as session:
        await feedback_reminders(session, datetime.fromtimestamp(timestamp, UTC))
