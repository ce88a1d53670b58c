"""The pipeline board of a requisition: a column per stage with its active and on-hold applications, each card
with its notes, red flags and the panel's recommendations so far.

Apart from backend/applications/service.py because it reads interviews (the scorecard tallies on every card),
and the interviews domain itself works on applications through that service."""

import uuid
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from backend.applications.repository import ApplicationRepository
from backend.applications.schemas import Board, BoardCard, BoardColumn
from backend.auth.principal import Principal
from backend.interviews.service import scorecard_tallies
from backend.requisitions.service import RequisitionService


async def board(session: AsyncSession, principal: Principal, requisition_id: uuid.UUID) -> Board:
    assert principal.organization_id is not None
    # 404 for a hiring manager who does not manage the requisition.
    req, stages = await RequisitionService(session, principal).detail(requisition_id)
    repo = ApplicationRepository(session, principal.organization_id)
    rows = await repo.board(req.id)
    per_stage, per_status = await repo.counts(req.id)
    tallies = await scorecard_tallies(session, principal.organization_id, [r.application_id for r in rows])
    now = datetime.now(UTC)
    cards: dict[uuid.UUID, list[BoardCard]] = {s.id: [] for s in stages}
    for r in rows:
        recommendations, pending = tallies.get(r.application_id, ([], 0))
        cards.setdefault(r.stage_id, []).append(
            BoardCard(
                application_id=r.application_id,
                candidate_id=r.candidate_id,
                candidate_name=r.candidate_name,
                status=r.status,
                score=r.score,
                days_in_stage=(now - r.stage_entered_at).days,
                notes=r.notes,
                red_flags=r.red_flags,
                recommendations=recommendations,
                scorecards_pending=pending,
            )
        )
    return Board(
        requisition_id=req.id,
        columns=[
            BoardColumn(
                stage_id=s.id,
                name=s.name,
                kind=s.kind,
                position=s.position,
                count=per_stage.get(s.id, 0),
                cards=cards.get(s.id, []),
            )
            for s in stages
        ],
        counts_by_status=per_status,
    )
