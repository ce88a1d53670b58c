"""Closing a test session: the candidate submits, or the deadline passes (the job scheduled at the start, or the
sweep that catches any session still open past its deadline). Either way it happens once: the session row is
locked, and a session already closed is left as it is (a double submit gets the same result)."""

from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from backend.audit import service as audit
from backend.invitations import notices
from backend.invitations import service as invitations
from backend.invitations.player_auth import Player
from backend.test_sessions import grading
from backend.test_sessions.models import TestAnswer, TestSession
from backend.test_sessions.player import PlayerService
from backend.test_sessions.repository import AnswerRepository, session_by_id
from backend.worker import enqueue

SIMILARITY_TASK = "proctoring.check_similarity"  # backend/proctoring/tasks.py


async def close(session: AsyncSession, s: TestSession, now: datetime, by: str) -> bool:
    """Close a locked session (`by`: candidate | deadline); False if it was closed already."""
    if s.status != "in_progress":
        return False
    at = min(now, s.deadline_at)
    answers = AnswerRepository(session, s.organization_id)
    await answers.close_all(s.id, at)
    if s.position_entered_at is not None:
        spent = int((at - s.position_entered_at).total_seconds())
        current = await answers.at(s.id, s.current_position)
        if current is not None and spent > 0:
            current.time_spent_seconds += spent
    s.status = "submitted" if by == "candidate" else "timed_out"
    s.closed_at, s.closed_by = at, by
    inv = await invitations.for_player(session, s.organization_id, s.invitation_id, for_update=True)
    assert inv is not None
    invitations.mark_completed(inv, at)
    await audit.record(
        session,
        None,
        "test_session.submitted" if by == "candidate" else "test_session.timed_out",
        "test_session",
        s.id,
        organization_id=s.organization_id,
        actor_label=f"candidate {inv.candidate_email}" if by == "candidate" else "deadline",
        after={"closed_at": at},
    )
    await notices.tell_owner(
        session,
        inv,
        f"{inv.candidate_name} finished the test",
        "Submitted." if by == "candidate" else "The time ran out; everything saved was kept.",
        priority="low",
    )
    await grading.grade_on_close(session, s)
    # Proctoring compares the final code answers with other candidates' once the session is closed.
    await enqueue(session, SIMILARITY_TASK, session_id=str(s.id), organization_id=str(s.organization_id))
    return True


async def submit(session: AsyncSession, player: Player) -> TestSession:
    """The candidate submits. Idempotent: submitting again (another tab, a retried request) changes nothing."""
    service = PlayerService(session, player)
    await service.invitation()
    s = await service.current()
    await session.refresh(s, with_for_update=True)
    await close(session, s, datetime.now(UTC), "candidate")
    return s


async def close_if_due(session: AsyncSession, session_id: object) -> bool:
    """Close a session whose deadline has passed (the deadline job and the sweep)."""
    s = await session_by_id(session, session_id, for_update=True)  # type: ignore[arg-type]
    now = datetime.now(UTC)
    if s is None or s.status != "in_progress" or s.deadline_at > now:
        return False
    return await close(session, s, now, "deadline")


__all__ = ["TestAnswer", "close", "close_if_due", "submit"]
