"""Interviews as the people who run them see them: who may reach which interview, the list, one interview with
its panel, and the interview kit (the candidate's profile, the results of earlier interviews, the résumé).

The rest builds on InterviewService, one module per side: scheduling (backend/interviews/scheduling.py),
scorecards (backend/interviews/scorecards.py) and the candidate's own view (backend/interviews/portal.py).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, SQLColumnExpression, or_
from sqlalchemy.ext.asyncio import AsyncSession

from backend.applications.service import ApplicationWorkflow, application_with_pipeline, applications_managed_by
from backend.auth.permissions import Role
from backend.auth.principal import Principal
from backend.candidates.service import candidate_record
from backend.errors import NotFound
from backend.files import service as files
from backend.interviews.models import Interview, InterviewParticipant, Scorecard
from backend.interviews.repository import InterviewRepository, ScorecardRepository
from backend.interviews.schemas import (
    DEFAULT_ATTRIBUTES,
    EarlierResult,
    InterviewContext,
    InterviewDetail,
    InterviewRead,
)
from backend.kit.pagination import PageParams, paginate
from backend.kit.service import TenantService
from backend.requisitions.service import pipeline_stage
from backend.users.service import user_names

if TYPE_CHECKING:
    from backend.candidates.models import Candidate
    from backend.files.models import StoredFile

SORTABLE: dict[str, SQLColumnExpression[Any]] = {"starts_at": Interview.starts_at}
# The interview types whose scorecards make the technical panel's (Step 2) score.
STEP2_TYPES = ("technical", "system_design", "behavioral")
Recommendations = list[str]


def when(interview: Interview) -> str:
    """The interview's start as its organizer reads it: `Tue 1 Dec 2026, 14:00 Europe/Berlin`."""
    local = interview.starts_at.astimezone(ZoneInfo(interview.time_zone))
    return local.strftime("%a %-d %b %Y, %H:%M ") + interview.time_zone


class InterviewService(TenantService):
    def __init__(self, session: AsyncSession, principal: Principal) -> None:
        super().__init__(session, principal)
        self.repo = InterviewRepository(session, principal.organization_id)
        self.scorecards = ScorecardRepository(session, principal.organization_id)

    # --- visibility ---------------------------------------------------------------------------------------
    def _sees_all(self) -> bool:
        return self.principal.can("interviews:read_all")

    async def panel(self, interview: Interview) -> list[InterviewParticipant]:
        return await self.repo.participants([interview.id])

    def _visible(self) -> ColumnElement[bool] | None:
        """The one rule for who reaches an interview, applied by every route that does (the list included):
        panelists reach the interviews they sit on; people who read all interviews reach all of them, except a
        hiring manager, who reaches those of the requisitions they manage (plus the ones they sit on). None
        means no restriction within the organization."""
        on_panel = self.repo.on_panel(self.principal.id)
        if not self._sees_all():
            return on_panel
        if self.principal.role == Role.HIRING_MANAGER.value:
            return or_(on_panel, Interview.application_id.in_(applications_managed_by(self.principal.id)))
        return None

    async def get(self, interview_id: uuid.UUID) -> tuple[Interview, list[InterviewParticipant]]:
        """An interview the caller may reach (see `_visible`); any other is 404, as if it did not exist."""
        interview = await self.repo.visible(interview_id, self._visible())
        if interview is None:
            raise NotFound("Interview not found.")
        return interview, await self.panel(interview)

    # --- reads --------------------------------------------------------------------------------------------
    async def search(
        self,
        params: PageParams,
        *,
        mine: bool,
        application_id: uuid.UUID | None,
        status: str | None,
        since: datetime | None,
        until: datetime | None,
    ) -> tuple[list[Any], str | None, int | None]:
        """A page of rows, each with the candidate's name, among the interviews the caller may reach."""
        participant = self.principal.id if mine else None
        stmt = self.repo.listing(participant, application_id, status, since, until, rows=True)
        # Every interview has its candidate (a required key): the count needs no join.
        count = self.repo.listing(participant, application_id, status, since, until)
        if (rule := self._visible()) is not None:
            stmt, count = stmt.where(rule), count.where(rule)
        return await paginate(
            self.session,
            stmt,
            sortable=SORTABLE,
            id_column=Interview.id,
            params=params,
            default_sort="starts_at",
            count=count,
            rows=True,
        )

    async def detail(self, interview_id: uuid.UUID) -> InterviewDetail:
        """The interview with its panel, what its scorecard rates, the candidate's name and the job's title."""
        interview, panel = await self.get(interview_id)
        candidate = await self.candidate_of(interview)
        workflow = await self.application_of(interview)
        return InterviewDetail(
            **InterviewRead.model_validate(interview).model_dump(),
            panel_ids=[p.user_id for p in panel],
            scorecard_attributes=await self.attributes(interview),
            candidate_name=candidate.full_name if candidate else "",
            requisition_title=workflow.requisition.title,
        )

    async def application_of(self, interview: Interview) -> ApplicationWorkflow:
        """The interview's application and requisition, once the interview's own rule has let the caller in (a
        panelist need not manage the requisition)."""
        return await application_with_pipeline(self.session, self.organization_id, interview.application_id)

    async def candidate_of(self, interview: Interview) -> Candidate | None:
        return await candidate_record(self.session, self.organization_id, interview.candidate_id)

    async def title(self, interview: Interview) -> str:
        """The job the interview is for."""
        return (await self.application_of(interview)).requisition.title

    async def attributes(self, interview: Interview) -> list[str]:
        """What this interview's scorecard rates: its round's `scorecard_attributes`, else the default five."""
        stage = (
            await pipeline_stage(self.session, self.organization_id, interview.stage_id) if interview.stage_id else None
        )
        configured = (stage.config if stage else {}).get("scorecard_attributes")
        return list(configured or DEFAULT_ATTRIBUTES)

    # --- the interview kit --------------------------------------------------------------------------------
    async def resume(self, interview_id: uuid.UUID) -> tuple[StoredFile, bytes]:
        """The candidate's résumé, for the people on (or overseeing) this interview."""
        interview, _ = await self.get(interview_id)
        candidate = await self.candidate_of(interview)
        if candidate is None or candidate.resume_file_id is None:
            raise NotFound("No résumé for this candidate.")
        return await files.read(self.session, self.organization_id, candidate.resume_file_id)

    async def context(self, interview_id: uuid.UUID) -> InterviewContext:
        """The candidate's profile, current stage and the results of interviews that ended before this one."""
        interview, _ = await self.get(interview_id)
        app, _req, stages = await self.application_of(interview)
        candidate = await self.candidate_of(interview)
        assert candidate is not None
        earlier = [
            EarlierResult(
                interview_type=other.type,
                starts_at=other.starts_at,
                interviewer_name=name,
                overall_rating=card.overall_rating,
                recommendation=card.recommendation,
            )
            for other, _user, name, card in await application_panel(self.session, self.organization_id, app.id)
            if other.id != interview.id
            and other.ends_at <= interview.starts_at
            and card is not None
            and card.status == "submitted"
        ]
        return InterviewContext(
            full_name=candidate.full_name,
            location=candidate.location,
            source=candidate.source,
            tags=list(candidate.tags),
            stage_name=next((s.name for s in stages if s.id == app.stage_id), None),
            applied_at=app.created_at,
            application_score=app.score,
            earlier=earlier,
        )


