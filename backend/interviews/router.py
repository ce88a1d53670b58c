import uuid
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response, status

from backend.auth.dependencies import CurrentPrincipal, require
from backend.auth.principal import Principal
from backend.db import ReadSessionDep, SessionDep
from backend.errors import Forbidden, ValidationFailed
from backend.files.content import PDF
from backend.files.service import content_disposition, stored_file_response
from backend.interviews.portal import InterviewPortal
from backend.interviews.scheduling import SchedulingService
from backend.interviews.schemas import (
    CandidateResponse,
    Clash,
    InterviewContext,
    InterviewCreate,
    InterviewDetail,
    InterviewListItem,
    PanelSuggestion,
    PortalInterview,
    Reopen,
    Reschedule,
    ScorecardRead,
    ScorecardWrite,
    Status,
    StatusChange,
)
from backend.interviews.scorecards import ScorecardService
from backend.interviews.service import InterviewService
from backend.kit.pagination import PageParams, page_params
from backend.kit.schemas import Page

router = APIRouter(prefix="/interviews", tags=["interviews"])
portal_router = APIRouter(prefix="/me/interviews", tags=["candidate portal"])
Scheduler = Annotated[Principal, Depends(require("interviews:schedule"))]
Panelist = Annotated[Principal, Depends(require("feedback:submit"))]


async def reader(principal: CurrentPrincipal) -> Principal:
    """Interview readers: everyone who reads all interviews, and interviewers for their own."""
    if not (principal.can("interviews:read_all") or principal.can("interviews:read_assigned")):
        raise Forbidden("You need the 'interviews:read_assigned' permission for this.")
    return principal


reader.required_permission = "interviews:read_assigned"  # type: ignore[attr-defined]
Reader = Annotated[Principal, Depends(reader)]


def _require_offset(starts_at: datetime) -> None:
    if starts_at.tzinfo is None:
        raise ValidationFailed.on(
            "starts_at", "Needs an offset", detail="Give the time with its offset.", where="query"
        )


