"""Interview, panel and scorecard queries."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, func, or_, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from backend.candidates.models import Candidate
from backend.interviews.models import Interview, InterviewParticipant, Scorecard
from backend.kit.repository import TenantRepository

ACTIVE = ("scheduled", "in_progress")
# Interviews that did not take place count for nothing: no feedback expected, none shown.
NOT_HELD = ("cancelled", "no_show")


def _panel_and_scorecards(*columns: Any) -> Select[Any]:
    """A row per (interview, panelist), with that panelist's scorecard for it when there is one."""
    return (
        select(*columns)
        .join(InterviewParticipant, InterviewParticipant.interview_id == Interview.id)
        .outerjoin(
            Scorecard,
            (Scorecard.interview_id == Interview.id) & (Scorecard.interviewer_id == InterviewParticipant.user_id),
        )
    )


class InterviewRepository(TenantRepository[Interview]):
    model = Interview

    async def lock_calendars(self, keys: list[uuid.UUID]) -> None:
        """Serialize bookings per person: transaction-scoped advisory locks, taken in a fixed order so two
        bookings never deadlock. The second of two simultaneous bookings waits, then sees the first."""
        for key in sorted(set(keys)):
            await self.session.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:k, 0))"), {"k": str(key)})

    async def clashes(
        self,
        user_ids: list[uuid.UUID],
        candidate_id: uuid.UUID,
        starts_at: datetime,
        ends_at: datetime,
        exclude: uuid.UUID | None = None,
    ) -> list[Any]:
        busy_users = select(InterviewParticipant.interview_id).where(InterviewParticipant.user_id.in_(user_ids))
        stmt = (
            self.select()
            .where(Interview.status.in_(ACTIVE), Interview.starts_at < ends_at, Interview.ends_at > starts_at)
            .where(or_(Interview.id.in_(busy_users), Interview.candidate_id == candidate_id))
        )
        if exclude:
            stmt = stmt.where(Interview.id != exclude)
        return list((await self.session.execute(stmt)).scalars())

    def on_panel(self, user_id: uuid.UUID) -> ColumnElement[bool]:
        return Interview.id.in_(
            select(InterviewParticipant.interview_id).where(InterviewParticipant.user_id == user_id)
        )

    async def applications_of_panelist(self, user_id: uuid.UUID) -> list[uuid.UUID]:
        stmt = (
            self.select()
            .where(self.on_panel(user_id), Interview.status != "cancelled")
            .with_only_columns(Interview.application_id)
            .distinct()
        )
        return list((await self.session.execute(stmt)).scalars())

    async def visible(self, interview_id: uuid.UUID, rule: ColumnElement[bool] | None) -> Interview | None:
        stmt = self.select().where(Interview.id == interview_id)
        if rule is not None:
            stmt = stmt.where(rule)
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def participants(self, interview_ids: list[uuid.UUID]) -> list[InterviewParticipant]:
        stmt = select(InterviewParticipant).where(
            InterviewParticipant.organization_id == self.organization_id,
            InterviewParticipant.interview_id.in_(interview_ids),
        )
        return list((await self.session.execute(stmt)).scalars())

    def listing(
        self,
        participant: uuid.UUID | None,
        application_id: uuid.UUID | None,
        status: str | None,
        since: datetime | None,
        until: datetime | None,
        candidate_ids: set[uuid.UUID] | None = None,
        *,
        rows: bool = False,
    ) -> Select[Any]:
        """Interviews matching the filters: entities, or (`rows`) plain rows with the candidate's name, which is
        what the list shows and costs no entity loading. The name is joined here, in the same statement (the
        list is read on every calendar page), rather than asked of the candidates domain row by row."""
        stmt: Select[Any] = self.select()
        if rows:
            name = (Candidate.first_name + " " + Candidate.last_name).label("candidate_name")
            stmt = (
                select(*Interview.__table__.c, name)
                .join(Candidate, Candidate.id == Interview.candidate_id)
                .where(Interview.organization_id == self.organization_id)
            )
        if participant:
            mine = select(InterviewParticipant.interview_id).where(InterviewParticipant.user_id == participant)
            stmt = stmt.where(Interview.id.in_(mine))
        if application_id:
            stmt = stmt.where(Interview.application_id == application_id)
        if candidate_ids is not None:
            stmt = stmt.where(Interview.candidate_id.in_(candidate_ids))
        if status:
            stmt = stmt.where(Interview.status == status)
        if since:
            stmt = stmt.where(Interview.starts_at >= since)
        if until:
            stmt = stmt.where(Interview.starts_at < until)
        return stmt

    async def of_candidates(self, candidate_ids: set[uuid.UUID]) -> list[Interview]:
        stmt = self.listing(None, None, None, None, None, candidate_ids).order_by(Interview.starts_at)
        return list((await self.session.execute(stmt)).scalars())

    async def busy_users(self, user_ids: list[uuid.UUID], starts_at: datetime, ends_at: datetime) -> set[uuid.UUID]:
        stmt = (
            select(InterviewParticipant.user_id)
            .join(Interview, Interview.id == InterviewParticipant.interview_id)
            .where(
                InterviewParticipant.organization_id == self.organization_id,
                InterviewParticipant.user_id.in_(user_ids),
                Interview.status.in_(ACTIVE),
                Interview.starts_at < ends_at,
                Interview.ends_at > starts_at,
            )
        )
        return set((await self.session.execute(stmt)).scalars())

    async def weekly_load(
        self, user_ids: list[uuid.UUID], week_start: datetime, week_end: datetime
    ) -> dict[uuid.UUID, int]:
        stmt = (
            select(InterviewParticipant.user_id, func.count())
            .join(Interview, Interview.id == InterviewParticipant.interview_id)
            .where(
                InterviewParticipant.organization_id == self.organization_id,
                InterviewParticipant.user_id.in_(user_ids),
                Interview.status.in_((*ACTIVE, "completed")),
                Interview.starts_at >= week_start,
                Interview.starts_at < week_end,
            )
            .group_by(InterviewParticipant.user_id)
        )
        return {user_id: n for user_id, n in (await self.session.execute(stmt)).all()}

    async def panel_of(
        self, application_id: uuid.UUID, types: tuple[str, ...] | None = None
    ) -> list[tuple[Interview, uuid.UUID, Scorecard | None]]:
        """Every (interview, panelist) of an application's interviews that took place or will, by start time, with
        the panelist's scorecard (None until they save one)."""
        stmt = (
            _panel_and_scorecards(Interview, InterviewParticipant.user_id, Scorecard)
            .where(
                Interview.organization_id == self.organization_id,
                Interview.application_id == application_id,
                Interview.status.not_in(NOT_HELD),
            )
            .order_by(Interview.starts_at)
        )
        if types:
            stmt = stmt.where(Interview.type.in_(types))
        return [(interview, user_id, card) for interview, user_id, card in (await self.session.execute(stmt)).all()]


