"""The managed list of rejection reasons."""

from sqlalchemy.ext.asyncio import AsyncSession

from backend.applications.models import RejectionReason
from backend.applications.repository import ReasonRepository
from backend.audit import service as audit
from backend.auth.principal import Principal
from backend.errors import Conflict
from backend.kit.service import TenantService


class ReasonService(TenantService):
    def __init__(self, session: AsyncSession, principal: Principal) -> None:
        super().__init__(session, principal)
        self.repo = ReasonRepository(session, principal.organization_id)

    async def all(self) -> list[RejectionReason]:
        return await self.repo.active()

    async def create(self, label: str) -> RejectionReason:
        if any(r.label.lower() == label.lower() for r in await self.repo.active()):
            raise Conflict.on("label", "Already in the list", detail="This reason exists.", type="unique")
        reason = self.repo.add(RejectionReason(label=label))
        await self.session.flush()
        await audit.record(
            self.session,
            self.principal,
            "rejection_reason.created",
            "rejection_reason",
            reason.id,
            organization_id=self.organization_id,
            after={"label": label},
        )
        return reason
