from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update

from backend.email.models import EmailMessage
from backend.interviews.models import Interview
from backend.interviews.tasks import feedback_reminders
from tests.factories import INTERVIEWS, interview_body, ready_for_interview


async def test_a_missing_scorecard_is_reminded_once_after_24_hours(client, factory, session):
    org, headers, ian, app = await ready_for_interview(client, factory)
    bea = await factory.user(org, "interviewer")
    interview = (
        await client.post(INTERVIEWS, json=interview_body(app, ian, panel_ids=[str(bea.id)]), headers=headers)
    ).json()
    ended = datetime(2026, 12, 1, 14, 0, tzinfo=UTC)
    await session.execute(
        update(Interview)
        .where(Interview.id == interview["id"])
        .values(status="completed", starts_at=ended - timedelta(hours=1), ends_at=ended)
    )
    await session.commit()
    await client.post(
        f"{INTERVIEWS}/{interview['id']}/scorecard/submit",
        json={"overall_rating": "4", "recommendation": "hire"},
        headers=await factory.login(ian),
    )

    assert await feedback_reminders(session, ended + timedelta(hours=23)) == 0  # not yet
    assert await feedback_reminders(session, ended + timedelta(hours=25)) == 1  # Bea only: Ian submitted
    assert await feedback_reminders(session, ended + timedelta(hours=26)) == 0  # once
    reminders = (
        (
            await session.execute(
                select(EmailMessage).where(
                    EmailMessage.organization_id == org.id, EmailMessage.template_key == "feedback_requested"
                )
            )
        )
        .scalars()
        .all()
    )
    assert [m.to_address for m in reminders] == [bea.email]
    inbox = (await client.get("/api/v1/notifications", headers=await factory.login(bea))).json()["items"]
    assert inbox[0]["title"] == "Scorecard due for Ada Lovelace" and inbox[0]["priority"] == "high"
