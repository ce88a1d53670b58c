"""Proctoring over HTTP: the test player's events and snapshots (player token), the candidate's own integrity log
with their explanations (player token after submitting, or the candidate portal), and the people's side: live
monitor, the "needs review" queue, a session's integrity review. The flow is in docs/api.md ("Proctoring")."""

import uuid
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Query, Response, UploadFile

from backend.auth.dependencies import require, signed_in_user
from backend.auth.principal import Principal
from backend.db import ReadSessionDep, SessionDep
from backend.errors import ValidationFailed
from backend.http_security import body_limit
from backend.invitations.player_auth import CurrentPlayer
from backend.kit.pagination import PageParams, page_params
from backend.kit.schemas import Page
from backend.proctoring import candidate, ingest
from backend.proctoring.review import ReviewService
from backend.proctoring.schemas import (
    BatchAccepted,
    CandidateLog,
    EventBatch,
    EventReview,
    Explanation,
    IntegrityReview,
    IntegrityVerdict,
    LiveSession,
    ProctoringEventRead,
    QueueItem,
    SideBySide,
    SnapshotAccepted,
    SummaryRead,
)

player_router = APIRouter(prefix="/player/session", tags=["test player"])
portal_router = APIRouter(prefix="/me/assessments", tags=["candidate portal"])
router = APIRouter(prefix="/proctoring", tags=["proctoring"])

BATCH = body_limit(64 * 1024)
SNAPSHOT = body_limit(ingest.SNAPSHOT_MAX_BYTES + 8 * 1024)
NOTE = body_limit(16 * 1024)
IMAGE: dict[int | str, dict[str, Any]] = {
    200: {"content": {"image/jpeg": {}, "image/png": {}}, "description": "The snapshot"}
}

Monitor = Annotated[Principal, Depends(require("proctoring:monitor"))]
Reviewer = Annotated[Principal, Depends(require("proctoring:review"))]


# --- the test player -------------------------------------------------------------------------------------------


@player_router.post("/proctoring/events", response_model=BatchAccepted, openapi_extra=BATCH)
async def post_events(player: CurrentPlayer, body: EventBatch, session: SessionDep) -> BatchAccepted:
    """Record what the player noticed (at most 100 events a batch). Each event has a `client_id` unique in the
    session (a resent batch stores nothing twice; batches may arrive out of order) and the player's running
    number `seq` from 1, rising within a batch. Only for the player's own open session: 409 `test-closed` after
    the submission or the deadline. At most 240 events a minute per test (429 with `Retry-After`). Copy, cut and
    paste carry their `length`, never the text."""
    return await ingest.ingest(session, player, body)


