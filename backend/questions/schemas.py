"""Question-bank payloads. Three views of a question, never mixed:

* the **author's view** (`QuestionAuthorView`, people who may edit questions): everything;
* the **preview** (`QuestionPreview`, recruiters, interviewers and read-only API keys): the question as asked plus
  the essay rubric, but no correct options, explanation, hidden test cases, harness or reference solutions;
* the **candidate's view** (`CandidateQuestion`, for the test player): only what a candidate may see.
"""

import re
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, AliasChoices, BaseModel, BeforeValidator, ConfigDict, Field

from backend.kit.schemas import ReadSchema, Schema

QuestionType = Literal["mcq_single", "mcq_multi", "coding", "essay"]
Difficulty = Literal["easy", "medium", "hard"]
Comparison = Literal["exact", "trailing_whitespace", "tokens", "float"]
VerificationState = Literal["unverified", "passed", "failed"]
StepTag = Literal["step1_iq", "step1_technical", "step2_lead", "step2_engineer", "step3_cto", "step3_ceo"]

MAX_BODY = 20_000
MAX_CODE = 64_000
MAX_CASE_TEXT = 512 * 1024
MAX_CASES_TOTAL = 4 * 1024 * 1024
MAX_OPTIONS = 10
MAX_CASES = 100
MAX_LANGUAGES = 10
OPTION_IDS = "abcdefghij"

# Printable text: newlines and tabs are fine in long text, nothing else below 0x20 (nor DEL).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LINE_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _no_control(value: str) -> str:
    if _CONTROL.search(value):
        raise ValueError("Control characters are not allowed.")
    return value


def _one_line(value: str) -> str:
    if _LINE_CONTROL.search(value):
        raise ValueError("Must be a single line without control characters.")
    return value


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("NUL characters are not allowed.")
    return value


def _tag(value: Any) -> Any:
    return value.strip().lower() if isinstance(value, str) else value


Line = Annotated[str, AfterValidator(_one_line)]
Prose = Annotated[str, AfterValidator(_no_control)]
Code = Annotated[str, Field(max_length=MAX_CODE), AfterValidator(_no_nul)]
CaseText = Annotated[str, Field(max_length=MAX_CASE_TEXT), AfterValidator(_no_nul)]
Tag = Annotated[str, BeforeValidator(_tag), Field(min_length=1, max_length=40, pattern=r"^[a-z0-9][a-z0-9_+#.\- ]*$")]
# Language keys are the execution engine's language names (python, javascript, java, cpp …), kept as strings.
LanguageKey = Annotated[str, BeforeValidator(_tag), Field(pattern=r"^[a-z][a-z0-9_]{0,31}$")]


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))


Tags = Annotated[list[Tag], Field(max_length=20), AfterValidator(_unique)]


# --- content ------------------------------------------------------------------------------------------------
class OptionWrite(Schema):
    text: Prose = Field(min_length=1, max_length=2000)
    correct: bool = False


class RubricCriterion(Schema):
    criterion: Line = Field(min_length=1, max_length=200)
    points: int = Field(ge=0, le=1000)
    guidance: Prose = Field("", max_length=2000)


