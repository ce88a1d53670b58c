import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from backend.kit.schemas import ReadSchema


@dataclass(frozen=True)
class AuditFilters:
    actor_id: uuid.UUID | None = None
    entity_type: str | None = None
    entity_id: str | None = None
    action: str | None = None
    since: datetime | None = None
    until: datetime | None = None


class AuditLogRead(ReadSchema):
    id: uuid.UUID
    organization_id: uuid.UUID | None
    actor_type: str
    actor_id: uuid.UUID | None
    actor_label: str | None
    action: str
    entity_type: str
    entity_id: str | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    ip: str | None
    user_agent: str | None
    request_id: str | None
    created_at: datetime
