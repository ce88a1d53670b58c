"""What proctoring reads about test sessions (backend/proctoring talks to this domain through here): the open
session of a player, a session by id within an organization, the sessions in progress for the live monitor, and
the coding answers that similarity compares."""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from backend.candidates.service import candidates_of_user
from backend.errors import NotFound, Unauthorized
from backend.invitations.player_auth import Player
from backend.test_sessions.models import TestAnswer, TestSession
from backend.test_sessions.player import TOKEN_GONE, PlayerService
from backend.test_sessions.repository import AnswerRepository, SessionRepository, session_by_id
from backend.test_sessions.rules import closed_problem


async def player_session(session: AsyncSession, player: Player, *, must_be_open: bool) -> TestSession:
    """The player's own session (the token names the invitation, never the request). `must_be_open`: refused with
    409 `test-closed` after the submission or the deadline."""
    return (await player_session_and_invitation(session, player, must_be_open=must_be_open))[0]


async def player_session_and_invitation(
    session: AsyncSession, player: Player, *, must_be_open: bool
) -> tuple[TestSession, Any]:
    """`player_session`, with the invitation it was read through (who to tell about the session, without
    reading it again)."""
    service = PlayerService(session, player)
    inv = await service.invitation()
    s = await service.current()
    if must_be_open:
        require_open(s, datetime.now(UTC))
    return s, inv


def require_open(s: Any, now: datetime) -> None:
    """409 `test-closed` after the submission or the deadline (`s`: the session, or its status and deadline
    read with other columns, as a proctoring batch reads them)."""
    if s.status != "in_progress" or s.deadline_at <= now:
        raise closed_problem(s, now)


def require_current_token(player: Player, token_version: int) -> None:
    """The player's token is still the link's current one (a re-issued or revoked link ends it): what
    `player_session` checks, for callers that read the invitation's token version with other columns."""
    if token_version != player.version:
        raise Unauthorized(TOKEN_GONE)


async def staff_session(session: AsyncSession, organization_id: uuid.UUID | None, session_id: uuid.UUID) -> TestSession:
    s = await SessionRepository(session, organization_id).get(session_id)
    if s is None:
        raise NotFound("Test session not found.")
    return s


async def any_session(session: AsyncSession, session_id: uuid.UUID) -> TestSession | None:
    """Any organization's session (background jobs name it)."""
    return await session_by_id(session, session_id)


async def sessions_by_ids(
    session: AsyncSession, organization_id: uuid.UUID | None, ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, TestSession]:
    if not ids:
        return {}
    repo = SessionRepository(session, organization_id)
    rows = (await session.execute(repo.select().where(TestSession.id.in_(set(ids))))).scalars()
    return {s.id: s for s in rows}


@dataclass
class Running:
    session: TestSession
    answered: int


async def in_progress(
    session: AsyncSession, organization_id: uuid.UUID | None, assessment_id: uuid.UUID | None, limit: int = 200
) -> list[Running]:
    """Sessions still running (deadline ahead), soonest deadline first, with how many questions are answered."""
    now = datetime.now(UTC)
    repo = SessionRepository(session, organization_id)
    stmt = repo.select().where(TestSession.status == "in_progress", TestSession.deadline_at > now)
    if assessment_id is not None:
        stmt = stmt.where(TestSession.assessment_id == assessment_id)
    rows = list((await session.execute(stmt.order_by(TestSession.deadline_at).limit(limit))).scalars())
    if not rows:
        return []
    counts = dict(
        (
            await session.execute(
                select(TestAnswer.session_id, func.count())
                .where(
                    TestAnswer.organization_id == organization_id,
                    TestAnswer.session_id.in_([s.id for s in rows]),
                    TestAnswer.revision > 0,
                )
                .group_by(TestAnswer.session_id)
            )
        ).all()
    )
    return [Running(s, int(counts.get(s.id, 0))) for s in rows]


async def answers_of(
    session: AsyncSession, organization_id: uuid.UUID | None, session_id: uuid.UUID
) -> list[TestAnswer]:
    return await AnswerRepository(session, organization_id).of_session(session_id)


@dataclass
class CodeAnswer:
    session_id: uuid.UUID
    position: int
    question_version_id: uuid.UUID
    title: str
    language: str
    code: str


def code_of(a: TestAnswer) -> CodeAnswer | None:
    ans: dict[str, Any] = a.answer or {}
    if ans.get("type") != "code":
        return None
    language = ans.get("language") or ""
    code = (ans.get("sources") or {}).get(language) or ""
    if not code.strip():
        return None
    return CodeAnswer(a.session_id, a.position, a.question_version_id, a.title, language, code)


async def other_code_answers(
    session: AsyncSession,
    organization_id: uuid.UUID,
    version_id: uuid.UUID,
    exclude_session_id: uuid.UUID,
    limit: int = 300,
) -> list[CodeAnswer]:
    """Coding answers of the organization's other closed sessions to the same question version (newest first)."""
    stmt = (
        select(TestAnswer)
        .join(TestSession, TestSession.id == TestAnswer.session_id)
        .where(
            TestAnswer.organization_id == organization_id,
            TestAnswer.question_version_id == version_id,
            TestAnswer.session_id != exclude_session_id,
            TestSession.status != "in_progress",
        )
        .order_by(TestAnswer.saved_at.desc().nulls_last())
        .limit(limit)
    )
    return [c for a in (await session.execute(stmt)).scalars() if (c := code_of(a)) is not None]


async def portal_session(session: AsyncSession, principal: Any, invitation_id: uuid.UUID) -> TestSession:
    """A signed-in candidate's own session of one of their invitations (404 for anyone else's)."""
    org = principal.organization_id
    s = await SessionRepository(session, org).for_invitation(invitation_id)
    mine = {c.id for c in await candidates_of_user(session, org, principal.id)} if org else set()
    if s is None or s.candidate_id not in mine:
        raise NotFound("Test session not found.")
    return s
