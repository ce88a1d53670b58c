"""What other domains call to put questions in front of candidates and grade them (assessments, test sessions).

These functions take the organization explicitly: a test session acts for a candidate, not for a staff member.
"""

import uuid
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from backend.errors import Conflict, NotFound
from backend.questions import views
from backend.questions.models import Question, QuestionVersion
from backend.questions.repository import BankRepository, QuestionRepository, VersionRepository
from backend.questions.schemas import CandidateQuestion


class NotEnoughQuestions(Conflict):
    title, slug = "Not enough questions", "not-enough-questions"


async def record_exposure(session: AsyncSession, organization_id: uuid.UUID, version_ids: Sequence[uuid.UUID]) -> None:
    """Count that a test session was given these versions (call it when the session is assembled, before reading
    their content). From then on each is immutable: editing its question creates a new version.

    Question rows are locked in id order first: an edit locks its question row too, so an edit and an exposure of
    the same question never interleave, and two sessions never deadlock."""
    if not version_ids:
        return
    per_version = Counter(version_ids)
    versions = await VersionRepository(session, organization_id).by_ids(list(per_version))
    missing = set(per_version) - set(versions)
    if missing:
        raise NotFound(f"Question version(s) not found: {', '.join(sorted(str(m) for m in missing))}.")
    per_question: Counter[uuid.UUID] = Counter()
    for version_id, n in per_version.items():
        per_question[versions[version_id].question_id] += n
    questions = await QuestionRepository(session, organization_id).by_ids(list(per_question), for_update=True)
    await VersionRepository(session, organization_id).count_served(per_version, datetime.now(UTC))
    await QuestionRepository(session, organization_id).count_served(per_question)
    # Objects already loaded in this session must not show the old counts.
    for row in [*versions.values(), *questions]:
        session.expire(row)


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
