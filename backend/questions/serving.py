"""What other domains call to put questions in front of candidates and grade them (assessments, test sessions).

These functions take the organization explicitly: a test session acts for a candidate, not for a staff member.
"""

import uuid
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from backend.errors import Conflict, NotFound
from backend.questions import views
from backend.questions.models import Question, QuestionVersion
from backend.questions.repository import BankRepository, QuestionRepository, VersionRepository
from backend.questions.schemas import CandidateQuestion
from backend.test_sessions import exposure
from backend.worker import enqueue

# The job that recounts served counts after test starts (see record_exposure).
RECOUNT_TASK = "questions.recount_served"


class NotEnoughQuestions(Conflict):
    title, slug = "Not enough questions", "not-enough-questions"


async def record_exposure(session: AsyncSession, organization_id: uuid.UUID, version_ids: Sequence[uuid.UUID]) -> None:
    """Call it when a test session is assembled, before reading the versions' content (the version objects the
    session already holds are reloaded under the lock), in the transaction that then creates the session's answers
    with these versions. From that commit on, each version is immutable: editing its question creates a new
    version.

    The question rows are locked FOR KEY SHARE, in id order, until the caller commits: any number of test starts
    hold it at once (starts of the same assessment never wait for each other), while an edit locks its question
    FOR UPDATE, so an edit and an exposure of the same question never interleave. An edit that gets its lock sees
    every committed exposure through the answers (test_sessions.exposure), and an exposure that gets its lock
    reads the edit's committed content.

    Nothing shared is written here (a counter on the question row would make every start of the assessment wait
    for the previous one): the served counts are recounted from the answers by a job deferred in the same
    transaction, a few seconds after the commit."""
    if not version_ids:
        return
    wanted = list(dict.fromkeys(version_ids))
    versions = await VersionRepository(session, organization_id).by_ids(wanted)
    missing = set(wanted) - set(versions)
    if missing:
        raise NotFound(f"Question version(s) not found: {', '.join(sorted(str(m) for m in missing))}.")
    question_ids = list(dict.fromkeys(v.question_id for v in versions.values()))
    await QuestionRepository(session, organization_id).by_ids(question_ids, lock="key_share")
    # An edit in place may have committed between the caller's read and our lock: the versions it holds are
    # brought up to date, so the session is assembled from the content it will keep.
    await VersionRepository(session, organization_id).by_ids(wanted, fresh=True)
    # The recounts of an organization run one at a time, oldest first (procrastinate's job lock), so they never
    # hold worker slots waiting for each other's row locks; a recount queued before another for the same versions
    # is skipped (see questions/tasks.py).
    await enqueue(
        session,
        RECOUNT_TASK,
        lock=f"{RECOUNT_TASK}:{organization_id}",
        organization_id=str(organization_id),
        version_ids=[str(v) for v in wanted],
    )


async def recount_served(session: AsyncSession, organization_id: uuid.UUID, version_ids: Sequence[uuid.UUID]) -> None:
    """Set times_served and last_served_at of these versions and of their questions from the truth (the test
    sessions given each version). Idempotent: running it again, or late, or twice at once, gives the same counts.
    The questions are locked FOR NO KEY UPDATE, which test starts (FOR KEY SHARE) never wait for."""
    versions = await VersionRepository(session, organization_id).by_ids(list(version_ids))
    if not versions:
        return
    question_ids = sorted({v.question_id for v in versions.values()})
    await QuestionRepository(session, organization_id).by_ids(question_ids, lock="no_key_update")
    counts = await exposure.sessions_given(session, organization_id, list(versions))
    await VersionRepository(session, organization_id).set_served(list(versions), counts)
    await QuestionRepository(session, organization_id).add_up_served(question_ids)


async def was_given(session: AsyncSession, organization_id: uuid.UUID, version_ids: Sequence[uuid.UUID]) -> bool:
    """Whether a test session was given any of these versions: exact as of the last commit (unlike the counts,
    which a job brings up to date). Decisions that must not be wrong (edit in place or new version, delete)
    use this, with the question locked FOR UPDATE so that no exposure is in flight."""
    return await exposure.any_given(session, organization_id, version_ids)


async def candidate_view(
    session: AsyncSession, organization_id: uuid.UUID, version_ids: Sequence[uuid.UUID]
) -> list[CandidateQuestion]:
    """The versions as a candidate sees them, in the order asked: no correct options, explanations, rubrics,
    hidden test cases, harnesses or reference solutions."""
    versions = await VersionRepository(session, organization_id).by_ids(list(version_ids))
    missing = [v for v in version_ids if v not in versions]
    if missing:
        raise NotFound("Question version not found.")
    return [views.candidate(versions[v]) for v in version_ids]


async def versions_for_grading(
    session: AsyncSession, organization_id: uuid.UUID, version_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, QuestionVersion]:
    """The full versions (correct options, rubric, test cases) for grading a session. Never hand these to a
    candidate-facing response: use `candidate_view` for that."""
    return await VersionRepository(session, organization_id).by_ids(list(version_ids))


async def draw_questions(
    session: AsyncSession,
    organization_id: uuid.UUID,
    *,
    bank_id: uuid.UUID,
    count: int,
    difficulty: str | None = None,
    tags: Sequence[str] = (),
    types: Sequence[str] = (),
    exclude_question_ids: Sequence[uuid.UUID] = (),
) -> list[QuestionVersion]:
    """`count` distinct random enabled questions of an enabled bank (current versions), optionally of one
    difficulty, carrying all `tags`, of some `types`, and not among `exclude_question_ids` (questions another
    section already drew). Raises NotEnoughQuestions (409) naming how many were eligible."""
    bank = await BankRepository(session, organization_id).get(bank_id)
    if bank is None:
        raise NotFound("Question bank not found.")
    if not bank.enabled:
        raise NotEnoughQuestions(f"The bank '{bank.name}' is disabled.")
    if count <= 0:
        return []
    picked, available = await QuestionRepository(session, organization_id).draw(
        bank_id, count, difficulty, tags, types, exclude_question_ids
    )
    if available < count:
        what = " ".join(x for x in (difficulty, ", ".join(tags)) if x)
        raise NotEnoughQuestions(
            f"The bank '{bank.name}' has {available} enabled {what + ' ' if what else ''}question(s); "
            f"{count} are needed.",
            extra={"available": available, "needed": count},
        )
    return picked


async def questions_by_ids(
    session: AsyncSession, organization_id: uuid.UUID, question_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, Question]:
    """Questions of the organization among `question_ids` (another organization's or unknown ids are absent):
    for an assessment naming its fixed questions."""
    return {q.id: q for q in await QuestionRepository(session, organization_id).by_ids(list(question_ids))}


async def current_versions(
    session: AsyncSession, organization_id: uuid.UUID, question_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, QuestionVersion]:
    """The current version of each question (by question id; unknown ids are absent): what a fixed section of
    an assessment serves."""
    questions = await QuestionRepository(session, organization_id).by_ids(list(question_ids))
    versions = await VersionRepository(session, organization_id).by_ids(
        [q.current_version_id for q in questions if q.current_version_id]
    )
    return {q.id: versions[q.current_version_id] for q in questions if q.current_version_id in versions}


async def banks_by_ids(
    session: AsyncSession, organization_id: uuid.UUID, bank_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, str]:
    """The names of the organization's banks among `bank_ids` (unknown ids are absent)."""
    return {b.id: b.name for b in (await BankRepository(session, organization_id).by_ids(list(bank_ids))).values()}
