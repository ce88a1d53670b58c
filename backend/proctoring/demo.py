"""Proctoring in the demo organization, so the live monitor and the integrity reviews are not empty after
`make run`: a proctored assessment taken by five candidates: one clean, one medium (tab switches and a large
paste, with the candidate's explanation), one high (two faces in a snapshot, a second screen, and an answer
copied from another candidate), one already reviewed (flags dismissed, verdict "clear"), and one still running.

Everything goes through the services a real test goes through (the player's start, autosave and submit); only
the events' times are set in the past, as if the candidates had sent them during their tests."""

import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import cv2
import numpy as np
from sqlalchemy.ext.asyncio import AsyncSession

from backend.assessments.schemas import AssessmentWrite
from backend.assessments.service import AssessmentService
from backend.auth.principal import Principal
from backend.files.storage import new_key, storage_from_settings
from backend.invitations.player_auth import Player
from backend.invitations.schemas import InvitationCreate
from backend.invitations.service import InvitationService
from backend.proctoring import checks, rules
from backend.proctoring.repository import EventRepository, SummaryRepository
from backend.proctoring.review import ReviewService
from backend.proctoring.schemas import EventReview, IntegrityVerdict
from backend.proctoring.summary import refresh
from backend.test_sessions import answers, closing
from backend.test_sessions.player import PlayerService
from backend.test_sessions.schemas import AnswerSave

FACE = Path(__file__).parent / "demo_face.jpg"
NAME = "Step 1 — Python (proctored)"
CODE = """def solve(values):
    best = None
    for value in values:
        if best is None or value > best:
            best = value
    return best


print(solve([int(x) for x in input().split()]))
"""
COPIED = CODE.replace("best", "top").replace("value", "item").replace("solve", "answer_it")


async def seed_proctoring_demo(
    session: AsyncSession,
    recruiter: Principal,
    author: Principal,
    question_id: uuid.UUID,
    application_ids: list[uuid.UUID],
) -> None:
    org = recruiter.organization_id
    assert org is not None
    # The question's bank may be restricted to its authors: the assessment is written by one.
    assessment = await AssessmentService(session, author).create(
        AssessmentWrite.model_validate(
            {
                "name": NAME,
                "instructions": "Solve the problem in Python. Your webcam and full screen are required.",
                "duration_minutes": 45,
                "sections": [{"title": "Coding", "kind": "fixed", "question_ids": [str(question_id)]}],
                "proctoring": {"fullscreen_required": True, "webcam_required": True},
            }
        )
    )
    links = InvitationService(session, recruiter)
    sessions = []
    for app_id in application_ids[:5]:
        inv = await links.create(InvitationCreate(application_id=app_id, assessment_id=assessment.id))
        player = Player(inv.id, org, inv.token_version, 0, 2**31 - 1)
        s = await PlayerService(session, player).start(camera_ready=True)
        sessions.append((player, s))
    (ada_p, ada), (grace_p, grace), (alan_p, alan), (_, linus), (_, mary) = sessions
    for player, code in ((ada_p, CODE), (alan_p, COPIED), (grace_p, "print(max(map(int, input().split())))\n")):
        q = await PlayerService(session, player).question(0)
        language = "python3" if "python3" in q.languages else q.languages[0]
        await answers.save(
            session,
            player,
            0,
            AnswerSave.model_validate(
                {"revision": 1, "answer": {"type": "code", "language": language, "sources": {language: code}}}
            ),
        )
    events = EventRepository(session, org)

    async def add(s: Any, type_: str, minutes: float, severity: str, **fields: Any) -> uuid.UUID:
        ids = await events.insert_new(
            [
                {
                    "session_id": s.id,
                    "client_id": f"demo-{uuid.uuid4().hex[:16]}",
                    "source": fields.pop("source", "client"),
                    "type": type_,
                    "severity": severity,
                    "occurred_at": s.started_at + timedelta(minutes=minutes),
                    "review_status": "pending" if severity in rules.FLAGGED else None,
                    **fields,
                }
            ]
        )
        return ids[0]

    async def snapshot(s: Any, minutes: float, image: bytes) -> uuid.UUID:
        key = new_key(org)
        await storage_from_settings().put(key, image)
        return await add(s, "webcam_snapshot", minutes, "low", snapshot_key=key, snapshot_type="image/jpeg")

    face = FACE.read_bytes()
    one = cv2.imdecode(np.frombuffer(face, np.uint8), cv2.IMREAD_COLOR)
    assert one is not None
    two_faces = cv2.imencode(".jpg", np.hstack([one, one]))[1].tobytes()

    # Ada: clean.
    await snapshot(ada, 1, face)
    await add(ada, "copy", 12, "low", length=18)
    # Grace: medium, and she explains the paste.
    for minute, seconds in ((5, 8), (9, 45), (14, 12), (20, 6)):
        await add(grace, "focus_lost", minute, "medium" if seconds >= 30 else "low", duration_ms=seconds * 1000)
    paste = await add(grace, "code_paste", 22, "medium", length=460, data={})
    # Alan: high: two faces, a second screen, and (below) his answer resembles Ada's.
    shot = await snapshot(alan, 3, two_faces)
    await add(alan, "second_screen", 0.2, "high", data={"detail": "screen.isExtended"})
    await add(alan, "focus_lost", 17, "medium", duration_ms=75_000)
    # Linus: flagged, then reviewed.
    await add(linus, "fullscreen_exit", 4, "low")
    await add(linus, "fullscreen_exit", 9, "medium")
    await add(linus, "right_click", 10, "low")
    # Mary: still taking the test (the live monitor).
    await add(mary, "focus_lost", 0.5, "low", duration_ms=4000)

    now = datetime.now(UTC)
    for s in (ada, grace, alan, linus):
        await session.refresh(s, with_for_update=True)
        await closing.close(session, s, now, "candidate")
    await checks.check_faces(session, org, shot)
    await checks.check_similarity(session, alan.id)
    for s in (ada, grace, alan, linus, mary):
        await refresh(session, org, s, await SummaryRepository(session, org).locked(s.id))

    grace_paste = await events.get(paste)
    assert grace_paste is not None
    grace_paste.candidate_note = "I pasted my own helper from the scratch file I had written earlier in the test."
    grace_paste.candidate_noted_at = now
    review = ReviewService(session, recruiter)
    for e in await events.of_session(linus.id):
        if e.review_status == "pending":
            await review.review_event(
                linus.id, e.id, EventReview(decision="dismissed", note="Left full screen to read the instructions.")
            )
    await review.verdict(linus.id, IntegrityVerdict(verdict="clear", note="Nothing of concern after the review."))
