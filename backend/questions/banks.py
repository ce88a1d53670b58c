"""Question banks: CRUD and the counts the bank page shows."""

import uuid
from collections import Counter
from typing import Any

from sqlalchemy import SQLColumnExpression, func
from sqlalchemy.ext.asyncio import AsyncSession

from backend.audit import service as audit
from backend.auth.permissions import Role
from backend.auth.principal import Principal
from backend.errors import Conflict, NotFound
from backend.kit.pagination import PageParams, paginate
from backend.kit.service import TenantService
from backend.questions.models import STEP_TAGS, TYPES, QuestionBank
from backend.questions.repository import BankRepository, QuestionRepository
from backend.questions.schemas import BankCreate, BankRead, BankStats, BankUpdate

SORTABLE: dict[str, SQLColumnExpression[Any]] = {
    "name": func.lower(QuestionBank.name),
    "created_at": QuestionBank.created_at,
}
AUDITED = ("name", "description", "tags", "language", "enabled")


def _name_taken() -> Conflict:
    return Conflict.on("name", "Already in use", detail="A question bank with this name already exists.", type="unique")


class BankService(TenantService):
    def __init__(self, session: AsyncSession, principal: Principal) -> None:
        super().__init__(session, principal)
        self.repo = BankRepository(session, principal.organization_id)
        self.questions = QuestionRepository(session, principal.organization_id)

    @property
    def restricted(self) -> bool:
        return self.principal.role == Role.INTERVIEWER.value

    async def _counts(self) -> dict[uuid.UUID, tuple[int, int]]:
        out: dict[uuid.UUID, list[int]] = {}
        for bank_id, _type, enabled, n in await self.questions.counts():
            entry = out.setdefault(bank_id, [0, 0])
            entry[0] += n
            entry[1] += n if enabled else 0
        return {k: (v[0], v[1]) for k, v in out.items()}

    def _read(self, bank: QuestionBank, counts: dict[uuid.UUID, tuple[int, int]]) -> BankRead:
        total, enabled = counts.get(bank.id, (0, 0))
        return BankRead.model_validate(bank).model_copy(update={"question_count": total, "enabled_count": enabled})

    async def search(
        self, params: PageParams, q: str | None, tag: str | None, enabled: bool | None
    ) -> tuple[list[BankRead], str | None, int | None]:
        items, cursor, total = await paginate(
            self.session,
            self.repo.filtered(self.restricted, q, tag, enabled),
            sortable=SORTABLE,
            id_column=QuestionBank.id,
            params=params,
            default_sort="name",
        )
        counts = await self._counts()
        return [self._read(b, counts) for b in items], cursor, total

    async def get(self, bank_id: uuid.UUID) -> BankRead:
        bank = await self.repo.visible_one(bank_id, self.restricted)
        if bank is None:
            raise NotFound("Question bank not found.")
        return self._read(bank, await self._counts())

    async def stats(self) -> BankStats:
        """Total, enabled, per type and per step tag, from one grouped query over (bank, type, enabled)."""
        banks = {b.id: b for b in await self.repo.visible_all(self.restricted)}
        total = enabled = 0
        by_type: Counter[str] = Counter({t: 0 for t in TYPES})
        by_step: Counter[str] = Counter({s: 0 for s in STEP_TAGS})
        for bank_id, type_, is_enabled, n in await self.questions.counts():
            bank = banks.get(bank_id)
            if bank is None:
                continue
            total += n
            enabled += n if is_enabled else 0
            by_type[type_] += n
            for tag in bank.tags:
                if tag in by_step:
                    by_step[tag] += n
        return BankStats(total=total, enabled=enabled, by_type=dict(by_type), by_step=dict(by_step))

    async def create(self, data: BankCreate) -> BankRead:
        bank = await self.add(data)
        return self._read(bank, {})

    async def add(self, data: BankCreate) -> QuestionBank:
        if await self.repo.name_taken(data.name):
            raise _name_taken()
        user_id = self.user_id
        bank = self.repo.add(QuestionBank(**data.model_dump(), created_by_id=user_id))
        await self.session.flush()
        await audit.record(
            self.session,
            self.principal,
            "question_bank.created",
            "question_bank",
            bank.id,
            organization_id=self.organization_id,
            after=audit.snapshot(bank, AUDITED),
        )
        return bank

    async def update(self, bank_id: uuid.UUID, data: BankUpdate) -> BankRead:
        bank = await self.repo.get_or_404(bank_id)
        changes = data.model_dump(exclude_unset=True)
        if changes.get("name") and await self.repo.name_taken(changes["name"], except_id=bank.id):
            raise _name_taken()
        before = audit.snapshot(bank, AUDITED)
        for field, value in changes.items():
            if value is None and field != "language":
                continue  # only the language may be cleared
            setattr(bank, field, value)
        await self.session.flush()
        await audit.record_changes(
            self.session,
            self.principal,
            "question_bank.updated",
            "question_bank",
            bank.id,
            organization_id=self.organization_id,
            before=before,
            after=audit.snapshot(bank, AUDITED),
        )
        return self._read(bank, await self._counts())

    async def delete(self, bank_id: uuid.UUID) -> None:
        bank = await self.repo.get_or_404(bank_id)
        if await self.questions.in_bank_exists(bank.id):
            raise Conflict("Move or delete the bank's questions first (or disable the bank).")
        before = audit.snapshot(bank, AUDITED)
        await self.session.delete(bank)
        await self.session.flush()
        await audit.record(
            self.session,
            self.principal,
            "question_bank.deleted",
            "question_bank",
            bank_id,
            organization_id=self.organization_id,
            before=before,
        )
