"""The integrity summary of a session, recomputed from its events whenever they change (a batch lands, a face
check or a similarity check finishes, a reviewer dismisses a flag). The recruiter hears once when a session
reaches the high tier. The tier informs a person; it never rejects anyone."""

import uuid
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from backend.invitations import service as invitations
from backend.notifications.service import notify, push_live_event
from backend.proctoring import rules
from backend.proctoring.models import IntegritySummary
from backend.proctoring.repository import EventRepository, SummaryRepository


def facts_of(rows: list[Any]) -> rules.Facts:
    facts = rules.Facts()
    seqs = []
    for type_, severity, review_status, duration_ms, length, seq, data in rows:
        facts.counts[type_] = facts.counts.get(type_, 0) + 1
        if seq is not None:
            seqs.append(seq)
        if review_status == "dismissed":
            continue  # a person judged it harmless: it no longer weighs on the tier
        facts.severities[severity] = facts.severities.get(severity, 0) + 1
        if type_ == "focus_lost":
            facts.time_away_seconds += (duration_ms or 0) // 1000
        elif type_ in ("paste", "code_paste"):
            facts.largest_paste = max(facts.largest_paste, length or 0)
        elif type_ == "no_face":
            facts.no_face += 1
        elif type_ == "multiple_faces":
            facts.multiple_faces += 1
        elif type_ == "code_similarity":
            score = float((data or {}).get("score") or 0)
            facts.max_similarity = max(facts.max_similarity or 0, score)
    facts.missing_events = rules.missing(seqs)
    return facts


async def refresh(session: AsyncSession, organization_id: uuid.UUID, s: Any, summary: IntegritySummary) -> None:
    """Recompute `summary` (locked by the caller) from the session's events. Once the retention purge removed
    them, the summary is all that is left: it is kept as it was."""
    if summary.purged_at is not None:
        return
    rows = await EventRepository(session, organization_id).facts_rows(s.id)
    facts = facts_of(rows)
    summary.counts = facts.counts
    summary.severity_counts = facts.severities
    summary.time_away_seconds = facts.time_away_seconds
    summary.largest_paste = facts.largest_paste
    summary.snapshots = facts.counts.get("webcam_snapshot", 0)
    summary.no_face, summary.multiple_faces = facts.no_face, facts.multiple_faces
    summary.max_similarity = Decimal(str(round(facts.max_similarity, 2))) if facts.max_similarity is not None else None
    summary.missing_events = facts.missing_events
    summary.pending_reviews = sum(1 for r in rows if r[2] == "pending")
    summary.tier = rules.tier(facts)
    summary.reasons = rules.reasons(facts)
    summary.updated_at = datetime.now(UTC)
    if summary.tier == "high" and summary.high_notified_at is None:
        summary.high_notified_at = datetime.now(UTC)
        inv = await invitations.for_player(session, organization_id, s.invitation_id)
        recipient = inv and (inv.owner_id or inv.created_by_id)
        if inv is not None and recipient:
            await notify(
                session,
                organization_id,
                [recipient],
                type="proctoring",
                priority="high",
                title=f"Integrity: {inv.candidate_name}'s test needs a review",
                message="; ".join(summary.reasons[:3]) or "High integrity risk.",
                entity_type="test_session",
                entity_id=s.id,
                action_url=f"/integrity/sessions/{s.id}",
            )


async def refresh_by_id(session: AsyncSession, s: Any) -> IntegritySummary:
    summary = await SummaryRepository(session, s.organization_id).locked(s.id)
    await refresh(session, s.organization_id, s, summary)
    return summary


async def tell_watchers(session: AsyncSession, s: Any, payload: dict[str, object]) -> None:
    """The live monitor's update, on the recruiter's existing live stream (`event: proctoring`)."""
    inv = await invitations.for_player(session, s.organization_id, s.invitation_id)
    for user_id in {u for u in (inv and inv.owner_id, inv and inv.created_by_id) if u}:
        await push_live_event(session, user_id, "proctoring", {"session_id": str(s.id), **payload})
