"""The code-execution engine as the rest of InterviewFlow sees it.

For other domains (question verification, a candidate's "run visible tests", grading):

    run = await submit_run(session, org_id, RunCreate(...), purpose="question_verify",
                           requested_by=user_id, subject=("question_version", str(version.id)))
    # ... the request commits; the worker runs it; the person who asked gets `execution_run` events live.
    @on_run_finished("question_verify")          # in your domain's tasks.py (the worker imports it)
    async def _verified(session, run: ExecutionRun) -> None: ...   # same transaction as the results
    view = await get_run(session, org_id, run_id)   # any time: status, verdict, results per case
    views = await runs_for_subject(session, org_id, ("question_version", str(version.id)))   # newest first

`submit_run` only persists the run and enqueues its job, in the caller's transaction; nothing runs inside an API
process. The caller decides what its users may see of the results (hidden cases, outputs).
"""

import logging
import uuid
from collections import defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from backend.audit import service as audit
from backend.auth.principal import Principal
from backend.config import get_settings
from backend.errors import Conflict, NotFound, TooManyRequests, ValidationFailed
from backend.execution.engine.backends import ExecutionBackend, backend_for
from backend.execution.engine.spec import (
    Case,
    CaseResult,
    CompareMode,
    Comparison,
    CompileResult,
    LanguageSpec,
    Limits,
    RunOutcome,
    RunSpec,
    Verdict,
)
from backend.execution.models import ExecutionRun, Language
from backend.execution.repository import LanguageRepository, RunRepository, run_for_update
from backend.execution.schemas import CaseResultRead, LanguageRead, RunCreate, RunEvent, RunRead
from backend.jobs.runtime import task_session
from backend.notifications.service import push_live_event
from backend.worker import EXECUTION_QUEUE, enqueue

log = logging.getLogger("interviewflow.execution")

RUN_TASK = "execution.run"
LIVE_EVENT = "execution_run"
RunFinished = Callable[[AsyncSession, ExecutionRun], Awaitable[None]]
_finish_hooks: dict[str, list[RunFinished]] = defaultdict(list)


@dataclass(frozen=True)
class RunQuota:
    """How much one person may ask of the engine: runs per minute, and runs waiting or running at once."""

    per_minute: int = 20
    in_flight: int = 3


SCRATCH_QUOTA = RunQuota()


def on_run_finished(purpose: str) -> Callable[[RunFinished], RunFinished]:
    """Register a callback for runs of `purpose`, called in the transaction that stores the results (so the
    results and what the caller derives from them commit together). Register it in a module the worker imports
    (your domain's tasks.py)."""

    def register(fn: RunFinished) -> RunFinished:
        _finish_hooks[purpose].append(fn)
        return fn

    return register


# --- languages -----------------------------------------------------------------------------------------------


def _language_read(language: Language, enabled: bool) -> LanguageRead:
    return LanguageRead(
        key=language.key,
        name=language.name,
        version=language.version,
        source_file=language.source_file,
        compile_command=language.compile_command,
        run_command=language.run_command,
        codemirror_mode=language.codemirror_mode,
        available=language.enabled,
        enabled=enabled,
    )


async def list_languages(session: AsyncSession, organization_id: uuid.UUID) -> list[LanguageRead]:
    """Every language, with whether this organization may use it."""
    return [_language_read(lang, on) for lang, on in await LanguageRepository(session, organization_id).all()]


async def enabled_language(session: AsyncSession, organization_id: uuid.UUID, key: str, field: str) -> Language:
    """The language `key` if the organization may use it; a 422 on `field` otherwise."""
    found = await LanguageRepository(session, organization_id).by_key(key)
    if found is None or not found[1]:
        raise ValidationFailed.on(field, f"'{key}' is not a language this organization uses.")
    return found[0]


async def set_language_enabled(session: AsyncSession, principal: Principal, key: str, enabled: bool) -> LanguageRead:
    assert principal.organization_id is not None
    repo = LanguageRepository(session, principal.organization_id)
    found = await repo.by_key(key)
    if found is None:
        raise NotFound(f"No language '{key}'.")
    language, was = found
    if enabled and not language.enabled:
        raise Conflict(f"{language.name} is not installed on this platform.")
    await repo.choose(language.id, enabled)
    if was != enabled:
        await audit.record(
            session,
            principal,
            "language.enabled" if enabled else "language.disabled",
            "language",
            language.id,
            organization_id=principal.organization_id,
            before={"enabled": was},
            after={"enabled": enabled},
        )
    return _language_read(language, enabled)


