import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field, field_validator, model_validator

from backend.kit.schemas import ReadSchema, Schema

InvitationStatus = Literal["pending", "started", "completed", "expired", "revoked"]
LinkState = Literal["active", "expiring_soon", "expired", "started", "completed", "revoked"]
ExtraPercent = Literal[25, 50, 100]


def _check_zone(value: str | None) -> str | None:
    if value is None:
        return None
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown time zone '{value}'") from exc
    return value


class Accommodation(Schema):
    """Extra time for this candidate: a share of the duration, minutes, or both. Set before the test starts;
    reviewers never see it on results."""

    extra_time_percent: ExtraPercent | None = None
    extra_time_minutes: int | None = Field(None, ge=0, le=600)


class InvitationCreate(Accommodation):
    application_id: uuid.UUID
    assessment_id: uuid.UUID | None = Field(
        None, description="Default: the assessment the application's current stage sends."
    )
    days: int | None = Field(None, ge=1, le=90, description="Default: the step's default_days (link rules).")
    time_zone: str | None = Field(
        None,
        max_length=64,
        description="The candidate's time zone for the expiry in emails; default: theirs, else the organization's.",
    )

    _zone = field_validator("time_zone")(_check_zone)


class BulkInvite(Schema):
    application_ids: list[uuid.UUID] = Field(min_length=1, max_length=200)
    assessment_id: uuid.UUID | None = None
    days: int | None = Field(None, ge=1, le=90)


class Extend(Schema):
    days: int = Field(ge=1, le=365, description="Added to the current expiry (to now, for an expired link).")
    reason: str | None = Field(None, max_length=500)


class Revoke(Schema):
    reason: str | None = Field(None, max_length=500)


class Regenerate(Schema):
    days: int | None = Field(
        None, ge=1, le=90, description="A new expiry from now (default: keep it, or the step's default if expired)."
    )


class BulkLinks(Schema):
    invitation_ids: list[uuid.UUID] = Field(min_length=1, max_length=200)


class BulkExtend(BulkLinks):
    days: int = Field(ge=1, le=365)
    reason: str | None = Field(None, max_length=500)


class InvitationRead(ReadSchema):
    id: uuid.UUID
    application_id: uuid.UUID
    candidate_id: uuid.UUID
    requisition_id: uuid.UUID
    assessment_id: uuid.UUID
    assessment_name: str | None = None
    stage_id: uuid.UUID | None
    owner_id: uuid.UUID | None
    created_by_id: uuid.UUID | None
    candidate_name: str
    candidate_email: str
    job_title: str
    step: int
    status: InvitationStatus
    state: LinkState = Field(description="What the Links page shows (an unused link past its expiry is expired).")
    username: str
    credentials_locked: bool
    failed_attempts: int
    expires_at: datetime
    max_expires_at: datetime = Field(description="How far a recruiter may extend it (admins are not bound).")
    weekend_extended: bool
    time_zone: str
    extra_time_percent: int | None
    extra_time_minutes: int | None
    flagged_at: datetime | None = Field(description="Set when more than 5 attempts to open it came within an hour.")
    sent_at: datetime | None
    started_at: datetime | None
    completed_at: datetime | None
    expired_at: datetime | None
    revoked_at: datetime | None
    created_at: datetime
    allowed_actions: list[str] = Field(default_factory=list, description="What the caller may do with it now.")


class InvitationIssued(InvitationRead):
    """A link just (re-)issued. The link and access code went to the candidate by email and are not shown here:
    nobody reads them back."""


class BulkInviteResult(BaseModel):
    created: list[uuid.UUID]
    skipped: list["Skipped"]


class Skipped(BaseModel):
    id: uuid.UUID
    reason: str


class BulkLinksResult(BaseModel):
    done: list[uuid.UUID]
    skipped: list[Skipped]


class AccessRead(ReadSchema):
    id: uuid.UUID
    created_at: datetime
    method: str = Field(description="link | credentials | portal")
    outcome: str = Field(description="ok, wrong_code, locked, expired, revoked")
    ip: str | None
    user_agent: str | None


class LinkStats(BaseModel):
    """The Links page's counters (seed 004's link statistics)."""

    active: int
    expiring_soon: int
    expired: int
    started: int
    completed: int
    revoked: int
    flagged: int


class SignIn(Schema):
    """Either the link's token, or the username and access code from the invitation email."""

    token: str | None = Field(None, min_length=20, max_length=200)
    username: str | None = Field(None, min_length=1, max_length=64)
    access_code: str | None = Field(None, min_length=1, max_length=32)

    @model_validator(mode="after")
    def _one_way(self) -> "SignIn":
        if self.token is None and (self.username is None or self.access_code is None):
            raise ValueError("send the link's token, or a username and an access_code")
        if self.token is not None and (self.username is not None or self.access_code is not None):
            raise ValueError("send the token alone, or the username and access_code")
        return self


BulkInviteResult.model_rebuild()
