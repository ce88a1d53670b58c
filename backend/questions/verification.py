"""The seam between coding questions and the execution engine.

Verify is two calls: `execution_spec(...)` gives the engine what to run (every reference solution, with its
harness, against every test case, under the version's limits and comparison), and, when the run is over,
`record_verification(...)` stores the verdicts. A version passes only when every language's reference is
accepted on every case; a coding question is enabled only while its current version has passed.
"""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from backend.audit import service as audit
from backend.auth.principal import Principal
from backend.errors import Conflict, NotFound, ValidationFailed
from backend.questions import content
from backend.questions.repository import QuestionRepository, VersionRepository
from backend.questions.schemas import CaseVerdict, CodingSpec, Verification
from backend.questions.service import sync_head

ACCEPTED = "accepted"


class StaleVerification(Conflict):
    title, slug = "Stale verification", "stale-verification"


@dataclass(frozen=True)
class ExecutionSpec:
    """What the engine needs to verify a version (or, later, to grade a candidate's code on it)."""

    version_id: uuid.UUID
    question_id: uuid.UUID
    coding: CodingSpec  # languages (starter, harness, reference), test_cases, limits, comparison, tolerance
    fingerprint: str  # hand it back to record_verification


async def execution_spec(session: AsyncSession, organization_id: uuid.UUID, version_id: uuid.UUID) -> ExecutionSpec:
    v = await VersionRepository(session, organization_id).get(version_id)
    if v is None:
        raise NotFound("Question version not found.")
    if v.coding is None:
        raise ValidationFailed.on("version_id", "Only coding questions run code.")
    return ExecutionSpec(v.id, v.question_id, CodingSpec.model_validate(v.coding), content.fingerprint(v.coding))


async def current_execution_spec(
    session: AsyncSession, organization_id: uuid.UUID, question_id: uuid.UUID
) -> ExecutionSpec:
    """The spec of a question's current version: what the editor's Verify button runs."""
    q = await QuestionRepository(session, organization_id).get(question_id)
    if q is None or q.current_version_id is None:
        raise NotFound("Question not found.")
    return await execution_spec(session, organization_id, q.current_version_id)


def summarise(coding: dict[str, Any], results: list[CaseVerdict]) -> bool:
    """Passed: one accepted verdict for every (language, case) pair; a missing pair counts as a failure."""
    got = {(r.language, r.case_index): r.verdict for r in results}
    needed = [(lang, i) for lang in coding["languages"] for i in range(len(coding["test_cases"]))]
    return all(got.get(pair) == ACCEPTED for pair in needed)


async def record_verification(
    session: AsyncSession,
    organization_id: uuid.UUID,
    version_id: uuid.UUID,
    fingerprint: str,
    results: list[CaseVerdict],
    actor: Principal | None = None,
) -> Verification:
    """Store a Verify run's verdicts on the version it ran on. Results computed on content that has changed
    since (`fingerprint` differs) are refused with StaleVerification (409) and change nothing. A failure on
    the current version disables its question."""
    versions = VersionRepository(session, organization_id)
    v = await versions.get(version_id)
    if v is None:
        raise NotFound("Question version not found.")
    q = await QuestionRepository(session, organization_id).get_for_update(v.question_id)
    assert q is not None
    await session.refresh(v)  # read after the lock: an edit that committed meanwhile is seen
    if v.coding is None:
        raise ValidationFailed.on("version_id", "Only coding questions are verified.")
    if content.fingerprint(v.coding) != fingerprint:
        raise StaleVerification("The question's code or test cases changed during the run; verify again.")
    passed = summarise(v.coding, results)
    v.verification_status = "passed" if passed else "failed"
    v.verified_at = datetime.now(UTC)
    v.verification = {"results": [r.model_dump() for r in results]}
    disabled = False
    if q.current_version_id == v.id:
        sync_head(q, v)
        if not passed and q.enabled:
            q.enabled, disabled = False, True
    await session.flush()
    await audit.record(
        session,
        actor,
        "question.verified",
        "question",
        q.id,
        organization_id=organization_id,
        after={"version": v.number, "status": v.verification_status, "disabled": disabled},
    )
    return Verification(status=v.verification_status, verified_at=v.verified_at, results=results)
