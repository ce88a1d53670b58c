import uuid
from datetime import date
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, Field

from backend.kit.schemas import ReadSchema, Schema


class PanelScore(BaseModel):
    interviewer_id: uuid.UUID
    overall_rating: Decimal
    recommendation: str


class Step2Summary(BaseModel):
    scorecards: list[PanelScore]
    pending: int = Field(description="Panelists who have not submitted yet.")
    overall: float | None = Field(description="Mean overall rating of the submitted scorecards (1–5).")
    min_score: float
    any_no_hire: bool
    outcome: Literal["pending", "advance", "reject"] = Field(
        description="advance when every scorecard is in, overall ≥ step2_min_score and nobody said no_hire."
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
    require_both: bool
    outcome: Literal["pending", "hire", "reject"]


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
