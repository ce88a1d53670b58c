import uuid
from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    StringConstraints,
    field_validator,
    model_serializer,
    model_validator,
)

from backend.kit.schemas import ReadSchema, Schema

StageKind = Literal["hr_screen", "assessment", "technical_interview", "executive_interview", "review", "offer"]
Status = Literal["draft", "open", "paused", "filled", "closed", "cancelled"]
EmploymentType = Literal["full_time", "part_time", "contract", "internship", "temporary"]
ExperienceLevel = Literal["entry", "mid", "senior", "lead", "principal"]
Currency = Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
Score = Annotated[Decimal, Field(ge=0, le=100, max_digits=5, decimal_places=2)]


class Skill(BaseModel):
    name: str = Field(min_length=1, max_length=60)
    proficiency: Literal["basic", "intermediate", "advanced", "expert"] = "intermediate"


class RoundTemplateRead(ReadSchema):
    id: uuid.UUID
    name: str
    kind: StageKind
    duration_minutes: int | None
    passing_score: Decimal | None
    config: dict[str, Any]
    in_default_pipeline: bool
    position: int
    is_active: bool


AttributeKey = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{1,39}$")]


class RoundConfig(BaseModel):
    """The known keys of a round's configuration; other keys are kept as they are."""

    model_config = ConfigDict(extra="allow")

    scorecard_attributes: list[AttributeKey] | None = Field(
        None,
        min_length=1,
        max_length=10,
        description="Attributes interviewers rate in this round (snake_case), instead of the default five.",
    )

    @field_validator("scorecard_attributes")
    @classmethod
    def _unique(cls, v: list[str] | None) -> list[str] | None:
        if v is not None and len(set(v)) != len(v):
            raise ValueError("attributes must be unique")
        return v

    @model_serializer(mode="wrap")
    def _drop_unset(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        return {k: v for k, v in handler(self).items() if v is not None}


class RoundTemplateWrite(Schema):
    name: str = Field(min_length=1, max_length=120)
    kind: StageKind
    duration_minutes: int | None = Field(None, ge=5, le=600)
    passing_score: Score | None = None
    config: RoundConfig = Field(default_factory=RoundConfig)
    in_default_pipeline: bool = False
    position: int = Field(0, ge=0, le=100)
    is_active: bool = True


class StageRead(ReadSchema):
    id: uuid.UUID
    position: int
    name: str
    kind: StageKind
    round_template_id: uuid.UUID | None
    config: dict[str, Any]


class StageCreate(Schema):
    name: str | None = Field(None, min_length=1, max_length=120)
    kind: StageKind | None = None
    round_template_id: uuid.UUID | None = None
    position: int | None = Field(None, ge=0, le=50, description="Insert before this position (default: at the end).")

    @model_validator(mode="after")
    def _source(self) -> "StageCreate":
        if self.round_template_id is None and (self.name is None or self.kind is None):
            raise ValueError("give a round_template_id, or a name and a kind")
        return self


class StageOrder(Schema):
    stage_ids: list[uuid.UUID] = Field(min_length=1, max_length=50, description="Every stage id, in the new order.")


class _RequisitionFields(Schema):
    department: str | None = Field(None, max_length=120)
    location: str | None = Field(None, max_length=200)
    employment_type: EmploymentType = "full_time"
    experience_level: ExperienceLevel = "mid"
    description: str = Field("", max_length=20_000)
    requirements: str = Field("", max_length=20_000)
    required_skills: list[Skill] = Field(default_factory=list, max_length=40)
    salary_min: Decimal | None = Field(None, ge=0, max_digits=12, decimal_places=2)
    salary_max: Decimal | None = Field(None, ge=0, max_digits=12, decimal_places=2)
    currency: Currency = "USD"
    positions_available: int = Field(1, ge=1, le=500)
    hiring_manager_id: uuid.UUID | None = None
    passing_score: Score = Decimal(70)
    stage_weights: dict[StageKind, float] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _ranges(self) -> "_RequisitionFields":
        if self.salary_min is not None and self.salary_max is not None and self.salary_min > self.salary_max:
            raise ValueError("salary_min must not exceed salary_max")
        if any(w < 0 for w in self.stage_weights.values()):
            raise ValueError("stage weights must not be negative")
        return self


class RequisitionCreate(_RequisitionFields):
    title: str = Field(min_length=2, max_length=200)


class RequisitionUpdate(Schema):
    title: str | None = Field(None, min_length=2, max_length=200)
    department: str | None = Field(None, max_length=120)
    location: str | None = Field(None, max_length=200)
    employment_type: EmploymentType | None = None
    experience_level: ExperienceLevel | None = None
    description: str | None = Field(None, max_length=20_000)
    requirements: str | None = Field(None, max_length=20_000)
    required_skills: list[Skill] | None = Field(None, max_length=40)
    salary_min: Decimal | None = Field(None, ge=0, max_digits=12, decimal_places=2)
    salary_max: Decimal | None = Field(None, ge=0, max_digits=12, decimal_places=2)
    currency: Currency | None = None
    positions_available: int | None = Field(None, ge=1, le=500)
    hiring_manager_id: uuid.UUID | None = None
    passing_score: Score | None = None
    stage_weights: dict[StageKind, float] | None = None


class StatusChange(Schema):
    status: Status
    reason: str | None = Field(None, max_length=500)


class RequisitionRead(ReadSchema):
    id: uuid.UUID
    title: str
    department: str | None
    location: str | None
    employment_type: EmploymentType
    experience_level: ExperienceLevel
    description: str
    requirements: str
    required_skills: list[Skill]
    salary_min: Decimal | None
    salary_max: Decimal | None
    currency: str
    positions_available: int
    positions_filled: int
    hiring_manager_id: uuid.UUID | None
    created_by_id: uuid.UUID | None
    status: Status
    published_at: datetime | None
    closed_at: datetime | None
    passing_score: Decimal
    stage_weights: dict[str, float]
    created_at: datetime
    updated_at: datetime


class RequisitionDetail(RequisitionRead):
    stages: list[StageRead]
    allowed_statuses: list[Status]


class PublicJob(ReadSchema):
    """What the public job board shows: never internal fields (scoring, hiring manager, drafts)."""

    id: uuid.UUID
    title: str
    department: str | None
    location: str | None
    employment_type: EmploymentType
    experience_level: ExperienceLevel
    salary_min: Decimal | None
    salary_max: Decimal | None
    currency: str
    published_at: datetime | None


class PublicJobDetail(PublicJob):
    description: str
    requirements: str
    required_skills: list[Skill]
    organization_name: str
