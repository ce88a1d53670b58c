"""Step-3 decisions and offers."""

import uuid

from sqlalchemy import func, select

from backend.decisions.models import ExecutiveDecision, Offer
from backend.kit.repository import TenantRepository


class ExecutiveDecisionRepository(TenantRepository[ExecutiveDecision]):
    model = ExecutiveDecision

    async def for_application(self, application_id: uuid.UUID) -> list[ExecutiveDecision]:
        stmt = self.select().where(ExecutiveDecision.application_id == application_id)
        return list((await self.session.execute(stmt)).scalars())

    async def seats_decided(self, application_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[str]]:
        """The seats that have decided, per application."""
        stmt = (
            select(ExecutiveDecision.application_id, func.array_agg(ExecutiveDecision.seat))
            .where(
                ExecutiveDecision.organization_id == self.organization_id,
                ExecutiveDecision.application_id.in_(application_ids),
            )
            .group_by(ExecutiveDecision.application_id)
        )
        return {app_id: list(seats) for app_id, seats in (await self.session.execute(stmt)).all()}


class OfferRepository(TenantRepository[Offer]):
    model = Offer

    async def of_application(self, application_id: uuid.UUID) -> Offer | None:
        stmt = self.select().where(Offer.application_id == application_id)
        return (await self.session.execute(stmt)).scalar_one_or_none()
