"""The worker's checks: faces in a snapshot, and code similarity once a session is closed. Each turns what it
finds into server events of the session(s) and refreshes their summaries."""

import asyncio
import uuid
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from backend.files.storage import storage_from_settings
from backend.organizations.service import effective_settings, organization_profile
from backend.proctoring import rules, similarity
from backend.proctoring.faces import count_faces
from backend.proctoring.repository import EventRepository, PairRepository, SummaryRepository
from backend.proctoring.summary import refresh, tell_watchers
from backend.questions import serving
from backend.test_sessions import integrity as test_sessions


async def _settings(session: AsyncSession, organization_id: uuid.UUID) -> Any:
    org = await organization_profile(session, organization_id)
    assert org is not None
    return effective_settings(org).proctoring


async def _server_event(
    session: AsyncSession, s: Any, type_: str, client_id: str, data: dict[str, Any], *, score: float | None = None
) -> bool:
    """Add one server event (once: `client_id` is its identity) with its severity from the rules table."""
    org = s.organization_id
    repo = EventRepository(session, org)
    settings = await _settings(session, org)
    summary = await SummaryRepository(session, org).locked(s.id)
    count = (await repo.type_counts(s.id)).get(type_, 0) + 1
    sev = rules.severity(settings.severity_rules, type_, count=count, score=score)
    inserted = await repo.insert_new(
        [
            {
                "session_id": s.id,
                "client_id": client_id,
                "source": "server",
                "type": type_,
                "severity": sev,
                "occurred_at": datetime.now(UTC) if s.closed_at is None else s.closed_at,
                "data": data,
                "review_status": "pending" if sev in rules.FLAGGED else None,
            }
        ]
    )
    await refresh(session, org, s, summary)
    if inserted:
        await tell_watchers(session, s, {"new_events": 1, "tier": summary.tier, "type": type_})
    return bool(inserted)


async def check_faces(session: AsyncSession, organization_id: uuid.UUID, event_id: uuid.UUID) -> int | None:
    """Count the faces of a snapshot event; no face or several faces add an event to the session."""
    repo = EventRepository(session, organization_id)
    event = await repo.get(event_id)
    if event is None or event.snapshot_key is None:
        return None  # purged meanwhile
    data = await storage_from_settings().get(event.snapshot_key)
    faces = await asyncio.to_thread(count_faces, data)
    event.faces = faces
    s = await test_sessions.any_session(session, event.session_id)
    assert s is not None
    if faces == 0:
        await _server_event(session, s, "no_face", f"face-{event.id.hex}", {"snapshot_id": str(event.id), "faces": 0})
    elif faces > 1:
        await _server_event(
            session, s, "multiple_faces", f"face-{event.id.hex}", {"snapshot_id": str(event.id), "faces": faces}
        )
    return faces


async def check_similarity(session: AsyncSession, session_id: uuid.UUID) -> int:
    """Compare a closed session's coding answers within its organization and with the reference solutions.
    Answers the number of pairs at or above the threshold."""
    s = await test_sessions.any_session(session, session_id)
    if s is None or s.status == "in_progress":
        return 0
    org = s.organization_id
    threshold = (await _settings(session, org)).similarity_threshold
    answers = [c for a in await test_sessions.answers_of(session, org, s.id) if (c := test_sessions.code_of(a))]
    versions = await serving.versions_for_grading(session, org, [c.question_version_id for c in answers])
    # First the comparisons (slow, no lock held), then the writes: every summary involved is locked in id order,
    # so two sessions closing together and finding each other never wait on each other in a circle.
    hits: list[tuple[Any, uuid.UUID | None, int | None, float]] = []
    for mine in answers:
        candidates: list[tuple[uuid.UUID | None, str, int | None]] = []
        version = versions.get(mine.question_version_id)
        reference = ((getattr(version, "coding", None) or {}).get("languages", {}).get(mine.language) or {}).get(
            "reference"
        )
        if reference:
            candidates.append((None, reference, None))
        for other in await test_sessions.other_code_answers(session, org, mine.question_version_id, s.id):
            if other.language == mine.language:
                candidates.append((other.session_id, other.code, other.position))
        for other_session_id, code, other_position in candidates:
            score = await asyncio.to_thread(similarity.compare, mine.code, code, mine.language)
            best = max(score.this, score.other)
            if best >= threshold:
                hits.append((mine, other_session_id, other_position, best))
    summaries = SummaryRepository(session, org)
    for sid in sorted({s.id} | {h[1] for h in hits if h[1] is not None}):
        await summaries.locked(sid)
    pairs = PairRepository(session, org)
    for mine, other_session_id, other_position, best in hits:
        await pairs.upsert(
            {
                "session_id": s.id,
                "position": mine.position,
                "other_session_id": other_session_id,
                "other_position": other_position,
                "question_version_id": mine.question_version_id,
                "language": mine.language,
                "score": Decimal(str(best)),
            }
        )
        against = "reference" if other_session_id is None else other_session_id.hex
        data = {"score": best, "position": mine.position, "title": mine.title, "other_session_id": other_session_id}
        await _server_event(session, s, "code_similarity", f"sim-{mine.position}-{against}", _json(data), score=best)
        if other_session_id is not None:
            theirs = await test_sessions.any_session(session, other_session_id)
            assert theirs is not None
            back = {"score": best, "position": other_position, "title": mine.title, "other_session_id": s.id}
            await _server_event(
                session, theirs, "code_similarity", f"sim-{other_position}-{s.id.hex}", _json(back), score=best
            )
    found = len(hits)
    summary = await SummaryRepository(session, org).locked(s.id)
    summary.similarity_checked_at = datetime.now(UTC)
    # The session is closed: one recount from its events settles what batches counted in place.
    await refresh(session, org, s, summary)
    return found


def _json(data: dict[str, Any]) -> dict[str, Any]:
    return {k: str(v) if isinstance(v, uuid.UUID) else v for k, v in data.items()}
