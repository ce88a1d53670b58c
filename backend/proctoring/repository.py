import json
import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Integer, Select, Text, bindparam, delete, func, select, text, update
from sqlalchemy.dialects.postgresql import ARRAY, TIMESTAMP, insert

from backend.invitations.models import Invitation
from backend.kit.repository import TenantRepository
from backend.kit.sql import CompiledQuery
from backend.organizations.service import proctoring_settings_column
from backend.proctoring.models import IntegritySummary, ProctoringEvent, SimilarityPair
from backend.test_sessions.models import TestSession

# --- The player's batch of events (every candidate, every five seconds on an exam day) -----------------------
# Its statements are compiled once (backend/kit/sql.py) and return rows, not entities: the ORM's share of a
# batch was several times the database's.

_SUMMARY_COLUMNS = [c.key for c in IntegritySummary.__table__.columns]

# The player's invitation, its session, the organization's proctoring settings and the session's summary,
# locked (batches of one session land one after the other: rate window, sequence, summary), in one statement.
# It reads the invitations' and test sessions' tables itself (an exception the import contract lists): four
# round trips and four entities were the largest part of a batch. No row: no session yet, or no summary yet
# (the first batch creates it).
_BATCH_CONTEXT = CompiledQuery(
    select(
        Invitation.token_version.label("inv_token_version"),
        Invitation.owner_id.label("inv_owner_id"),
        Invitation.created_by_id.label("inv_created_by_id"),
        Invitation.candidate_name.label("inv_candidate_name"),
        TestSession.status.label("s_status"),
        TestSession.started_at.label("s_started_at"),
        TestSession.deadline_at.label("s_deadline_at"),
        TestSession.ip.label("s_ip"),
        TestSession.user_agent.label("s_user_agent"),
        proctoring_settings_column(bindparam("organization_id")).label("org_proctoring"),
        *(IntegritySummary.__table__.c[k].label("sum_" + k) for k in _SUMMARY_COLUMNS),
    )
    .select_from(Invitation)
    .join(TestSession, TestSession.invitation_id == Invitation.id)
    .join(IntegritySummary, IntegritySummary.session_id == TestSession.id)
    .where(
        Invitation.id == bindparam("invitation_id"),
        Invitation.organization_id == bindparam("organization_id"),
        TestSession.organization_id == bindparam("organization_id"),
        IntegritySummary.organization_id == bindparam("organization_id"),
    )
    .with_for_update(of=IntegritySummary)
)

# A batch's events in one INSERT compiled once, whatever their number: one array per column, unnested into rows.
# A client id already stored in the session is skipped (a resent batch); the ids inserted come back.
_INSERT_EVENTS = CompiledQuery(
    text(
        """
        INSERT INTO proctoring_events (organization_id, session_id, client_id, seq, source, type, severity,
                                       occurred_at, duration_ms, length, data, review_status)
        SELECT :organization_id, :session_id, e.client_id, e.seq, e.source, e.type, e.severity,
               e.occurred_at, e.duration_ms, e.length, e.data::jsonb, e.review_status
        FROM unnest(:client_ids, :seqs, :sources, :types, :severities, :occurred_ats, :duration_mss, :lengths,
                    :datas, :review_statuses)
             AS e(client_id, seq, source, type, severity, occurred_at, duration_ms, length, data, review_status)
        ON CONFLICT (session_id, client_id) DO NOTHING
        RETURNING client_id
        """
    ).bindparams(
        bindparam("organization_id", type_=ProctoringEvent.organization_id.type),
        bindparam("session_id", type_=ProctoringEvent.session_id.type),
        bindparam("client_ids", type_=ARRAY(Text)),
        bindparam("seqs", type_=ARRAY(Integer)),
        bindparam("sources", type_=ARRAY(Text)),
        bindparam("types", type_=ARRAY(Text)),
        bindparam("severities", type_=ARRAY(Text)),
        bindparam("occurred_ats", type_=ARRAY(TIMESTAMP(timezone=True))),
        bindparam("duration_mss", type_=ARRAY(Integer)),
        bindparam("lengths", type_=ARRAY(Integer)),
        bindparam("datas", type_=ARRAY(Text)),
        bindparam("review_statuses", type_=ARRAY(Text)),
    )
)

