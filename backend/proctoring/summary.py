"""The integrity summary of a session. The player's batches (the bulk of the writes: every candidate, every five
seconds) update it in place from the events they add (`add_events` + `settle`: no query over the session's
events, so a batch costs the same at the end of a long test as at its start). Whatever changes events already
recorded recounts it from the events (`refresh`): a face check or a similarity check, a reviewer's decision, and
the close of the session (which also settles what the in-place figures cannot know, such as two devices sending
the same running numbers). The recruiter hears once when a session reaches the high tier. The tier informs a
person; it never rejects anyone."""

import uuid
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from backend.invitations import service as invitations
from backend.notifications.service import live_event_payload, notify, push_live_event
from backend.proctoring import rules
from backend.proctoring.models import IntegritySummary
from backend.proctoring.repository import EventRepository, SummaryRepository


def _count(facts: rules.Facts, type_: str, severity: str, duration_ms: Any, length: Any, data: Any) -> None:
    """One event that counts (not dismissed by a reviewer) in the facts."""
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


def facts_of(rows: list[Any]) -> rules.Facts:
    facts = rules.Facts()
    seqs = []
    for type_, severity, review_status, duration_ms, length, seq, data in rows:
        facts.counts[type_] = facts.counts.get(type_, 0) + 1
        if seq is not None:
            seqs.append(seq)
        if review_status == "dismissed":
            continue  # a person judged it harmless: it no longer weighs on the tier
        _count(facts, type_, severity, duration_ms, length, data)
    facts.missing_events = rules.missing(seqs)
    return facts


def _facts_of_summary(summary: IntegritySummary) -> rules.Facts:
    return rules.Facts(
        counts=dict(summary.counts or {}),
        severities=dict(summary.severity_counts or {}),
        time_away_seconds=summary.time_away_seconds,
        largest_paste=summary.largest_paste,
        no_face=summary.no_face,
        multiple_faces=summary.multiple_faces,
        max_similarity=float(summary.max_similarity) if summary.max_similarity is not None else None,
        missing_events=summary.missing_events,
    )


def _write(summary: IntegritySummary, facts: rules.Facts, pending: int) -> None:
    # New dicts (never changed in place), so the ORM sees the JSONB columns change.
    summary.counts = dict(facts.counts)
    summary.severity_counts = dict(facts.severities)
    summary.time_away_seconds = facts.time_away_seconds
    summary.largest_paste = facts.largest_paste
    summary.snapshots = facts.counts.get("webcam_snapshot", 0)
    summary.no_face, summary.multiple_faces = facts.no_face, facts.multiple_faces
    summary.max_similarity = Decimal(str(round(facts.max_similarity, 2))) if facts.max_similarity is not None else None
    summary.missing_events = facts.missing_events
    summary.pending_reviews = pending
    summary.tier = rules.tier(facts)
    summary.reasons = rules.reasons(facts)
    summary.updated_at = datetime.now(UTC)


def add_events(summary: IntegritySummary, rows: Iterable[Mapping[str, Any]]) -> None:
    """Count newly stored events (the rows as inserted) into `summary` (locked by the caller) without reading
    the session's other events: new events are never dismissed yet, so every figure only grows."""
    if summary.purged_at is not None:
        return
    facts = _facts_of_summary(summary)
    pending = summary.pending_reviews
    for r in rows:
        type_ = r["type"]
        facts.counts[type_] = facts.counts.get(type_, 0) + 1
        if r.get("seq") is not None:
            summary.seq_received += 1
        if r.get("review_status") == "pending":
            pending += 1
        _count(facts, type_, r["severity"], r.get("duration_ms"), r.get("length"), r.get("data"))
    summary.last_seq = max([summary.last_seq, *(r["seq"] for r in rows if r.get("seq") is not None)])
    facts.missing_events = max(0, summary.last_seq - summary.seq_received)
    _write(summary, facts, pending)


async def refresh(
    session: AsyncSession, organization_id: uuid.UUID, s: Any, summary: IntegritySummary, inv: Any = None
) -> None:
    """Recount `summary` (locked by the caller) from the session's events. Once the retention purge removed
    them, the summary is all that is left: it is kept as it was."""
    if summary.purged_at is not None:
        return
    rows = await EventRepository(session, organization_id).facts_rows(s.id)
    facts = facts_of(rows)
    seqs = {r[5] for r in rows if r[5] is not None}
    summary.seq_received = len(seqs)
    summary.last_seq = max([summary.last_seq, *seqs])
    _write(summary, facts, sum(1 for r in rows if r[2] == "pending"))
    await notify_if_high(session, s, summary, inv)


async def notify_if_high(session: AsyncSession, s: Any, summary: IntegritySummary, inv: Any = None) -> None:
    """The recruiter hears once per session, when it first reaches the high tier (`inv`: the session's
    invitation, when the caller holds it already)."""
    if summary.tier != "high" or summary.high_notified_at is not None:
        return
    summary.high_notified_at = datetime.now(UTC)
    inv = inv or await invitations.for_player(session, s.organization_id, s.invitation_id)
    recipient = inv and (inv.owner_id or inv.created_by_id)
    if inv is not None and recipient:
        await notify(
            session,
            s.organization_id,
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


async def tell_watchers(session: AsyncSession, s: Any, payload: dict[str, object], inv: Any = None) -> None:
    """The live monitor's update, on the recruiter's existing live stream (`event: proctoring`)."""
    inv = inv or await invitations.for_player(session, s.organization_id, s.invitation_id)
    for user_id in _watchers(inv):
        await push_live_event(session, user_id, "proctoring", {"session_id": str(s.id), **payload})


def watcher_notices(s: Any, payload: dict[str, object], inv: Any) -> list[str]:
    """`tell_watchers`, as the NOTIFY payloads to send (a player's batch sends them with its summary's UPDATE)."""
    return [live_event_payload(u, "proctoring", {"session_id": str(s.id), **payload}) for u in _watchers(inv)]


def _watchers(inv: Any) -> set[uuid.UUID]:
    return {u for u in (inv and inv.owner_id, inv and inv.created_by_id) if u}
