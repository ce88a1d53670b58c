"""Application queries. Lists join the candidate's name, the requisition's title and the stage's name for
display, in the same statement as the page: these read-side joins across domains live here, in one place (and
are the exceptions listed in the import contract, .importlinter), rather than as a service call per row."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Select, case, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from backend.applications.models import (
    Application,
    ApplicationEvent,
    ApplicationNote,
    PublicSubmission,
    RejectionReason,
)
from backend.candidates.models import Candidate
from backend.kit.repository import TenantRepository
from backend.requisitions.models import PipelineStage, Requisition

# An application with its candidate's name and email, requisition title and stage name: plain columns (what
# ApplicationRow shows), not entities, so a page of rows costs no ORM loading.
RowSelect = Select[Any]
ROW_COLUMNS = (
    Application.id,
    Application.candidate_id,
    Application.requisition_id,
    Application.stage_id,
    Application.status,
    Application.rejection_reason_id,
    Application.score,
    Application.stage_entered_at,
    Application.source,
    Application.answers,
    Application.created_at,
    Application.updated_at,
    (Candidate.first_name + " " + Candidate.last_name).label("candidate_name"),
    Candidate.email.label("candidate_email"),
    Requisition.title.label("requisition_title"),
    PipelineStage.name.label("stage_name"),
)


class ApplicationRepository(TenantRepository[Application]):
    model = Application

    def rows(self) -> "RowSelect":
        return (
            select(*ROW_COLUMNS)
            .select_from(Application)
            .join(Candidate, Candidate.id == Application.candidate_id)
            .join(Requisition, Requisition.id == Application.requisition_id)
            .outerjoin(PipelineStage, PipelineStage.id == Application.stage_id)
            .where(Application.organization_id == self.organization_id)
        )

    def filtered(
        self,
        requisition_id: uuid.UUID | None,
        candidate_id: uuid.UUID | None,
        status: str | None,
        stage_id: uuid.UUID | None,
        hiring_manager_id: uuid.UUID | None,
        *,
        rows: bool = True,
    ) -> "RowSelect":
        """Matching applications: display rows, or (`rows=False`) just their ids, joined only where a filter needs
        it (what a count needs: every application has its candidate, requisition and stage)."""
        if rows:
            stmt = self.rows()
        else:
            stmt = select(Application.id).where(Application.organization_id == self.organization_id)
            if hiring_manager_id:
                stmt = stmt.join(Requisition, Requisition.id == Application.requisition_id)
        if requisition_id:
            stmt = stmt.where(Application.requisition_id == requisition_id)
        if candidate_id:
            stmt = stmt.where(Application.candidate_id == candidate_id)
        if status:
            stmt = stmt.where(Application.status == status)
        if stage_id:
            stmt = stmt.where(Application.stage_id == stage_id)
        if hiring_manager_id:
            stmt = stmt.where(Requisition.hiring_manager_id == hiring_manager_id)
        return stmt

    def active_in_stage_kind(self, kind: str, hiring_manager_id: uuid.UUID | None) -> "RowSelect":
        """Rows of the active applications in a stage of this kind, longest waiting first."""
        stmt = self.filtered(None, None, "active", None, hiring_manager_id)
        return stmt.where(PipelineStage.kind == kind).order_by(Application.stage_entered_at)

    async def of_candidate(self, candidate_id: uuid.UUID) -> list[Application]:
        stmt = self.select().where(Application.candidate_id == candidate_id)
        return list((await self.session.execute(stmt)).scalars())

    async def row(self, application_id: uuid.UUID) -> Any:
        return (await self.session.execute(self.rows().where(Application.id == application_id))).first()

    async def for_update(self, ids: list[uuid.UUID]) -> list[Application]:
        stmt = self.select().where(Application.id.in_(ids)).order_by(Application.id).with_for_update()
        return list((await self.session.execute(stmt)).scalars())

    async def exists_for(self, candidate_id: uuid.UUID, requisition_id: uuid.UUID) -> bool:
        stmt = self.select().where(
            Application.candidate_id == candidate_id, Application.requisition_id == requisition_id
        )
        return (await self.session.execute(stmt)).first() is not None

    async def count_in_stage(self, stage_id: uuid.UUID) -> int:
        stmt = select(func.count()).where(
            Application.organization_id == self.organization_id, Application.stage_id == stage_id
        )
        return int((await self.session.execute(stmt)).scalar_one())

    async def board(self, requisition_id: uuid.UUID, per_stage_limit: int = 200) -> list[Any]:
        notes = (
            select(
                ApplicationNote.application_id,
                func.count().label("notes"),
                func.count().filter(ApplicationNote.type == "red_flag").label("red_flags"),
            )
            .where(ApplicationNote.organization_id == self.organization_id, ApplicationNote.visibility == "team")
            .group_by(ApplicationNote.application_id)
            .subquery()
        )
        ranked = (
            select(
                Application.id.label("application_id"),
                Application.candidate_id,
                Application.stage_id,
                Application.status,
                Application.score,
                Application.stage_entered_at,
                (Candidate.first_name + " " + Candidate.last_name).label("candidate_name"),
                func.coalesce(notes.c.notes, 0).label("notes"),
                func.coalesce(notes.c.red_flags, 0).label("red_flags"),
                func.row_number()
                .over(partition_by=Application.stage_id, order_by=Application.stage_entered_at)
                .label("rank"),
            )
            .join(Candidate, Candidate.id == Application.candidate_id)
            .outerjoin(notes, notes.c.application_id == Application.id)
            .where(
                Application.organization_id == self.organization_id,
                Application.requisition_id == requisition_id,
                Application.status.in_(("active", "on_hold")),
            )
            .subquery()
        )
        stmt = select(ranked).where(ranked.c.rank <= per_stage_limit).order_by(ranked.c.stage_id, ranked.c.rank)
        return list((await self.session.execute(stmt)).all())

    async def counts(self, requisition_id: uuid.UUID) -> tuple[dict[uuid.UUID, int], dict[str, int]]:
        base = (
            select(Application.stage_id, Application.status, func.count())
            .where(Application.organization_id == self.organization_id, Application.requisition_id == requisition_id)
            .group_by(Application.stage_id, Application.status)
        )
        per_stage: dict[uuid.UUID, int] = {}
        per_status: dict[str, int] = {}
        for stage_id, status, n in (await self.session.execute(base)).all():
            per_status[status] = per_status.get(status, 0) + n
            if status in ("active", "on_hold") and stage_id is not None:
                per_stage[stage_id] = per_stage.get(stage_id, 0) + n
        return per_stage, per_status

    async def stage_counts(self, requisition_ids: list[uuid.UUID]) -> list[Any]:
        stmt = (
            select(Application.requisition_id, Application.stage_id, func.count())
            .where(
                Application.organization_id == self.organization_id,
                Application.requisition_id.in_(requisition_ids),
                Application.status.in_(("active", "on_hold")),
            )
            .group_by(Application.requisition_id, Application.stage_id)
        )
        return list((await self.session.execute(stmt)).all())

    async def for_candidates(self, candidate_ids: list[uuid.UUID]) -> list[Any]:
        """(application, requisition title, stage name) of these candidates' applications, newest first."""
        stmt = (
            select(Application, Requisition.title, PipelineStage.name)
            .join(Requisition, Requisition.id == Application.requisition_id)
            .outerjoin(PipelineStage, PipelineStage.id == Application.stage_id)
            .where(Application.organization_id == self.organization_id, Application.candidate_id.in_(candidate_ids))
            .order_by(Application.created_at.desc())
        )
        return list((await self.session.execute(stmt)).all())


