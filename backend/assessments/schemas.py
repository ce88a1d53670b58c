import uuid
from datetime import datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, Field, model_validator

from backend.kit.schemas import ReadSchema, Schema
from backend.questions.schemas import CandidateQuestion, Difficulty, LanguageKey, QuestionType, Tag

ResultRelease = Literal["never", "after_grading", "after_date"]
Percent = Annotated[Decimal, Field(ge=0, le=100, max_digits=5, decimal_places=2)]
MAX_SECTIONS = 10
MAX_QUESTIONS = 100


class SectionWrite(Schema):
    """A part of the test: fixed questions (the same for everyone), or `count` questions drawn at random for each
    candidate from a bank (optionally of one difficulty, carrying all `tags`, of some `types`)."""

    title: str = Field(min_length=1, max_length=120)
    kind: Literal["fixed", "random"]
    question_ids: list[uuid.UUID] = Field(default_factory=list, max_length=MAX_QUESTIONS)
    bank_id: uuid.UUID | None = None
    count: int | None = Field(None, ge=1, le=MAX_QUESTIONS)
    difficulty: Difficulty | None = None
    tags: list[Tag] = Field(default_factory=list, max_length=10)
    types: list[QuestionType] = Field(default_factory=list, max_length=4)
    time_limit_minutes: int | None = Field(
        None, ge=1, le=600, description="Optional: the section closes this long after the candidate first opens it."
    )

    @model_validator(mode="after")
    def _shape(self) -> "SectionWrite":
        if self.kind == "fixed":
            if not self.question_ids:
                raise ValueError("a fixed section lists its question_ids")
            if len(set(self.question_ids)) != len(self.question_ids):
                raise ValueError("a question appears twice in the section")
            if self.bank_id or self.count or self.difficulty or self.tags or self.types:
                raise ValueError("a fixed section has question_ids only (bank_id, count … are for random sections)")
        else:
            if self.bank_id is None or self.count is None:
                raise ValueError("a random section names a bank_id and a count")
            if self.question_ids:
                raise ValueError("a random section draws its questions: leave question_ids empty")
        return self


class Proctoring(Schema):
    fullscreen_required: bool = False
    webcam_required: bool = False


class AssessmentWrite(Schema):
    name: str = Field(min_length=1, max_length=200)
    description: str = Field("", max_length=5000)
    instructions: str = Field(
        "", max_length=20_000, description="The rules the candidate reads before starting (Markdown, no raw HTML)."
    )
    step: Literal[1, 2] = Field(1, description="Which of the organization's link rules its invitations follow.")
    # From one minute: a short warm-up quiz is a real test too (and as short as a section's own limit can be).
    duration_minutes: int = Field(ge=1, le=600, description="The whole test; extra time is added per candidate.")
    sections: list[SectionWrite] = Field(min_length=1, max_length=MAX_SECTIONS)
    shuffle_questions: bool = Field(False, description="Each candidate gets a section's questions in their own order.")
    shuffle_options: bool = Field(False, description="Each candidate gets multiple-choice options in their own order.")
    allowed_languages: list[LanguageKey] = Field(
        default_factory=list, max_length=10, description="Empty: every language each coding question offers."
    )
    auto_advance: Percent | None = Field(None, description="Step-1 threshold; default: the organization's setting.")
    manual_review: Percent | None = Field(None, description="Start of the manual-review band; default: the setting.")
    result_release: ResultRelease = Field("never", description="Whether and when the candidate sees their score.")
    results_release_at: datetime | None = Field(None, description="With result_release `after_date`.")
    proctoring: Proctoring = Field(default_factory=Proctoring)

    @model_validator(mode="after")
    def _rules(self) -> "AssessmentWrite":
        if self.auto_advance is not None and self.manual_review is not None and self.manual_review > self.auto_advance:
            raise ValueError("manual_review must not exceed auto_advance")
        if self.result_release == "after_date" and self.results_release_at is None:
            raise ValueError("result_release 'after_date' needs results_release_at")
        if self.results_release_at is not None and self.results_release_at.tzinfo is None:
            raise ValueError("results_release_at needs a time zone offset")
        total = sum(len(s.question_ids) if s.kind == "fixed" else s.count or 0 for s in self.sections)
        if total > MAX_QUESTIONS:
            raise ValueError(f"an assessment has at most {MAX_QUESTIONS} questions ({total} asked)")
        if len(set(self.allowed_languages)) != len(self.allowed_languages):
            raise ValueError("allowed_languages lists a language twice")
        return self


class SectionRead(BaseModel):
    title: str
    kind: Literal["fixed", "random"]
    question_ids: list[uuid.UUID]
    bank_id: uuid.UUID | None
    count: int | None
    difficulty: Difficulty | None
    tags: list[str]
    types: list[QuestionType]
    time_limit_minutes: int | None


class AssessmentRead(ReadSchema):
    id: uuid.UUID
    name: str
    description: str
    instructions: str
    step: int
    duration_minutes: int
    sections: list[SectionRead]
    shuffle_questions: bool
    shuffle_options: bool
    allowed_languages: list[str]
    auto_advance: Decimal | None
    manual_review: Decimal | None
    result_release: ResultRelease
    results_release_at: datetime | None
    proctoring: Proctoring
    question_count: int = Field(description="Questions each candidate gets.")
    effective_thresholds: "Thresholds"
    archived_at: datetime | None
    created_by_id: uuid.UUID | None
    created_at: datetime
    updated_at: datetime


class AssessmentRemoved(BaseModel):
    deleted: bool
    archived: "AssessmentRead | None" = None


class Thresholds(BaseModel):
    """The Step-1 bands in percent, as applied: the assessment's own, else the organization's."""

    auto_advance: float
    manual_review: float


class AssessmentRow(ReadSchema):
    id: uuid.UUID
    name: str
    step: int
    duration_minutes: int
    question_count: int
    section_count: int
    archived_at: datetime | None
    created_at: datetime
    updated_at: datetime


class PreviewSection(BaseModel):
    title: str
    time_limit_minutes: int | None
    questions: list[CandidateQuestion]


class AssessmentPreview(BaseModel):
    """The test as a candidate would get it; random sections show one sample draw (nothing is recorded)."""

    assessment_id: uuid.UUID
    name: str
    instructions: str
    duration_minutes: int
    proctoring: Proctoring
    sections: list[PreviewSection]
    question_count: int
    total_points: int


class StageAssessmentWrite(Schema):
    assessment_id: uuid.UUID | None = Field(description="The assessment this stage sends; null: none.")


class StageAssessmentRead(BaseModel):
    stage_id: uuid.UUID
    stage_name: str
    stage_position: int
    assessment_id: uuid.UUID | None
    assessment_name: str | None


AssessmentRead.model_rebuild()
AssessmentRemoved.model_rebuild()
