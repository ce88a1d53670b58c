"""Questions and their versions: create, edit (in place, or as a new version once served), switches, search."""

import uuid
from typing import Any

from sqlalchemy import SQLColumnExpression, func
from sqlalchemy.ext.asyncio import AsyncSession

from backend.audit import service as audit
from backend.auth.permissions import Role
from backend.auth.principal import Principal
from backend.errors import Conflict, NotFound, ValidationFailed
from backend.execution.service import list_languages
from backend.kit.pagination import PageParams, paginate
from backend.kit.service import TenantService
from backend.questions import content, serving, views
from backend.questions.models import Question, QuestionBank, QuestionVersion
from backend.questions.repository import BankRepository, QuestionRepository, VersionRepository
from backend.questions.schemas import (
    BulkAction,
    CandidateQuestion,
    QuestionAuthorView,
    QuestionContent,
    QuestionCreate,
    QuestionFilters,
    QuestionPatch,
    QuestionPreview,
    QuestionUpdate,
    VersionSummary,
)

SORTABLE: dict[str, SQLColumnExpression[Any]] = {
    "created_at": Question.created_at,
    "updated_at": Question.updated_at,
    "title": func.lower(Question.title),
    "points": Question.points,
    "times_served": Question.times_served,
}
VERSION_SORTABLE: dict[str, SQLColumnExpression[Any]] = {"number": QuestionVersion.number}
AUDITED = ("bank_id", "enabled", "tags", "title", "difficulty", "points", "expected_minutes", "latest_number")
UNVERIFIED_CANNOT_ENABLE = "A coding question can be enabled once its reference solutions pass Verify."


def sync_head(q: Question, v: QuestionVersion) -> None:
    """Copy the current version's searchable fields onto the question row."""
    q.type, q.title, q.body, q.difficulty = v.type, v.title, v.body, v.difficulty
    q.points, q.expected_minutes = v.points, v.expected_minutes
    q.languages = content.languages_of(v.coding)
    q.verification = v.verification_status


def can_enable(v: QuestionVersion) -> bool:
    return v.type != "coding" or v.verification_status == "passed"


