"""What people do with proctoring: watch tests in progress (live monitor), work through the "needs review" queue,
read a session's timeline, confirm or dismiss each flagged event with a note, and record a verdict for the session
(clear, concern, violation) once every flag has been reviewed. Every review action is audited."""

import uuid
from datetime import UTC, datetime
from typing import Any

from fastapi import Response
from sqlalchemy.ext.asyncio import AsyncSession

from backend.assessments.service import assessment_names
from backend.audit import service as audit
from backend.auth.principal import Principal
from backend.errors import Conflict, NotFound
from backend.files.storage import storage_from_settings
from backend.invitations import service as invitations
from backend.kit.pagination import PageParams, paginate
from backend.proctoring import rules
from backend.proctoring.models import IntegritySummary, ProctoringEvent, SimilarityPair
from backend.proctoring.repository import EventRepository, PairRepository, SummaryRepository
from backend.proctoring.schemas import (
    AnswerSaved,
    EventReview,
    IntegrityReview,
    IntegrityVerdict,
    LiveSession,
    ProctoringEventRead,
    QueueItem,
    SideBySide,
    SimilarityPairRead,
    SummaryRead,
)
from backend.proctoring.summary import refresh
from backend.questions import serving
from backend.test_sessions import integrity as test_sessions

SORTABLE = {"updated_at": IntegritySummary.updated_at}


def event_read(e: ProctoringEvent) -> ProctoringEventRead:
    return ProctoringEventRead(
        id=e.id,
        type=e.type,
        label=rules.LABELS.get(e.type, e.type),
        source=e.source,
        severity=e.severity,
        occurred_at=e.occurred_at,
        duration_ms=e.duration_ms,
        length=e.length,
        data=e.data or {},
        has_snapshot=e.snapshot_key is not None,
        faces=e.faces,
        review_status=e.review_status,
        review_note=e.review_note,
        reviewed_at=e.reviewed_at,
        candidate_note=e.candidate_note,
    )


def summary_read(session_id: uuid.UUID, s: IntegritySummary | None) -> SummaryRead:
    if s is None:
        return SummaryRead(
            session_id=session_id,
            tier="none",
            reasons=[],
            counts={},
            severity_counts={},
            time_away_seconds=0,
            largest_paste=0,
            snapshots=0,
            no_face=0,
            multiple_faces=0,
            max_similarity=None,
            missing_events=0,
            pending_reviews=0,
            verdict=None,
            verdict_note=None,
            verdict_at=None,
            candidate_note=None,
            purged_at=None,
        )
    return SummaryRead.model_validate(s)


