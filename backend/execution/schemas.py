import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from backend.execution.engine.spec import CompareMode, Verdict
from backend.kit.schemas import ReadSchema, Schema

# Bounds of what one run may carry; the API's body cap (see router.py) is tighter still.
MAX_SOURCE_CHARS = 64 * 1024
MAX_CASES = 50
MAX_CASE_CHARS = 256 * 1024  # stdin or expected output of one case
MAX_TOTAL_CASE_CHARS = 4 * 1024 * 1024
RunStatus = Literal["queued", "running", "finished"]


class LanguageRead(ReadSchema):
    key: str
    name: str
    version: str
    source_file: str
    compile_command: str | None
    run_command: str
    codemirror_mode: str
    available: bool = Field(description="Whether the platform carries it (installed on the workers).")
    enabled: bool = Field(description="Whether this organization's questions and candidates may use it.")


class LanguageUpdate(Schema):
    enabled: bool


class CaseIn(Schema):
    # Programs and their input and output are kept byte for byte: whitespace can be what a case tests.
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False)

    name: str | None = Field(None, max_length=100, description="Echoed back in the results, e.g. a test case id.")
    stdin: str = Field("", max_length=MAX_CASE_CHARS)
    expected_stdout: str | None = Field(
        None, max_length=MAX_CASE_CHARS, description="Omit to just run the program (accepted when it exits with 0)."
    )


class LimitsIn(Schema):
    time_limit_ms: int = Field(2000, ge=100, le=10_000, description="CPU time per case.")
    memory_limit_mb: int = Field(256, ge=16, le=512, description="Memory per case.")
    output_limit_kb: int = Field(1024, ge=1, le=8192, description="stdout + stderr per case.")


class ComparisonIn(Schema):
    mode: CompareMode = CompareMode.TRAILING_WHITESPACE
    float_tolerance: float = Field(1e-6, ge=0, le=1, description="Absolute or relative error, for `float`.")


class RunCreate(Schema):
    """A program and its test cases. `harness`, when given, is combined with `source` (see the harness convention
    in docs/api.md)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False)  # code is kept as written

    language: str = Field(max_length=32, description="A language key from GET /languages, e.g. `python3`.")
    source: Annotated[str, Field(min_length=1, max_length=MAX_SOURCE_CHARS)]
    harness: str | None = Field(None, max_length=MAX_SOURCE_CHARS)
    cases: list[CaseIn] = Field(default_factory=lambda: [CaseIn()], min_length=1, max_length=MAX_CASES)
    limits: LimitsIn = Field(default_factory=LimitsIn)
    comparison: ComparisonIn = Field(default_factory=ComparisonIn)

    @field_validator("cases")
    @classmethod
    def _total_size(cls, cases: list[CaseIn]) -> list[CaseIn]:
        total = sum(len(c.stdin) + len(c.expected_stdout or "") for c in cases)
        if total > MAX_TOTAL_CASE_CHARS:
            raise ValueError(f"Test cases may hold at most {MAX_TOTAL_CASE_CHARS // (1024 * 1024)} MB in all.")
        return cases


class CaseResultRead(BaseModel):
    index: int
    name: str | None = None
    verdict: Verdict
    time_ms: int | None = Field(
        None, description="CPU time, user + system (with the sandbox's own start-up, a few ms)."
    )
    memory_kb: int | None = Field(None, description="Peak resident memory.")
    exit_code: int | None = None
    signal: int | None = None
    stdout: str = Field("", description="The first 4 KB.")
    stderr: str = Field("", description="The first 4 KB.")
    message: str | None = Field(None, description="Why, in a sentence: 'Differs at line 3', 'Killed by SIGSEGV'.")


class RunRead(ReadSchema):
    id: uuid.UUID
    purpose: str
    subject_type: str | None
    subject_id: str | None
    language: str
    status: RunStatus
    verdict: Verdict | None = Field(None, description="Set when finished: the first case that failed, or accepted.")
    compile_output: str | None
    passed: int
    total: int
    cases: list[CaseResultRead] = Field(description="Results so far, in case order.")
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None


class RunEvent(BaseModel):
    """What the live stream says about a run (`event: execution_run`): no outputs, so that it is safe whoever
    asked. Fetch the run (or the caller's own view of it) for the details."""

    id: uuid.UUID
    purpose: str
    subject_type: str | None
    subject_id: str | None
    status: RunStatus
    verdict: Verdict | None
    completed: int
    passed: int
    total: int
