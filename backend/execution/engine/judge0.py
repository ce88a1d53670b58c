"""The Judge0 backend: the same interface over a Judge0 server's batch submissions API.

For organisations that outgrow one machine. Judge0 compiles each submission itself, so a run of N cases is N
submissions of the same program (its compile-per-case cost is Judge0's, not ours). We send no expected output:
outputs are compared here, with the same comparison modes as the local sandbox.

Requests (https://ce.judge0.com, API version 1.13):
* `POST {url}/submissions/batch?base64_encoded=true` with `{"submissions": [...]}` (at most 20 per batch, the
  server's default `MAX_SUBMISSION_BATCH_SIZE`), answered with one `{"token": ...}` (or an error object) per
  submission;
* `GET {url}/submissions/batch?tokens=a,b,…&base64_encoded=true&fields=…` until no submission is "In Queue" (1) or
  "Processing" (2).
* The token, when set, goes in the `X-Auth-Token` header (Judge0's default authentication header).

Status mapping (Judge0 status id → our verdict):
    1 In Queue, 2 Processing          → keep polling
    3 Accepted                        → our own comparison: accepted / wrong answer
    4 Wrong Answer                    → wrong answer (only if an expected output was sent; we send none)
    5 Time Limit Exceeded             → time limit exceeded
    6 Compilation Error               → compilation error (the run's, with `compile_output`)
    7 Runtime Error (SIGSEGV)         → runtime error, signal 11
    8 Runtime Error (SIGXFSZ)         → output limit exceeded
    9 Runtime Error (SIGFPE)          → runtime error, signal 8
    10 Runtime Error (SIGABRT)        → runtime error, signal 6 (memory limit exceeded if it ran out of memory)
    11 Runtime Error (NZEC)           → runtime error with `exit_code` (memory limit exceeded if it ran out)
    12 Runtime Error (Other)          → runtime error
    13 Internal Error, 14 Exec Format Error → internal error
"""

import asyncio
import base64
import time
from typing import Any

import httpx

from backend.execution.engine import harness
from backend.execution.engine.compare import difference
from backend.execution.engine.spec import (
    COMPILE_OUTPUT_CHARS,
    CaseResult,
    CompileResult,
    OnCase,
    OnCompiled,
    RunOutcome,
    RunSpec,
    Verdict,
    excerpt,
)

BATCH_SIZE = 20
FIELDS = "token,status,stdout,stderr,compile_output,message,time,memory,exit_code,exit_signal"
_POLL_FIRST, _POLL_MAX = 0.2, 2.0
_OUT_OF_MEMORY = ("MemoryError", "std::bad_alloc", "OutOfMemoryError", "heap out of memory", "out of memory")
_SIGNAL_OF_STATUS = {7: 11, 9: 8, 10: 6}
STATUS_VERDICTS: dict[int, Verdict] = {
    4: Verdict.WRONG_ANSWER,
    5: Verdict.TIME_LIMIT_EXCEEDED,
    6: Verdict.COMPILATION_ERROR,
    7: Verdict.RUNTIME_ERROR,
    8: Verdict.OUTPUT_LIMIT_EXCEEDED,
    9: Verdict.RUNTIME_ERROR,
    10: Verdict.RUNTIME_ERROR,
    11: Verdict.RUNTIME_ERROR,
    12: Verdict.RUNTIME_ERROR,
    13: Verdict.INTERNAL_ERROR,
    14: Verdict.INTERNAL_ERROR,
}


class Judge0Error(Exception):
    """Judge0 refused or failed a request: every case of the run is an internal error."""


def _b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def _unb64(value: str | None) -> str:
    if not value:
        return ""
    try:
        return base64.b64decode(value, validate=True).decode("utf-8", errors="replace")
    except ValueError:  # some Judge0 versions send `message` as plain text even in base64 mode
        return value


