import uuid
from datetime import datetime

from pydantic import EmailStr, Field

from backend.kit.schemas import ReadSchema, Schema


class CandidateRead(ReadSchema):
    id: uuid.UUID
    first_name: str
    last_name: str
    full_name: str
    email: str
    phone: str | None
    location: str | None
    source: str | None
    tags: list[str]
    owner_id: uuid.UUID | None
    resume_file_id: uuid.UUID | None
    duplicate_of_id: uuid.UUID | None = Field(
        None, description="A job-board submission with the address of this candidate: review and merge it."
    )
    created_at: datetime
    updated_at: datetime


class CandidateCreate(Schema):
    first_name: str = Field(min_length=1, max_length=100)
    last_name: str = Field(min_length=1, max_length=100)
    email: EmailStr = Field(max_length=254)
    phone: str | None = Field(None, max_length=40, pattern=r"^[0-9+()\-. ]{5,40}$")
    location: str | None = Field(None, max_length=200)
    source: str | None = Field(None, max_length=60)
    tags: list[str] = Field(default_factory=list, max_length=20)
    owner_id: uuid.UUID | None = None


class CandidateUpdate(Schema):
    first_name: str | None = Field(None, min_length=1, max_length=100)
    last_name: str | None = Field(None, min_length=1, max_length=100)
    email: EmailStr | None = Field(None, max_length=254)
    phone: str | None = Field(None, max_length=40, pattern=r"^[0-9+()\-. ]{5,40}$")
    location: str | None = Field(None, max_length=200)
    source: str | None = Field(None, max_length=60)
    tags: list[str] | None = Field(None, max_length=20)
    owner_id: uuid.UUID | None = None


class ImportResult(Schema):
    created: int = Field(description="Rows created (0 on a dry run: see `valid`).")
    valid: int
    dry_run: bool


class MergeRequest(Schema):
    duplicate_id: uuid.UUID