def managed_by(user_id: uuid.UUID) -> Select[uuid.UUID]:
    """The ids of the applications to the requisitions a hiring manager manages, as a subquery."""
    return (
        select(Application.id)
        .join(Requisition, Requisition.id == Application.requisition_id)
        .where(Requisition.hiring_manager_id == user_id)
    )


class SubmissionRepository:
    """Anonymous submissions (the job board), counted per network address for the rate limit: not tenant-scoped,
    since the limit is on whoever sends them, whichever organization they apply to."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def add(self, ip: str, kind: str) -> None:
        self.session.add(PublicSubmission(ip=ip, kind=kind))

    async def count_since(self, ip: str, since: datetime) -> int:
        stmt = select(func.count()).where(PublicSubmission.ip == ip, PublicSubmission.created_at >= since)
        return int((await self.session.execute(stmt)).scalar_one())


class EventRepository(TenantRepository[ApplicationEvent]):
    model = ApplicationEvent

    async def for_application(self, application_id: uuid.UUID) -> list[ApplicationEvent]:
        stmt = (
            self.select().where(ApplicationEvent.application_id == application_id).order_by(ApplicationEvent.created_at)
        )
        return list((await self.session.execute(stmt)).scalars())


class NoteRepository(TenantRepository[ApplicationNote]):
    model = ApplicationNote

    async def visible(self, application_id: uuid.UUID, viewer_id: uuid.UUID) -> list[ApplicationNote]:
        stmt = (
            self.select()
            .where(ApplicationNote.application_id == application_id)
            .where(or_(ApplicationNote.visibility == "team", ApplicationNote.author_id == viewer_id))
            .order_by(ApplicationNote.created_at.desc())
        )
        return list((await self.session.execute(stmt)).scalars())


class ReasonRepository(TenantRepository[RejectionReason]):
    model = RejectionReason

    async def active(self) -> list[RejectionReason]:
        stmt = (
            self.select()
            .where(RejectionReason.is_active.is_(True))
            .order_by(case((RejectionReason.label == "Other", 1), else_=0), RejectionReason.label)
        )
        return list((await self.session.execute(stmt)).scalars())
