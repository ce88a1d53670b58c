"""Scheduling interviews: who may sit on a panel, no double booking (checked under a lock), the calendar
invitations that follow every booking, move and cancellation, running an interview (in progress, completed, no
show), and the suggestion of the least loaded free interviewer."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from backend.applications.service import SCHEDULABLE, ApplicationService
from backend.audit import service as audit
from backend.auth.permissions import Role
from backend.candidates.service import candidate_record
from backend.email.service import Attachment, send_email
from backend.errors import Conflict, Forbidden, NotFound, ValidationFailed
from backend.interviews import transitions
from backend.interviews.calendar import invitation
from backend.interviews.models import Interview, InterviewParticipant
from backend.interviews.schemas import Clash, InterviewCreate, InterviewerLoad, PanelSuggestion, Reschedule
from backend.interviews.service import InterviewService, when
from backend.notifications.service import notify
from backend.organizations.service import effective_settings, organization_profile
from backend.users.service import active_users, users_by_ids

if TYPE_CHECKING:
    from backend.candidates.models import Candidate
    from backend.users.models import User

PANEL_ROLES = {
    Role.INTERVIEWER.value,
    Role.HIRING_MANAGER.value,
    Role.EXECUTIVE.value,
    Role.ADMIN.value,
    Role.RECRUITER.value,
}
AUDITED = ("starts_at", "ends_at", "duration_minutes", "status", "location", "lead_interviewer_id")


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValidationFailed.on("time_zone", f"Unknown time zone '{name}'.") from exc


class SchedulingService(InterviewService):
    async def _candidate(self, candidate_id: uuid.UUID) -> Candidate:
        candidate = await candidate_record(self.session, self.organization_id, candidate_id)
        assert candidate is not None  # an interview's (or an application's) candidate always exists
        return candidate

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
            busy = [people[p.user_id].full_name for p in await self.panel(other) if p.user_id in people]
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
        candidate = await self._candidate(app.candidate_id)
        people = await self._people(people_ids)
        start = starts_at.astimezone(UTC)
        return await self._clashes(people, candidate, start, start + timedelta(minutes=duration_minutes))

    async def schedule(self, data: InterviewCreate) -> Interview:
        _zone(data.time_zone)
        try:
            app, req, _stages = await ApplicationService(self.session, self.principal).load(data.application_id)
        except NotFound as exc:
            raise ValidationFailed.on("application_id", "Unknown application.") from exc
        if app.status not in SCHEDULABLE:
            raise Conflict(f"The application is {app.status}; no interview can be scheduled.")
        candidate = await self._candidate(app.candidate_id)
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
                created_by_id=self.user_id,
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
            message=f"{req.title} · {when(interview)}",
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
        candidate = await self._candidate(interview.candidate_id)
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
        title = await self.title(interview)
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
            candidate = await self._candidate(interview.candidate_id)
            interview.ics_sequence += 1
            people = await self._people([p.user_id for p in panel])
            await self._invite(
                interview,
                candidate,
                people,
                await self.title(interview),
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
                "starts_at": when(interview),
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

    async def suggest(self, starts_at: datetime, duration_minutes: int, skill: str | None = None) -> PanelSuggestion:
        """Spread the interviews evenly: among the interviewers (with that skill, if one is asked for), the least
        loaded this week who is free in the window and under the weekly limit. The reason is shown; the recruiter
        may pick anyone."""
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
