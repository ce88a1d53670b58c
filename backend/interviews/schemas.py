import uuid
from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, field_validator

from backend.kit.schemas import ReadSchema, Schema

InterviewType = Literal["hr_screen", "technical", "behavioral", "system_design", "executive"]
Mode = Literal["video", "phone", "onsite"]
Status = Literal["scheduled", "in_progress", "completed", "cancelled", "no_show"]
Recommendation = Literal["strong_hire", "hire", "maybe", "no_hire"]
Rating = Annotated[Decimal, Field(ge=1, le=5, max_digits=2, decimal_places=1)]


class GuideItem(BaseModel):
    text: str = Field(min_length=1, max_length=1000)
    category: str = Field("general", max_length=40)
    difficulty: Literal["easy", "medium", "hard"] = "medium"
    question_id: uuid.UUID | None = None


def require_offset(v: datetime) -> datetime:
    if v.tzinfo is None:
        raise ValueError("give the time with its offset, e.g. 2026-12-01T14:00:00+01:00")
    return v


class InterviewCreate(Schema):
    application_id: uuid.UUID
    type: InterviewType = "technical"
    mode: Mode = "video"
    starts_at: datetime = Field(description="With an offset (ISO 8601); stored in UTC.")
    duration_minutes: int = Field(60, ge=5, le=480)
    time_zone: str = Field("UTC", max_length=64, description="The organizer's zone, used in emails.")
    lead_interviewer_id: uuid.UUID
    panel_ids: list[uuid.UUID] = Field(default_factory=list, max_length=10)
    location: str | None = Field(None, max_length=500, description="Meeting link or room.")
    preparation_notes: str = Field("", max_length=10_000)
    guide: list[GuideItem] = Field(default_factory=list, max_length=40)

    _aware = field_validator("starts_at")(require_offset)


class Reschedule(Schema):
    starts_at: datetime
    duration_minutes: int | None = Field(None, ge=5, le=480)
    reason: str = Field(min_length=1, max_length=1000)

    _aware = field_validator("starts_at")(require_offset)


class StatusChange(Schema):
    status: Status
    reason: str | None = Field(None, max_length=1000)


class InterviewRead(ReadSchema):
    id: uuid.UUID
    application_id: uuid.UUID
    candidate_id: uuid.UUID
    stage_id: uuid.UUID | None
    type: InterviewType
    mode: Mode
    starts_at: datetime
    ends_at: datetime
    duration_minutes: int
    time_zone: str
    lead_interviewer_id: uuid.UUID
    location: str | None
    preparation_notes: str
    guide: list[GuideItem]
    status: Status
    status_reason: str | None
    candidate_response: str | None
    started_at: datetime | None
    ended_at: datetime | None


class PortalInterview(ReadSchema):
    """An interview as its candidate sees it: when, where and how, never the panel's question guide, preparation
    notes or status reasons."""

    id: uuid.UUID
    application_id: uuid.UUID
    type: InterviewType
    mode: Mode
    starts_at: datetime
    ends_at: datetime
    duration_minutes: int
    time_zone: str
    location: str | None
    status: Status
    candidate_response: str | None


class InterviewListItem(InterviewRead):
    candidate_name: str


DEFAULT_ATTRIBUTES = ("technical", "communication", "problem_solving", "culture", "leadership")


class InterviewDetail(InterviewRead):
    panel_ids: list[uuid.UUID]
    scorecard_attributes: list[str] = Field(description="What the scorecard rates, from the round's configuration.")
    candidate_name: str
    requisition_title: str


class ScorecardWrite(Schema):
    overall_rating: Rating | None = None
    recommendation: Recommendation | None = None
    ratings: dict[Annotated[str, Field(max_length=40)], Rating] = Field(
        default_factory=dict,
        max_length=10,
        description="Per attribute of the interview's round (`scorecard_attributes` on the interview).",
    )
    strengths: str = Field("", max_length=10_000)
    weaknesses: str = Field("", max_length=10_000)
    notes: str = Field("", max_length=20_000)
    follow_up: bool = False

    @field_validator("overall_rating")
    @classmethod
    def _half_steps(cls, v: Decimal | None) -> Decimal | None:
        if v is not None and (v * 2) % 1 != 0:
            raise ValueError("use half steps: 1, 1.5, … 5")
        return v


class ScorecardRead(ReadSchema):
    id: uuid.UUID
    interview_id: uuid.UUID
    interviewer_id: uuid.UUID
    status: Literal["draft", "submitted"]
    overall_rating: Decimal | None
    recommendation: Recommendation | None
    ratings: dict[str, Any]
    strengths: str
    weaknesses: str
    notes: str
    follow_up: bool
    submitted_at: datetime | None
    updated_at: datetime


class Reopen(Schema):
    reason: str = Field(min_length=3, max_length=1000)


class CandidateResponse(Schema):
    response: Literal["accepted", "declined"]


class InterviewerLoad(BaseModel):
    user_id: uuid.UUID
    full_name: str
    role: str
    interviews_this_week: int
    weekly_limit: int
    free: bool = Field(description="No other interview overlaps the proposed window.")
    skills: list[str]


class PanelSuggestion(BaseModel):
    suggested: InterviewerLoad | None
    reason: str
    interviewers: list[InterviewerLoad]


class Clash(BaseModel):
    interview_id: uuid.UUID
    starts_at: datetime
    ends_at: datetime
    who: str = Field(description="The people (panelists and/or the candidate) already booked then.")


class EarlierResult(BaseModel):
    """A submitted scorecard of one of the application's earlier interviews."""

    interview_type: InterviewType
    starts_at: datetime
    interviewer_name: str
    overall_rating: Decimal | None
    recommendation: Recommendation | None


class InterviewContext(BaseModel):
    """What a panelist needs about the candidate, without access to the pipeline itself."""

    full_name: str
    location: str | None
    source: str | None
    tags: list[str]
    stage_name: str | None
    applied_at: datetime
    application_score: Decimal | None = Field(description="The overall score from earlier stages (0–100), if any.")
    earlier: list[EarlierResult]
