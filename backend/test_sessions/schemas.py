"""The test player's payloads (what a candidate sends and sees) and the results staff read.

Answers are kept exactly as typed (no trimming: code and essays need their spaces, tabs and newlines); control
characters other than tab and line breaks are refused like everywhere else."""

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

# The player signs in with the invitation's link or credentials (re-exported for the player's router).
from backend.invitations.schemas import SignIn as SignIn
from backend.kit.schemas import Schema
from backend.proctoring.schemas import IntegrityBrief
from backend.questions.schemas import CandidateQuestion, QuestionType, RubricCriterion

MAX_ESSAY = 50_000
MAX_SOURCE = 64_000
MAX_SOURCES = 4

SessionStatus = Literal["in_progress", "submitted", "timed_out"]
PlayerStatus = Literal["not_started", "in_progress", "submitted", "timed_out"]
GradingStatus = Literal["pending", "grading", "awaiting_grader", "graded"]
Step1Decision = Literal["advance", "manual_review", "reject", "none"]
ReviewMark = Literal["accept", "needs_discussion", "reject"]

# A test has at most 10 sections of 100 questions: positions past that name no question (and a path parameter
# beyond PostgreSQL's integer range must be a 422, not a database error).
MAX_POSITION = 1000


class Verbatim(Schema):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False)


# --- what the candidate sends ------------------------------------------------------------------------------------


class ChoiceAnswer(Verbatim):
    type: Literal["choice"] = "choice"
    choice_ids: list[Annotated[str, Field(pattern=r"^[a-j]$")]] = Field(
        max_length=10, description="Option ids (`a`, `b` …) from the question; one for a single-answer question."
    )


class TextAnswer(Verbatim):
    type: Literal["text"] = "text"
    text: str = Field(max_length=MAX_ESSAY)


LanguageName = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,31}$")]


class CodeAnswer(Verbatim):
    type: Literal["code"] = "code"
    language: LanguageName = Field(description="The language on screen (one of the question's `languages`).")
    sources: dict[LanguageName, Annotated[str, Field(max_length=MAX_SOURCE)]] = Field(
        max_length=MAX_SOURCES, description="The code written in each language tried; each is graded, the best counts."
    )


Answer = Annotated[ChoiceAnswer | TextAnswer | CodeAnswer, Field(discriminator="type")]


class AnswerSave(Verbatim):
    """One autosave. `revision` is the client's counter for this question, increasing with every change: the
    server keeps the highest revision it has seen, so a late or repeated request never undoes a newer one."""

    revision: int = Field(ge=1, le=2**31 - 1)
    answer: Answer | None = Field(None, description="null clears the answer.")
    flagged: bool | None = Field(None, description="Marked for review in the navigator; omitted: unchanged.")


class StartTest(Schema):
    camera_ready: bool = Field(
        False,
        description="The candidate allowed the webcam and the player took a test picture: required (422 otherwise) "
        "when the assessment requires the webcam.",
    )


class Navigate(Schema):
    position: int = Field(ge=0, le=MAX_POSITION)


class RunVisible(Verbatim):
    language: LanguageName
    source: str = Field(min_length=1, max_length=MAX_SOURCE)


# --- what the candidate sees ---------------------------------------------------------------------------------------


class PlayerSectionInfo(BaseModel):
    title: str
    question_count: int
    time_limit_minutes: int | None


class Proctoring(BaseModel):
    fullscreen_required: bool
    webcam_required: bool


class PlayerSection(BaseModel):
    index: int
    title: str
    first_position: int
    count: int
    time_limit_minutes: int | None
    opened_at: datetime | None
    closes_at: datetime | None = Field(description="For a timed section, once opened; else the test's deadline.")


class PlayerItem(BaseModel):
    position: int
    section_index: int
    type: QuestionType
    title: str
    points: Decimal
    answered: bool
    flagged: bool
    revision: int
    saved_at: datetime | None


