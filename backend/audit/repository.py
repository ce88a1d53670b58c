from collections.abc import AsyncIterator, Sequence
from typing import Any

from sqlalchemy import Select, select

from backend.audit.models import AuditLog
from backend.audit.schemas import AuditFilters
from backend.kit.repository import TenantRepository


class AuditRepository(TenantRepository[AuditLog]):
    model = AuditLog

    def filtered(self, f: AuditFilters, *, rows: bool = False) -> Select[Any]:
        """Entries matching the filters: entities, or (`rows`) plain rows for a page that only shows them."""
        stmt: Select[Any] = self.select()
        if rows:
            stmt = select(*AuditLog.__table__.c).where(AuditLog.organization_id == self.organization_id)
        if f.actor_id:
            stmt = stmt.where(AuditLog.actor_id == f.actor_id)
        if f.entity_type:
            stmt = stmt.where(AuditLog.entity_type == f.entity_type)
        if f.entity_id:
            stmt = stmt.where(AuditLog.entity_id == f.entity_id)
        if f.action:
            stmt = stmt.where(AuditLog.action == f.action)
        if f.since:
            stmt = stmt.where(AuditLog.created_at >= f.since)
        if f.until:
            stmt = stmt.where(AuditLog.created_at < f.until)
        return stmt

    async def stream(self, f: AuditFilters, batch_size: int = 1000) -> AsyncIterator[Sequence[AuditLog]]:
        stmt = self.filtered(f).order_by(AuditLog.created_at.desc(), AuditLog.id.desc())
        result = await self.session.stream_scalars(stmt.execution_options(yield_per=batch_size))
        async for partition in result.partitions(batch_size):
            yield partition
