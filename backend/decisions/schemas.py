import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, Field

from backend.kit.schemas import ReadSchema, Schema


class PanelFeedback(BaseModel):
    """One panelist's scorecard for one interview of the application; `status` is `missing` until they save."""

    interview_id: uuid.UUID
    interview_type: str
    starts_at: datetime
    interviewer_id: uuid.UUID
    interviewer_name: str
    status: Literal["missing", "draft", "submitted"]
    scorecard_id: uuid.UUID | None = None
    overall_rating: Decimal | None = None
    recommendation: str | None = None
    ratings: dict[str, Any] = Field(default_factory=dict)
    strengths: str = ""
    weaknesses: str = ""
    notes: str = ""
    follow_up: bool = False
    submitted_at: datetime | None = None


class Step2Summary(BaseModel):
    scorecards: list[PanelFeedback] = Field(description="Submitted Step-2 scorecards.")
    pending: int = Field(description="Panelists who have not submitted yet.")
    overall: float | None = Field(description="Mean overall rating of the submitted scorecards (1–5).")
    min_score: float
    any_no_hire: bool
    outcome: Literal["pending", "advance", "reject"] = Field(
        description="advance when every scorecard is in, overall ≥ step2_min_score and nobody said no_hire."
    )
    decidable: bool = Field(
        description="The outcome is known and the application is active in a technical-interview stage."
    )


class Step2Decision(Schema):
    decision: Literal["advance", "reject"]
    reason: str | None = Field(None, max_length=1000, description="Required when it differs from the outcome.")


class ExecutiveInput(Schema):
    score: Decimal = Field(ge=0, le=100, max_digits=5, decimal_places=2)
    decision: Literal["approve", "reject"]
    notes: str = Field("", max_length=10_000)


class ExecutiveDecisionRead(ReadSchema):
    id: uuid.UUID
    seat: Literal["cto", "ceo"]
    executive_id: uuid.UUID | None
    score: Decimal
    decision: Literal["approve", "reject"]
    notes: str


class Step3Summary(BaseModel):
    decisions: list[ExecutiveDecisionRead]
    final_score: float | None
    weights: dict[str, float]
    require_both: bool
    outcome: Literal["pending", "hire", "reject"]
    my_seat: Literal["cto", "ceo"] | None = Field(None, description="The caller's Step-3 seat, if any.")
    offer: "OfferRead | None" = None


class AwaitingFinal(BaseModel):
    """An application in an executive-interview stage whose final decision is not complete."""

    application_id: uuid.UUID
    candidate_name: str
    requisition_title: str
    stage_name: str | None
    stage_entered_at: datetime
    step2_overall: float | None
    decided_seats: list[Literal["cto", "ceo"]]


class Override(Schema):
    action: Literal["move", "reject", "reinstate", "hire"] = Field(
        description="move to `stage_id` (any direction), reject, reinstate a rejected application, or hire now."
    )
    stage_id: uuid.UUID | None = None
    reason: str = Field(min_length=3, max_length=1000)
    notify_candidate: bool = Field(False, description="Email the candidate (rejection or stage change).")


class OfferCreate(Schema):
    salary: Decimal = Field(gt=0, max_digits=12, decimal_places=2)
    currency: str = Field("USD", pattern=r"^[A-Z]{3}$")
    start_date: date


class OfferStatus(Schema):
    status: Literal["sent", "accepted", "declined"]


class OfferRead(ReadSchema):
    id: uuid.UUID
    application_id: uuid.UUID
    salary: Decimal
    currency: str
    start_date: date
    status: Literal["draft", "sent", "accepted", "declined"]


Step3Summary.model_rebuild()