@router.get("", response_model=Page[InterviewListItem])
async def list_interviews(
    principal: Reader,
    session: ReadSessionDep,
    params: PageParams = Depends(page_params),
    mine: bool = False,
    application_id: uuid.UUID | None = None,
    status: Status | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> Page[InterviewListItem]:
    """Interviews by start time (`since`/`until` for a calendar week). Interviewers see only the ones they are
    on; `mine=true` narrows anyone's list."""
    service = InterviewService(session, principal)
    items, cursor, total = await service.search(
        params, mine=mine, application_id=application_id, status=status, since=since, until=until
    )
    return Page[InterviewListItem](
        items=[InterviewListItem.model_validate(row._mapping) for row in items], next_cursor=cursor, total=total
    )


@router.post("", response_model=InterviewDetail, status_code=status.HTTP_201_CREATED)
async def schedule_interview(principal: Scheduler, body: InterviewCreate, session: SessionDep) -> InterviewDetail:
    """Schedule an interview. 409 (naming the clash) if the candidate or a panelist is busy in that window; the
    check is serialized in the database, so two simultaneous bookings of one slot give one interview. The
    candidate and the panel are emailed an iCalendar invitation."""
    service = SchedulingService(session, principal)
    interview = await service.schedule(body)
    return await service.detail(interview.id)


@router.get("/suggestions", response_model=PanelSuggestion)
async def suggest_interviewer(
    principal: Scheduler,
    session: ReadSessionDep,
    starts_at: Annotated[datetime, Query(description="Proposed start, with an offset.")],
    duration_minutes: Annotated[int, Query(ge=5, le=480)] = 60,
    skill: Annotated[str | None, Query(max_length=40, description="Only interviewers with this skill.")] = None,
) -> PanelSuggestion:
    """Interviewers (with `skill`, if given) with their load this week and whether they are free then, and the
    suggested one (least loaded, free, under the organization's weekly limit) with the reason."""
    _require_offset(starts_at)
    return await SchedulingService(session, principal).suggest(starts_at, duration_minutes, skill)


@router.get("/conflicts", response_model=list[Clash])
async def preview_conflicts(
    principal: Scheduler,
    session: ReadSessionDep,
    application_id: uuid.UUID,
    starts_at: Annotated[datetime, Query(description="Proposed start, with an offset.")],
    duration_minutes: Annotated[int, Query(ge=5, le=480)] = 60,
    people: Annotated[list[uuid.UUID], Query(max_length=11, description="Lead and panel.")] = [],  # noqa: B006
) -> list[Clash]:
    """The interviews that would clash with this booking (the candidate's or a panelist's), to show before
    saving. An empty list means the slot is free now; the booking re-checks under a lock."""
    _require_offset(starts_at)
    return await SchedulingService(session, principal).preview_clashes(
        application_id, people, starts_at, duration_minutes
    )


@router.get("/{interview_id}", response_model=InterviewDetail)
async def get_interview(principal: Reader, interview_id: uuid.UUID, session: ReadSessionDep) -> InterviewDetail:
    return await InterviewService(session, principal).detail(interview_id)


@router.post("/{interview_id}/reschedule", response_model=InterviewDetail)
async def reschedule_interview(
    principal: Scheduler, interview_id: uuid.UUID, body: Reschedule, session: SessionDep
) -> InterviewDetail:
    """Move the interview (same checks); calendars update the same event (SEQUENCE + 1)."""
    service = SchedulingService(session, principal)
    await service.reschedule(interview_id, body)
    return await service.detail(interview_id)


@router.post("/{interview_id}/status", response_model=InterviewDetail)
async def change_interview_status(
    principal: Reader, interview_id: uuid.UUID, body: StatusChange, session: SessionDep
) -> InterviewDetail:
    """scheduled → in_progress → completed, or cancelled / no_show (with a reason). Cancelling sends
    METHOD:CANCEL calendar updates."""
    service = SchedulingService(session, principal)
    await service.change_status(interview_id, body.status, body.reason)
    return await service.detail(interview_id)


@router.get("/{interview_id}/candidate", response_model=InterviewContext)
async def interview_candidate(principal: Reader, interview_id: uuid.UUID, session: ReadSessionDep) -> InterviewContext:
    """The candidate's profile and the results of earlier interviews, for the panel's interview kit."""
    return await InterviewService(session, principal).context(interview_id)


@router.get("/{interview_id}/resume", response_class=Response, responses={200: {"content": {PDF: {}}}})
async def interview_resume(
    principal: Reader, interview_id: uuid.UUID, session: ReadSessionDep, inline: bool = False
) -> Response:
    """The candidate's résumé, for the interview's panel and the people who oversee interviews."""
    return stored_file_response(*await InterviewService(session, principal).resume(interview_id), inline=inline)


@router.get("/{interview_id}/scorecards", response_model=list[ScorecardRead])
async def list_scorecards(principal: Reader, interview_id: uuid.UUID, session: ReadSessionDep) -> list[ScorecardRead]:
    """Blind feedback: panelists see the others' scorecards only once they have submitted their own."""
    cards = await ScorecardService(session, principal).visible_scorecards(interview_id)
    return [ScorecardRead.model_validate(c) for c in cards]


@router.put("/{interview_id}/scorecard", response_model=ScorecardRead)
async def save_scorecard_draft(
    principal: Panelist, interview_id: uuid.UUID, body: ScorecardWrite, session: SessionDep
) -> ScorecardRead:
    """Save my draft (autosave). Refused once submitted."""
    return ScorecardRead.model_validate(await ScorecardService(session, principal).save_draft(interview_id, body))


@router.post("/{interview_id}/scorecard/submit", response_model=ScorecardRead)
async def submit_scorecard(
    principal: Panelist, interview_id: uuid.UUID, body: ScorecardWrite, session: SessionDep
) -> ScorecardRead:
    """Submit and lock my scorecard (needs an overall rating and a recommendation). Notifies the recruiter and
    the hiring manager. A second submit answers 409."""
    return ScorecardRead.model_validate(await ScorecardService(session, principal).submit(interview_id, body))


@router.post("/scorecards/{scorecard_id}/reopen", response_model=ScorecardRead)
async def reopen_scorecard(
    principal: Annotated[Principal, Depends(require("decisions:override"))],
    scorecard_id: uuid.UUID,
    body: Reopen,
    session: SessionDep,
) -> ScorecardRead:
    """Unlock a submitted scorecard for its author (admins and executives), with a reason."""
    return ScorecardRead.model_validate(await ScorecardService(session, principal).reopen(scorecard_id, body.reason))


@portal_router.get("", response_model=list[PortalInterview])
async def my_interviews(
    principal: Annotated[Principal, Depends(require("applications:own"))], session: ReadSessionDep
) -> list[PortalInterview]:
    """The signed-in candidate's interviews (what a candidate may see of them)."""
    return [PortalInterview.model_validate(i) for i in await InterviewPortal(session, principal).my_interviews()]


@portal_router.post("/{interview_id}/respond", response_model=PortalInterview)
async def respond_to_interview(
    principal: Annotated[Principal, Depends(require("applications:own"))],
    interview_id: uuid.UUID,
    body: CandidateResponse,
    session: SessionDep,
) -> PortalInterview:
    """Accept or decline an interview; a decline notifies the recruiter."""
    service = InterviewPortal(session, principal)
    return PortalInterview.model_validate(await service.respond(interview_id, body.response))


@portal_router.get(
    "/{interview_id}/calendar", response_class=Response, responses={200: {"content": {"text/calendar": {}}}}
)
async def my_interview_calendar(
    principal: Annotated[Principal, Depends(require("applications:own"))],
    interview_id: uuid.UUID,
    session: ReadSessionDep,
) -> Response:
    """The interview as an .ics file, to add to a calendar."""
    return Response(
        await InterviewPortal(session, principal).calendar(interview_id),
        media_type="text/calendar",
        headers={"Content-Disposition": content_disposition("attachment", "interview.ics")},
    )