class Judge0Backend:
    name = "judge0"

    def __init__(self, url: str, token: str = "", *, timeout: float = 30, poll_deadline: float | None = None) -> None:
        self.url = url.rstrip("/")
        self.headers = {"X-Auth-Token": token} if token else {}
        self.timeout = timeout
        self.poll_deadline = poll_deadline

    def _submission(self, spec: RunSpec, program: str, stdin: str) -> dict[str, Any]:
        limits = spec.limits
        return {
            "language_id": spec.language.judge0_id,
            "source_code": _b64(program),
            "stdin": _b64(stdin),
            "cpu_time_limit": limits.time_limit_ms / 1000,
            "wall_time_limit": limits.wall_time_limit_ms / 1000,
            "memory_limit": limits.memory_limit_mb * 1024,  # KB
            "max_file_size": limits.output_limit_kb,  # KB: Judge0 caps what the program writes
            "enable_network": False,
        }

    async def execute(
        self, spec: RunSpec, on_compiled: OnCompiled | None = None, on_case: OnCase | None = None
    ) -> RunOutcome:
        if spec.language.judge0_id is None:
            raise Judge0Error(f"The language '{spec.language.key}' has no Judge0 language id.")
        program = harness.combine(spec.language.source_file, spec.source, spec.harness)
        outcome = RunOutcome(cases=[CaseResult(Verdict.INTERNAL_ERROR) for _ in spec.cases])
        async with httpx.AsyncClient(base_url=self.url, headers=self.headers, timeout=self.timeout) as client:
            tokens: list[str] = []
            for start in range(0, len(spec.cases), BATCH_SIZE):
                batch = [self._submission(spec, program, c.stdin) for c in spec.cases[start : start + BATCH_SIZE]]
                tokens += await self._create(client, batch)
            done: set[int] = set()
            delay = _POLL_FIRST
            deadline = time.monotonic() + (
                self.poll_deadline or 60 + len(spec.cases) * spec.limits.wall_time_limit_ms / 1000
            )
            while len(done) < len(tokens):
                if time.monotonic() > deadline:
                    raise Judge0Error("Judge0 did not finish the run in time.")
                await asyncio.sleep(delay)
                delay = min(delay * 2, _POLL_MAX)
                for index, sub in await self._fetch(client, tokens, done):
                    status = int((sub.get("status") or {}).get("id", 13))
                    if status in (1, 2):
                        continue
                    done.add(index)
                    if status == 6:  # compilation failed: the same for every case, report it once
                        outcome.compile = CompileResult(
                            ok=False, output=excerpt(_unb64(sub.get("compile_output")), COMPILE_OUTPUT_CHARS)
                        )
                        if on_compiled:
                            await on_compiled(outcome.compile)
                        outcome.cases = []
                        return outcome
                    result = self._judge(spec, index, status, sub)
                    outcome.cases[index] = result
                    if on_case:
                        await on_case(index, result)
        return outcome

    async def _create(self, client: httpx.AsyncClient, batch: list[dict[str, Any]]) -> list[str]:
        r = await client.post("/submissions/batch", params={"base64_encoded": "true"}, json={"submissions": batch})
        if r.status_code >= 400:
            raise Judge0Error(f"Judge0 refused the submissions ({r.status_code}): {r.text[:300]}")
        answer = r.json()
        if not isinstance(answer, list) or len(answer) != len(batch):
            raise Judge0Error("Judge0 answered the batch with something else than one entry per submission.")
        tokens = []
        for item in answer:
            if not isinstance(item, dict) or "token" not in item:
                raise Judge0Error(f"Judge0 refused a submission: {str(item)[:300]}")
            tokens.append(str(item["token"]))
        return tokens

    async def _fetch(
        self, client: httpx.AsyncClient, tokens: list[str], done: set[int]
    ) -> list[tuple[int, dict[str, Any]]]:
        pending = [i for i in range(len(tokens)) if i not in done]
        out: list[tuple[int, dict[str, Any]]] = []
        for start in range(0, len(pending), BATCH_SIZE):
            indexes = pending[start : start + BATCH_SIZE]
            r = await client.get(
                "/submissions/batch",
                params={"tokens": ",".join(tokens[i] for i in indexes), "base64_encoded": "true", "fields": FIELDS},
            )
            if r.status_code >= 400:
                raise Judge0Error(f"Judge0 could not report the submissions ({r.status_code}): {r.text[:300]}")
            subs = r.json().get("submissions") or []
            by_token = {s.get("token"): s for s in subs if isinstance(s, dict)}
            out += [(i, by_token[tokens[i]]) for i in indexes if tokens[i] in by_token]
        return out

    def _judge(self, spec: RunSpec, index: int, status: int, sub: dict[str, Any]) -> CaseResult:
        stdout, stderr = _unb64(sub.get("stdout")), _unb64(sub.get("stderr"))
        seconds = sub.get("time")
        exit_code, signal = sub.get("exit_code"), sub.get("exit_signal") or _SIGNAL_OF_STATUS.get(status)
        result = CaseResult(
            Verdict.ACCEPTED,
            time_ms=round(float(seconds) * 1000) if seconds is not None else None,
            memory_kb=sub.get("memory"),
            exit_code=exit_code,
            signal=signal,
            stdout=excerpt(stdout),
            stderr=excerpt(stderr),
        )
        expected = spec.cases[index].expected_stdout
        if status == 3:
            if len(stdout.encode()) > spec.limits.output_limit_kb * 1024:
                result.verdict, result.message = Verdict.OUTPUT_LIMIT_EXCEEDED, "Printed more than the limit."
            elif expected is not None and (reason := difference(stdout, expected, spec.comparison)):
                result.verdict, result.message = Verdict.WRONG_ANSWER, reason
            return result
        result.verdict = STATUS_VERDICTS.get(status, Verdict.INTERNAL_ERROR)
        message = sub.get("message")
        result.message = _unb64(message) if message else (sub.get("status") or {}).get("description")
        if result.verdict is Verdict.RUNTIME_ERROR and any(m in stderr for m in _OUT_OF_MEMORY):
            result.verdict = Verdict.MEMORY_LIMIT_EXCEEDED
        return result