# --- runs ----------------------------------------------------------------------------------------------------


async def submit_run(
    session: AsyncSession,
    organization_id: uuid.UUID,
    request: RunCreate,
    *,
    purpose: str,
    requested_by: uuid.UUID | None,
    subject: tuple[str, str] | None = None,
    quota: RunQuota | None = None,
) -> ExecutionRun:
    """Persist a run and enqueue it, in the caller's transaction; returns at once (status `queued`).

    `requested_by` receives the live `execution_run` events; `subject` is the caller's own reference, kept on
    the run for lookups; `quota`, for endpoints people call directly, answers 429 past it."""
    language = await enabled_language(session, organization_id, request.language, "language")
    repo = RunRepository(session, organization_id)
    if quota is not None and requested_by is not None:
        now = datetime.now(UTC)
        if await repo.count_since(requested_by, now - timedelta(minutes=1)) >= quota.per_minute:
            raise TooManyRequests("Too many runs in the last minute; wait a little.", headers={"Retry-After": "60"})
        if await repo.count_since(requested_by, now - timedelta(hours=1), unfinished=True) >= quota.in_flight:
            raise TooManyRequests(
                "Your earlier runs are still waiting or running; try again when they finish.",
                headers={"Retry-After": "5"},
            )
    run = repo.add(
        ExecutionRun(
            requested_by_id=requested_by,
            purpose=purpose,
            subject_type=subject[0] if subject else None,
            subject_id=subject[1] if subject else None,
            language_id=language.id,
            source=request.source,
            harness=request.harness,
            cases=[c.model_dump() for c in request.cases],
            limits=request.limits.model_dump(),
            comparison=request.comparison.model_dump(mode="json"),
            status="queued",
            results=[],
        )
    )
    await session.flush()
    await enqueue(
        session, RUN_TASK, queue_name=EXECUTION_QUEUE, run_id=str(run.id), organization_id=str(organization_id)
    )
    return run


def read_run(run: ExecutionRun, language_key: str) -> RunRead:
    cases = [
        CaseResultRead(index=i, name=(run.cases[i] or {}).get("name") if i < len(run.cases) else None, **result)
        for i, result in enumerate(run.results)
    ]
    return RunRead(
        id=run.id,
        purpose=run.purpose,
        subject_type=run.subject_type,
        subject_id=run.subject_id,
        language=language_key,
        status=run.status,
        verdict=Verdict(run.verdict) if run.verdict else None,
        compile_output=run.compile_output,
        passed=sum(r["verdict"] == Verdict.ACCEPTED for r in run.results),
        total=len(run.cases),
        cases=cases,
        created_at=run.created_at,
        started_at=run.started_at,
        finished_at=run.finished_at,
    )


async def get_run(session: AsyncSession, organization_id: uuid.UUID, run_id: uuid.UUID) -> RunRead:
    """Any run of the organization (for other domains, which apply their own visibility rules)."""
    found = await RunRepository(session, organization_id).get_with_language(run_id)
    if found is None:
        raise NotFound("Run not found.")
    return read_run(*found)


async def runs_for_subject(
    session: AsyncSession, organization_id: uuid.UUID, subject: tuple[str, str]
) -> list[RunRead]:
    """The runs a caller attached to one of its things (newest first, at most 100): e.g. the latest verification
    of a question version in each language."""
    rows = await RunRepository(session, organization_id).for_subject(*subject)
    return [read_run(run, key) for run, key in rows]


async def run_for(session: AsyncSession, principal: Principal, run_id: uuid.UUID) -> RunRead:
    """A run as its requester sees it; others need `code:read_runs`. Anyone else gets 404, as if it did not
    exist."""
    assert principal.organization_id is not None
    found = await RunRepository(session, principal.organization_id).get_with_language(run_id)
    if found is None or (found[0].requested_by_id != principal.id and not principal.can("code:read_runs")):
        raise NotFound("Run not found.")
    return read_run(*found)


async def scratch_run(session: AsyncSession, principal: Principal, request: RunCreate) -> RunRead:
    """An author's run of any program against any cases (trying a harness, a reference solution)."""
    assert principal.organization_id is not None
    run = await submit_run(
        session, principal.organization_id, request, purpose="scratch", requested_by=principal.id, quota=SCRATCH_QUOTA
    )
    await audit.record(
        session,
        principal,
        "code.run",
        "execution_run",
        run.id,
        organization_id=principal.organization_id,
        after={"language": request.language, "cases": len(request.cases)},
    )
    return read_run(run, request.language)