# --- what other domains read of interviews (decisions, the pipeline board) --------------------------------------
async def application_panel(
    session: AsyncSession, organization_id: uuid.UUID, application_id: uuid.UUID, types: tuple[str, ...] | None = None
) -> list[tuple[Interview, uuid.UUID, str, Scorecard | None]]:
    """Every (interview, panelist) of an application's interviews that took place or will, by start time and then
    the panelist's name, with the name and the panelist's scorecard (None until they save one)."""
    rows = await InterviewRepository(session, organization_id).panel_of(application_id, types)
    names = await user_names(session, organization_id, [user_id for _, user_id, _ in rows])
    alphabetical = {user_id: i for i, user_id in enumerate(names)}
    rows.sort(key=lambda row: (row[0].starts_at, alphabetical.get(row[1], len(alphabetical))))
    return [(interview, user_id, names.get(user_id, ""), card) for interview, user_id, card in rows]


async def mean_ratings(
    session: AsyncSession, organization_id: uuid.UUID, application_ids: list[uuid.UUID], types: tuple[str, ...]
) -> dict[uuid.UUID, float]:
    """The mean overall rating of the submitted scorecards of each application's interviews of these types that
    took place, in one query (lists show it per row)."""
    return await ScorecardRepository(session, organization_id).mean_ratings(application_ids, types)


async def applications_of_panelist(
    session: AsyncSession, organization_id: uuid.UUID, user_id: uuid.UUID
) -> list[uuid.UUID]:
    """The applications whose (non-cancelled) interviews this person sits on: the candidates an interviewer may
    see the test results of."""
    return await InterviewRepository(session, organization_id).applications_of_panelist(user_id)


async def scorecard_tallies(
    session: AsyncSession, organization_id: uuid.UUID, application_ids: list[uuid.UUID]
) -> dict[uuid.UUID, tuple[Recommendations, int]]:
    """Per application, the submitted recommendations (oldest interview first) and how many panelists have not
    submitted, over its interviews that took place or will, in one query (the board shows them on every card)."""
    out: dict[uuid.UUID, tuple[Recommendations, int]] = {}
    for app_id, status, recommendation in await ScorecardRepository(session, organization_id).statuses(application_ids):
        submitted, pending = out.get(app_id, ([], 0))
        if status == "submitted":
            submitted.append(recommendation)
        else:
            pending += 1
        out[app_id] = (submitted, pending)
    return out
