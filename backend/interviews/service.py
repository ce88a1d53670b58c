"""Interviews: scheduling without double booking, calendar invitations, and scorecards with blind feedback."""

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import ColumnElement, SQLColumnExpression, or_
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from backend.applications.automation import record_stage_score
from backend.applications.service import ApplicationService, application_with_pipeline, applications_managed_by
from backend.audit import service as audit
from backend.auth.permissions import Role
from backend.auth.principal import Principal
from backend.candidates.models import Candidate
from backend.candidates.service import candidates_of_user
from backend.email.service import Attachment, send_email
from backend.errors import Conflict, Forbidden, NotFound, ValidationFailed
from backend.interviews import transitions
from backend.interviews.calendar import invitation
from backend.interviews.models import Interview, InterviewParticipant, Scorecard
from backend.interviews.repository import InterviewRepository, ScorecardRepository, application_panel, mean_ratings
from backend.interviews.schemas import (
    DEFAULT_ATTRIBUTES,
    Clash,
    EarlierResult,
    InterviewContext,
    InterviewCreate,
    InterviewerLoad,
    PanelSuggestion,
    Reschedule,
    ScorecardWrite,
)
from backend.kit.pagination import PageParams, paginate
from backend.notifications.service import notify
from backend.organizations.service import effective_settings, organization_profile
from backend.requisitions.models import PipelineStage
from backend.users.models import User
from backend.users.service import active_users, users_by_ids

# The interview types whose scorecards make the technical panel's (Step 2) score.
STEP2_TYPES = ("technical", "system_design", "behavioral")

PANEL_ROLES = {
    Role.INTERVIEWER.value,
    Role.HIRING_MANAGER.value,
    Role.EXECUTIVE.value,
    Role.ADMIN.value,
    Role.RECRUITER.value,
}
SORTABLE: dict[str, SQLColumnExpression[Any]] = {"starts_at": Interview.starts_at}
AUDITED = ("starts_at", "ends_at", "duration_minutes", "status", "location", "lead_interviewer_id")


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValidationFailed.on("time_zone", f"Unknown time zone '{name}'.") from exc


def _when(interview: Interview) -> str:
    local = interview.starts_at.astimezone(ZoneInfo(interview.time_zone))
    return local.strftime("%a %-d %b %Y, %H:%M ") + interview.time_zone


