"""The pipeline a new organization starts with (the three steps hiring runs through: an online test, a
technical interview, an executive interview, then the offer), plus rounds admins often add."""

from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from backend.requisitions.models import RoundTemplate
from backend.requisitions.repository import RoundTemplateRepository

DEFAULT_ROUNDS = [
    dict(
        name="Step 1 — Online assessment",
        kind="assessment",
        duration_minutes=90,
        passing_score=Decimal(70),
        in_default_pipeline=True,
        position=1,
    ),
    dict(
        name="Step 2 — Technical interview",
        kind="technical_interview",
        duration_minutes=60,
        passing_score=Decimal(70),
        in_default_pipeline=True,
        position=2,
    ),
    dict(
        name="Step 3 — Executive interview",
        kind="executive_interview",
        duration_minutes=45,
        in_default_pipeline=True,
        position=3,
    ),
    dict(name="Offer", kind="offer", in_default_pipeline=True, position=4),
    dict(name="Recruiter screen", kind="hr_screen", duration_minutes=30, position=10),
    dict(name="Hiring manager review", kind="review", position=11),
]

DEFAULT_STAGE_WEIGHTS = {"assessment": 0.3, "technical_interview": 0.4, "executive_interview": 0.3}


async def ensure_round_templates(session: AsyncSession, organization_id: object) -> None:
    repo = RoundTemplateRepository(session, organization_id)  # type: ignore[arg-type]
    if await repo.any():
        return
    for fields in DEFAULT_ROUNDS:
        repo.add(RoundTemplate(**fields))
    await session.flush()
