import uuid
from typing import Any

from sqlalchemy import Select, func, or_

from backend.candidates.models import Candidate
from backend.kit.repository import TenantRepository


class CandidateRepository(TenantRepository[Candidate]):
    """Merged and deleted candidates are invisible here: they live on only through the survivor's history."""

    model = Candidate

    def select(self, *options: Any) -> Select[Candidate]:
        return super().select(*options).where(Candidate.merged_into_id.is_(None), Candidate.deleted_at.is_(None))

    def filtered(
        self, q: str | None, owner_id: uuid.UUID | None, tag: str | None, source: str | None
    ) -> Select[Candidate]:
        stmt = self.select()
        if q:
            escaped = q.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            like = f"%{escaped}%"
            name = func.lower(Candidate.first_name + " " + Candidate.last_name)
            stmt = stmt.where(or_(name.like(like), func.lower(Candidate.email).like(like), Candidate.phone.like(like)))
        if owner_id:
            stmt = stmt.where(Candidate.owner_id == owner_id)
        if tag:
            stmt = stmt.where(Candidate.tags.contains([tag]))
        if source:
            stmt = stmt.where(Candidate.source == source)
        return stmt

    async def by_email(self, email: str) -> Candidate | None:
        """The candidate who owns this address (job-board submissions flagged as its duplicates are not it)."""
        stmt = self.select().where(func.lower(Candidate.email) == email.lower(), Candidate.duplicate_of_id.is_(None))
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def for_user(self, user_id: uuid.UUID) -> list[Candidate]:
        return list((await self.session.execute(self.select().where(Candidate.user_id == user_id))).scalars())