class PlayerResult(BaseModel):
    """Shown only when the assessment releases results (after grading, or after a date)."""

    score: Decimal = Field(description="Percent.")
    points_awarded: Decimal
    points_possible: Decimal
    sections: list["SectionScore"]


class SectionScore(BaseModel):
    title: str
    points_awarded: Decimal
    points_possible: Decimal


class PlayerSessionState(BaseModel):
    session_id: uuid.UUID = Field(description="Proctoring events will be posted for this session.")
    status: SessionStatus
    started_at: datetime
    deadline_at: datetime = Field(description="Computed and enforced by the server; the client only shows it.")
    server_time: datetime = Field(description="Correct the client's clock with it: skew = server_time - now.")
    remaining_seconds: int
    current_position: int
    sections: list[PlayerSection]
    items: list[PlayerItem]
    unanswered: list[int] = Field(description="Positions without an answer: list them before the candidate submits.")
    grading_status: GradingStatus
    result: PlayerResult | None = None


class PlayerOverview(BaseModel):
    invitation_id: uuid.UUID
    candidate_first_name: str
    organization_name: str
    job_title: str
    assessment_name: str
    instructions: str
    time_allowed_minutes: int = Field(description="The duration, with any extra time granted to this candidate.")
    question_count: int
    sections: list[PlayerSectionInfo]
    languages: list[str] = Field(
        description="Languages coding questions may be answered in: after the start, those of this candidate's "
        "questions (empty: no coding); before it, the assessment's list (empty: each question offers its own)."
    )
    proctoring: Proctoring
    recorded: list[str] = Field(description="What the test records, to show before starting.")
    status: PlayerStatus
    link_expires_at: datetime
    server_time: datetime
    session: PlayerSessionState | None = None


class PlayerSignedIn(BaseModel):
    player_token: str = Field(description="Send as `Authorization: Bearer …` to the player's routes.")
    expires_at: datetime
    overview: PlayerOverview


class PlayerToken(BaseModel):
    player_token: str
    expires_at: datetime


class PlayerQuestion(BaseModel):
    position: int
    section_index: int
    question: CandidateQuestion = Field(description="Options in this candidate's order.")
    languages: list[str] = Field(description="For coding questions: the languages this candidate may use.")
    answer: dict[str, Any] | None
    revision: int
    flagged: bool
    closes_at: datetime | None
    server_time: datetime


class AnswerSaved(BaseModel):
    position: int
    revision: int = Field(description="The revision the server holds now.")
    applied: bool = Field(description="False when the server already had this revision or a newer one.")
    saved_at: datetime | None
    server_time: datetime


class Navigated(BaseModel):
    current_position: int
    section_closes_at: datetime | None
    server_time: datetime


class PlayerCase(BaseModel):
    index: int
    stdin: str
    expected_stdout: str
    verdict: str | None
    stdout: str = ""
    stderr: str = ""
    time_ms: int | None = None
    memory_kb: int | None = None
    message: str | None = None


class PlayerRun(BaseModel):
    """A run of the candidate's code against the question's visible examples only."""

    id: uuid.UUID
    position: int
    language: str
    status: Literal["queued", "running", "finished"]
    verdict: str | None
    compile_output: str | None
    passed: int
    total: int
    cases: list[PlayerCase]
    created_at: datetime


# --- what staff read ----------------------------------------------------------------------------------------------


class CaseResult(BaseModel):
    index: int
    visible: bool
    weight: int
    verdict: str | None
    time_ms: int | None = None
    memory_kb: int | None = None
    message: str | None = None
    stdin: str | None = Field(None, description="Visible cases, or hidden ones to question authors.")
    expected_stdout: str | None = None
    stdout: str | None = None


class LanguageResult(BaseModel):
    language: str
    source: str
    status: Literal["queued", "running", "finished", "not_run"]
    verdict: str | None
    compile_output: str | None
    score: Decimal | None = Field(description="Points from this language's weighted passed cases.")
    cases: list[CaseResult]


class OptionResult(BaseModel):
    id: str
    text: str
    correct: bool
    chosen: bool


class RubricGrade(BaseModel):
    criterion: str
    points: int
    guidance: str
    awarded: Decimal | None


