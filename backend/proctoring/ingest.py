"""What the test player sends: batches of events and webcam snapshots, accepted only for the player's own open
session (the token names the invitation; the request never names a session). A batch is

* idempotent: every event carries a client id unique in its session, so a resent batch stores nothing twice, and
  batches may arrive in any order;
* sequence-checked: events carry the player's running number; numbers must rise within a batch, may not jump
  far ahead of what arrived, and gaps (events that never arrived) are counted in the summary;
* rate-limited per session (a fixed one-minute window on the summary row, which is locked while a batch lands).

The server adds its own signals as it goes: a change of IP address or browser within the session, and failed
sign-in attempts on the link since the test started."""

import hashlib
import itertools
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from backend.errors import TooManyRequests, ValidationFailed, field_error
from backend.files.storage import new_key, storage_from_settings
from backend.invitations import service as invitations
from backend.invitations.player_auth import Player
from backend.notifications.service import CHANNEL
from backend.observability import client_var
from backend.organizations.service import severity_rules_of
from backend.proctoring import rules
from backend.proctoring.models import IntegritySummary
from backend.proctoring.repository import EventRepository, SummaryRepository
from backend.proctoring.schemas import BatchAccepted, EventBatch, SnapshotAccepted
from backend.proctoring.summary import add_events, notify_if_high, watcher_notices
from backend.test_sessions import integrity as test_sessions
from backend.worker import enqueue

EVENTS_PER_MINUTE = 240
MAX_SEQ_JUMP = 5_000
ACCESS_CHECK_SECONDS = 30
SNAPSHOT_MAX_BYTES = 512 * 1024
FACE_TASK = "proctoring.check_faces"
JPEG, PNG = "image/jpeg", "image/png"


def sniff_image(data: bytes) -> str | None:
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    return None


def _invalid(loc: list[str | int], message: str) -> ValidationFailed:
    return ValidationFailed(message, errors=[field_error(loc, message)])


def _take(summary: IntegritySummary, n: int, limit: int, now: datetime) -> None:
    if summary.window_started_at is None or now - summary.window_started_at >= timedelta(minutes=1):
        summary.window_started_at, summary.window_events = now, 0
    if summary.window_events + n > limit:
        retry = max(1, 60 - int((now - summary.window_started_at).total_seconds()))
        raise TooManyRequests(
            f"Too many proctoring events: at most {limit} a minute per test.", headers={"Retry-After": str(retry)}
        )
    summary.window_events += n


def _clamp(at: datetime, s: Any, now: datetime) -> datetime:
    """The player's clock may be off: an event is placed within the session, never in the future."""
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    return min(max(at, s.started_at), now)


@dataclass(frozen=True)
class _BatchSession:
    """What a batch needs of the player's session (read with the summary, not as an entity)."""

    id: uuid.UUID
    organization_id: uuid.UUID
    invitation_id: uuid.UUID
    status: str
    started_at: datetime
    deadline_at: datetime
    ip: str | None
    user_agent: str | None


@dataclass(frozen=True)
class _BatchInvitation:
    """Who hears about the session (the live monitor, the high-tier notice), and the candidate's name."""

    owner_id: uuid.UUID | None
    created_by_id: uuid.UUID | None
    candidate_name: str


async def ingest(session: AsyncSession, player: Player, batch: EventBatch) -> BatchAccepted:
    """One batch, in as few statements as a batch allows (every candidate sends one every five seconds): the
    player's invitation and session, the organization's rules and the summary row (locked) in one statement, one
    insert, and the summary's update carrying the live monitor's notice, each compiled once (backend/kit/sql.py).
    Nothing here reads the session's earlier events: the summary keeps the counts the severities need and is
    updated in place (see summary.py)."""
    repo = SummaryRepository(session, player.organization_id)
    found = await repo.batch_context(player.invitation_id)
    if found is None:
        # The session's first batch (no summary yet), or no session at all: the ordinary path says which (its
        # errors), then the summary is created and the batch goes on as any other.
        opened = await test_sessions.player_session(session, player, must_be_open=True)
        await repo.locked(opened.id)
        found = await repo.batch_context(player.invitation_id)
        assert found is not None
    row, summary = found
    test_sessions.require_current_token(player, row["inv_token_version"])
    s = _BatchSession(
        id=summary.session_id,
        organization_id=player.organization_id,
        invitation_id=player.invitation_id,
        status=row["s_status"],
        started_at=row["s_started_at"],
        deadline_at=row["s_deadline_at"],
        ip=row["s_ip"],
        user_agent=row["s_user_agent"],
    )
    now = datetime.now(UTC)
    test_sessions.require_open(s, now)
    inv = _BatchInvitation(row["inv_owner_id"], row["inv_created_by_id"], row["inv_candidate_name"])
    notices: list[str] = []
    accepted = await _ingest(session, player, batch, s, inv, summary, now, notices, row["org_proctoring"])
    # The summary was read as a row (not an entity): what the batch changed is written in one UPDATE, which also
    # sends the live monitor's notices.
    await repo.write_batch(summary, CHANNEL, notices)
    return accepted


