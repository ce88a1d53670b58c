import re
import uuid
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import ColumnElement, Select, case, func, literal_column, or_, select, update

from backend.kit.repository import TenantRepository
from backend.questions.models import Question, QuestionBackup, QuestionBank, QuestionFeedback, QuestionVersion
from backend.questions.schemas import QuestionFilters

Lock = Literal["update", "key_share", "no_key_update"]

# Interviewers conduct Step-2 interviews: Step-1 tests and Step-3 executive questions stay out of their sight
# (knowing a test's questions is a leak even without the answers), unless a bank is also tagged for Step 2.
HIDDEN_FROM_INTERVIEWERS = ["step1_iq", "step1_technical", "step3_cto", "step3_ceo"]
STEP2_TAGS = ["step2_lead", "step2_engineer"]


# The text-search configuration as SQL, not a bound parameter: the same statement then also renders with
# literal values (EXPLAIN in the index tests).
ENGLISH: ColumnElement[Any] = literal_column("'english'::regconfig")


def prefix_query(q: str) -> str | None:
    """Words of a search box as a prefix tsquery ("pyth lis" → "pyth:* & lis:*"). Only letters and digits
    reach to_tsquery, so no input can be a tsquery syntax error."""
    words = re.findall(r"[^\W_]+", q.lower())[:8]
    return " & ".join(f"{w}:*" for w in words) or None


class BankRepository(TenantRepository[QuestionBank]):
    model = QuestionBank

    def visible(self, restricted: bool) -> Select[QuestionBank]:
        stmt = self.select()
        if restricted:
            stmt = stmt.where(self.interviewer_rule())
        return stmt

    async def visible_one(self, bank_id: uuid.UUID, restricted: bool) -> QuestionBank | None:
        stmt = self.visible(restricted).where(QuestionBank.id == bank_id)
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def visible_all(self, restricted: bool) -> list[QuestionBank]:
        return list((await self.session.execute(self.visible(restricted))).scalars())

    @staticmethod
    def interviewer_rule() -> ColumnElement[bool]:
        return or_(~QuestionBank.tags.overlap(HIDDEN_FROM_INTERVIEWERS), QuestionBank.tags.overlap(STEP2_TAGS))

    def filtered(self, restricted: bool, q: str | None, tag: str | None, enabled: bool | None) -> Select[QuestionBank]:
        stmt = self.visible(restricted)
        if q:
            stmt = stmt.where(func.lower(QuestionBank.name).contains(q.lower(), autoescape=True))
        if tag:
            stmt = stmt.where(QuestionBank.tags.contains([tag.lower()]))
        if enabled is not None:
            stmt = stmt.where(QuestionBank.enabled.is_(enabled))
        return stmt

    async def all(self) -> list[QuestionBank]:
        return list((await self.session.execute(self.select().order_by(func.lower(QuestionBank.name)))).scalars())

    async def by_ids(self, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, QuestionBank]:
        if not ids:
            return {}
        rows = await self.session.execute(self.select().where(QuestionBank.id.in_(ids)))
        return {b.id: b for b in rows.scalars()}

    async def by_names(self, names: Sequence[str]) -> dict[str, QuestionBank]:
        lowered = sorted({n.lower() for n in names})
        if not lowered:
            return {}
        rows = await self.session.execute(self.select().where(func.lower(QuestionBank.name).in_(lowered)))
        return {b.name.lower(): b for b in rows.scalars()}

    async def name_taken(self, name: str, except_id: uuid.UUID | None = None) -> bool:
        stmt = self.select().where(func.lower(QuestionBank.name) == name.lower())
        if except_id:
            stmt = stmt.where(QuestionBank.id != except_id)
        return (await self.session.execute(stmt.limit(1))).first() is not None