class AnswerResult(BaseModel):
    position: int
    section_index: int
    question_id: uuid.UUID
    question_version_id: uuid.UUID
    type: QuestionType
    title: str
    body: str
    points: Decimal
    score: Decimal | None
    needs_grader: bool
    time_spent_seconds: int
    flagged: bool
    answered: bool
    options: list[OptionResult] = Field(default_factory=list)
    text: str | None = None
    rubric: list[RubricGrade] = Field(default_factory=list)
    grader_comment: str | None = None
    graded_by_id: uuid.UUID | None = None
    graded_at: datetime | None = None
    languages: list[LanguageResult] = Field(default_factory=list)
    best_language: str | None = None
    review_mark: ReviewMark | None = None
    review_note: str | None = None
    reviewed_by_id: uuid.UUID | None = None


class SectionResult(BaseModel):
    index: int
    title: str
    points_awarded: Decimal | None
    points_possible: Decimal
    time_limit_minutes: int | None


class SessionSummary(BaseModel):
    id: uuid.UUID
    invitation_id: uuid.UUID
    assessment_id: uuid.UUID
    assessment_name: str | None
    application_id: uuid.UUID
    candidate_id: uuid.UUID
    candidate_name: str | None = None
    status: SessionStatus
    started_at: datetime
    deadline_at: datetime
    closed_at: datetime | None
    closed_by: str | None
    grading_status: GradingStatus
    score: Decimal | None
    decision: Step1Decision | None
    review_status: Literal["pending", "advanced", "rejected"] | None
    graded_at: datetime | None
    integrity: IntegrityBrief | None = Field(
        None, description="The integrity summary (tier, reasons, verdict): it informs a person, it never decides."
    )


class SessionResults(SessionSummary):
    points_awarded: Decimal | None
    points_possible: Decimal | None
    percentile: float | None = Field(description="Share of this assessment's graded candidates scoring lower (0–100).")
    compared_with: int = Field(description="Graded candidates of this assessment, this one included.")
    thresholds: "Thresholds | None"
    time_used_seconds: int | None
    sections: list[SectionResult]
    answers: list[AnswerResult]
    reviewed_by_id: uuid.UUID | None
    reviewed_at: datetime | None
    review_note: str | None


class Thresholds(BaseModel):
    auto_advance: Decimal
    manual_review: Decimal


class CriterionGrade(Schema):
    index: int = Field(ge=0, le=19, description="Position of the criterion in the question's rubric.")
    points: Decimal = Field(ge=0, le=1000, max_digits=7, decimal_places=2)


class EssayGrade(Schema):
    criteria: list[CriterionGrade] = Field(min_length=1, max_length=20)
    comment: str = Field("", max_length=5000)

    @field_validator("criteria")
    @classmethod
    def _distinct(cls, v: list[CriterionGrade]) -> list[CriterionGrade]:
        if len({c.index for c in v}) != len(v):
            raise ValueError("each criterion is graded once")
        return v


class MarkAnswer(Schema):
    mark: ReviewMark
    note: str = Field("", max_length=5000)


class Step1ReviewDecision(Schema):
    decision: Literal["advance", "reject"]
    note: str = Field(min_length=1, max_length=5000, description="Why: logged on the application's timeline.")


class GradingQueueItem(BaseModel):
    session_id: uuid.UUID
    position: int
    question_title: str
    assessment_name: str | None
    candidate_name: str | None
    submitted_at: datetime | None
    rubric: list[RubricCriterion]


class PortalAssessment(BaseModel):
    """A candidate's own invitation in the portal: open ones with their expiry, finished ones with the result
    when the assessment releases it."""

    invitation_id: uuid.UUID
    assessment_name: str | None
    job_title: str
    status: Literal["pending", "started", "completed", "expired", "revoked"]
    expires_at: datetime
    started_at: datetime | None
    completed_at: datetime | None
    result: PlayerResult | None


PlayerResult.model_rebuild()
SessionResults.model_rebuild()
