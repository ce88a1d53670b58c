import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any, Literal

from pydantic import Field

from backend.kit.schemas import ReadSchema, Schema
from backend.organizations.settings_schema import ProctoringEventType

# What the player may report; the server adds its own (IP change, faces, similarity …).
ClientEventType = Literal[
    "focus_lost",
    "fullscreen_exit",
    "copy",
    "cut",
    "paste",
    "code_paste",
    "right_click",
    "devtools_suspected",
    "second_screen",
    "camera_unavailable",
    "page_reload",
    "resumed",
    "network_offline",
]
MAX_BATCH = 100


class ClientEvent(Schema):
    client_id: str = Field(min_length=8, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")
    seq: int = Field(ge=1, le=1_000_000, description="The player's running number for this session, from 1.")
    type: ClientEventType
    occurred_at: datetime
    duration_ms: int | None = Field(None, ge=0, le=24 * 3600 * 1000, description="Time away, offline …")
    length: int | None = Field(None, ge=0, le=10_000_000, description="Characters copied, cut or pasted.")
    detail: str | None = Field(None, max_length=200, description="A short note, e.g. how devtools was guessed.")


class EventBatch(Schema):
    events: list[ClientEvent] = Field(min_length=1, max_length=MAX_BATCH)


class BatchAccepted(ReadSchema):
    accepted: int = Field(description="New events stored.")
    duplicates: int = Field(description="Events already received (a resent batch): ignored.")
    last_seq: int
    missing: int = Field(description="Running numbers never received so far.")


class SnapshotAccepted(ReadSchema):
    event_id: uuid.UUID
    duplicate: bool


class ProctoringEventRead(ReadSchema):
    id: uuid.UUID
    type: ProctoringEventType
    label: str
    source: str
    severity: str
    occurred_at: datetime
    duration_ms: int | None
    length: int | None
    data: dict[str, Any]
    has_snapshot: bool
    faces: int | None
    review_status: str | None
    review_note: str | None
    reviewed_at: datetime | None
    candidate_note: str | None


class SummaryRead(ReadSchema):
    session_id: uuid.UUID
    tier: Literal["none", "low", "medium", "high"]
    reasons: list[str]
    counts: dict[str, int]
    severity_counts: dict[str, int]
    time_away_seconds: int
    largest_paste: int
    snapshots: int
    no_face: int
    multiple_faces: int
    max_similarity: Decimal | None
    missing_events: int
    pending_reviews: int
    verdict: Literal["clear", "concern", "violation"] | None
    verdict_note: str | None
    verdict_at: datetime | None
    candidate_note: str | None
    purged_at: datetime | None


class IntegrityBrief(ReadSchema):
    """The compact integrity summary other screens show next to a test (results, the interview kit, the Step-1
    review queue): the risk tier with its reasons in words, and the verdict once a person reviewed the session."""

    tier: Literal["none", "low", "medium", "high"]
    reasons: list[str]
    pending_reviews: int = Field(description="Flagged events still waiting for a reviewer.")
    verdict: Literal["clear", "concern", "violation"] | None
    verdict_note: str | None


class SimilarityPairRead(ReadSchema):
    id: uuid.UUID
    position: int
    question_title: str
    language: str
    score: Decimal
    other_session_id: uuid.UUID | None
    other_candidate_name: str | None = Field(description="None when compared with the reference solution.")


class AnswerSaved(ReadSchema):
    position: int
    title: str
    saved_at: datetime | None
    revision: int


class IntegrityReview(ReadSchema):
    session_id: uuid.UUID
    candidate_name: str
    assessment_name: str
    status: str
    started_at: datetime
    deadline_at: datetime
    closed_at: datetime | None
    summary: SummaryRead
    events: list[ProctoringEventRead]
    answers: list[AnswerSaved]
    similarity: list[SimilarityPairRead]


class SideBySide(ReadSchema):
    pair: SimilarityPairRead
    candidate_name: str
    code: str
    other_label: str
    other_code: str


class LiveSession(ReadSchema):
    session_id: uuid.UUID
    candidate_name: str
    assessment_id: uuid.UUID
    assessment_name: str
    started_at: datetime
    deadline_at: datetime
    remaining_seconds: int
    answered: int
    question_count: int
    current_position: int
    tier: str
    events: int
    flagged: int
    last_event_type: str | None
    last_event_at: datetime | None


class QueueItem(ReadSchema):
    session_id: uuid.UUID
    candidate_name: str
    assessment_name: str
    tier: str
    reasons: list[str]
    pending_reviews: int
    updated_at: datetime


class EventReview(Schema):
    decision: Literal["confirmed", "dismissed"]
    note: str = Field(min_length=1, max_length=4000)


class IntegrityVerdict(Schema):
    verdict: Literal["clear", "concern", "violation"]
    note: str = Field(min_length=1, max_length=4000)


class CandidateEvent(ReadSchema):
    """What a candidate sees of an event: what and when, never the reviewer's assessment of it."""

    id: uuid.UUID
    type: ProctoringEventType
    label: str
    occurred_at: datetime
    duration_ms: int | None
    length: int | None
    has_snapshot: bool
    explanation: str | None


class CandidateLog(ReadSchema):
    session_id: uuid.UUID
    assessment_name: str
    recorded: bool = Field(description="False once the retention period removed the raw events.")
    events: list[CandidateEvent]
    explanation: str | None = Field(description="The candidate's explanation for the whole session.")


class Explanation(Schema):
    event_id: uuid.UUID | None = Field(None, description="The event explained; omit to explain the whole session.")
    text: str = Field(min_length=1, max_length=2000)
