"""What a run is made of, and what comes back: plain immutable data shared by both backends."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from enum import StrEnum


class Verdict(StrEnum):
    """Per-case verdicts, named like Judge0's statuses."""

    ACCEPTED = "accepted"
    WRONG_ANSWER = "wrong_answer"
    TIME_LIMIT_EXCEEDED = "time_limit_exceeded"
    MEMORY_LIMIT_EXCEEDED = "memory_limit_exceeded"
    RUNTIME_ERROR = "runtime_error"
    COMPILATION_ERROR = "compilation_error"
    OUTPUT_LIMIT_EXCEEDED = "output_limit_exceeded"
    INTERNAL_ERROR = "internal_error"


class CompareMode(StrEnum):
    EXACT = "exact"  # byte for byte (line endings normalised to \n)
    TRAILING_WHITESPACE = "trailing_whitespace"  # each line's trailing blanks and trailing empty lines ignored
    TOKENS = "tokens"  # whitespace-separated tokens, any spacing or line breaks
    FLOAT = "float"  # tokens; numbers equal within an absolute or relative tolerance


@dataclass(frozen=True)
class LanguageSpec:
    """How to build and start a program. Commands are split like a shell would (no shell runs them) and may use
    `{memory_mb}`, the case's memory limit, for runtimes that manage their own heap (Java, Node)."""

    key: str
    source_file: str
    run_command: str
    compile_command: str | None = None
    # Address space the runtime reserves on top of the program's own memory (JIT code cache, class space, V8's
    # reservations); the address-space limit is memory limit + this.
    runtime_memory_mb: int = 0
    judge0_id: int | None = None


@dataclass(frozen=True)
class Limits:
    time_limit_ms: int = 2000  # CPU time per case
    memory_limit_mb: int = 256  # per case
    output_limit_kb: int = 1024  # stdout + stderr per case

    @property
    def wall_time_limit_ms(self) -> int:
        """A program waiting on nothing (sleep, a blocked read) uses no CPU; the wall clock stops it. Generous,
        so that a busy machine does not turn an honest program into a time-out: CPU time is what is judged."""
        return self.time_limit_ms * 3 + 2000


@dataclass(frozen=True)
class Comparison:
    mode: CompareMode = CompareMode.TRAILING_WHITESPACE
    float_tolerance: float = 1e-6


@dataclass(frozen=True)
class Case:
    stdin: str = ""
    # None: nothing to compare ("run with my input"); the case is accepted when the program exits normally.
    expected_stdout: str | None = None


@dataclass(frozen=True)
class RunSpec:
    language: LanguageSpec
    source: str
    cases: tuple[Case, ...]
    harness: str | None = None
    limits: Limits = Limits()
    comparison: Comparison = Comparison()


@dataclass
class CaseResult:
    verdict: Verdict
    time_ms: int | None = None  # CPU time (user + system)
    memory_kb: int | None = None  # peak resident memory
    exit_code: int | None = None
    signal: int | None = None
    stdout: str = ""  # excerpts; the caller decides who may see them
    stderr: str = ""
    message: str | None = None  # one line a person can read: "Killed by SIGSEGV", "Differs at line 3"

    def as_dict(self) -> dict[str, object]:
        return {
            "verdict": self.verdict.value,
            "time_ms": self.time_ms,
            "memory_kb": self.memory_kb,
            "exit_code": self.exit_code,
            "signal": self.signal,
            "stdout": self.stdout,
            "stderr": self.stderr,
            "message": self.message,
        }


@dataclass
class CompileResult:
    ok: bool
    output: str = ""  # the compiler's messages (excerpt)
    time_ms: int | None = None
    internal_error: bool = False  # the sandbox failed, not the candidate's code


@dataclass
class RunOutcome:
    compile: CompileResult | None = None  # None for interpreted languages
    cases: list[CaseResult] = field(default_factory=list)

    @property
    def verdict(self) -> Verdict:
        """The run's verdict: the compiler's, else the first case that was not accepted, else accepted."""
        if self.compile is not None and not self.compile.ok:
            return Verdict.INTERNAL_ERROR if self.compile.internal_error else Verdict.COMPILATION_ERROR
        for case in self.cases:
            if case.verdict is not Verdict.ACCEPTED:
                return case.verdict
        return Verdict.ACCEPTED


# Progress callbacks: after compiling, and after each case (its index and result).
OnCompiled = Callable[[CompileResult], Awaitable[None]]
OnCase = Callable[[int, CaseResult], Awaitable[None]]

EXCERPT_CHARS = 4096
COMPILE_OUTPUT_CHARS = 16384


def excerpt(data: bytes | str, limit: int = EXCERPT_CHARS) -> str:
    text = data.decode("utf-8", errors="replace") if isinstance(data, bytes) else data
    text = text.replace("\x00", "\ufffd")  # PostgreSQL text cannot hold NUL
    return text if len(text) <= limit else text[:limit] + f"\n… ({len(text) - limit} more characters)"
