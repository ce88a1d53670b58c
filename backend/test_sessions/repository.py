import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, Select, Text, and_, any_, bindparam, func, select, update
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value

from backend.kit.repository import TenantRepository
from backend.kit.sql import CompiledQuery
from backend.test_sessions.models import AnswerRun, TestAnswer, TestSession


class SessionRepository(TenantRepository[TestSession]):
    model = TestSession

    async def for_invitation(self, invitation_id: uuid.UUID, *, for_update: bool = False) -> TestSession | None:
        stmt = self.select().where(TestSession.invitation_id == invitation_id)
        if for_update:
            stmt = stmt.with_for_update()
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def locked(self, session_id: uuid.UUID) -> TestSession | None:
        stmt = self.select().where(TestSession.id == session_id).with_for_update()
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def for_applications(self, application_ids: Sequence[uuid.UUID]) -> list[TestSession]:
        stmt = self.select().where(TestSession.application_id.in_(list(application_ids)))
        return list((await self.session.execute(stmt.order_by(TestSession.started_at.desc()))).scalars())

    async def for_candidates(self, candidate_ids: Sequence[uuid.UUID]) -> list[TestSession]:
        stmt = self.select().where(TestSession.candidate_id.in_(list(candidate_ids)))
        return list((await self.session.execute(stmt)).scalars())

    async def percentile(self, assessment_id: uuid.UUID, score: Any) -> tuple[int, int]:
        """(graded sessions of the assessment scoring below `score`, graded sessions in all)."""
        stmt = select(
            func.count().filter(TestSession.score < score), func.count().filter(TestSession.score.is_not(None))
        ).where(TestSession.organization_id == self.organization_id, TestSession.assessment_id == assessment_id)
        below, total = (await self.session.execute(stmt)).one()
        return int(below), int(total)

    def review_queue(self) -> Select[Any]:
        return self.select().where(TestSession.review_status == "pending")


# The autosave, an exam day's hot path: one UPDATE, compiled once (backend/kit/sql.py). Its conditions are
# explained in answers.py; an empty `languages` array is contained in every row's.
_SAVE = CompiledQuery(
    update(TestAnswer)
    .where(
        TestAnswer.session_id
        == select(TestSession.id)
        .where(
            TestSession.invitation_id == bindparam("invitation_id"),
            TestSession.organization_id == bindparam("organization_id"),
        )
        .scalar_subquery(),
        TestAnswer.organization_id == bindparam("organization_id"),
        TestAnswer.position == bindparam("position"),
        TestAnswer.revision < bindparam("revision"),
        TestAnswer.closes_at > func.clock_timestamp(),
        TestAnswer.question_type == any_(bindparam("types", type_=ARRAY(Text))),
        TestAnswer.languages.contains(bindparam("languages", type_=ARRAY(Text))),
    )
    .values(
        answer=bindparam("answer", type_=JSONB),
        revision=bindparam("revision"),
        saved_at=func.clock_timestamp(),
        flagged=func.coalesce(bindparam("flagged", type_=Boolean), TestAnswer.flagged),
    )
    .returning(TestAnswer.revision, TestAnswer.saved_at, TestAnswer.session_id, TestAnswer.flagged)
)


