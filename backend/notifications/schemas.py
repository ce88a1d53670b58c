import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from backend.auth.permissions import Role
from backend.kit.schemas import ReadSchema, Schema

NotificationType = Literal["system", "assessment", "interview", "application", "proctoring"]
Priority = Literal["low", "normal", "high", "urgent"]


class NotificationRead(ReadSchema):
    id: uuid.UUID
    type: NotificationType
    priority: Priority
    title: str
    message: str
    entity_type: str | None
    entity_id: str | None
    action_url: str | None
    read_at: datetime | None
    archived_at: datetime | None
    created_at: datetime


class UnreadCount(BaseModel):
    unread: int


class MarkedRead(BaseModel):
    updated: int


class Broadcast(Schema):
    title: str = Field(min_length=1, max_length=200)
    message: str = Field(min_length=1, max_length=2000)
    priority: Priority = "normal"
    roles: list[Role] | None = Field(None, description="Only users with these roles (default: everyone).")
    user_ids: list[uuid.UUID] | None = Field(None, max_length=1000, description="Only these users.")
    action_url: str | None = Field(None, max_length=500, pattern=r"^/[^/].*|^/$")


class BroadcastResult(BaseModel):
    recipients: int
