"""Import, export and backups of question banks.

An import is validated completely first and applied all or nothing; before it changes anything, the banks it
touches are exported to JSON and kept as a backup that can be downloaded (and re-imported) later.
"""

from __future__ import annotations

import contextlib
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Literal

from pydantic import ValidationError
from sqlalchemy import SQLColumnExpression
from sqlalchemy.ext.asyncio import AsyncSession

from backend.audit import service as audit
from backend.auth.principal import Principal
from backend.errors import ValidationFailed
from backend.files import service as files
from backend.files.content import XLSX
from backend.kit.pagination import PageParams, paginate
from backend.kit.service import TenantService
from backend.kit.spreadsheet import nothing_imported
from backend.questions import content, export, io
from backend.questions.banks import BankService
from backend.questions.models import Question, QuestionBackup, QuestionBank, QuestionVersion
from backend.questions.repository import BackupRepository, BankRepository, QuestionRepository
from backend.questions.schemas import BankCreate, ImportedQuestion, ImportProblem, QuestionImportResult
from backend.questions.service import QuestionService, can_enable

if TYPE_CHECKING:
    from backend.files.models import StoredFile

ExportFormat = Literal["json", "csv", "xlsx"]
MEDIA_TYPES = {"json": "application/json", "csv": "application/zip", "xlsx": XLSX}
EXTENSIONS = {"json": "json", "csv": "zip", "xlsx": "xlsx"}
BACKUP_SORTABLE: dict[str, SQLColumnExpression[Any]] = {"created_at": QuestionBackup.created_at}
UNVERIFIED_IMPORTED = "Imported disabled: a coding question is enabled once its reference solutions pass Verify."


@dataclass
class _Planned:
    item: io.Item
    question: ImportedQuestion
    bank_key: str  # lower-cased bank name
    existing: tuple[Question, QuestionVersion] | None


