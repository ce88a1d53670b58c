"""Retention: raw events and snapshots go after the organization's period; the summary and an audit entry stay."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from backend.audit.models import AuditLog
from backend.proctoring import retention
from tests.assessments.helpers import PLAYER, setup_hiring
from tests.proctoring.helpers import EVENTS, event


async def test_purge_keeps_the_summary_and_audits_the_counts(client, factory, session):
    h = await setup_hiring(client, factory, session, kinds=("mcq_single",))
    ada = await h.apply("Ada")
    player, state = await h.start(ada["candidate"]["email"])
    await client.post(EVENTS, json={"events": [event(1, duration_ms=200_000), event(2, "copy")]}, headers=player)
    await client.post(f"{PLAYER}/session/submit", headers=player)
    sid = state["session_id"]

    # Within the period nothing goes.
    assert (await retention.purge_organization(session, h.org.id, 90, datetime.now(UTC)))["events"] == 0
    counts = await retention.purge_organization(session, h.org.id, 90, datetime.now(UTC) + timedelta(days=91))
    assert counts == {"events": 2, "snapshots": 0, "sessions": 1}

    review = (await client.get(f"/api/v1/proctoring/sessions/{sid}", headers=h.recruiter)).json()
    assert review["events"] == [] and review["summary"]["purged_at"] is not None
    assert review["summary"]["counts"] == {"focus_lost": 1, "copy": 1} and review["summary"]["time_away_seconds"] == 200
    entry = (
        await session.execute(
            select(AuditLog).where(AuditLog.action == "proctoring.purged", AuditLog.organization_id == h.org.id)
        )
    ).scalar_one()
    assert entry.after["events"] == 2 and entry.after["retention_days"] == 90
    log = (await client.get(f"{PLAYER}/session/integrity", headers=player)).json()
    assert log["recorded"] is False and log["events"] == []