class Verbatim(Schema):
    """Code and program input / output are kept exactly as written: whitespace can be what a case tests."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False)


class CaseSpec(Verbatim):
    stdin: CaseText = ""
    expected_stdout: CaseText
    visible: bool = Field(False, description="Visible cases are shown to candidates as examples.")
    weight: int = Field(1, ge=1, le=100)


class LanguageCode(Verbatim):
    starter: Code = Field("", description="What the candidate's editor starts with.")
    harness: Code = Field(
        "",
        description="Code run with the candidate's code in the same program. If it contains the line `{{code}}`, "
        "the candidate's code replaces that line; otherwise the harness is appended after the candidate's code.",
    )
    reference: Code = Field(min_length=1, description="A correct solution, run by Verify against every case.")


class CodingSpec(Schema):
    languages: dict[LanguageKey, LanguageCode] = Field(min_length=1, max_length=MAX_LANGUAGES)
    test_cases: list[CaseSpec] = Field(min_length=1, max_length=MAX_CASES)
    time_limit_ms: int = Field(2000, ge=100, le=20_000, description="Per test case.")
    memory_limit_mb: int = Field(256, ge=16, le=2048)
    comparison: Comparison = "trailing_whitespace"
    float_tolerance: float | None = Field(
        None, gt=0, le=1, description="Absolute or relative tolerance; required with comparison 'float'."
    )


class QuestionContent(Schema):
    """What a version holds. Type-specific rules (one correct option for mcq_single …) are checked by
    `backend.questions.content.problems`, so every broken rule names its field."""

    type: QuestionType
    title: Line = Field(min_length=1, max_length=300)
    body: Prose = Field(min_length=1, max_length=MAX_BODY, description="Markdown; rendered without raw HTML.")
    difficulty: Difficulty = "medium"
    points: int = Field(1, ge=1, le=1000)
    expected_minutes: int = Field(5, ge=1, le=240)
    explanation: Prose = Field("", max_length=10_000, description="Why the answer is right (authors only).")
    options: list[OptionWrite] = Field(default_factory=list, max_length=MAX_OPTIONS)
    rubric: list[RubricCriterion] = Field(default_factory=list, max_length=20)
    coding: CodingSpec | None = None


class QuestionCreate(QuestionContent):
    bank_id: uuid.UUID
    tags: Tags = Field(default_factory=list)
    enabled: bool = True


class ImportedQuestion(QuestionContent):
    """A question in an import file: with `id`, it updates that question of the organization."""

    id: uuid.UUID | None = None
    tags: Tags = Field(default_factory=list)
    enabled: bool = True


class QuestionUpdate(QuestionContent):
    """The whole content. A question already served to a test session gets a new version; otherwise it is
    edited in place. The type cannot change."""

    tags: Tags | None = None


class QuestionPatch(Schema):
    """Switches that never create a version."""

    enabled: bool | None = None
    bank_id: uuid.UUID | None = None
    tags: Tags | None = None


class BulkAction(Schema):
    question_ids: list[uuid.UUID] = Field(min_length=1, max_length=500)
    action: Literal["enable", "disable", "move"]
    bank_id: uuid.UUID | None = Field(None, description="Target bank for 'move'.")


class BulkResult(BaseModel):
    updated: int


# --- banks --------------------------------------------------------------------------------------------------
class BankCreate(Schema):
    name: Line = Field(min_length=1, max_length=120)
    description: Prose = Field("", max_length=5000)
    tags: Tags = Field(default_factory=list, description="Step tags (step1_iq … step3_ceo) and free tags.")
    language: LanguageKey | None = None
    enabled: bool = True


class BankUpdate(Schema):
    name: Line | None = Field(None, min_length=1, max_length=120)
    description: Prose | None = Field(None, max_length=5000)
    tags: Tags | None = None
    language: LanguageKey | None = None
    enabled: bool | None = None


class BankRead(ReadSchema):
    id: uuid.UUID
    name: str
    description: str
    tags: list[str]
    language: str | None
    enabled: bool
    question_count: int = 0
    enabled_count: int = 0
    created_at: datetime
    updated_at: datetime


class BankStats(BaseModel):
    """Counts for the bank page, from one grouped query."""

    total: int
    enabled: int
    by_type: dict[str, int]
    by_step: dict[str, int] = Field(description="Questions in banks carrying each step tag.")


# --- reads --------------------------------------------------------------------------------------------------
class QuestionSummary(ReadSchema):
    """A row of the bank table: no content, the same for every reader."""

    id: uuid.UUID
    bank_id: uuid.UUID
    type: QuestionType
    title: str
    difficulty: Difficulty
    points: int
    expected_minutes: int
    tags: list[str]
    languages: list[str]
    enabled: bool
    current_version_id: uuid.UUID | None
    version: int = Field(validation_alias=AliasChoices("latest_number", "version"))
    times_served: int = Field(
        description="Test sessions given any version of this question (leak signal; recounted in the background, "
        "a few seconds behind test starts)."
    )
    verification: VerificationState | None
    created_at: datetime
    updated_at: datetime


class OptionRead(BaseModel):
    id: str
    text: str
    correct: bool


class CaseVerdict(Schema):
    """One reference solution on one test case, as reported by the execution engine."""

    language: LanguageKey
    case_index: int = Field(ge=0, description="Position of the case in the version's test_cases.")
    verdict: str = Field(max_length=40, description="accepted, wrong_answer, time_limit_exceeded …")
    time_ms: int | None = Field(None, ge=0)
    memory_kb: int | None = Field(None, ge=0)
    message: str | None = Field(None, max_length=4000, description="Compiler message or error excerpt.")


class Verification(BaseModel):
    status: VerificationState
    verified_at: datetime | None = None
    results: list[CaseVerdict] = Field(default_factory=list)


class VersionMeta(BaseModel):
    version_id: uuid.UUID
    number: int
    times_served: int
    last_served_at: datetime | None
    created_at: datetime
    updated_at: datetime
    created_by_id: uuid.UUID | None


class AuthorContent(BaseModel):
    type: QuestionType
    title: str
    body: str
    difficulty: Difficulty
    points: int
    expected_minutes: int
    explanation: str
    options: list[OptionRead]
    rubric: list[RubricCriterion]
    coding: CodingSpec | None
    verification: Verification | None


class QuestionAuthorView(QuestionSummary):
    view: Literal["author"] = "author"
    version_meta: VersionMeta
    content: AuthorContent
    edit_creates_version: bool = Field(description="This version was served: saving content makes a new version.")
    can_enable: bool = Field(description="False for a coding question whose reference solutions have not passed.")


class PublicOption(BaseModel):
    id: str
    text: str


class Example(BaseModel):
    stdin: str
    expected_stdout: str


class StarterCode(BaseModel):
    starter: str


class PreviewCoding(BaseModel):
    languages: dict[str, StarterCode]
    examples: list[Example] = Field(description="The visible test cases only.")
    hidden_cases: int
    time_limit_ms: int
    memory_limit_mb: int
    comparison: Comparison


class PreviewContent(BaseModel):
    type: QuestionType
    title: str
    body: str
    difficulty: Difficulty
    points: int
    expected_minutes: int
    options: list[PublicOption]
    rubric: list[RubricCriterion] = Field(description="For essays: what the grader looks for.")
    coding: PreviewCoding | None


class QuestionPreview(QuestionSummary):
    view: Literal["preview"] = "preview"
    version_meta: VersionMeta
    content: PreviewContent


QuestionView = Annotated[QuestionAuthorView | QuestionPreview, Field(discriminator="view")]


class VersionSummary(BaseModel):
    version_id: uuid.UUID
    number: int
    title: str
    is_current: bool
    times_served: int
    last_served_at: datetime | None
    verification: VerificationState | None
    created_at: datetime
    updated_at: datetime
    created_by_id: uuid.UUID | None


class CandidateCoding(BaseModel):
    languages: dict[str, StarterCode]
    examples: list[Example]
    time_limit_ms: int
    memory_limit_mb: int


class CandidateQuestion(BaseModel):
    """A question version as a candidate sees it in the test player: no correct options, explanation, rubric,
    hidden test cases, harness or reference solutions."""

    version_id: uuid.UUID
    type: QuestionType
    title: str
    body: str
    points: int
    expected_minutes: int
    options: list[PublicOption]
    coding: CandidateCoding | None


# --- import, export, backups ----------------------------------------------------------------------------------
class ImportProblem(BaseModel):
    sheet: str
    row: int | None
    column: str
    message: str


class QuestionImportResult(BaseModel):
    dry_run: bool
    created: int = Field(description="Questions created (would be created, on a dry run).")
    updated: int = Field(description="Existing questions whose content or switches changed.")
    unchanged: int
    banks_created: list[str]
    backup_id: uuid.UUID | None = Field(description="The backup of the affected banks taken before the import.")
    warnings: list[ImportProblem]


class BackupCreate(Schema):
    bank_ids: list[uuid.UUID] | None = Field(None, max_length=200, description="Default: every bank.")


class BackupRead(ReadSchema):
    id: uuid.UUID
    reason: Literal["import", "manual"]
    bank_names: list[str]
    question_count: int
    note: str
    file_id: uuid.UUID
    created_by_id: uuid.UUID | None
    created_at: datetime


# --- suggestions and issue reports ------------------------------------------------------------------------------
IssueCategory = Literal["wrong_answer", "unclear", "typo", "outdated", "too_easy", "too_hard", "leaked", "other"]


class SuggestionCreate(Schema):
    bank_id: uuid.UUID | None = Field(None, description="The bank the question would fit (the admin decides).")
    question: QuestionContent
    tags: Tags = Field(default_factory=list)
    note: Prose = Field("", max_length=2000)


class IssueReportCreate(Schema):
    category: IssueCategory
    message: Prose = Field(min_length=1, max_length=4000)


class FeedbackAccept(Schema):
    bank_id: uuid.UUID | None = Field(None, description="Suggestions: the bank the question enters.")
    enabled: bool = Field(False, description="Suggestions: enable the new question at once (not for coding).")
    note: Prose = Field("", max_length=2000)


class FeedbackDecline(Schema):
    note: Prose = Field(min_length=1, max_length=2000)


class FeedbackRead(ReadSchema):
    id: uuid.UUID
    kind: Literal["suggestion", "issue"]
    status: Literal["open", "accepted", "resolved", "declined"]
    author_id: uuid.UUID | None
    author_name: str | None = None
    question_id: uuid.UUID | None
    version_id: uuid.UUID | None
    bank_id: uuid.UUID | None
    category: str | None
    message: str
    proposal: dict[str, Any] | None
    resolution_note: str | None
    resolved_by_id: uuid.UUID | None
    resolved_at: datetime | None
    created_question_id: uuid.UUID | None
    created_at: datetime


@dataclass(frozen=True)
class QuestionFilters:
    """What a question search filters on (every field optional)."""

    q: str | None = None
    bank_id: uuid.UUID | None = None
    step: str | None = None
    type: str | None = None
    difficulty: str | None = None
    language: str | None = None
    tag: str | None = None
    enabled: bool | None = None
    verification: str | None = None