class ScorecardRepository(TenantRepository[Scorecard]):
    model = Scorecard

    async def for_interview(self, interview_id: uuid.UUID) -> list[Scorecard]:
        stmt = self.select().where(Scorecard.interview_id == interview_id).order_by(Scorecard.created_at)
        return list((await self.session.execute(stmt)).scalars())

    async def of(self, interview_id: uuid.UUID, interviewer_id: uuid.UUID, lock: bool = False) -> Scorecard | None:
        stmt = self.select().where(Scorecard.interview_id == interview_id, Scorecard.interviewer_id == interviewer_id)
        if lock:
            stmt = stmt.with_for_update()
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def mean_ratings(self, application_ids: list[uuid.UUID], types: tuple[str, ...]) -> dict[uuid.UUID, float]:
        """The mean overall rating of the submitted scorecards of each application's interviews of these types
        that took place, in one query (lists show it per row)."""
        stmt = (
            select(Interview.application_id, func.round(func.avg(Scorecard.overall_rating), 2))
            .join(Scorecard, Scorecard.interview_id == Interview.id)
            .where(
                Interview.organization_id == self.organization_id,
                Interview.application_id.in_(application_ids),
                Interview.type.in_(types),
                Interview.status.not_in(NOT_HELD),
                Scorecard.status == "submitted",
            )
            .group_by(Interview.application_id)
        )
        return {app_id: float(mean) for app_id, mean in (await self.session.execute(stmt)).all()}

    async def statuses(self, application_ids: list[uuid.UUID]) -> list[Any]:
        """(application id, scorecard status or None, recommendation) for every panelist of these applications'
        interviews that took place or will, oldest interview first."""
        stmt = (
            _panel_and_scorecards(Interview.application_id, Scorecard.status, Scorecard.recommendation)
            .where(
                Interview.organization_id == self.organization_id,
                Interview.application_id.in_(application_ids),
                Interview.status.not_in(NOT_HELD),
            )
            .order_by(Interview.starts_at, Scorecard.submitted_at)
        )
        return list((await self.session.execute(stmt)).all())


async def missing_scorecards(
    session: AsyncSession, ended_after: datetime, ended_before: datetime
) -> list[tuple[Interview, uuid.UUID]]:
    """(interview, panelist) of every organization's completed interviews that ended in the window and still
    lack that panelist's submitted scorecard (the reminder job's scan)."""
    stmt = (
        select(Interview, InterviewParticipant.user_id)
        .join(InterviewParticipant, InterviewParticipant.interview_id == Interview.id)
        .outerjoin(
            Scorecard,
            (Scorecard.interview_id == Interview.id)
            & (Scorecard.interviewer_id == InterviewParticipant.user_id)
            & (Scorecard.status == "submitted"),
        )
        .where(
            Interview.status == "completed",
            Interview.ends_at < ended_before,
            Interview.ends_at > ended_after,
            Scorecard.id.is_(None),
        )
    )
    return [(interview, user_id) for interview, user_id in (await session.execute(stmt)).all()]
