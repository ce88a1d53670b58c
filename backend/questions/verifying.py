"""Verify: run every reference solution of a coding question's current version on the execution engine, against
every test case, and record the verdicts when the runs are over (see verification.py for the rule).

The runs of one Verify share a subject, `("question_verify", "<version id>:<fingerprint prefix>:<batch>[e]")`:
the version, what its executable content was (so results computed on content edited meanwhile are refused as
stale), which click, and `e` when the question is to be enabled if it passes (the demo seed: its coding
questions become usable once their references are proven, without the seed waiting for the sandbox)."""

import logging
import secrets
import uuid
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from backend.audit import service as audit
from backend.auth.principal import Principal
from backend.execution import service as execution
from backend.execution.schemas import CaseIn, ComparisonIn, LimitsIn, RunCreate
from backend.questions import content
from backend.questions.repository import QuestionRepository, VersionRepository
from backend.questions.schemas import CaseVerdict
from backend.questions.verification import StaleVerification, current_execution_spec, record_verification

log = logging.getLogger("interviewflow.questions")
PURPOSE = "question_verify"
SUBJECT = "question_verify"
MAX_CASES, MAX_TIME_MS, MAX_MEMORY_MB = 50, 10_000, 512
FINGERPRINT_CHARS = 16


class VerificationStarted(BaseModel):
    question_id: uuid.UUID
    version_id: uuid.UUID
    languages: list[str]
    run_ids: list[uuid.UUID]


async def start_verification(
    session: AsyncSession,
    organization_id: uuid.UUID,
    question_id: uuid.UUID,
    *,
    actor: Principal | None,
    enable_on_pass: bool = False,
) -> VerificationStarted:
    """Queue one run per language (per 50 cases) of the current version's references. The person who asked
    gets the runs' `execution_run` events live; the verdicts are stored when the last run finishes."""
    spec = await current_execution_spec(session, organization_id, question_id)
    coding = spec.coding
    batch = secrets.token_hex(2) + ("e" if enable_on_pass else "")
    subject = (SUBJECT, f"{spec.version_id}:{spec.fingerprint[:FINGERPRINT_CHARS]}:{batch}")
    run_ids = []
    for language, code in sorted(coding.languages.items()):
        for first in range(0, len(coding.test_cases), MAX_CASES):
            cases = coding.test_cases[first : first + MAX_CASES]
            run = await execution.submit_run(
                session,
                organization_id,
                RunCreate(
                    language=language,
                    source=code.reference,
                    harness=code.harness or None,
                    cases=[
                        CaseIn(name=str(first + i), stdin=c.stdin, expected_stdout=c.expected_stdout)
                        for i, c in enumerate(cases)
                    ],
                    limits=LimitsIn(
                        time_limit_ms=min(coding.time_limit_ms, MAX_TIME_MS),
                        memory_limit_mb=min(coding.memory_limit_mb, MAX_MEMORY_MB),
                    ),
                    comparison=ComparisonIn(mode=coding.comparison, float_tolerance=coding.float_tolerance or 1e-6),
                ),
                purpose=PURPOSE,
                requested_by=actor.id if actor is not None and actor.kind == "user" else None,
                subject=subject,
            )
            run_ids.append(run.id)
    await audit.record(
        session,
        actor,
        "question.verify_started",
        "question",
        question_id,
        organization_id=organization_id,
        actor_label=None if actor else "demo seed",
        after={"version_id": spec.version_id, "languages": sorted(coding.languages), "runs": len(run_ids)},
    )
    return VerificationStarted(
        question_id=question_id, version_id=spec.version_id, languages=sorted(coding.languages), run_ids=run_ids
    )


async def verification_run_finished(session: AsyncSession, run: Any) -> None:
    """When a Verify run finishes (in its transaction): if it was the last of its batch, record the verdicts.
    The question is locked first, so two runs finishing at once in two workers record once, with both."""
    if run.subject_type != SUBJECT or not run.subject_id:
        return
    org = run.organization_id
    raw_version, prefix, batch = run.subject_id.split(":")
    version = await VersionRepository(session, org).get(uuid.UUID(raw_version))
    if version is None:
        return
    question = await QuestionRepository(session, org).get_for_update(version.question_id)
    if question is None:
        return
    runs = await execution.runs_for_subject(session, org, (SUBJECT, run.subject_id))
    if any(r.status != "finished" for r in runs):
        return
    await session.refresh(version)
    fingerprint = content.fingerprint(version.coding)
    if fingerprint[:FINGERPRINT_CHARS] != prefix:
        log.info("verification results are stale", extra={"version_id": raw_version})
        return
    results = [
        CaseVerdict(
            language=r.language,
            case_index=int(c.name) if c.name and c.name.isdigit() else c.index,
            verdict=c.verdict.value,
            time_ms=c.time_ms,
            memory_kb=c.memory_kb,
            message=(c.message or (r.compile_output if r.verdict and r.verdict.value == "compilation_error" else None))
            and (c.message or r.compile_output or "")[:4000],
        )
        for r in runs
        for c in r.cases
    ]
    compiled_out = [r for r in runs if r.verdict and r.verdict.value == "compilation_error" and not r.cases]
    for r in compiled_out:  # a compilation error runs no case: every case of the language failed
        results += [
            CaseVerdict(
                language=r.language, case_index=i, verdict="compilation_error", message=(r.compile_output or "")[:4000]
            )
            for i in range(len((version.coding or {}).get("test_cases", [])))
        ]
    try:
        verdict = await record_verification(session, org, version.id, fingerprint, results)
    except StaleVerification:
        return
    passed_now = verdict.status == "passed" and question.current_version_id == version.id
    if batch.endswith("e") and passed_now and not question.enabled:
        question.enabled = True
        question.updated_at = datetime.now(UTC)
        await audit.record(
            session,
            None,
            "question.enabled",
            "question",
            question.id,
            organization_id=org,
            actor_label="verification",
            after={"enabled": True, "version": version.number},
        )
