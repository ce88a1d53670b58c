import uuid
from datetime import datetime

from sqlalchemy import Select, func, select, true
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from backend.execution.models import ExecutionRun, Language, OrganizationLanguage
from backend.kit.repository import TenantRepository


class LanguageRepository:
    """Languages are shared; the organization's own choices (OrganizationLanguage) are scoped to it."""

    def __init__(self, session: AsyncSession, organization_id: uuid.UUID) -> None:
        self.session = session
        self.organization_id = organization_id

    def _with_choice(self) -> Select[Language, bool]:
        choice = func.coalesce(OrganizationLanguage.enabled, true())
        return select(Language, (Language.enabled & choice).label("enabled_here")).outerjoin(
            OrganizationLanguage,
            (OrganizationLanguage.language_id == Language.id)
            & (OrganizationLanguage.organization_id == self.organization_id),
        )

    async def all(self) -> list[tuple[Language, bool]]:
        rows = await self.session.execute(self._with_choice().order_by(Language.position, Language.name))
        return [(lang, bool(enabled)) for lang, enabled in rows.all()]

    async def by_key(self, key: str) -> tuple[Language, bool] | None:
        row = (await self.session.execute(self._with_choice().where(Language.key == key))).first()
        return (row[0], bool(row[1])) if row else None

    async def choose(self, language_id: uuid.UUID, enabled: bool) -> None:
        stmt = insert(OrganizationLanguage).values(
            organization_id=self.organization_id, language_id=language_id, enabled=enabled
        )
        await self.session.execute(
            stmt.on_conflict_do_update(
                index_elements=[OrganizationLanguage.organization_id, OrganizationLanguage.language_id],
                set_={"enabled": enabled, "updated_at": func.clock_timestamp()},
            )
        )


class RunRepository(TenantRepository[ExecutionRun]):
    model = ExecutionRun

    async def get_with_language(self, run_id: uuid.UUID) -> tuple[ExecutionRun, str] | None:
        stmt = select(ExecutionRun, Language.key).join(Language, Language.id == ExecutionRun.language_id)
        stmt = stmt.where(ExecutionRun.organization_id == self.organization_id, ExecutionRun.id == run_id)
        row = (await self.session.execute(stmt)).first()
        return (row[0], row[1]) if row else None

    async def for_subject(self, subject_type: str, subject_id: str) -> list[tuple[ExecutionRun, str]]:
        stmt = (
            select(ExecutionRun, Language.key)
            .join(Language, Language.id == ExecutionRun.language_id)
            .where(
                ExecutionRun.organization_id == self.organization_id,
                ExecutionRun.subject_type == subject_type,
                ExecutionRun.subject_id == subject_id,
            )
            .order_by(ExecutionRun.created_at.desc())
            .limit(100)
        )
        return [(run, key) for run, key in (await self.session.execute(stmt)).all()]

    async def count_since(self, user_id: uuid.UUID, since: datetime, *, unfinished: bool = False) -> int:
        stmt = select(func.count()).where(
            ExecutionRun.organization_id == self.organization_id,
            ExecutionRun.requested_by_id == user_id,
            ExecutionRun.created_at >= since,
        )
        if unfinished:
            stmt = stmt.where(ExecutionRun.status != "finished")
        return int((await self.session.execute(stmt)).scalar_one())


async def run_for_update(session: AsyncSession, run_id: uuid.UUID) -> tuple[ExecutionRun, Language] | None:
    """The worker's view: any organization (the job names the run), locked, with its language."""
    stmt = (
        select(ExecutionRun, Language)
        .join(Language, Language.id == ExecutionRun.language_id)
        .where(ExecutionRun.id == run_id)
        .with_for_update(of=ExecutionRun)
    )
    row = (await session.execute(stmt)).first()
    return (row[0], row[1]) if row else None
