import uuid
from datetime import datetime

from pydantic import Field

from backend.kit.schemas import ReadSchema, Schema


class ApiKeyRead(ReadSchema):
    id: uuid.UUID
    name: str
    prefix: str
    scopes: list[str]
    created_at: datetime
    last_used_at: datetime | None
    expires_at: datetime | None
    revoked_at: datetime | None


class ApiKeyCreated(ApiKeyRead):
    key: str = Field(description="The secret. Shown once; store it now.")


class ApiKeyCreate(Schema):
    name: str = Field(min_length=1, max_length=100)
    scopes: list[str] = Field(min_length=1, max_length=64)
    expires_at: datetime | None = None
