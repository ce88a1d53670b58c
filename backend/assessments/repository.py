import uuid
from typing import Any

from sqlalchemy import Select, func, select

from backend.assessments.models import Assessment, StageAssessment
from backend.kit.repository import TenantRepository


class AssessmentRepository(TenantRepository[Assessment]):
    model = Assessment

    def listing(self, q: str | None, archived: bool) -> Select[Any]:
        stmt = self.select().where(
            Assessment.archived_at.is_not(None) if archived else Assessment.archived_at.is_(None)
        )
        if q:
            like = "%" + q.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            stmt = stmt.where(func.lower(Assessment.name).like(like))
        return stmt

    async def name_taken(self, name: str, exclude: uuid.UUID | None = None) -> bool:
        stmt = self.select().where(func.lower(Assessment.name) == name.lower(), Assessment.archived_at.is_(None))
        if exclude is not None:
            stmt = stmt.where(Assessment.id != exclude)
        return (await self.session.execute(stmt)).first() is not None


class StageAssessmentRepository(TenantRepository[StageAssessment]):
    model = StageAssessment

    async def for_stage(self, stage_id: uuid.UUID) -> StageAssessment | None:
        return (
            await self.session.execute(self.select().where(StageAssessment.stage_id == stage_id))
        ).scalar_one_or_none()

    async def for_assessment(self, assessment_id: uuid.UUID) -> list[StageAssessment]:
        stmt = self.select().where(StageAssessment.assessment_id == assessment_id)
        return list((await self.session.execute(stmt)).scalars())

    async def for_requisition(self, requisition_id: uuid.UUID) -> list[tuple[StageAssessment, str]]:
        stmt = (
            select(StageAssessment, Assessment.name)
            .join(Assessment, Assessment.id == StageAssessment.assessment_id)
            .where(
                StageAssessment.organization_id == self.organization_id,
                StageAssessment.requisition_id == requisition_id,
            )
        )
        return [(row[0], row[1]) for row in (await self.session.execute(stmt)).all()]
