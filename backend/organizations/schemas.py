import uuid
from datetime import datetime
from typing import Annotated

from pydantic import EmailStr, Field, StringConstraints

from backend.kit.schemas import ReadSchema, Schema
from backend.organizations.settings_schema import OrganizationSettings

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$", max_length=63)]


class OrganizationRead(ReadSchema):
    id: uuid.UUID
    name: str
    slug: str
    is_active: bool
    created_at: datetime
    updated_at: datetime


class OrganizationDetail(OrganizationRead):
    settings: OrganizationSettings


class OrganizationCreate(Schema):
    name: str = Field(min_length=2, max_length=200)
    slug: Slug
    admin_email: EmailStr = Field(max_length=254, description="The organization's first admin.")
    admin_full_name: str = Field(min_length=1, max_length=200)
    admin_password: str = Field(min_length=1, max_length=256)


class OrganizationUpdate(Schema):
    name: str | None = Field(None, min_length=2, max_length=200)
    is_active: bool | None = None