class QuestionRepository(TenantRepository[Question]):
    model = Question

    def _banks(self, *conditions: ColumnElement[bool]) -> Select[Any]:
        return select(QuestionBank.id).where(QuestionBank.organization_id == self.organization_id, *conditions)

    def filtered(self, f: QuestionFilters, restricted: bool) -> Select[Question]:
        stmt = self.select()
        if restricted:
            stmt = stmt.where(Question.bank_id.in_(self._banks(BankRepository.interviewer_rule())))
        if f.bank_id:
            stmt = stmt.where(Question.bank_id == f.bank_id)
        if f.step:
            stmt = stmt.where(Question.bank_id.in_(self._banks(QuestionBank.tags.contains([f.step]))))
        if f.type:
            stmt = stmt.where(Question.type == f.type)
        if f.difficulty:
            stmt = stmt.where(Question.difficulty == f.difficulty)
        if f.language:
            # A coding question in that language, or any question of a bank dedicated to it.
            stmt = stmt.where(
                or_(
                    Question.languages.contains([f.language]),
                    Question.bank_id.in_(self._banks(QuestionBank.language == f.language)),
                )
            )
        if f.tag:
            stmt = stmt.where(Question.tags.contains([f.tag.lower()]))
        if f.enabled is not None:
            stmt = stmt.where(Question.enabled.is_(f.enabled))
        if f.verification:
            stmt = stmt.where(Question.verification == f.verification)
        if f.q and (query := prefix_query(f.q)):
            stmt = stmt.where(Question.search.op("@@")(func.to_tsquery(ENGLISH, query)))
        return stmt

    async def get_for_update(self, question_id: uuid.UUID) -> Question | None:
        stmt = self.select().where(Question.id == question_id).with_for_update()
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def counts(self) -> list[tuple[uuid.UUID, str, bool, int]]:
        """(bank, type, enabled, count): one index-only scan, whatever the number of questions."""
        stmt = (
            select(Question.bank_id, Question.type, Question.enabled, func.count())
            .where(Question.organization_id == self.organization_id)
            .group_by(Question.bank_id, Question.type, Question.enabled)
        )
        return [(b, t, e, n) for b, t, e, n in (await self.session.execute(stmt)).all()]

    async def in_bank_exists(self, bank_id: uuid.UUID) -> bool:
        stmt = select(Question.id).where(Question.organization_id == self.organization_id, Question.bank_id == bank_id)
        return (await self.session.execute(stmt.limit(1))).first() is not None

    async def by_ids(self, ids: Sequence[uuid.UUID], *, lock: Lock | None = None) -> list[Question]:
        """The questions among `ids`, optionally locked: "update" for changing them, "key_share" for keeping
        them from changing (an exposure; many may hold it at once; it blocks and waits only for "update"),
        "no_key_update" for writing a column no one reads under "key_share" (the served counts)."""
        if not ids:
            return []
        # Locks are taken in id order, so two transactions locking overlapping sets never deadlock.
        stmt = self.select().where(Question.id.in_(ids)).order_by(Question.id)
        if lock == "update":
            stmt = stmt.with_for_update()
        elif lock == "key_share":
            stmt = stmt.with_for_update(read=True, key_share=True)
        elif lock == "no_key_update":
            stmt = stmt.with_for_update(key_share=True)
        return list((await self.session.execute(stmt)).scalars())

    async def with_versions(
        self, bank_ids: Sequence[uuid.UUID] | None = None, question_ids: Sequence[uuid.UUID] | None = None
    ) -> list[tuple[Question, QuestionVersion]]:
        stmt = select(Question, QuestionVersion).join(
            QuestionVersion, QuestionVersion.id == Question.current_version_id
        )
        stmt = stmt.where(Question.organization_id == self.organization_id)
        if bank_ids is not None:
            stmt = stmt.where(Question.bank_id.in_(bank_ids))
        if question_ids is not None:
            stmt = stmt.where(Question.id.in_(question_ids))
        stmt = stmt.order_by(Question.created_at, Question.id)
        return [(q, v) for q, v in (await self.session.execute(stmt)).all()]

    async def draw(
        self,
        bank_id: uuid.UUID,
        count: int,
        difficulty: str | None,
        tags: Sequence[str],
        types: Sequence[str],
        exclude: Sequence[uuid.UUID],
    ) -> tuple[list[QuestionVersion], int]:
        """Up to `count` random enabled questions' current versions, and how many were eligible."""
        eligible: Select[Any] = select(Question.current_version_id).where(
            Question.organization_id == self.organization_id,
            Question.bank_id == bank_id,
            Question.enabled.is_(True),
        )
        if difficulty:
            eligible = eligible.where(Question.difficulty == difficulty)
        if tags:
            eligible = eligible.where(Question.tags.contains([t.lower() for t in tags]))
        if types:
            eligible = eligible.where(Question.type.in_(types))
        if exclude:
            eligible = eligible.where(Question.id.notin_(exclude))
        available = (await self.session.execute(select(func.count()).select_from(eligible.subquery()))).scalar_one()
        picked = eligible.order_by(func.random()).limit(count).subquery()
        stmt = select(QuestionVersion).where(QuestionVersion.id.in_(select(picked.c.current_version_id)))
        return list((await self.session.execute(stmt)).scalars()), available

    async def add_up_served(self, ids: Sequence[uuid.UUID]) -> None:
        """Each question's times_served becomes the sum of its versions' (a session is given one version of a
        question), in one statement."""
        total = (
            select(func.coalesce(func.sum(QuestionVersion.times_served), 0))
            .where(QuestionVersion.question_id == Question.id)
            .scalar_subquery()
        )
        await self.session.execute(
            update(Question)
            .where(Question.id.in_(list(ids)), Question.organization_id == self.organization_id)
            # A count is not an edit: updated_at (the list's "updated" sort) keeps the last change of content.
            .values(times_served=total, updated_at=Question.updated_at)
            .execution_options(synchronize_session=False)
        )