class ReviewService:
    def __init__(self, session: AsyncSession, principal: Principal) -> None:
        self.session = session
        self.principal = principal
        self.org = principal.organization_id
        self.events = EventRepository(session, self.org)
        self.summaries = SummaryRepository(session, self.org)
        self.pairs = PairRepository(session, self.org)

    async def _names(self, sessions: list[Any]) -> tuple[dict[uuid.UUID, str], dict[uuid.UUID, str]]:
        assert self.org is not None
        invs = await invitations.invitations_by_ids(self.session, self.org, [s.invitation_id for s in sessions])
        people = {i.id: i.candidate_name for i in invs}
        names = await assessment_names(self.session, self.org, list({s.assessment_id for s in sessions}))
        return {s.id: people.get(s.invitation_id, "") for s in sessions}, names

    async def live(self, assessment_id: uuid.UUID | None) -> list[LiveSession]:
        running = await test_sessions.in_progress(self.session, self.org, assessment_id)
        sessions = [r.session for r in running]
        people, names = await self._names(sessions)
        ids = [s.id for s in sessions]
        summaries = await self.summaries.of_sessions(ids)
        latest = await self.events.latest_per_session(ids)
        now = datetime.now(UTC)
        out = []
        for r in running:
            s = r.session
            summary = summaries.get(s.id)
            n, flagged, last_at = latest.get(s.id, (0, 0, None))
            out.append(
                LiveSession(
                    session_id=s.id,
                    candidate_name=people[s.id],
                    assessment_id=s.assessment_id,
                    assessment_name=names.get(s.assessment_id, ""),
                    started_at=s.started_at,
                    deadline_at=s.deadline_at,
                    remaining_seconds=max(0, int((s.deadline_at - now).total_seconds())),
                    answered=r.answered,
                    question_count=s.question_count,
                    current_position=s.current_position,
                    tier=summary.tier if summary else "none",
                    events=n,
                    flagged=flagged,
                    last_event_type=None,
                    last_event_at=last_at,
                )
            )
        return out

    async def queue(self, params: PageParams) -> tuple[list[QueueItem], str | None, int | None]:
        rows, cursor, total = await paginate(
            self.session,
            self.summaries.needs_review(),
            sortable=SORTABLE,
            id_column=IntegritySummary.id,
            params=params,
            default_sort="updated_at",
        )
        sessions = await test_sessions.sessions_by_ids(self.session, self.org, [r.session_id for r in rows])
        people, names = await self._names(list(sessions.values()))
        items = [
            QueueItem(
                session_id=r.session_id,
                candidate_name=people.get(r.session_id, ""),
                assessment_name=names.get(sessions[r.session_id].assessment_id, "") if r.session_id in sessions else "",
                tier=r.tier,
                reasons=r.reasons,
                pending_reviews=r.pending_reviews,
                updated_at=r.updated_at,
            )
            for r in rows
        ]
        return items, cursor, total

    async def _pair_reads(self, session_id: uuid.UUID, pairs: list[SimilarityPair]) -> list[SimilarityPairRead]:
        answers = {a.position: a.title for a in await test_sessions.answers_of(self.session, self.org, session_id)}
        others = [p.session_id if p.other_session_id == session_id else p.other_session_id for p in pairs]
        sessions = await test_sessions.sessions_by_ids(self.session, self.org, [o for o in others if o])
        people, _ = await self._names(list(sessions.values()))
        out = []
        for p, other in zip(pairs, others, strict=True):
            mine = p.position if p.session_id == session_id else (p.other_position or 0)
            out.append(
                SimilarityPairRead(
                    id=p.id,
                    position=mine,
                    question_title=answers.get(mine, ""),
                    language=p.language,
                    score=p.score,
                    other_session_id=other,
                    other_candidate_name=people.get(other) if other else None,
                )
            )
        return out

    async def detail(self, session_id: uuid.UUID) -> IntegrityReview:
        s = await test_sessions.staff_session(self.session, self.org, session_id)
        people, names = await self._names([s])
        events = await self.events.of_session(s.id)
        answers = await test_sessions.answers_of(self.session, self.org, s.id)
        pairs = await self.pairs.involving(s.id)
        return IntegrityReview(
            session_id=s.id,
            candidate_name=people[s.id],
            assessment_name=names.get(s.assessment_id, ""),
            status=s.status,
            started_at=s.started_at,
            deadline_at=s.deadline_at,
            closed_at=s.closed_at,
            summary=summary_read(s.id, await self.summaries.of_session(s.id)),
            events=[event_read(e) for e in events],
            answers=[
                AnswerSaved(position=a.position, title=a.title, saved_at=a.saved_at, revision=a.revision)
                for a in answers
            ],
            similarity=await self._pair_reads(s.id, pairs),
        )

    async def snapshot(self, session_id: uuid.UUID, event_id: uuid.UUID) -> Response:
        s = await test_sessions.staff_session(self.session, self.org, session_id)
        return await snapshot_response(self.events, s.id, event_id)

    async def side_by_side(self, session_id: uuid.UUID, pair_id: uuid.UUID) -> SideBySide:
        s = await test_sessions.staff_session(self.session, self.org, session_id)
        pair = await self.pairs.get(pair_id)
        if pair is None or s.id not in (pair.session_id, pair.other_session_id):
            raise NotFound("Similarity pair not found.")
        read = (await self._pair_reads(s.id, [pair]))[0]
        mine = read.position
        code = await self._code(s.id, mine)
        if read.other_session_id is None:
            other_label = "Reference solution"
            versions = await _versions(self.session, self.org, pair.question_version_id)
            other = ((versions.coding or {}).get("languages", {}).get(pair.language) or {}).get("reference", "")
        else:
            other_label = read.other_candidate_name or "Another candidate"
            other_pos = pair.other_position if pair.session_id == s.id else pair.position
            other = await self._code(read.other_session_id, other_pos or 0)
        people, _ = await self._names([s])
        return SideBySide(pair=read, candidate_name=people[s.id], code=code, other_label=other_label, other_code=other)

    async def _code(self, session_id: uuid.UUID, position: int) -> str:
        for a in await test_sessions.answers_of(self.session, self.org, session_id):
            if a.position == position and (c := test_sessions.code_of(a)):
                return c.code
        return ""

    async def review_event(self, session_id: uuid.UUID, event_id: uuid.UUID, data: EventReview) -> ProctoringEventRead:
        s = await test_sessions.staff_session(self.session, self.org, session_id)
        summary = await self.summaries.locked(s.id)
        event = await self.events.in_session(s.id, event_id)
        if event is None:
            raise NotFound("Event not found.")
        if event.review_status is None:
            raise Conflict("Only flagged events (medium severity and above) are reviewed.")
        before = {"review_status": event.review_status, "review_note": event.review_note}
        event.review_status, event.review_note = data.decision, data.note
        event.reviewed_by_id, event.reviewed_at = self.principal.id, datetime.now(UTC)
        await refresh(self.session, s.organization_id, s, summary)
        await audit.record(
            self.session,
            self.principal,
            f"proctoring.event_{data.decision}",
            "proctoring_event",
            event.id,
            organization_id=self.org,
            before=before,
            after={"review_status": data.decision, "review_note": data.note, "session_id": s.id, "type": event.type},
        )
        return event_read(event)

    async def verdict(self, session_id: uuid.UUID, data: IntegrityVerdict) -> SummaryRead:
        s = await test_sessions.staff_session(self.session, self.org, session_id)
        if s.status == "in_progress":
            raise Conflict("The test is still running: record a verdict once it is closed.")
        summary = await self.summaries.locked(s.id)
        await refresh(self.session, s.organization_id, s, summary)
        if summary.pending_reviews:
            raise Conflict(
                f"{summary.pending_reviews} flagged event(s) still wait for a review: confirm or dismiss each first."
            )
        before = {"verdict": summary.verdict, "verdict_note": summary.verdict_note}
        summary.verdict, summary.verdict_note = data.verdict, data.note
        summary.verdict_by_id, summary.verdict_at = self.principal.id, datetime.now(UTC)
        await audit.record(
            self.session,
            self.principal,
            "proctoring.verdict",
            "test_session",
            s.id,
            organization_id=self.org,
            before=before,
            after={"verdict": data.verdict, "verdict_note": data.note, "tier": summary.tier},
        )
        return summary_read(s.id, summary)


async def _versions(session: AsyncSession, org: uuid.UUID | None, version_id: uuid.UUID) -> Any:
    assert org is not None
    return (await serving.versions_for_grading(session, org, [version_id]))[version_id]


async def snapshot_response(events: EventRepository, session_id: uuid.UUID, event_id: uuid.UUID) -> Response:
    event = await events.in_session(session_id, event_id)
    if event is None or event.snapshot_key is None:
        raise NotFound("Snapshot not found (snapshots are deleted after the retention period).")
    data = await storage_from_settings().get(event.snapshot_key)
    return Response(
        data,
        media_type=event.snapshot_type or "application/octet-stream",
        headers={"X-Content-Type-Options": "nosniff", "Cache-Control": "private, no-store"},
    )