class InterviewService:
    def __init__(self, session: AsyncSession, principal: Principal) -> None:
        assert principal.organization_id is not None
        self.session = session
        self.principal = principal
        self.organization_id: uuid.UUID = principal.organization_id
        self.repo = InterviewRepository(session, principal.organization_id)
        self.scorecards = ScorecardRepository(session, principal.organization_id)

    # --- visibility ---------------------------------------------------------------------------------------
    def _sees_all(self) -> bool:
        return self.principal.can("interviews:read_all")

    async def _panel(self, interview: Interview) -> list[InterviewParticipant]:
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
        return interview, await self._panel(interview)

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
        )

    # --- scheduling ---------------------------------------------------------------------------------------
    async def _people(self, ids: list[uuid.UUID], field: str = "panel_ids") -> dict[uuid.UUID, User]:
        users = {u.id: u for u in await users_by_ids(self.session, self.organization_id, ids)}
        for user_id in ids:
            user = users.get(user_id)
            if user is None or user.role not in PANEL_ROLES:
                raise ValidationFailed.on(
                    field,
                    "Every panelist must be an active interviewer, manager or recruiter of the organization.",
                )
        return users

    async def _clashes(
        self,
        people: dict[uuid.UUID, User],
        candidate: Candidate,
        starts_at: datetime,
        ends_at: datetime,
        exclude: uuid.UUID | None = None,
    ) -> list[Clash]:
        out = []
        for other in await self.repo.clashes(list(people), candidate.id, starts_at, ends_at, exclude):
            busy = [people[p.user_id].full_name for p in await self._panel(other) if p.user_id in people]
            if other.candidate_id == candidate.id:
                busy.append(candidate.full_name)
            out.append(
                Clash(interview_id=other.id, starts_at=other.starts_at, ends_at=other.ends_at, who=", ".join(busy))
            )
        return out

    async def _refuse_clashes(
        self,
        people: dict[uuid.UUID, User],
        candidate: Candidate,
        starts_at: datetime,
        ends_at: datetime,
        exclude: uuid.UUID | None = None,
    ) -> None:
        await self.repo.lock_calendars([*people, candidate.id])
        for clash in await self._clashes(people, candidate, starts_at, ends_at, exclude):
            window = f"{clash.starts_at:%Y-%m-%d %H:%M}–{clash.ends_at:%H:%M} UTC"
            raise Conflict(
                f"{clash.who} already has an interview {window}.", extra={"clash": clash.model_dump(mode="json")}
            )

    async def preview_clashes(
        self, application_id: uuid.UUID, people_ids: list[uuid.UUID], starts_at: datetime, duration_minutes: int
    ) -> list[Clash]:
        """What scheduling would refuse, shown before saving (the booking itself re-checks under a lock)."""
        app, _req, _ = await ApplicationService(self.session, self.principal).load(application_id)
        candidate = await self.session.get(Candidate, app.candidate_id)
        assert candidate is not None
        people = await self._people(people_ids)
        start = starts_at.astimezone(UTC)
        return await self._clashes(people, candidate, start, start + timedelta(minutes=duration_minutes))

    async def schedule(self, data: InterviewCreate) -> Interview:
        _zone(data.time_zone)
        try:
            app, req, _stages = await ApplicationService(self.session, self.principal).load(data.application_id)
        except NotFound as exc:
            raise ValidationFailed.on("application_id", "Unknown application.") from exc
        if app.status not in ("active", "on_hold"):
            raise Conflict(f"The application is {app.status}; no interview can be scheduled.")
        candidate = await self.session.get(Candidate, app.candidate_id)
        assert candidate is not None
        panel_ids = list(dict.fromkeys([data.lead_interviewer_id, *data.panel_ids]))
        await self._people([data.lead_interviewer_id], field="lead_interviewer_id")
        people = await self._people(panel_ids)
        starts_at = data.starts_at.astimezone(UTC)
        ends_at = starts_at + timedelta(minutes=data.duration_minutes)
        await self._refuse_clashes(people, candidate, starts_at, ends_at)
        interview = self.repo.add(
            Interview(
                application_id=app.id,
                candidate_id=candidate.id,
                stage_id=app.stage_id,
                type=data.type,
                mode=data.mode,
                starts_at=starts_at,
                ends_at=ends_at,
                duration_minutes=data.duration_minutes,
                time_zone=data.time_zone,
                lead_interviewer_id=data.lead_interviewer_id,
                location=data.location,
                preparation_notes=data.preparation_notes,
                guide=[g.model_dump(mode="json") for g in data.guide],
                created_by_id=self.principal.id if self.principal.kind == "user" else None,
            )
        )
        await self.session.flush()
        for user_id in panel_ids:
            self.session.add(
                InterviewParticipant(
                    organization_id=self.organization_id,
                    interview_id=interview.id,
                    user_id=user_id,
                    is_lead=user_id == data.lead_interviewer_id,
                )
            )
        await self.session.flush()
        await audit.record(
            self.session,
            self.principal,
            "interview.scheduled",
            "interview",
            interview.id,
            organization_id=self.organization_id,
            after=audit.snapshot(interview, AUDITED),
        )
        await notify(
            self.session,
            self.organization_id,
            panel_ids,
            type="interview",
            title=f"Interview with {candidate.full_name}",
            message=f"{req.title} · {_when(interview)}",
            entity_type="interview",
            entity_id=interview.id,
            action_url=f"/interviews/{interview.id}",
        )
        await self._invite(interview, candidate, people, req.title, "interview_invitation")
        return interview

    async def reschedule(self, interview_id: uuid.UUID, data: Reschedule) -> Interview:
        interview, panel = await self.get(interview_id)
        if interview.status != "scheduled":
            raise Conflict(f"A {interview.status.replace('_', ' ')} interview cannot be rescheduled.")
        candidate = await self.session.get(Candidate, interview.candidate_id)
        assert candidate is not None
        people = await self._people([p.user_id for p in panel])
        before = audit.snapshot(interview, AUDITED)
        duration = data.duration_minutes or interview.duration_minutes
        starts_at = data.starts_at.astimezone(UTC)
        await self._refuse_clashes(people, candidate, starts_at, starts_at + timedelta(minutes=duration), interview.id)
        interview.starts_at, interview.duration_minutes = starts_at, duration
        interview.ends_at = starts_at + timedelta(minutes=duration)
        interview.ics_sequence += 1
        interview.status_reason = data.reason
        interview.candidate_response = None
        old, new = audit.changed(before, audit.snapshot(interview, AUDITED))
        await audit.record(
            self.session,
            self.principal,
            "interview.rescheduled",
            "interview",
            interview.id,
            organization_id=self.organization_id,
            before=old,
            after={**new, "reason": data.reason},
        )
        title = await self._title(interview)
        await self._invite(interview, candidate, people, title, "interview_rescheduled")
        return interview

    async def change_status(self, interview_id: uuid.UUID, target: str, reason: str | None) -> Interview:
        interview, panel = await self.get(interview_id)
        if interview.status == target:
            return interview
        transitions.check(interview.status, target)
        if target in ("cancelled", "no_show") and not reason:
            raise ValidationFailed.on("reason", "Say why.")
        self._check_may_set(target, panel)
        previous = interview.status
        now = datetime.now(UTC)
        interview.status, interview.status_reason = target, reason
        if target == "in_progress":
            interview.started_at = now
        if target in ("completed", "no_show"):
            interview.ended_at = now
        await audit.record(
            self.session,
            self.principal,
            f"interview.{target}",
            "interview",
            interview.id,
            organization_id=self.organization_id,
            before={"status": previous},
            after={"status": target, "reason": reason},
        )
        if target == "cancelled":
            candidate = await self.session.get(Candidate, interview.candidate_id)
            assert candidate is not None
            interview.ics_sequence += 1
            people = await self._people([p.user_id for p in panel])
            await self._invite(
                interview,
                candidate,
                people,
                await self._title(interview),
                "interview_cancelled",
                cancel=True,
                reason=reason or "",
            )
        return interview

    def _check_may_set(self, target: str, panel: list[InterviewParticipant]) -> None:
        """Who moves an interview: its panel runs it (in progress, completed, no show); cancelling, which emails
        the candidate and the panel, is for the people who schedule interviews. Reading is never enough."""
        scheduler = self.principal.can("interviews:schedule")
        on_panel = self.principal.kind == "user" and self.principal.id in {p.user_id for p in panel}
        if target == "cancelled" and not scheduler:
            raise Forbidden("Only the people who schedule interviews cancel them.")
        if not (scheduler or on_panel):
            raise Forbidden("Only the panel or a recruiter updates this interview.")

    async def application_of(self, interview: Interview) -> tuple[Any, Any, list[PipelineStage]]:
        """The interview's application and requisition, once the interview's own rule has let the caller in (a
        panelist need not manage the requisition)."""
        return await application_with_pipeline(self.session, self.organization_id, interview.application_id)

    async def _title(self, interview: Interview) -> str:
        _, req, _ = await self.application_of(interview)
        return req.title

    async def _invite(
        self,
        interview: Interview,
        candidate: Candidate,
        people: dict[uuid.UUID, User],
        job_title: str,
        template: str,
        cancel: bool = False,
        reason: str = "",
    ) -> None:
        org = await organization_profile(self.session, self.organization_id)
        organizer = people[interview.lead_interviewer_id].email
        emails = [candidate.email, *(u.email for u in people.values())]

        def attachment(description: str) -> Attachment:
            ics = invitation(
                interview,
                title=f"{interview.type.replace('_', ' ').title()} interview: {job_title}",
                organizer_email=organizer,
                attendees=emails,
                description=description,
                cancel=cancel,
            )
            return Attachment("interview.ics", f"text/calendar; method={'CANCEL' if cancel else 'REQUEST'}", ics)

        # The same event for everyone; only the panel's copy carries the preparation notes.
        for_panel, for_candidate = attachment(interview.preparation_notes), attachment("")
        recipients = [
            (candidate.email, candidate.first_name),
            *((u.email, u.full_name.split()[0]) for u in people.values()),
        ]
        for index, (email, name) in enumerate(recipients):
            context: dict[str, Any] = {
                "name": name,
                "candidate_name": candidate.full_name,
                "job_title": job_title,
                "organization_name": org.name if org else "",
                "starts_at": _when(interview),
            }
            if template == "interview_invitation":
                context |= {
                    "interview_type": interview.type.replace("_", " ").title(),
                    "duration_minutes": interview.duration_minutes,
                    "location": interview.location or "TBA",
                }
            elif template == "interview_rescheduled":
                context |= {"location": interview.location or "TBA"}
            else:
                context |= {"reason": reason}
            await send_email(
                self.session,
                self.organization_id,
                template,
                email,
                context,
                entity_type="interview",
                entity_id=interview.id,
                attachments=[for_candidate if index == 0 else for_panel],
                idempotency_key=f"{template}:{interview.id}:{interview.ics_sequence}:{email}",
            )

    async def resume(self, interview_id: uuid.UUID) -> tuple[Any, bytes]:
        """The candidate's résumé, for the people on (or overseeing) this interview."""
        from backend.files import service as files

        interview, _ = await self.get(interview_id)
        candidate = await self.session.get(Candidate, interview.candidate_id)
        if candidate is None or candidate.resume_file_id is None:
            raise NotFound("No résumé for this candidate.")
        return await files.read(self.session, self.organization_id, candidate.resume_file_id)

    async def context(self, interview_id: uuid.UUID) -> InterviewContext:
        """The candidate's profile, current stage and the results of interviews that ended before this one."""
        interview, _ = await self.get(interview_id)
        app, _req, stages = await self.application_of(interview)
        candidate = await self.session.get(Candidate, interview.candidate_id)
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

    async def calendar_file(self, interview: Interview) -> bytes:
        candidate = await self.session.get(Candidate, interview.candidate_id)
        assert candidate is not None
        panel = await self._panel(interview)
        people = {u.id: u for u in await users_by_ids(self.session, self.organization_id, [p.user_id for p in panel])}
        lead = people.get(interview.lead_interviewer_id)
        return invitation(
            interview,
            title=f"Interview: {await self._title(interview)}",
            organizer_email=lead.email if lead else "no-reply@interviewflow.dev",
            attendees=[candidate.email, *(u.email for u in people.values())],
            description="",  # the preparation notes are the panel's
            cancel=interview.status == "cancelled",
        )

    async def suggest(self, starts_at: datetime, duration_minutes: int, skill: str | None = None) -> PanelSuggestion:
        """Seed 002's distribution applied to interviewers: among the interviewers (with that skill, if one is
        asked for), the least loaded this week who is free in the window and under the weekly limit. The reason is
        shown; the recruiter may pick anyone."""
        org = await organization_profile(self.session, self.organization_id)
        limit = effective_settings(org).interviewer_weekly_limit if org else 8
        start = starts_at.astimezone(UTC)
        end = start + timedelta(minutes=duration_minutes)
        week_start = (start - timedelta(days=start.weekday())).replace(hour=0, minute=0, second=0, microsecond=0)
        pool = await active_users(self.session, self.organization_id, Role.INTERVIEWER)
        if skill:
            pool = [u for u in pool if skill.lower() in u.skills]
        load = await self.repo.weekly_load([u.id for u in pool], week_start, week_start + timedelta(days=7))
        busy = await self.repo.busy_users([u.id for u in pool], start, end)
        rows = sorted(
            (
                InterviewerLoad(
                    user_id=u.id,
                    full_name=u.full_name,
                    role=u.role,
                    interviews_this_week=load.get(u.id, 0),
                    weekly_limit=limit,
                    free=u.id not in busy,
                    skills=list(u.skills),
                )
                for u in pool
            ),
            key=lambda r: (r.interviews_this_week, r.full_name),
        )
        eligible = [r for r in rows if r.free and r.interviews_this_week < limit]
        if not eligible:
            who = f"interviewer with the skill '{skill}'" if skill else "interviewer"
            return PanelSuggestion(
                suggested=None,
                interviewers=rows,
                reason=f"No {who} is free then and under the weekly limit." if pool else f"There is no {who}.",
            )
        best = eligible[0]
        return PanelSuggestion(
            suggested=best,
            interviewers=rows,
            reason=(
                f"{best.full_name} has the fewest interviews this week ({best.interviews_this_week} of {limit})"
                + (f" among those who assess {skill}" if skill else "")
                + " and is free at that time."
            ),
        )

    # --- the candidate's side -----------------------------------------------------------------------------
    async def _own_candidate_ids(self) -> set[uuid.UUID]:
        return {c.id for c in await candidates_of_user(self.session, self.organization_id, self.principal.id)}

    async def my_interviews(self) -> list[Interview]:
        """The signed-in candidate's interviews (across their candidate records), by start time."""
        stmt = self.repo.listing(None, None, None, None, None, await self._own_candidate_ids())
        return list((await self.session.execute(stmt.order_by(Interview.starts_at))).scalars())

    async def candidates_interview(self, interview_id: uuid.UUID) -> Interview:
        """One of the signed-in candidate's interviews; anyone else's is 404."""
        interview = await self.repo.get(interview_id)
        if interview is None or interview.candidate_id not in await self._own_candidate_ids():
            raise NotFound("Interview not found.")
        return interview

    async def respond(self, interview_id: uuid.UUID, response: str) -> Interview:
        interview = await self.candidates_interview(interview_id)
        if interview.status != "scheduled":
            raise Conflict(f"This interview is {interview.status.replace('_', ' ')}.")
        interview.candidate_response = response
        await audit.record(
            self.session,
            self.principal,
            f"interview.candidate_{response}",
            "interview",
            interview.id,
            organization_id=self.organization_id,
            after={"candidate_response": response},
        )
        if response == "declined" and interview.created_by_id:
            await notify(
                self.session,
                self.organization_id,
                [interview.created_by_id],
                type="interview",
                priority="high",
                title="A candidate declined an interview",
                message=f"{self.principal.label} declined the interview on {_when(interview)}.",
                entity_type="interview",
                entity_id=interview.id,
                action_url=f"/interviews/{interview.id}",
            )
        return interview

    # --- scorecards ---------------------------------------------------------------------------------------
    async def _on_panel(self, interview_id: uuid.UUID) -> Interview:
        interview, panel = await self.get(interview_id)
        if self.principal.id not in {p.user_id for p in panel}:
            raise Forbidden("Only panelists write a scorecard for this interview.")
        return interview

    async def my_scorecard(self, interview_id: uuid.UUID) -> Scorecard | None:
        await self._on_panel(interview_id)
        return await self.scorecards.of(interview_id, self.principal.id)

    async def attributes(self, interview: Interview) -> list[str]:
        """What this interview's scorecard rates: its round's `scorecard_attributes`, else the default five."""
        stage = await self.session.get(PipelineStage, interview.stage_id) if interview.stage_id else None
        configured = (stage.config if stage else {}).get("scorecard_attributes")
        return list(configured or DEFAULT_ATTRIBUTES)

    async def save_draft(self, interview_id: uuid.UUID, data: ScorecardWrite) -> Scorecard:
        interview = await self._on_panel(interview_id)
        allowed = await self.attributes(interview)
        unknown = sorted(set(data.ratings) - set(allowed))
        if unknown:
            raise ValidationFailed.on(
                "ratings", f"Not rated in this round: {', '.join(unknown)}. Rate: {', '.join(allowed)}."
            )
        card = await self.scorecards.of(interview.id, self.principal.id, lock=True)
        if card is None:
            card = self.scorecards.add(Scorecard(interview_id=interview.id, interviewer_id=self.principal.id))
        elif card.status == "submitted":
            raise Conflict("This scorecard is submitted and locked; an admin can reopen it.")
        for field, value in data.model_dump(mode="json").items():
            setattr(card, field, value)
        try:
            async with self.session.begin_nested():
                await self.session.flush()
        except IntegrityError as exc:  # a concurrent first save created it
            raise Conflict("Your scorecard was saved from another tab; reload it.") from exc
        return card

    async def submit(self, interview_id: uuid.UUID, data: ScorecardWrite) -> Scorecard:
        card = await self.save_draft(interview_id, data)
        if card.overall_rating is None or card.recommendation is None:
            raise ValidationFailed(
                "A submitted scorecard needs an overall rating and a recommendation.",
                errors=[
                    {"field": f"body.{f}", "loc": ["body", f], "message": "Required to submit", "type": "missing"}
                    for f in ("overall_rating", "recommendation")
                    if getattr(card, f) is None
                ],
            )
        card.status, card.submitted_at = "submitted", datetime.now(UTC)
        await audit.record(
            self.session,
            self.principal,
            "scorecard.submitted",
            "scorecard",
            card.id,
            organization_id=self.organization_id,
            after={
                "interview_id": str(interview_id),
                "overall_rating": float(card.overall_rating),
                "recommendation": card.recommendation,
            },
        )
        interview, _ = await self.get(interview_id)
        _app, req, _ = await self.application_of(interview)
        await self._record_panel_score(interview.application_id)
        recipients = [u for u in (interview.created_by_id, req.hiring_manager_id) if u and u != self.principal.id]
        if recipients:
            await notify(
                self.session,
                self.organization_id,
                recipients,
                type="interview",
                title=f"Scorecard submitted: {card.recommendation.replace('_', ' ')}",
                message=f"{self.principal.label} rated {float(card.overall_rating)}/5 for {req.title}.",
                entity_type="interview",
                entity_id=interview.id,
                action_url=f"/interviews/{interview.id}",
            )
        return card

    async def visible_scorecards(self, interview_id: uuid.UUID) -> list[Scorecard]:
        """Blind feedback: a panelist sees others' scorecards only after submitting their own; people who read all
        interviews see every submitted scorecard. Drafts are only ever seen by their author."""
        interview, panel = await self.get(interview_id)
        cards = await self.scorecards.for_interview(interview.id)
        mine = next((c for c in cards if c.interviewer_id == self.principal.id), None)
        on_panel = self.principal.id in {p.user_id for p in panel}
        if on_panel and (mine is None or mine.status != "submitted"):
            return [mine] if mine else []
        return [c for c in cards if c.status == "submitted" or c.interviewer_id == self.principal.id]

    async def reopen(self, scorecard_id: uuid.UUID, reason: str) -> Scorecard:
        card = await self.scorecards.get_or_404(scorecard_id)
        if card.status != "submitted":
            raise Conflict("Only a submitted scorecard can be reopened.")
        card.status, card.submitted_at = "draft", None
        await audit.record(
            self.session,
            self.principal,
            "scorecard.reopened",
            "scorecard",
            card.id,
            organization_id=self.organization_id,
            before={"status": "submitted"},
            after={"status": "draft", "reason": reason},
        )
        interview = await self.repo.get(card.interview_id)
        if interview is not None:
            await self._record_panel_score(interview.application_id)
        return card

    async def _record_panel_score(self, application_id: uuid.UUID) -> None:
        """The technical panel's score for the application's overall score: the mean submitted overall rating
        (1–5) of its Step-2 interviews, as a percentage (× 20)."""
        await self.session.flush()
        mean = (await mean_ratings(self.session, self.organization_id, [application_id], STEP2_TYPES)).get(
            application_id
        )
        await record_stage_score(
            self.session, self.organization_id, application_id, "technical_interview", mean * 20 if mean else None
        )


async def applications_of_panelist(
    session: AsyncSession, organization_id: uuid.UUID, user_id: uuid.UUID
) -> list[uuid.UUID]:
    """The applications whose (non-cancelled) interviews this person sits on: the candidates an interviewer may
    see the test results of."""
    repo = InterviewRepository(session, organization_id)
    stmt = (
        repo.select()
        .where(repo.on_panel(user_id), Interview.status.not_in(("cancelled",)))
        .with_only_columns(Interview.application_id)
        .distinct()
    )
    return list((await session.execute(stmt)).scalars())
