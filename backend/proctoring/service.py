"""What other domains read about proctoring: the compact integrity summary of test sessions, for the screens that
show it next to a test (results, the interview kit, the Step-1 review queue). Who may see those screens is their
own domain's rule; this module only reads, and imports nothing of test sessions (which call it)."""

import uuid
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from backend.proctoring.repository import SummaryRepository
from backend.proctoring.schemas import IntegrityBrief

NO_SIGNALS = IntegrityBrief(tier="none", reasons=[], pending_reviews=0, verdict=None, verdict_note=None)


async def integrity_briefs(
    session: AsyncSession, organization_id: uuid.UUID | None, session_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, IntegrityBrief]:
    """Each session's tier, reasons and verdict, in one query (a session nothing was recorded for has no risk)."""
    rows = await SummaryRepository(session, organization_id).of_sessions(list(session_ids))
    return {sid: IntegrityBrief.model_validate(rows[sid]) if sid in rows else NO_SIGNALS for sid in session_ids}