@player_router.post("/proctoring/snapshots", response_model=SnapshotAccepted, status_code=201, openapi_extra=SNAPSHOT)
async def post_snapshot(
    player: CurrentPlayer,
    session: SessionDep,
    file: Annotated[UploadFile, File(description="A JPEG or PNG image, at most 512 KB.")],
    client_id: Annotated[str, Form(min_length=8, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")],
    taken_at: Annotated[datetime, Form()],
    seq: Annotated[int | None, Form(ge=1, le=1_000_000)] = None,
) -> SnapshotAccepted:
    """A webcam snapshot (when the assessment requires the webcam). Checked by its content (JPEG or PNG), at most
    512 KB, stored with the file storage, and checked for faces in the background. Idempotent by `client_id`."""
    data = await file.read(ingest.SNAPSHOT_MAX_BYTES + 1)
    if len(data) > ingest.SNAPSHOT_MAX_BYTES:
        raise ValidationFailed.on("file", "A snapshot is at most 512 KB.")
    return await ingest.snapshot(session, player, client_id=client_id, seq=seq, taken_at=taken_at, data=data)


@player_router.get("/integrity", response_model=CandidateLog)
async def player_integrity(player: CurrentPlayer, session: ReadSessionDep) -> CandidateLog:
    """After submitting: what was recorded about the test (event types and times, one's own snapshots) and one's
    explanations. 409 while the test is running."""
    s = await candidate.player_session(session, player)
    return await candidate.log(session, s)


@player_router.post("/integrity/explanations", response_model=CandidateLog, openapi_extra=NOTE)
async def player_explain(player: CurrentPlayer, body: Explanation, session: SessionDep) -> CandidateLog:
    """Explain one recorded event (`event_id`), or the session as a whole (no `event_id`): once each. Reviewers
    read it next to the event."""
    s = await candidate.player_session(session, player)
    return await candidate.explain(session, s, body, "candidate (test player)")


@player_router.get("/integrity/snapshots/{event_id}", response_class=Response, responses=IMAGE)
async def player_snapshot(player: CurrentPlayer, event_id: uuid.UUID, session: ReadSessionDep) -> Response:
    """One of one's own webcam snapshots."""
    s = await candidate.player_session(session, player)
    return await candidate.own_snapshot(session, s, event_id)


# --- the candidate portal ----------------------------------------------------------------------------------------


async def _candidate(principal: Annotated[Principal, Depends(require("applications:own"))]) -> Principal:
    return await signed_in_user(principal)


Candidate = Annotated[Principal, Depends(_candidate)]


@portal_router.get("/{invitation_id}/integrity", response_model=CandidateLog)
async def portal_integrity(principal: Candidate, invitation_id: uuid.UUID, session: ReadSessionDep) -> CandidateLog:
    """The integrity log of one's own finished test, as in the test player."""
    s = await candidate.portal_session(session, principal, invitation_id)
    return await candidate.log(session, s)


@portal_router.post("/{invitation_id}/integrity/explanations", response_model=CandidateLog, openapi_extra=NOTE)
async def portal_explain(
    principal: Candidate, invitation_id: uuid.UUID, body: Explanation, session: SessionDep
) -> CandidateLog:
    """Explain a recorded event or the session (once each)."""
    s = await candidate.portal_session(session, principal, invitation_id)
    return await candidate.explain(session, s, body, f"candidate {principal.label}")


@portal_router.get("/{invitation_id}/integrity/snapshots/{event_id}", response_class=Response, responses=IMAGE)
async def portal_snapshot(
    principal: Candidate, invitation_id: uuid.UUID, event_id: uuid.UUID, session: ReadSessionDep
) -> Response:
    """One of one's own webcam snapshots."""
    s = await candidate.portal_session(session, principal, invitation_id)
    return await candidate.own_snapshot(session, s, event_id)


# --- people ------------------------------------------------------------------------------------------------------


@router.get("/live", response_model=list[LiveSession])
async def live(
    principal: Monitor, session: ReadSessionDep, assessment_id: Annotated[uuid.UUID | None, Query()] = None
) -> list[LiveSession]:
    """Tests in progress (soonest deadline first): time left, questions answered, integrity tier and events so
    far. Updates arrive on `GET /notifications/stream` as `event: proctoring` for the candidate's recruiter."""
    return await ReviewService(session, principal).live(assessment_id)


@router.get("/queue", response_model=Page[QueueItem])
async def needs_review(
    principal: Reviewer, session: ReadSessionDep, params: PageParams = Depends(page_params)
) -> Page[QueueItem]:
    """Sessions whose integrity tier is medium or high and that have no verdict yet, oldest first."""
    items, cursor, total = await ReviewService(session, principal).queue(params)
    return Page[QueueItem](items=items, next_cursor=cursor, total=total)


@router.get("/sessions/{session_id}", response_model=IntegrityReview)
async def review(principal: Monitor, session_id: uuid.UUID, session: ReadSessionDep) -> IntegrityReview:
    """A session's integrity review: summary with tier and reasons, the timeline of events (with snapshots, the
    candidate's explanations and the reviews), the answers' save times and the similarity pairs."""
    return await ReviewService(session, principal).detail(session_id)


@router.get("/sessions/{session_id}/summary", response_model=SummaryRead)
async def summary(principal: Monitor, session_id: uuid.UUID, session: ReadSessionDep) -> SummaryRead:
    """The integrity summary and verdict alone (for results screens and review queues)."""
    return (await ReviewService(session, principal).detail(session_id)).summary


@router.get("/sessions/{session_id}/snapshots/{event_id}", response_class=Response, responses=IMAGE)
async def snapshot(principal: Monitor, session_id: uuid.UUID, event_id: uuid.UUID, session: ReadSessionDep) -> Response:
    """A webcam snapshot of the session."""
    return await ReviewService(session, principal).snapshot(session_id, event_id)


@router.get("/sessions/{session_id}/similarity/{pair_id}", response_model=SideBySide)
async def side_by_side(
    principal: Reviewer, session_id: uuid.UUID, pair_id: uuid.UUID, session: ReadSessionDep
) -> SideBySide:
    """A similarity pair side by side: this candidate's code and the other answer (or the reference solution)."""
    return await ReviewService(session, principal).side_by_side(session_id, pair_id)


@router.post("/sessions/{session_id}/events/{event_id}/review", response_model=ProctoringEventRead, openapi_extra=NOTE)
async def review_event(
    principal: Reviewer, session_id: uuid.UUID, event_id: uuid.UUID, body: EventReview, session: SessionDep
) -> ProctoringEventRead:
    """Confirm or dismiss a flagged event, with a note (audited). A dismissed event no longer weighs on the tier."""
    return await ReviewService(session, principal).review_event(session_id, event_id, body)


@router.post("/sessions/{session_id}/verdict", response_model=SummaryRead, openapi_extra=NOTE)
async def verdict(
    principal: Reviewer, session_id: uuid.UUID, body: IntegrityVerdict, session: SessionDep
) -> SummaryRead:
    """Record the session's verdict (clear, concern, violation) with a note, once the test is closed and every
    flagged event has been reviewed (409 otherwise). Audited. A verdict informs the hiring decision; it never
    rejects the candidate by itself."""
    return await ReviewService(session, principal).verdict(session_id, body)