class AnswerRepository(TenantRepository[TestAnswer]):
    model = TestAnswer

    async def save(
        self,
        invitation_id: uuid.UUID,
        position: int,
        *,
        answer: dict[str, Any] | None,
        revision: int,
        flagged: bool | None,
        types: Sequence[str],
        languages: Sequence[str],
    ) -> tuple[int, datetime] | None:
        """The stored (revision, saved_at) when the save was taken, None when its conditions refused it."""
        row = await _SAVE.first(
            self.session,
            invitation_id=invitation_id,
            organization_id=self.organization_id,
            position=position,
            revision=revision,
            types=list(types),
            languages=list(languages),
            answer=answer,
            flagged=flagged,
        )
        if row is None:
            return None
        revision, saved_at, session_id, flagged = row
        # The UPDATE went around the session: an answer this session loaded before (a script that starts, saves
        # and grades in one transaction, as the demo seed does) gets the saved values, as the ORM's own UPDATE
        # would have done. A request's fresh session holds none, so this costs nothing on the hot path.
        for obj in self.session.identity_map.values():
            if isinstance(obj, TestAnswer) and obj.session_id == session_id and obj.position == position:
                values = {"answer": answer, "revision": revision, "saved_at": saved_at, "flagged": flagged}
                for key, value in values.items():
                    set_committed_value(obj, key, value)
        return revision, saved_at

    async def of_session(self, session_id: uuid.UUID, *, for_update: bool = False) -> list[TestAnswer]:
        stmt = self.select().where(TestAnswer.session_id == session_id).order_by(TestAnswer.position)
        if for_update:
            stmt = stmt.with_for_update()
        return list((await self.session.execute(stmt)).scalars())

    async def at(self, session_id: uuid.UUID, position: int, *, for_update: bool = False) -> TestAnswer | None:
        stmt = self.select().where(TestAnswer.session_id == session_id, TestAnswer.position == position)
        if for_update:
            stmt = stmt.with_for_update()
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def close_all(self, session_id: uuid.UUID, at: datetime) -> None:
        """No write is taken from `at` on. Updating the rows (not only reading them) is what makes a save racing
        the close re-check its condition against this new version and fail (see answers.py)."""
        await self.session.execute(
            update(TestAnswer)
            .where(TestAnswer.session_id == session_id, TestAnswer.organization_id == self.organization_id)
            .values(closes_at=func.least(func.coalesce(TestAnswer.closes_at, at), at))
            .execution_options(synchronize_session=False)
        )

    def awaiting_grader(self) -> Select[Any]:
        return self.select().where(TestAnswer.needs_grader.is_(True))


class AnswerRunRepository(TenantRepository[AnswerRun]):
    model = AnswerRun

    async def by_run(self, run_id: uuid.UUID) -> AnswerRun | None:
        return (await self.session.execute(self.select().where(AnswerRun.run_id == run_id))).scalar_one_or_none()

    async def grading_runs(self, answer_id: uuid.UUID) -> list[AnswerRun]:
        stmt = self.select().where(AnswerRun.answer_id == answer_id, AnswerRun.kind == "grading")
        return list((await self.session.execute(stmt.order_by(AnswerRun.created_at))).scalars())

    async def visible_since(self, session_id: uuid.UUID, since: datetime) -> list[AnswerRun]:
        stmt = self.select().where(
            and_(AnswerRun.session_id == session_id, AnswerRun.kind == "visible", AnswerRun.created_at >= since)
        )
        return list((await self.session.execute(stmt)).scalars())

    async def latest_visible(self, answer_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, AnswerRun]:
        if not answer_ids:
            return {}
        stmt = (
            self.select()
            .where(AnswerRun.answer_id.in_(list(answer_ids)), AnswerRun.kind == "visible")
            .order_by(AnswerRun.answer_id, AnswerRun.created_at.desc())
            .distinct(AnswerRun.answer_id)
        )
        return {r.answer_id: r for r in (await self.session.execute(stmt)).scalars()}


async def session_by_id(
    session: AsyncSession, session_id: uuid.UUID, *, for_update: bool = False
) -> TestSession | None:
    """Any organization's session (the deadline job names it)."""
    stmt = select(TestSession).where(TestSession.id == session_id)
    if for_update:
        stmt = stmt.with_for_update()
    return (await session.execute(stmt)).scalar_one_or_none()


async def open_past_deadline(session: AsyncSession, now: datetime, limit: int = 200) -> list[uuid.UUID]:
    stmt = (
        select(TestSession.id)
        .where(TestSession.status == "in_progress", TestSession.deadline_at <= now)
        .order_by(TestSession.deadline_at)
        .limit(limit)
    )
    return list((await session.execute(stmt)).scalars())
