"""Retention: raw events and snapshots older than the organization's retention period (90 days unless set) are
deleted by a daily job. The integrity summaries stay (figures, tier, verdict), marked as purged, and an audit entry
records how much was removed."""

import uuid
from collections import Counter
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from backend.audit import service as audit
from backend.files.storage import storage_from_settings
from backend.organizations.service import active_organizations, effective_settings
from backend.proctoring.repository import EventRepository, SummaryRepository

BATCH = 1000


async def purge_organization(
    session: AsyncSession, organization_id: uuid.UUID, days: int, now: datetime
) -> dict[str, int]:
    repo = EventRepository(session, organization_id)
    summaries = SummaryRepository(session, organization_id)
    before = now - timedelta(days=days)
    events = snapshots = 0
    touched: set[uuid.UUID] = set()
    storage = storage_from_settings()
    while batch := await repo.older_than(before, BATCH):
        for e in batch:
            if e.snapshot_key:
                await storage.delete(e.snapshot_key)
                snapshots += 1
            touched.add(e.session_id)
        await repo.delete_ids([e.id for e in batch])
        events += len(batch)
        if len(batch) < BATCH:
            break
    for sid in touched:
        summary = await summaries.of_session(sid)
        if summary is not None:
            summary.purged_at = now
    await session.flush()
    counts = {"events": events, "snapshots": snapshots, "sessions": len(touched)}
    if events:
        await audit.record(
            session,
            None,
            "proctoring.purged",
            "organization",
            organization_id,
            organization_id=organization_id,
            actor_label="retention",
            after={**counts, "retention_days": days, "older_than": before},
        )
    return counts


async def purge(session: AsyncSession, now: datetime) -> Counter[str]:
    total: Counter[str] = Counter()
    for org in await active_organizations(session):
        days = effective_settings(org).proctoring.retention_days
        total.update(await purge_organization(session, org.id, days, now))
    return total
