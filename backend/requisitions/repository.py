import uuid
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select

from backend.kit.repository import TenantRepository
from backend.requisitions.models import PipelineStage, Requisition, RoundTemplate


class RoundTemplateRepository(TenantRepository[RoundTemplate]):
    model = RoundTemplate

    async def ordered(self, default_only: bool = False) -> list[RoundTemplate]:
        stmt = self.select().where(RoundTemplate.is_active.is_(True))
        if default_only:
            stmt = stmt.where(RoundTemplate.in_default_pipeline.is_(True))
        stmt = stmt.order_by(RoundTemplate.position, RoundTemplate.created_at)
        return list((await self.session.execute(stmt)).scalars())

    async def any(self) -> bool:
        return (await self.session.execute(self.select().limit(1))).first() is not None


# What the staff list shows (RequisitionRead): every column but the tenant and the search document, as plain
# columns, with no entity loading for a page of rows.
LIST_COLUMNS = tuple(c for c in Requisition.__table__.c if c.key not in ("organization_id", "search"))


class RequisitionRepository(TenantRepository[Requisition]):
    model = Requisition

    def _conditions(
        self,
        *,
        status: str | None = None,
        department: str | None = None,
        hiring_manager_id: uuid.UUID | None = None,
        q: str | None = None,
    ) -> list[ColumnElement[bool]]:
        conditions: list[ColumnElement[bool]] = []
        if status:
            conditions.append(Requisition.status == status)
        if department:
            conditions.append(func.lower(Requisition.department) == department.lower())
        if hiring_manager_id:
            conditions.append(Requisition.hiring_manager_id == hiring_manager_id)
        if q:
            conditions.append(Requisition.search.op("@@")(func.websearch_to_tsquery("english", q)))
        return conditions

    def filtered(self, **filters: Any) -> Select[Requisition]:
        return self.select().where(*self._conditions(**filters))

    def listing(self, **filters: Any) -> Select[Any]:
        """The staff list's rows: LIST_COLUMNS, no entity (a column select built as one, not narrowed from an
        entity select: this runs on every page)."""
        return select(*LIST_COLUMNS).where(
            Requisition.organization_id == self.organization_id, *self._conditions(**filters)
        )

    def public(self, q: str | None, filters: dict[str, Any]) -> Select[Requisition]:
        stmt = self.filtered(status="open", q=q, department=filters.get("department"))
        if filters.get("location"):
            stmt = stmt.where(func.lower(Requisition.location).contains(filters["location"].lower(), autoescape=True))
        if filters.get("employment_type"):
            stmt = stmt.where(Requisition.employment_type == filters["employment_type"])
        return stmt


class StageRepository(TenantRepository[PipelineStage]):
    model = PipelineStage

    async def for_requisition(self, requisition_id: uuid.UUID) -> list[PipelineStage]:
        stmt = self.select().where(PipelineStage.requisition_id == requisition_id).order_by(PipelineStage.position)
        return list((await self.session.execute(stmt)).scalars())

    async def for_requisitions(self, ids: list[uuid.UUID]) -> dict[uuid.UUID, list[PipelineStage]]:
        out: dict[uuid.UUID, list[PipelineStage]] = {i: [] for i in ids}
        if ids:
            stmt = self.select().where(PipelineStage.requisition_id.in_(ids)).order_by(PipelineStage.position)
            for stage in (await self.session.execute(stmt)).scalars():
                out[stage.requisition_id].append(stage)
        return out