# What a batch changes on the summary (see summary.py), written in one UPDATE instead of the ORM's unit of work.
_BATCH_WRITES = [
    "counts",
    "severity_counts",
    "time_away_seconds",
    "largest_paste",
    "snapshots",
    "no_face",
    "multiple_faces",
    "max_similarity",
    "missing_events",
    "pending_reviews",
    "tier",
    "reasons",
    "last_seq",
    "seq_received",
    "window_started_at",
    "window_events",
    "last_ip",
    "last_user_agent",
    "access_checked_at",
    "high_notified_at",
]
# The live monitor's notices (NOTIFY payloads, often none) go out in the same statement: a SELECT in a WITH runs
# only when the statement reads it, hence the count returned.
_NOTICES = select(
    func.pg_notify(bindparam("channel"), func.unnest(bindparam("payloads", type_=ARRAY(Text))).column_valued("payload"))
).cte("notices")
_WRITE_SUMMARY = CompiledQuery(
    update(IntegritySummary)
    .add_cte(_NOTICES)
    .where(IntegritySummary.id == bindparam("summary_id"))
    .values(
        {
            **{k: bindparam("v_" + k, type_=IntegritySummary.__table__.c[k].type) for k in _BATCH_WRITES},
            # As the ORM's own UPDATE would (the column's onupdate); every batch moves the rate window at least.
            "updated_at": func.clock_timestamp(),
        }
    )
    .returning(select(func.count()).select_from(_NOTICES).scalar_subquery())
)


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

    async def insert_fresh(self, session_id: uuid.UUID, rows: Sequence[dict[str, Any]]) -> set[str]:
        """`insert_new` for a batch of one session (rows with the batch's columns), answering the client ids of
        the events inserted (the others were there already)."""
        if not rows:
            return set()
        records = await _INSERT_EVENTS.all(
            self.session,
            organization_id=self.organization_id,
            session_id=session_id,
            client_ids=[r["client_id"] for r in rows],
            seqs=[r["seq"] for r in rows],
            sources=[r["source"] for r in rows],
            types=[r["type"] for r in rows],
            severities=[r["severity"] for r in rows],
            occurred_ats=[r["occurred_at"] for r in rows],
            duration_mss=[r["duration_ms"] for r in rows],
            lengths=[r["length"] for r in rows],
            datas=[json.dumps(r["data"]) for r in rows],
            review_statuses=[r["review_status"] for r in rows],
        )
        return {r[0] for r in records}

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

    async def batch_context(self, invitation_id: uuid.UUID) -> tuple[dict[str, Any], IntegritySummary] | None:
        """For a player's batch: the invitation's and session's columns it needs (keys `inv_…`, `s_…`), and the
        session's summary, locked, as an object not attached to the ORM session (written with `write_batch`).
        None when the invitation has no session or the session no summary yet."""
        row = await _BATCH_CONTEXT.first(
            self.session, invitation_id=invitation_id, organization_id=self.organization_id
        )
        if row is None:
            return None
        found = dict(row)
        summary = IntegritySummary(**{k: found.pop("sum_" + k) for k in _SUMMARY_COLUMNS})
        return found, summary

    async def write_batch(self, summary: IntegritySummary, channel: str, notices: Sequence[str]) -> None:
        """Store what a batch changed on a summary read by `batch_context`, and NOTIFY `channel` of `notices`
        (delivered at commit)."""
        await _WRITE_SUMMARY.first(
            self.session,
            summary_id=summary.id,
            channel=channel,
            payloads=list(notices),
            **{"v_" + k: getattr(summary, k) for k in _BATCH_WRITES},
        )

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
