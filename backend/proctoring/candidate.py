"""The candidate's side of the record: after submitting, a candidate sees what was recorded about their session
(event types and times, their own snapshots) and may write one explanation per event and one for the session.
Reviewers read them next to the events. A candidate never sees reviewers' notes or verdicts."""

import uuid
from datetime import UTC, datetime
from typing import Any

from fastapi import Response
from sqlalchemy.ext.asyncio import AsyncSession

from backend.assessments.service import assessment_names
from backend.audit import service as audit
from backend.errors import Conflict, NotFound
from backend.proctoring import rules
from backend.proctoring.repository import EventRepository, SummaryRepository
from backend.proctoring.review import snapshot_response
from backend.proctoring.schemas import CandidateEvent, CandidateLog, Explanation
from backend.test_sessions import integrity as test_sessions

# What a candidate is shown: their own conduct and snapshots, not the server's inferences about others.
HIDDEN_FROM_CANDIDATE = {"code_similarity"}


def _closed(s: Any) -> None:
    if s.status == "in_progress":
        raise Conflict("What was recorded is shown once the test is submitted.")


async def log(session: AsyncSession, s: Any) -> CandidateLog:
    _closed(s)
    events = await EventRepository(session, s.organization_id).of_session(s.id)
    summary = await SummaryRepository(session, s.organization_id).of_session(s.id)
    names = await assessment_names(session, s.organization_id, [s.assessment_id])
    return CandidateLog(
        session_id=s.id,
        assessment_name=names.get(s.assessment_id, ""),
        recorded=not (summary and summary.purged_at),
        events=[
            CandidateEvent(
                id=e.id,
                type=e.type,
                label=rules.LABELS.get(e.type, e.type),
                occurred_at=e.occurred_at,
                duration_ms=e.duration_ms,
                length=e.length,
                has_snapshot=e.snapshot_key is not None,
                explanation=e.candidate_note,
            )
            for e in events
            if e.type not in HIDDEN_FROM_CANDIDATE
        ],
        explanation=summary.candidate_note if summary else None,
    )


async def explain(session: AsyncSession, s: Any, data: Explanation, who: str) -> CandidateLog:
    _closed(s)
    now = datetime.now(UTC)
    org = s.organization_id
    summary = await SummaryRepository(session, org).locked(s.id)
    if data.event_id is None:
        if summary.candidate_note:
            raise Conflict("You already explained this session.")
        summary.candidate_note, summary.candidate_noted_at = data.text, now
    else:
        event = await EventRepository(session, org).in_session(s.id, data.event_id)
        if event is None or event.type in HIDDEN_FROM_CANDIDATE:
            raise NotFound("Event not found.")
        if event.candidate_note:
            raise Conflict("You already explained this event.")
        event.candidate_note, event.candidate_noted_at = data.text, now
    await audit.record(
        session,
        None,
        "proctoring.candidate_explained",
        "test_session",
        s.id,
        organization_id=org,
        actor_label=who,
        after={"event_id": data.event_id, "length": len(data.text)},
    )
    return await log(session, s)


async def own_snapshot(session: AsyncSession, s: Any, event_id: uuid.UUID) -> Response:
    _closed(s)
    return await snapshot_response(EventRepository(session, s.organization_id), s.id, event_id)


async def player_session(session: AsyncSession, player: Any) -> Any:
    """The player's own session (the token names it), open or closed."""
    return await test_sessions.player_session(session, player, must_be_open=False)


async def portal_session(session: AsyncSession, principal: Any, invitation_id: uuid.UUID) -> Any:
    """A signed-in candidate's own session of one of their invitations."""
    return await test_sessions.portal_session(session, principal, invitation_id)