class QuestionService(TenantService):
    def __init__(self, session: AsyncSession, principal: Principal) -> None:
        super().__init__(session, principal)
        self.repo = QuestionRepository(session, principal.organization_id)
        self.versions = VersionRepository(session, principal.organization_id)
        self.banks = BankRepository(session, principal.organization_id)
        self._languages: frozenset[str] | None = None

    async def language_keys(self) -> frozenset[str]:
        """The execution engine's language keys: the only names a coding question may use."""
        if self._languages is None:
            self._languages = frozenset(lang.key for lang in await list_languages(self.session, self.organization_id))
        return self._languages

    # --- who sees what ------------------------------------------------------------------------------------
    @property
    def restricted(self) -> bool:
        return self.principal.role == Role.INTERVIEWER.value

    @property
    def is_author(self) -> bool:
        """People who may edit questions see them whole; everyone else gets the preview without answers."""
        return self.principal.can("questions:write")

    async def bank_in_org(self, bank_id: uuid.UUID, field: str = "bank_id") -> QuestionBank:
        """A bank named in a request body: another organization's (or a missing) one is a 422 on the field."""
        bank = await self.banks.get(bank_id)
        if bank is None:
            raise ValidationFailed.on(field, "No such question bank in this organization.")
        return bank

    async def visible(self, question_id: uuid.UUID) -> Question:
        q = await self.repo.get_or_404(question_id)
        if self.restricted and await self.banks.visible_one(q.bank_id, restricted=True) is None:
            raise NotFound("Question not found.")
        return q

    async def _version(self, q: Question, version_id: uuid.UUID | None = None) -> QuestionVersion:
        v = await self.versions.get(version_id or q.current_version_id)  # type: ignore[arg-type]
        if v is None or v.question_id != q.id:
            raise NotFound("Version not found.")
        return v

    # --- reads --------------------------------------------------------------------------------------------
    async def search(
        self, params: PageParams, filters: QuestionFilters
    ) -> tuple[list[Question], str | None, int | None]:
        stmt = self.repo.filtered(filters, self.restricted)
        return await paginate(self.session, stmt, sortable=SORTABLE, id_column=Question.id, params=params)

    async def view(
        self, question_id: uuid.UUID, version_id: uuid.UUID | None = None
    ) -> QuestionAuthorView | QuestionPreview:
        q = await self.visible(question_id)
        v = await self._version(q, version_id)
        return await self._author_view(q, v) if self.is_author else views.preview(q, v)

    async def author_view(self, question_id: uuid.UUID) -> QuestionAuthorView:
        q = await self.repo.get_or_404(question_id)
        return await self._author_view(q, await self._version(q))

    async def _author_view(self, q: Question, v: QuestionVersion) -> QuestionAuthorView:
        return views.author_view(q, v, served=await serving.was_given(self.session, self.organization_id, [v.id]))

    async def history(
        self, question_id: uuid.UUID, params: PageParams
    ) -> tuple[list[VersionSummary], str | None, int | None]:
        q = await self.visible(question_id)
        items, cursor, total = await paginate(
            self.session,
            self.versions.for_question(q.id),
            sortable=VERSION_SORTABLE,
            id_column=QuestionVersion.id,
            params=params,
            default_sort="-number",
        )
        return [views.version_summary(v, q.current_version_id) for v in items], cursor, total

    async def candidate_preview(self, question_id: uuid.UUID) -> CandidateQuestion:
        q = await self.visible(question_id)
        return views.candidate(await self._version(q))

    # --- writes -------------------------------------------------------------------------------------------
    async def create(self, data: QuestionCreate) -> QuestionAuthorView:
        bank = await self.bank_in_org(data.bank_id)
        await self.language_keys()
        q, v = await self.add(bank, data, data.tags, data.enabled)
        return views.author_view(q, v, served=False)

    def build(
        self,
        bank: QuestionBank,
        data: QuestionContent,
        tags: list[str],
        enabled: bool,
        *,
        prefix: tuple[str, ...] = (),
    ) -> tuple[Question, QuestionVersion]:
        """A new question and its first version, added to the session (flushed by the caller: an import adds
        thousands and flushes once). Language keys are checked when `language_keys()` was loaded first."""
        content.check(data, prefix, self._languages)
        if enabled and data.type == "coding":
            raise ValidationFailed.on(".".join((*prefix, "enabled")), UNVERIFIED_CANNOT_ENABLE)
        question_id, version_id = uuid.uuid4(), uuid.uuid4()
        v = QuestionVersion(
            id=version_id,
            question_id=question_id,
            number=1,
            **content.stored(data),
            verification_status="unverified" if data.type == "coding" else None,
            created_by_id=self.user_id,
        )
        q = Question(
            id=question_id,
            bank_id=bank.id,
            current_version_id=version_id,
            latest_number=1,
            enabled=enabled,
            tags=tags,
            created_by_id=self.user_id,
        )
        sync_head(q, v)
        self.repo.add(q)
        self.versions.add(v)
        return q, v

    async def add(
        self, bank: QuestionBank, data: QuestionContent, tags: list[str], enabled: bool
    ) -> tuple[Question, QuestionVersion]:
        """Create a question with its first version (the API and accepted suggestions)."""
        q, v = self.build(bank, data, tags, enabled)
        await self.session.flush()
        await audit.record(
            self.session,
            self.principal,
            "question.created",
            "question",
            q.id,
            organization_id=self.organization_id,
            after={**audit.snapshot(q, AUDITED), "type": q.type},
        )
        return q, v

    async def replace(self, question_id: uuid.UUID, data: QuestionUpdate) -> QuestionAuthorView:
        q = await self.repo.get_for_update(question_id)
        if q is None:
            raise NotFound("Question not found.")
        q, v, _ = await self.apply_content(q, data, data.tags)
        return await self._author_view(q, v)

    async def apply_content(
        self, q: Question, data: QuestionContent, tags: list[str] | None, *, prefix: tuple[str, ...] = ()
    ) -> tuple[Question, QuestionVersion, str]:
        """Replace a question's content: in place while no test session has been given the current version,
        as a new version once one has. Returns the outcome: unchanged, edited, versioned. The caller holds the
        question row locked, so an exposure recorded concurrently is seen here (and vice versa)."""
        v = await self._version(q)
        if data.type != v.type:
            raise ValidationFailed.on(
                ".".join((*prefix, "type")), f"A {v.type} question cannot become {data.type}; create a new question."
            )
        content.check(data, prefix, await self.language_keys())
        new, old = content.stored(data), content.of_version(v)
        before = audit.snapshot(q, AUDITED)
        tags_changed = tags is not None and list(tags) != list(q.tags)
        if tags is not None:
            q.tags = list(tags)
        if new == old:
            if tags_changed:
                await self._audit_update(q, before, [])
                return q, v, "edited"
            return q, v, "unchanged"
        changed = [f for f in content.CONTENT_FIELDS if new[f] != old[f]]
        same_code = content.executable(new["coding"]) == content.executable(old["coding"])
        # The truth, not the counter (which a job updates a few seconds after a test starts): the caller holds the
        # question FOR UPDATE, so every exposure of this version has committed or waits for us.
        if await serving.was_given(self.session, self.organization_id, [v.id]):
            nv = QuestionVersion(question_id=q.id, number=q.latest_number + 1, **new, created_by_id=self.user_id)
            if v.type == "coding":
                nv.verification_status = v.verification_status if same_code else "unverified"
                nv.verified_at = v.verified_at if same_code else None
                nv.verification = v.verification if same_code else None
            self.versions.add(nv)
            await self.session.flush()
            q.current_version_id, q.latest_number = nv.id, nv.number
            v, outcome = nv, "versioned"
        else:
            for field, value in new.items():
                setattr(v, field, value)
            if v.type == "coding" and not same_code:
                v.verification_status, v.verified_at, v.verification = "unverified", None, None
            outcome = "edited"
        sync_head(q, v)
        if q.enabled and not can_enable(v):
            q.enabled = False  # changed code or cases must pass Verify again before candidates get them
        await self.session.flush()
        await self._audit_update(q, before, changed, outcome)
        return q, v, outcome

    async def _audit_update(
        self, q: Question, before: dict[str, Any], changed: list[str], outcome: str = "edited"
    ) -> None:
        old, new = audit.changed(before, audit.snapshot(q, AUDITED))
        await audit.record(
            self.session,
            self.principal,
            "question.versioned" if outcome == "versioned" else "question.updated",
            "question",
            q.id,
            organization_id=self.organization_id,
            before=old,
            after={**new, "content_changed": changed} if changed else new,
        )

    async def patch(self, question_id: uuid.UUID, data: QuestionPatch) -> QuestionAuthorView:
        q = await self.repo.get_for_update(question_id)
        if q is None:
            raise NotFound("Question not found.")
        v = await self._version(q)
        before = audit.snapshot(q, AUDITED)
        if data.bank_id is not None:
            q.bank_id = (await self.bank_in_org(data.bank_id)).id
        if data.tags is not None:
            q.tags = list(data.tags)
        if data.enabled is not None:
            if data.enabled and not can_enable(v):
                raise ValidationFailed.on("enabled", UNVERIFIED_CANNOT_ENABLE)
            q.enabled = data.enabled
        await self.session.flush()
        await audit.record_changes(
            self.session,
            self.principal,
            "question.updated",
            "question",
            q.id,
            organization_id=self.organization_id,
            before=before,
            after=audit.snapshot(q, AUDITED),
        )
        return await self._author_view(q, v)

    async def bulk(self, data: BulkAction) -> int:
        """Enable, disable or move many questions: all of them or none."""
        ids = list(dict.fromkeys(data.question_ids))
        questions = await self.repo.by_ids(ids, lock="update")
        missing = set(ids) - {q.id for q in questions}
        if missing:
            raise ValidationFailed.on("question_ids", f"{len(missing)} of the questions do not exist.")
        if data.action == "move":
            if data.bank_id is None:
                raise ValidationFailed.on("bank_id", "Name the bank to move the questions to.")
            bank = await self.bank_in_org(data.bank_id)
            for q in questions:
                q.bank_id = bank.id
        else:
            enable = data.action == "enable"
            if enable:
                blocked = [q.title for q in questions if q.type == "coding" and q.verification != "passed"]
                if blocked:
                    raise ValidationFailed.on(
                        "question_ids", f"{UNVERIFIED_CANNOT_ENABLE} Not verified: {', '.join(blocked[:5])}."
                    )
            for q in questions:
                q.enabled = enable
        await self.session.flush()
        await audit.record(
            self.session,
            self.principal,
            f"question.bulk_{data.action}",
            "question",
            None,
            organization_id=self.organization_id,
            after={"question_ids": [str(i) for i in ids], "bank_id": data.bank_id},
        )
        return len(questions)

    async def delete(self, question_id: uuid.UUID) -> None:
        q = await self.repo.get_for_update(question_id)
        if q is None:
            raise NotFound("Question not found.")
        # Exact whatever the counter says (it lags starts by a few seconds): with the row locked FOR UPDATE, every
        # exposure of the question has committed or waits for us.
        if await serving.was_given(self.session, self.organization_id, await self.versions.ids_of(q.id)):
            raise Conflict(
                "This question was given in test sessions; disable it instead, so their results keep the question "
                "they were graded on."
            )
        before = {**audit.snapshot(q, AUDITED), "type": q.type}
        await self.session.delete(q)
        await self.session.flush()
        await audit.record(
            self.session,
            self.principal,
            "question.deleted",
            "question",
            question_id,
            organization_id=self.organization_id,
            before=before,
        )