class VersionRepository(TenantRepository[QuestionVersion]):
    model = QuestionVersion

    def for_question(self, question_id: uuid.UUID) -> Select[QuestionVersion]:
        return self.select().where(QuestionVersion.question_id == question_id)

    async def by_ids(self, ids: Sequence[uuid.UUID], *, fresh: bool = False) -> dict[uuid.UUID, QuestionVersion]:
        """`fresh`: objects already loaded in the session are overwritten with what the database holds now."""
        if not ids:
            return {}
        stmt = self.select().where(QuestionVersion.id.in_(ids))
        if fresh:
            stmt = stmt.execution_options(populate_existing=True)
        rows = await self.session.execute(stmt)
        return {v.id: v for v in rows.scalars()}

    async def ids_of(self, question_id: uuid.UUID) -> list[uuid.UUID]:
        stmt = select(QuestionVersion.id).where(
            QuestionVersion.question_id == question_id, QuestionVersion.organization_id == self.organization_id
        )
        return list((await self.session.execute(stmt)).scalars())

    async def set_served(
        self, ids: Sequence[uuid.UUID], counts: Mapping[uuid.UUID, tuple[int, datetime | None]]
    ) -> None:
        """Each version among `ids` gets its count and last time from `counts` (0 and none when absent), in one
        statement (objects already loaded keep their old counts until expired)."""
        times: Any = 0
        last: Any = None
        if counts:
            times = case({v: n for v, (n, _) in counts.items()}, value=QuestionVersion.id, else_=0)
            last = case({v: at for v, (_, at) in counts.items()}, value=QuestionVersion.id, else_=None)
        await self.session.execute(
            update(QuestionVersion)
            .where(QuestionVersion.id.in_(list(ids)), QuestionVersion.organization_id == self.organization_id)
            # A count is not an edit: updated_at (shown as when the version was saved) stays.
            .values(times_served=times, last_served_at=last, updated_at=QuestionVersion.updated_at)
            .execution_options(synchronize_session=False)
        )


class FeedbackRepository(TenantRepository[QuestionFeedback]):
    model = QuestionFeedback

    def filtered(self, kind: str | None, status: str | None, author_id: uuid.UUID | None) -> Select[QuestionFeedback]:
        stmt = self.select()
        if kind:
            stmt = stmt.where(QuestionFeedback.kind == kind)
        if status:
            stmt = stmt.where(QuestionFeedback.status == status)
        if author_id:
            stmt = stmt.where(QuestionFeedback.author_id == author_id)
        return stmt


class BackupRepository(TenantRepository[QuestionBackup]):
    model = QuestionBackup
