"""The periodic digest is idempotent: two workers on the same tick (or a re-run) send one email each."""

import asyncio
from datetime import UTC, datetime

from sqlalchemy import select

from backend.email.models import EmailMessage
from backend.notifications.service import notify
from backend.notifications.tasks import send_daily_digests
from tests.committed import committed_org


async def test_two_workers_on_the_same_tick_send_one_digest(real_db):
    org, users = await committed_org(real_db, "recruiter", "interviewer", time_zone="Europe/Berlin")
    recruiter = users["recruiter"]
    async with real_db.sessionmaker() as session, session.begin():
        await notify(
            session,
            org.id,
            [recruiter.id, users["interviewer"].id],
            type="assessment",
            title="Ada finished Step 1",
            message="82 %",
        )

    eight_in_berlin = datetime(2026, 12, 1, 7, 0, tzinfo=UTC)  # 08:00 CET
    await asyncio.gather(send_daily_digests(eight_in_berlin), send_daily_digests(eight_in_berlin))
    await send_daily_digests(eight_in_berlin)  # and a re-run
    await send_daily_digests(datetime(2026, 12, 1, 9, 0, tzinfo=UTC))  # 10:00 there: not due

    async with real_db.sessionmaker() as session:
        digests = (
            (
                await session.execute(
                    select(EmailMessage).where(
                        EmailMessage.organization_id == org.id, EmailMessage.template_key == "daily_digest"
                    )
                )
            )
            .scalars()
            .all()
        )
    assert [d.to_address for d in digests] == [recruiter.email]  # recruiters only, once
    assert "Ada finished Step 1" in digests[0].body_text and "Tuesday 1 December" in digests[0].subject
