import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, Field, model_validator

from backend.applications.transitions import Action
from backend.kit.schemas import ReadSchema, Schema

AppStatus = Literal["active", "on_hold", "rejected", "withdrawn", "hired"]
NoteType = Literal["general", "follow_up", "red_flag", "interview", "offer"]


class ApplicationRead(ReadSchema):
    id: uuid.UUID
    candidate_id: uuid.UUID
    requisition_id: uuid.UUID
    stage_id: uuid.UUID | None
    status: AppStatus
    rejection_reason_id: uuid.UUID | None
    score: Decimal | None
    stage_entered_at: datetime
    source: str | None
    answers: dict[str, Any]
    created_at: datetime
    updated_at: datetime


class ApplicationRow(ApplicationRead):
    candidate_name: str
    candidate_email: str
    requisition_title: str
    stage_name: str | None


class EventRead(ReadSchema):
    id: uuid.UUID
    kind: str
    actor_label: str | None
    from_stage_id: uuid.UUID | None
    to_stage_id: uuid.UUID | None
    from_status: str | None
    to_status: str | None
    reason: str | None
    created_at: datetime


class NoteRead(ReadSchema):
    id: uuid.UUID
    application_id: uuid.UUID
    author_id: uuid.UUID | None
    type: NoteType
    visibility: Literal["private", "team"]
    body: str
    edited_at: datetime | None
    created_at: datetime
    editable: bool = False


class NoteCreate(Schema):
    body: str = Field(min_length=1, max_length=10_000)
    type: NoteType = "general"
    visibility: Literal["private", "team"] = "team"


class NoteUpdate(Schema):
    body: str = Field(min_length=1, max_length=10_000)


class ApplicationDetail(ApplicationRow):
    events: list[EventRead]
    notes: list[NoteRead]
    allowed_actions: list[Action] = Field(
        description="What the caller may do with the application now: `move` (between stages), `reject`, `hold`, "
        "`resume`, `withdraw`, `hire` (from the offer stage, while a position is open) and `schedule_interview`. "
        "The endpoints accept exactly these."
    )


class ApplicationCreate(Schema):
    candidate_id: uuid.UUID
    requisition_id: uuid.UUID
    source: str | None = Field(None, max_length=60)


class Move(Schema):
    stage_id: uuid.UUID
    reason: str | None = Field(None, max_length=1000)


class Reject(Schema):
    reason_id: uuid.UUID
    note: str | None = Field(None, max_length=1000)
    send_email: bool = True


class Reason(Schema):
    reason: str | None = Field(None, max_length=1000)


class Bulk(Schema):
    application_ids: list[uuid.UUID] = Field(min_length=1, max_length=200)
    action: Literal["move", "reject"]
    stage_id: uuid.UUID | None = None
    reason_id: uuid.UUID | None = None
    send_email: bool = False

    @model_validator(mode="after")
    def _needs(self) -> "Bulk":
        if self.action == "move" and self.stage_id is None:
            raise ValueError("a move needs stage_id")
        if self.action == "reject" and self.reason_id is None:
            raise ValueError("a rejection needs reason_id")
        return self


class BulkResult(BaseModel):
    updated: int


class RejectionReasonRead(ReadSchema):
    id: uuid.UUID
    label: str
    is_active: bool


class RejectionReasonCreate(Schema):
    label: str = Field(min_length=2, max_length=120)


class BoardCard(BaseModel):
    application_id: uuid.UUID
    candidate_id: uuid.UUID
    candidate_name: str
    status: AppStatus
    score: Decimal | None
    days_in_stage: int
    notes: int
    red_flags: int
    recommendations: list[str] = Field(description="Submitted scorecards' recommendations, oldest interview first.")
    scorecards_pending: int = Field(description="Panelists who have not submitted a scorecard yet.")


class BoardColumn(BaseModel):
    stage_id: uuid.UUID
    name: str
    kind: str
    position: int
    count: int
    cards: list[BoardCard]


class Board(BaseModel):
    requisition_id: uuid.UUID
    columns: list[BoardColumn]
    counts_by_status: dict[str, int]


class PortalApplication(BaseModel):
    id: uuid.UUID
    requisition_title: str
    organization_name: str
    stage_name: str | None
    status: AppStatus
    applied_at: datetime
    updated_at: datetime


class ApplyResult(BaseModel):
    """The same answer whoever the address belongs to: what happens next is in the email sent to it."""

    application_id: uuid.UUID
    message: str = "Thank you! We sent you an email: follow the link in it to confirm and follow your application."


class ConfirmApplication(Schema):
    token: str = Field(min_length=10, max_length=200)


class Activate(Schema):
    token: str = Field(min_length=10, max_length=200)
    password: str = Field(min_length=1, max_length=256)
