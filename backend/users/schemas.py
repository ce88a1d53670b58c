import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import EmailStr, Field, StringConstraints

from backend.auth.permissions import Role
from backend.kit.schemas import ReadSchema, Schema

# Users managed inside an organization; the platform operator role is not assignable here.
OrgRole = Role


class UserRead(ReadSchema):
    id: uuid.UUID
    organization_id: uuid.UUID | None
    email: str
    full_name: str
    role: Role
    time_zone: str | None
    executive_seat: str | None
    skills: list[str]
    is_active: bool
    last_login_at: datetime | None
    created_at: datetime
    updated_at: datetime


class UserCreate(Schema):
    email: EmailStr = Field(max_length=254)
    full_name: str = Field(min_length=1, max_length=200)
    role: Role | None = Field(
        None, description="Choosing a role needs `roles:assign` and every permission of that role; default interviewer."
    )
    password: str = Field(min_length=1, max_length=256, description="At least 10 characters with a letter and a digit.")
    time_zone: str | None = Field(None, max_length=64)


Skill = Annotated[str, StringConstraints(strip_whitespace=True, to_lower=True, min_length=1, max_length=40)]


class UserUpdate(Schema):
    executive_seat: Literal["cto", "ceo"] | None = Field(None, description="Step-3 seat of an executive.")
    skills: list[Skill] | None = Field(
        None, max_length=20, description="What the person can interview for; automatic assignment matches on it."
    )
    email: EmailStr | None = Field(None, max_length=254)
    full_name: str | None = Field(None, min_length=1, max_length=200)
    role: Role | None = None
    time_zone: str | None = Field(None, max_length=64)


class PasswordReset(Schema):
    password: str = Field(min_length=1, max_length=256)
