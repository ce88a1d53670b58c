"""Who is calling: a signed-in user or an integrator's API key, resolved once per request."""

import uuid
from dataclasses import dataclass
from typing import Literal

from backend.auth.permissions import permissions_for


@dataclass(frozen=True)
class Principal:
    kind: Literal["user", "api_key"]
    id: uuid.UUID
    organization_id: uuid.UUID | None
    permissions: frozenset[str]
    label: str
    role: str | None = None

    def can(self, permission: str) -> bool:
        return permission in self.permissions

    @classmethod
    def of_user(cls, user_id: uuid.UUID, organization_id: uuid.UUID | None, role: str, email: str) -> "Principal":
        return cls("user", user_id, organization_id, permissions_for(role), email, role)