async def _ingest(
    session: AsyncSession,
    player: Player,
    batch: EventBatch,
    s: _BatchSession,
    inv: _BatchInvitation,
    summary: IntegritySummary,
    now: datetime,
    notices: list[str],
    proctoring_settings: str | None,
) -> BatchAccepted:
    org = player.organization_id
    seqs = [e.seq for e in batch.events]
    if any(b <= a for a, b in itertools.pairwise(seqs)):
        raise _invalid(["events"], "Events must be in the order they happened (rising `seq`).")
    if seqs[-1] > summary.last_seq + MAX_SEQ_JUMP:
        raise _invalid(["events", len(seqs) - 1, "seq"], "This running number is far ahead of the rest.")
    if len({e.client_id for e in batch.events}) != len(batch.events):
        raise _invalid(["events"], "Each event needs its own client_id.")
    repo = EventRepository(session, org)
    # Batches normally arrive in order: events numbered past everything received so far were never received
    # before, so only a resent or late batch looks up which of its client ids are stored already.
    late = seqs[0] <= summary.last_seq
    seen = await repo.existing_client_ids(s.id, [e.client_id for e in batch.events]) if late else set()
    fresh = [e for e in batch.events if e.client_id not in seen]
    _take(summary, len(fresh), EVENTS_PER_MINUTE, now)
    signals = server_signals_due(s, summary, now)
    signals += await sign_in_attempts(session, s, summary, now)
    table = severity_rules_of(proctoring_settings)
    counts = dict(summary.counts or {})  # events so far per type: an event's severity may depend on its rank
    rows = []
    for e in fresh:
        counts[e.type] = counts.get(e.type, 0) + 1
        sev = rules.severity(table, e.type, count=counts[e.type], duration_ms=e.duration_ms, length=e.length)
        rows.append(
            {
                "session_id": s.id,
                "client_id": e.client_id,
                "seq": e.seq,
                "source": "client",
                "type": e.type,
                "severity": sev,
                "occurred_at": _clamp(e.occurred_at, s, now),
                "duration_ms": e.duration_ms,
                "length": e.length,
                "data": {"detail": e.detail} if e.detail else {},
                "review_status": "pending" if sev in rules.FLAGGED else None,
            }
        )
    for type_, client_id, data, at in signals:
        counts[type_] = counts.get(type_, 0) + 1
        sev = rules.severity(table, type_, count=counts[type_])
        rows.append(
            {
                "session_id": s.id,
                "client_id": client_id,
                "seq": None,  # one INSERT for all rows: every row names the same columns
                "source": "server",
                "type": type_,
                "severity": sev,
                "occurred_at": at,
                "duration_ms": None,
                "length": None,
                "data": data,
                "review_status": "pending" if sev in rules.FLAGGED else None,
            }
        )
    inserted = await repo.insert_fresh(s.id, rows)
    stored = [r for r in rows if r["client_id"] in inserted]
    # Numbers already received still count as received (a resent batch): the highest one stays the mark.
    summary.last_seq = max(summary.last_seq, seqs[-1])
    if stored:
        add_events(summary, stored)
        await notify_if_high(session, s, summary, inv)
        last = next((r for r in reversed(stored) if r["source"] == "client"), stored[-1])
        notices += watcher_notices(s, {"new_events": len(stored), "tier": summary.tier, "type": last["type"]}, inv)
    accepted = sum(1 for r in stored if r["source"] == "client")
    return BatchAccepted(
        accepted=accepted,
        duplicates=len(batch.events) - accepted,
        last_seq=summary.last_seq,
        missing=summary.missing_events,
    )


