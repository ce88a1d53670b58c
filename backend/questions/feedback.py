"""Suggested questions and reported problems: interviewers and recruiters submit, admins accept or decline, and
the author is told either way."""

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import SQLColumnExpression
from sqlalchemy.ext.asyncio import AsyncSession

from backend.audit import service as audit
from backend.auth.permissions import Role
from backend.auth.principal import Principal
from backend.errors import Conflict, NotFound, ValidationFailed
from backend.kit.pagination import PageParams, paginate
from backend.kit.service import TenantService
from backend.notifications.service import notify
from backend.questions import content
from backend.questions.models import QuestionFeedback
from backend.questions.repository import FeedbackRepository
from backend.questions.schemas import (
    FeedbackAccept,
    FeedbackDecline,
    FeedbackRead,
    IssueReportCreate,
    QuestionContent,
    SuggestionCreate,
)
from backend.questions.service import QuestionService
from backend.users.service import active_user_ids, users_by_ids

SORTABLE: dict[str, SQLColumnExpression[Any]] = {"created_at": QuestionFeedback.created_at}


class FeedbackService(TenantService):
    def __init__(self, session: AsyncSession, principal: Principal) -> None:
        super().__init__(session, principal)
        self.repo = FeedbackRepository(session, principal.organization_id)
        self.questions = QuestionService(session, principal)

    async def _tell_admins(self, title: str, message: str, feedback: QuestionFeedback) -> None:
        admins = await active_user_ids(self.session, self.organization_id, [Role.ADMIN.value])
        await notify(
            self.session,
            self.organization_id,
            [a for a in admins if a != self.user_id],
            type="system",
            priority="low",
            title=title,
            message=message,
            entity_type="question_feedback",
            entity_id=feedback.id,
        )

    async def read(self, items: list[QuestionFeedback]) -> list[FeedbackRead]:
        ids = [i.author_id for i in items if i.author_id]
        authors = {u.id: u.full_name for u in await users_by_ids(self.session, self.organization_id, ids)}
        return [
            FeedbackRead.model_validate(i).model_copy(
                update={"author_name": authors.get(i.author_id) if i.author_id else None}
            )
            for i in items
        ]

    async def _one(self, feedback: QuestionFeedback) -> FeedbackRead:
        return (await self.read([feedback]))[0]

    # --- submitting ---------------------------------------------------------------------------------------
    async def suggest(self, data: SuggestionCreate) -> FeedbackRead:
        content.check(data.question, ("question",), await self.questions.language_keys())
        if data.bank_id is not None:
            await self.questions.bank_in_org(data.bank_id)
        feedback = self.repo.add(
            QuestionFeedback(
                kind="suggestion",
                author_id=self.user_id,
                bank_id=data.bank_id,
                message=data.note,
                proposal={**data.question.model_dump(), "tags": list(data.tags)},
            )
        )
        await self.session.flush()
        await audit.record(
            self.session,
            self.principal,
            "question_suggestion.created",
            "question_feedback",
            feedback.id,
            organization_id=self.organization_id,
            after={"title": data.question.title, "type": data.question.type, "bank_id": data.bank_id},
        )
        await self._tell_admins(
            "New question suggestion", f"{self.principal.label} suggests “{data.question.title}”.", feedback
        )
        return await self._one(feedback)

    async def report(self, question_id: uuid.UUID, data: IssueReportCreate) -> FeedbackRead:
        q = await self.questions.visible(question_id)
        feedback = self.repo.add(
            QuestionFeedback(
                kind="issue",
                author_id=self.user_id,
                question_id=q.id,
                version_id=q.current_version_id,
                bank_id=q.bank_id,
                category=data.category,
                message=data.message,
            )
        )
        await self.session.flush()
        await audit.record(
            self.session,
            self.principal,
            "question_issue.reported",
            "question_feedback",
            feedback.id,
            organization_id=self.organization_id,
            after={"question_id": q.id, "category": data.category},
        )
        await self._tell_admins(
            "Problem reported with a question", f"“{q.title}”: {data.category.replace('_', ' ')}.", feedback
        )
        return await self._one(feedback)

    # --- reading ------------------------------------------------------------------------------------------
    async def search(
        self, params: PageParams, kind: str | None, status: str | None, mine: bool
    ) -> tuple[list[FeedbackRead], str | None, int | None]:
        stmt = self.repo.filtered(kind, status, self.principal.id if mine else None)
        items, cursor, total = await paginate(
            self.session, stmt, sortable=SORTABLE, id_column=QuestionFeedback.id, params=params
        )
        return await self.read(items), cursor, total

    async def get(self, feedback_id: uuid.UUID) -> FeedbackRead:
        """Admins see every entry; authors see their own (anyone else: 404)."""
        feedback = await self.repo.get_or_404(feedback_id)
        if not self.principal.can("questions:write") and feedback.author_id != self.principal.id:
            raise NotFound("QuestionFeedback not found.")
        return await self._one(feedback)

    # --- deciding -----------------------------------------------------------------------------------------
    async def _open(self, feedback_id: uuid.UUID) -> QuestionFeedback:
        feedback = await self.repo.get_or_404(feedback_id)
        if feedback.status != "open":
            raise Conflict(f"This {feedback.kind} is already {feedback.status}.")
        return feedback

    def _close(self, feedback: QuestionFeedback, status: str, note: str) -> None:
        feedback.status = status
        feedback.resolution_note = note or None
        feedback.resolved_by_id = self.user_id
        feedback.resolved_at = datetime.now(UTC)

    async def accept(self, feedback_id: uuid.UUID, data: FeedbackAccept) -> FeedbackRead:
        """A suggestion becomes a question in a bank; an issue report is marked resolved."""
        feedback = await self._open(feedback_id)
        if feedback.kind == "suggestion":
            bank_id = data.bank_id or feedback.bank_id
            if bank_id is None:
                raise ValidationFailed.on("bank_id", "Choose the bank the question enters.")
            bank = await self.questions.bank_in_org(bank_id)
            proposal = dict(feedback.proposal or {})
            tags = proposal.pop("tags", [])
            question, _ = await self.questions.add(bank, QuestionContent.model_validate(proposal), tags, data.enabled)
            feedback.created_question_id = question.id
            feedback.bank_id = bank.id
            self._close(feedback, "accepted", data.note)
            title, message = "Your question suggestion was accepted", f"“{question.title}” is now in {bank.name}."
        else:
            self._close(feedback, "resolved", data.note)
            title, message = "Your question report was resolved", data.note or "Thank you for reporting it."
        await self._decided(feedback, title, message)
        return await self._one(feedback)

    async def decline(self, feedback_id: uuid.UUID, data: FeedbackDecline) -> FeedbackRead:
        feedback = await self._open(feedback_id)
        self._close(feedback, "declined", data.note)
        what = "question suggestion" if feedback.kind == "suggestion" else "question report"
        await self._decided(feedback, f"Your {what} was declined", data.note)
        return await self._one(feedback)

    async def _decided(self, feedback: QuestionFeedback, title: str, message: str) -> None:
        await self.session.flush()
        await audit.record(
            self.session,
            self.principal,
            f"question_{feedback.kind}.{feedback.status}",
            "question_feedback",
            feedback.id,
            organization_id=self.organization_id,
            before={"status": "open"},
            after={
                "status": feedback.status,
                "note": feedback.resolution_note,
                "created_question_id": feedback.created_question_id,
            },
        )
        if feedback.author_id and feedback.author_id != self.user_id:
            await notify(
                self.session,
                self.organization_id,
                [feedback.author_id],
                type="system",
                title=title,
                message=message,
                entity_type="question_feedback",
                entity_id=feedback.id,
            )
