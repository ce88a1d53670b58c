import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from backend.kit.schemas import ReadSchema, Schema


class TemplateRead(BaseModel):
    key: str
    description: str
    subject: str
    body_html: str
    body_text: str
    variables: list[str]
    sample: dict[str, Any]
    customised: bool = Field(description="The wording differs from InterviewFlow's default.")
    updated_at: datetime | None


class TemplateUpdate(Schema):
    subject: str = Field(min_length=1, max_length=300)
    body_html: str = Field(min_length=1, max_length=100_000)
    body_text: str = Field(min_length=1, max_length=100_000)


class TemplatePreviewRequest(Schema):
    subject: str = Field(min_length=1, max_length=300)
    body_html: str = Field(min_length=1, max_length=100_000)
    body_text: str = Field(min_length=1, max_length=100_000)


class TemplatePreview(BaseModel):
    subject: str
    body_html: str
    body_text: str


class AttachmentInfo(BaseModel):
    filename: str
    content_type: str
    size: int


class EmailSummary(ReadSchema):
    id: uuid.UUID
    to_address: str
    subject: str
    template_key: str | None
    entity_type: str | None
    entity_id: str | None
    status: str
    attempts: int
    last_error: str | None
    sent_at: datetime | None
    created_at: datetime


class EmailDetail(EmailSummary):
    body_html: str
    body_text: str
    attachments: list[AttachmentInfo]