Signal = tuple[str, str, dict[str, Any], datetime]  # type, client id (its identity), data, when


def server_signals_due(s: Any, summary: IntegritySummary, now: datetime) -> list[Signal]:
    """A change of IP address or browser within the session (against the last request that sent events)."""
    client = client_var.get()
    out: list[Signal] = []
    ip, agent = client.ip, (client.user_agent or "")[:512] or None
    previous_ip = summary.last_ip or s.ip
    if ip and previous_ip and ip != previous_ip:
        digest = hashlib.sha256(f"{previous_ip}>{ip}".encode()).hexdigest()[:24]
        out.append(("ip_changed", "srv-ip-" + digest, {"from": previous_ip, "to": ip}, now))
    previous_agent = summary.last_user_agent or s.user_agent
    if agent and previous_agent and agent != previous_agent:
        digest = hashlib.sha256(f"{previous_agent}>{agent}".encode()).hexdigest()[:24]
        out.append(("user_agent_changed", "srv-ua-" + digest, {"from": previous_agent[:200], "to": agent[:200]}, now))
    summary.last_ip, summary.last_user_agent = ip or summary.last_ip, agent or summary.last_user_agent
    return out


async def sign_in_attempts(session: AsyncSession, s: Any, summary: IntegritySummary, now: datetime) -> list[Signal]:
    """Failed sign-ins on the link since the test started, looked up at most every ACCESS_CHECK_SECONDS (the
    access log is read by a batch, not on every batch)."""
    checked = summary.access_checked_at
    if checked is not None and now - checked < timedelta(seconds=ACCESS_CHECK_SECONDS):
        return []
    summary.access_checked_at = now
    out: list[Signal] = []
    for attempt in await invitations.access_since(session, s.organization_id, s.invitation_id, checked or s.started_at):
        if attempt.outcome != "ok":
            data = {"outcome": attempt.outcome, "ip": attempt.ip}
            out.append(("sign_in_failed", f"srv-access-{attempt.id.hex}", data, attempt.created_at))
    return out


async def snapshot(
    session: AsyncSession, player: Player, *, client_id: str, seq: int | None, taken_at: datetime, data: bytes
) -> SnapshotAccepted:
    """A webcam snapshot: checked by content (JPEG or PNG), capped in size, stored with the file storage, and
    checked for faces by the worker."""
    if not data:
        raise ValidationFailed.on("file", "The snapshot is empty.")
    if len(data) > SNAPSHOT_MAX_BYTES:
        raise ValidationFailed.on("file", f"A snapshot is at most {SNAPSHOT_MAX_BYTES // 1024} KB.")
    kind = sniff_image(data)
    if kind is None:
        raise ValidationFailed.on("file", "Send a JPEG or PNG image.")
    s = await test_sessions.player_session(session, player, must_be_open=True)
    org = player.organization_id
    now = datetime.now(UTC)
    summary = await SummaryRepository(session, org).locked(s.id)
    repo = EventRepository(session, org)
    existing = await repo.existing_client_ids(s.id, [client_id])
    if existing:
        stmt = repo.select().where(repo.model.session_id == s.id, repo.model.client_id == client_id)
        event = (await session.execute(stmt)).scalar_one()
        return SnapshotAccepted(event_id=event.id, duplicate=True)
    if seq is not None and seq > summary.last_seq + MAX_SEQ_JUMP:
        raise ValidationFailed.on("seq", "This running number is far ahead of the rest.")
    _take(summary, 1, EVENTS_PER_MINUTE, now)
    key = new_key(org)
    await storage_from_settings().put(key, data)
    row = {
        "session_id": s.id,
        "client_id": client_id,
        "seq": seq,
        "source": "client",
        "type": "webcam_snapshot",
        "severity": "low",
        "occurred_at": _clamp(taken_at, s, now),
        "snapshot_key": key,
        "snapshot_type": kind,
        "data": {"bytes": len(data)},
    }
    ids = await repo.insert_new([row])
    add_events(summary, [row])
    await enqueue(session, FACE_TASK, event_id=str(ids[0]), organization_id=str(org))
    return SnapshotAccepted(event_id=ids[0], duplicate=False)
