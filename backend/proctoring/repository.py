import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Select, delete, func, select
from sqlalchemy.dialects.postgresql import insert

from backend.kit.repository import TenantRepository
from backend.proctoring.models import IntegritySummary, ProctoringEvent, SimilarityPair


class EventRepository(TenantRepository[ProctoringEvent]):
    model = ProctoringEvent

    async def insert_new(self, rows: Sequence[dict[str, Any]]) -> list[uuid.UUID]:
        """Insert the events whose client id is new in their session; answers the ids of those inserted."""
        if not rows:
            return []
        stmt = (
            insert(ProctoringEvent)
            .values([{**r, "organization_id": self.organization_id} for r in rows])
            .on_conflict_do_nothing(index_elements=["session_id", "client_id"])
            .returning(ProctoringEvent.id)
        )
        return list((await self.session.execute(stmt)).scalars())

    async def insert_fresh(self, rows: Sequence[dict[str, Any]]) -> set[str]:
        """`insert_new`, answering the client ids of the events inserted (the others were there already)."""
        if not rows:
            return set()
        stmt = (
            insert(ProctoringEvent)
            .values([{**r, "organization_id": self.organization_id} for r in rows])
            .on_conflict_do_nothing(index_elements=["session_id", "client_id"])
            .returning(ProctoringEvent.client_id)
        )
        return set((await self.session.execute(stmt)).scalars())

    async def existing_client_ids(self, session_id: uuid.UUID, client_ids: Sequence[str]) -> set[str]:
        stmt = select(ProctoringEvent.client_id).where(
            ProctoringEvent.session_id == session_id, ProctoringEvent.client_id.in_(list(client_ids))
        )
        return set((await self.session.execute(stmt)).scalars())

    async def type_counts(self, session_id: uuid.UUID) -> dict[str, int]:
        stmt = (
            select(ProctoringEvent.type, func.count())
            .where(ProctoringEvent.organization_id == self.organization_id, ProctoringEvent.session_id == session_id)
            .group_by(ProctoringEvent.type)
        )
        return {t: int(n) for t, n in (await self.session.execute(stmt)).all()}

    async def of_session(self, session_id: uuid.UUID) -> list[ProctoringEvent]:
        stmt = self.select().where(ProctoringEvent.session_id == session_id).order_by(ProctoringEvent.occurred_at)
        return list((await self.session.execute(stmt)).scalars())

    async def facts_rows(self, session_id: uuid.UUID) -> list[Any]:
        stmt = select(
            ProctoringEvent.type,
            ProctoringEvent.severity,
            ProctoringEvent.review_status,
            ProctoringEvent.duration_ms,
            ProctoringEvent.length,
            ProctoringEvent.seq,
            ProctoringEvent.data,
        ).where(ProctoringEvent.organization_id == self.organization_id, ProctoringEvent.session_id == session_id)
        return list((await self.session.execute(stmt)).all())

    async def in_session(self, session_id: uuid.UUID, event_id: uuid.UUID) -> ProctoringEvent | None:
        stmt = self.select().where(ProctoringEvent.session_id == session_id, ProctoringEvent.id == event_id)
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def latest_per_session(self, session_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, tuple[int, int, Any]]:
        """Per session: (events, flagged, (type, occurred_at) of the latest)."""
        if not session_ids:
            return {}
        counts = select(
            ProctoringEvent.session_id,
            func.count(),
            func.count().filter(ProctoringEvent.severity != "low"),
            func.max(ProctoringEvent.occurred_at),
        ).where(ProctoringEvent.organization_id == self.organization_id, ProctoringEvent.session_id.in_(session_ids))
        out: dict[uuid.UUID, tuple[int, int, Any]] = {}
        for sid, n, flagged, last_at in (await self.session.execute(counts.group_by(ProctoringEvent.session_id))).all():
            out[sid] = (int(n), int(flagged), last_at)
        return out

    async def older_than(self, before: datetime, limit: int) -> list[ProctoringEvent]:
        stmt = self.select().where(ProctoringEvent.received_at < before).order_by(ProctoringEvent.received_at)
        return list((await self.session.execute(stmt.limit(limit))).scalars())

    async def delete_ids(self, ids: Sequence[uuid.UUID]) -> None:
        await self.session.execute(
            delete(ProctoringEvent).where(
                ProctoringEvent.organization_id == self.organization_id, ProctoringEvent.id.in_(list(ids))
            )
        )


class SummaryRepository(TenantRepository[IntegritySummary]):
    model = IntegritySummary

    async def locked(self, session_id: uuid.UUID) -> IntegritySummary:
        """The session's summary row, created on first use, locked for this transaction: batches of one session
        land one after the other (rate window, sequence, summary). One statement once the row exists."""
        stmt = self.select().where(IntegritySummary.session_id == session_id).with_for_update()
        found = (await self.session.execute(stmt)).scalar_one_or_none()
        if found is not None:
            return found
        await self.session.execute(
            insert(IntegritySummary)
            .values(session_id=session_id, organization_id=self.organization_id)
            .on_conflict_do_nothing(index_elements=["session_id"])
        )
        return (await self.session.execute(stmt)).scalar_one()

    async def of_session(self, session_id: uuid.UUID) -> IntegritySummary | None:
        stmt = self.select().where(IntegritySummary.session_id == session_id)
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def of_sessions(self, session_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, IntegritySummary]:
        if not session_ids:
            return {}
        stmt = self.select().where(IntegritySummary.session_id.in_(list(session_ids)))
        return {s.session_id: s for s in (await self.session.execute(stmt)).scalars()}

    def needs_review(self) -> Select[Any]:
        return self.select().where(IntegritySummary.tier.in_(("medium", "high")), IntegritySummary.verdict.is_(None))


class PairRepository(TenantRepository[SimilarityPair]):
    model = SimilarityPair

    async def upsert(self, row: dict[str, Any]) -> None:
        stmt = insert(SimilarityPair).values({**row, "organization_id": self.organization_id})
        stmt = stmt.on_conflict_do_update(
            index_elements=["session_id", "position", "other_session_id"], set_={"score": stmt.excluded.score}
        )
        await self.session.execute(stmt)

    async def involving(self, session_id: uuid.UUID) -> list[SimilarityPair]:
        stmt = self.select().where(
            (SimilarityPair.session_id == session_id) | (SimilarityPair.other_session_id == session_id)
        )
        return list((await self.session.execute(stmt.order_by(SimilarityPair.score.desc()))).scalars())
