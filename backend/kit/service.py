"""The base of a domain's service: the request's (or job's) session and who is acting, inside their organization.

class CandidateService(TenantService):
    def __init__(self, session: AsyncSession, principal: Principal) -> None:
        super().__init__(session, principal)
        self.repo = CandidateRepository(session, self.organization_id)
"""

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from backend.auth.principal import Principal


class TenantService:
    """For callers who belong to an organization (every route but the platform operator's); the repositories a
    subclass builds on `organization_id` see that organization's rows only."""

    def __init__(self, session: AsyncSession, principal: Principal) -> None:
        assert principal.organization_id is not None, "a tenant service needs a caller with an organization"
        self.session = session
        self.principal = principal
        self.organization_id: uuid.UUID = principal.organization_id

    @property
    def user_id(self) -> uuid.UUID | None:
        """The person acting, for `created_by`-style columns: None when an API key acts."""
        return self.principal.id if self.principal.kind == "user" else None