# --- the worker's side ---------------------------------------------------------------------------------------


def _spec(run: ExecutionRun, language: Language) -> RunSpec:
    return RunSpec(
        language=LanguageSpec(
            key=language.key,
            source_file=language.source_file,
            compile_command=language.compile_command,
            run_command=language.run_command,
            runtime_memory_mb=language.runtime_memory_mb,
            judge0_id=language.judge0_id,
        ),
        source=run.source,
        harness=run.harness,
        cases=tuple(Case(c.get("stdin") or "", c.get("expected_stdout")) for c in run.cases),
        limits=Limits(**run.limits),
        comparison=Comparison(CompareMode(run.comparison["mode"]), float(run.comparison["float_tolerance"])),
    )


async def _publish(session: AsyncSession, run: ExecutionRun) -> None:
    if run.requested_by_id is None:
        return
    event = RunEvent(
        id=run.id,
        purpose=run.purpose,
        subject_type=run.subject_type,
        subject_id=run.subject_id,
        status=run.status,
        verdict=Verdict(run.verdict) if run.verdict else None,
        completed=len(run.results),
        passed=sum(r["verdict"] == Verdict.ACCEPTED for r in run.results),
        total=len(run.cases),
    )
    await push_live_event(session, run.requested_by_id, LIVE_EVENT, event.model_dump(mode="json"))


async def _update(run_id: uuid.UUID, change: Callable[[ExecutionRun], None]) -> None:
    async with task_session() as session:
        found = await run_for_update(session, run_id)
        if found is None:
            return
        change(found[0])
        await _publish(session, found[0])


def _failure(outcome: RunOutcome, total: int, message: str) -> RunOutcome:
    """The engine itself failed: what did not run is an internal error, never the candidate's fault."""
    missing = total - len(outcome.cases)
    outcome.cases += [CaseResult(Verdict.INTERNAL_ERROR, message=message) for _ in range(max(missing, 0))]
    return outcome


async def execute_run(run_id: uuid.UUID, backend: ExecutionBackend | None = None) -> Verdict | None:
    """Run a queued run to the end (the job's body). Idempotent: a finished run is left alone; one left
    `running` by a worker that died is run again from the start."""
    backend = backend or backend_for(get_settings())
    async with task_session() as session:
        found = await run_for_update(session, run_id)
        if found is None or found[0].status == "finished":
            return None
        run, language = found
        run.status, run.started_at, run.backend = "running", datetime.now(UTC), backend.name
        run.results, run.compile_output = [], None
        spec = _spec(run, language)
        await _publish(session, run)

    # Progress is stored as the results of the first k cases (a backend may finish cases out of order).
    done: dict[int, dict[str, Any]] = {}

    async def compiled(result: CompileResult) -> None:
        def change(r: ExecutionRun) -> None:
            r.compile_output = result.output

        await _update(run_id, change)

    async def case_done(index: int, result: CaseResult) -> None:
        done[index] = result.as_dict()
        prefix: list[dict[str, Any]] = []
        while len(prefix) in done:
            prefix.append(done[len(prefix)])

        def change(r: ExecutionRun) -> None:
            r.results = prefix

        await _update(run_id, change)

    outcome = RunOutcome()
    try:
        outcome = await backend.execute(spec, on_compiled=compiled, on_case=case_done)
    except Exception as exc:
        log.exception("execution failed", extra={"run_id": str(run_id)})
        failed = CaseResult(Verdict.INTERNAL_ERROR, message=f"The execution engine failed ({type(exc).__name__}).")
        outcome = RunOutcome(
            cases=[CaseResult(Verdict(done[i]["verdict"])) if i in done else failed for i in range(len(spec.cases))]
        )
    if outcome.compile is None or outcome.compile.ok:
        _failure(outcome, len(spec.cases), "The execution engine stopped before this case.")

    async with task_session() as session:
        found = await run_for_update(session, run_id)
        if found is None:
            return None
        run = found[0]
        run.status, run.finished_at = "finished", datetime.now(UTC)
        run.verdict = outcome.verdict.value
        run.compile_output = outcome.compile.output if outcome.compile else None
        # Results stored as they arrived stay as they were; a failure of the engine fills in the rest.
        run.results = [done.get(i) or case.as_dict() for i, case in enumerate(outcome.cases)]
        for hook in _finish_hooks.get(run.purpose, ()):
            await hook(session, run)
        await _publish(session, run)
    return outcome.verdict
