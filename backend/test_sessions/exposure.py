"""Which question versions candidates were given: the truth behind a question's "served" state, asked by the
questions domain. A test session is given its versions by the answer rows created when it starts, in the start's
transaction, so "some answer references this version" is exact the moment that start commits (the
`times_served` counters on questions and versions are a copy of it, recounted by a job a few seconds later).

The callers pass version ids they already resolved in their organization; the organization is checked here too."""

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import distinct, exists, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from backend.test_sessions.models import TestAnswer, TestSession


async def any_given(session: AsyncSession, organization_id: uuid.UUID, version_ids: Sequence[uuid.UUID]) -> bool:
    """Whether any test session was given one of these versions (one probe of the answers' version index)."""
    if not version_ids:
        return False
    stmt = select(
        exists().where(
            TestAnswer.question_version_id.in_(list(version_ids)), TestAnswer.organization_id == organization_id
        )
    )
    return bool((await session.execute(stmt)).scalar_one())


async def sessions_given(
    session: AsyncSession, organization_id: uuid.UUID, version_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, tuple[int, datetime | None]]:
    """For each of these versions that was given: how many test sessions got it, and when the latest started.
    Versions never given are absent."""
    if not version_ids:
        return {}
    stmt = (
        select(
            TestAnswer.question_version_id,
            func.count(distinct(TestAnswer.session_id)),
            func.max(TestSession.started_at),
        )
        .join(TestSession, TestSession.id == TestAnswer.session_id)
        .where(TestAnswer.question_version_id.in_(list(version_ids)), TestAnswer.organization_id == organization_id)
        .group_by(TestAnswer.question_version_id)
    )
    return {v: (n, last) for v, n, last in (await session.execute(stmt)).all()}