class QuestionTransfer(TenantService):
    def __init__(self, session: AsyncSession, principal: Principal) -> None:
        super().__init__(session, principal)
        self.banks = BankRepository(session, principal.organization_id)
        self.questions = QuestionRepository(session, principal.organization_id)
        self.backups = BackupRepository(session, principal.organization_id)

    # --- export -------------------------------------------------------------------------------------------
    async def collect(
        self, bank_ids: list[uuid.UUID] | None = None, question_ids: list[uuid.UUID] | None = None
    ) -> export.Exported:
        banks = await self.banks.all()
        if bank_ids:
            known = {b.id for b in banks}
            if set(bank_ids) - known:
                raise ValidationFailed.on("bank_id", "No such question bank in this organization.")
            banks = [b for b in banks if b.id in set(bank_ids)]
        pairs = await self.questions.with_versions(bank_ids=[b.id for b in banks], question_ids=question_ids or None)
        by_bank: dict[uuid.UUID, list[tuple[Question, QuestionVersion]]] = {b.id: [] for b in banks}
        for q, v in pairs:
            by_bank[q.bank_id].append((q, v))
        if question_ids:
            banks = [b for b in banks if by_bank[b.id]]
        return [(b, by_bank[b.id]) for b in banks]

    async def export(
        self, format: ExportFormat, bank_ids: list[uuid.UUID] | None, question_ids: list[uuid.UUID] | None
    ) -> tuple[bytes, str, str]:
        """The file, its media type and a file name. CSV is a ZIP of questions.csv and test_cases.csv."""
        banks = await self.collect(bank_ids, question_ids)
        writer = {"json": export.to_json, "csv": export.to_csv_zip, "xlsx": export.to_xlsx}[format]
        data = writer(banks)
        await audit.record(
            self.session,
            self.principal,
            "question.exported",
            "question_bank",
            None,
            organization_id=self.organization_id,
            after={
                "format": format,
                "banks": [b.name for b, _ in banks],
                "questions": sum(len(qs) for _, qs in banks),
            },
        )
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M")
        return data, MEDIA_TYPES[format], f"questions-{stamp}.{EXTENSIONS[format]}"

    # --- backups ------------------------------------------------------------------------------------------
    async def backup(
        self, bank_ids: list[uuid.UUID] | None, reason: Literal["import", "manual"], note: str = ""
    ) -> QuestionBackup:
        banks = await self.collect(bank_ids)
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
        stored = await files.save_generated(
            self.session,
            self.organization_id,
            filename=f"question-backup-{stamp}.json",
            data=export.to_json(banks),
            content_type="application/json",
            created_by_id=self.user_id,
        )
        backup = self.backups.add(
            QuestionBackup(
                file_id=stored.id,
                reason=reason,
                bank_names=[b.name for b, _ in banks],
                question_count=sum(len(qs) for _, qs in banks),
                note=note[:300],
                created_by_id=self.user_id,
            )
        )
        await self.session.flush()
        await audit.record(
            self.session,
            self.principal,
            "question_backup.created",
            "question_backup",
            backup.id,
            organization_id=self.organization_id,
            after={"reason": reason, "banks": backup.bank_names, "questions": backup.question_count},
        )
        return backup

    async def list_backups(self, params: PageParams) -> tuple[list[QuestionBackup], str | None, int | None]:
        return await paginate(
            self.session, self.backups.select(), sortable=BACKUP_SORTABLE, id_column=QuestionBackup.id, params=params
        )

    async def backup_file(self, backup_id: uuid.UUID) -> tuple[StoredFile, bytes]:
        backup = await self.backups.get_or_404(backup_id)
        return await files.read(self.session, self.organization_id, backup.file_id)

    # --- import -------------------------------------------------------------------------------------------
    async def import_file(
        self,
        filename: str,
        data: bytes,
        *,
        test_cases: bytes | None = None,
        dry_run: bool = False,
        default_bank_id: uuid.UUID | None = None,
    ) -> QuestionImportResult:
        """Validate everything, then (unless `dry_run`) back up the affected banks and apply every row.
        Any problem raises a 422 whose `errors` name sheet, row and column; nothing is changed then."""
        parsed = io.parse(filename, data, test_cases)
        problems = list(parsed.problems)
        warnings: list[io.Problem] = []
        new_banks, bank_of = await self._resolve_banks(parsed, default_bank_id, problems)
        plans = await self._plan(parsed, bank_of, new_banks, problems, warnings)
        problems = _first_per_cell(problems)
        if problems:
            raise nothing_imported(list(io.iter_problems(problems)))
        created = sum(1 for p in plans if p.existing is None)
        updated = sum(1 for p in plans if p.existing is not None and self._differs(p, bank_of))
        unchanged = len(plans) - created - updated
        result = QuestionImportResult(
            dry_run=dry_run,
            created=created,
            updated=updated,
            unchanged=unchanged,
            banks_created=[b.name for b in new_banks.values()],
            backup_id=None,
            warnings=[ImportProblem(sheet=w.sheet, row=w.row, column=w.column, message=w.message) for w in warnings],
        )
        if dry_run:
            return result
        affected = {bank_of[p.bank_key].id for p in plans if p.bank_key in bank_of} | {
            p.existing[0].bank_id for p in plans if p.existing
        }
        if affected:
            backup = await self.backup(sorted(affected), "import", note=f"Before importing {filename[:200]}")
            result.backup_id = backup.id
        await self._apply(plans, bank_of, new_banks)
        await audit.record(
            self.session,
            self.principal,
            "question.imported",
            "question_bank",
            None,
            organization_id=self.organization_id,
            after={
                "file": filename[:200],
                "format": parsed.format,
                "created": created,
                "updated": updated,
                "banks_created": result.banks_created,
                "backup_id": result.backup_id,
            },
        )
        return result

    async def _resolve_banks(
        self, parsed: io.Parsed, default_bank_id: uuid.UUID | None, problems: list[io.Problem]
    ) -> tuple[dict[str, BankCreate], dict[str, QuestionBank]]:
        """Banks named by the file: existing ones by name (case-insensitive); JSON may define new ones."""
        names = [str(b.raw.get("name") or "").strip() for b in parsed.banks] + [i.bank for i in parsed.items if i.bank]
        bank_of = await self.banks.by_names([n for n in names if n])
        if default_bank_id is not None:
            bank = await self.banks.get(default_bank_id)
            if bank is None:
                raise ValidationFailed.on(
                    "bank_id", "Unknown bank", detail="No such question bank in this organization.", where="query"
                )
            bank_of[""] = bank
        new_banks: dict[str, BankCreate] = {}
        seen: dict[str, int] = {}
        for definition in parsed.banks:
            try:
                bank_def = BankCreate.model_validate(definition.raw)
            except ValidationError as exc:
                for err in exc.errors():
                    column = ".".join(str(p) for p in err["loc"]) or "name"
                    problems.append(io.Problem("banks", definition.row, column, err["msg"]))
                continue
            key = bank_def.name.lower()
            if key in seen:
                problems.append(io.Problem("banks", definition.row, "name", f"Same name as bank {seen[key]}."))
            seen.setdefault(key, definition.row)
            if key not in bank_of:
                new_banks[key] = bank_def
        return new_banks, bank_of

    async def _plan(
        self,
        parsed: io.Parsed,
        bank_of: dict[str, QuestionBank],
        new_banks: dict[str, BankCreate],
        problems: list[io.Problem],
        warnings: list[io.Problem],
    ) -> list[_Planned]:
        ids: list[uuid.UUID] = []
        for item in parsed.items:
            with contextlib.suppress(ValueError):
                ids.append(uuid.UUID(str(item.raw.get("id"))))
        existing = {q.id: (q, v) for q, v in await self.questions.with_versions(question_ids=ids)} if ids else {}
        plans: list[_Planned] = []
        seen_ids: dict[uuid.UUID, int] = {}
        languages = await QuestionService(self.session, self.principal).language_keys()
        for item in parsed.items:
            found = len(problems)
            try:
                question = ImportedQuestion.model_validate(item.raw)
            except ValidationError as exc:
                for err in exc.errors():
                    problems.append(io.Problem(*item.locate(err["loc"]), _message(err)))
                continue
            for loc, message in content.problems(question, languages):
                problems.append(io.Problem(*item.locate(loc), message))
            bank_key = (item.bank or "").lower()
            # JSON questions sit inside their bank's definition, whose own problems are reported on the bank.
            if parsed.format != "json" and bank_key not in bank_of:
                sheet, row, _ = item.locate(("bank",))
                message = (
                    f"No bank named '{item.bank}' in this organization; create it first."
                    if item.bank
                    else "Name a bank in the bank column, or choose a bank for the whole import."
                )
                problems.append(io.Problem(sheet, row, "bank", message))
            current = None
            if question.id is not None:
                if question.id in seen_ids:
                    problems.append(
                        io.Problem(*item.locate(("id",))[:2], "id", f"Same id as question {seen_ids[question.id]}.")
                    )
                seen_ids.setdefault(question.id, item.number)
                current = existing.get(question.id)
                if current is None:
                    problems.append(
                        io.Problem(
                            *item.locate(("id",))[:2],
                            "id",
                            "No question with this id in this organization; leave id empty to add a new question.",
                        )
                    )
                elif current[1].type != question.type:
                    problems.append(
                        io.Problem(
                            *item.locate(("type",)), f"This question is a {current[1].type}; its type cannot change."
                        )
                    )
            if len(problems) > found:
                continue
            if question.enabled and question.type == "coding":
                keeps = (
                    current is not None
                    and content.executable(current[1].coding) == content.executable(content.stored(question)["coding"])
                    and can_enable(current[1])
                )
                if not keeps:
                    question = question.model_copy(update={"enabled": False})
                    warnings.append(io.Problem(*item.locate(("enabled",)), UNVERIFIED_IMPORTED))
            plans.append(_Planned(item, question, bank_key, current))
        return plans

    def _differs(self, plan: _Planned, bank_of: dict[str, QuestionBank]) -> bool:
        assert plan.existing is not None
        q, v = plan.existing
        target = bank_of.get(plan.bank_key)
        return (
            content.stored(plan.question) != content.of_version(v)
            or list(plan.question.tags) != list(q.tags)
            or plan.question.enabled != q.enabled
            or (target is not None and target.id != q.bank_id)
        )

    async def _apply(
        self, plans: list[_Planned], bank_of: dict[str, QuestionBank], new_banks: dict[str, BankCreate]
    ) -> None:
        bank_service = BankService(self.session, self.principal)
        for key, definition in new_banks.items():
            bank_of[key] = await bank_service.add(definition)
        service = QuestionService(self.session, self.principal)
        existing = [p.existing[0].id for p in plans if p.existing]
        locked = {q.id for q in await self.questions.by_ids(existing, lock="update")}
        for plan in plans:
            bank = bank_of.get(plan.bank_key)
            if plan.existing is None:
                assert bank is not None
                service.build(bank, plan.question, plan.question.tags, plan.question.enabled)
                continue
            q = plan.existing[0]
            assert q.id in locked
            if not self._differs(plan, bank_of):
                continue
            q, v, _ = await service.apply_content(q, plan.question, plan.question.tags)
            before = {"bank_id": q.bank_id, "enabled": q.enabled}
            if bank is not None:
                q.bank_id = bank.id
            q.enabled = plan.question.enabled and can_enable(v)
            await audit.record_changes(
                self.session,
                self.principal,
                "question.updated",
                "question",
                q.id,
                organization_id=self.organization_id,
                before=before,
                after={"bank_id": q.bank_id, "enabled": q.enabled},
            )
        await self.session.flush()


def _first_per_cell(problems: list[io.Problem]) -> list[io.Problem]:
    """One message per cell: the reader's own (a malformed rubric line) beats what validation then finds (an
    essay without a rubric)."""
    seen: set[tuple[str, int | None, str]] = set()
    out = []
    for p in problems:
        if (p.sheet, p.row, p.column) not in seen:
            seen.add((p.sheet, p.row, p.column))
            out.append(p)
    return out


def _message(err: Any) -> str:
    if err["type"] == "too_short" and err["loc"][-1:] == ("test_cases",):
        return "A coding question needs at least one test case."
    if err["type"] == "extra_forbidden":
        return "Unknown field."
    return str(err["msg"])
