"""Applications moving through a requisition's pipeline: every move validated, recorded as an event, audited,
and told to the people who care (notifications, candidate emails).

Other domains work on an application through ApplicationService: `load()` it once (the application with its
requisition and stages, checked against the caller's requisition rule), then `move_to()` / `set_status()` the
loaded workflow as many times as their rule needs."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, NamedTuple

from sqlalchemy import Select, SQLColumnExpression
from sqlalchemy.ext.asyncio import AsyncSession

from backend.applications import hooks, transitions
from backend.applications.models import Application, ApplicationEvent, ApplicationNote, RejectionReason
from backend.applications.repository import (
    ApplicationRepository,
    EventRepository,
    NoteRepository,
    ReasonRepository,
    SubmissionRepository,
    managed_by,
)
from backend.applications.schemas import ApplicationCreate, Bulk, NoteCreate, NoteRead
from backend.audit import service as audit
from backend.auth.permissions import Role
from backend.auth.principal import Principal
from backend.candidates.service import CandidateService, candidate_record
from backend.config import get_settings
from backend.email.service import send_email
from backend.errors import Conflict, Forbidden, NotFound, ValidationFailed
from backend.kit.pagination import PageParams, paginate
from backend.kit.service import TenantService
from backend.notifications.service import notify
from backend.organizations.service import organization_profile
from backend.requisitions.service import RequisitionService, requisition_with_stages

if TYPE_CHECKING:
    from backend.candidates.models import Candidate
    from backend.requisitions.models import PipelineStage, Requisition

# Other domains (interview scheduling) apply the same rule as the application's allowed actions.
SCHEDULABLE = transitions.SCHEDULABLE
NOTE_EDIT_WINDOW = timedelta(minutes=15)
DEFAULT_REJECTION_REASONS = (
    "Not enough relevant experience",
    "Skills do not match the role",
    "Salary expectations",
    "Position filled",
    "Candidate withdrew interest",
    "Other",
)
SORTABLE: dict[str, SQLColumnExpression[Any]] = {
    "created_at": Application.created_at,
    "stage_entered_at": Application.stage_entered_at,
}


class ApplicationWorkflow(NamedTuple):
    """An application with the pipeline it moves through, loaded once and handed from step to step."""

    application: Application
    requisition: Requisition
    stages: list[PipelineStage]

    def stage_of_kind(self, kind: str) -> PipelineStage | None:
        """The pipeline's first stage of this kind (`offer`, `technical_interview` …), if it has one."""
        return next((s for s in self.stages if s.kind == kind), None)

    def current_stage(self) -> PipelineStage | None:
        return next((s for s in self.stages if s.id == self.application.stage_id), None)


async def ensure_rejection_reasons(session: AsyncSession, organization_id: uuid.UUID) -> None:
    """Give an organization the default rejection reasons if it has no active one (when it is created)."""
    repo = ReasonRepository(session, organization_id)
    if not await repo.active():
        for label in DEFAULT_REJECTION_REASONS:
            repo.add(RejectionReason(label=label))
        await session.flush()


async def record_event(
    session: AsyncSession,
    app: Application,
    kind: str,
    actor: Principal | None,
    *,
    actor_label: str | None = None,
    from_stage: uuid.UUID | None = None,
    to_stage: uuid.UUID | None = None,
    from_status: str | None = None,
    to_status: str | None = None,
    reason: str | None = None,
) -> None:
    session.add(
        ApplicationEvent(
            organization_id=app.organization_id,
            application_id=app.id,
            kind=kind,
            actor_id=actor.id if actor and actor.kind == "user" else None,
            actor_label=actor.label if actor else actor_label,
            from_stage_id=from_stage,
            to_stage_id=to_stage,
            from_status=from_status,
            to_status=to_status,
            reason=reason,
        )
    )
    await audit.record(
        session,
        actor,
        f"application.{kind}",
        "application",
        app.id,
        organization_id=app.organization_id,
        actor_label=actor_label,
        before={k: v for k, v in (("stage_id", from_stage), ("status", from_status)) if v},
        after={k: v for k, v in (("stage_id", to_stage), ("status", to_status), ("reason", reason)) if v},
    )


class ApplicationService(TenantService):
    def __init__(self, session: AsyncSession, principal: Principal) -> None:
        super().__init__(session, principal)
        self.repo = ApplicationRepository(session, principal.organization_id)
        self.requisitions = RequisitionService(session, principal)

    async def _pipeline(self, requisition_id: uuid.UUID) -> tuple[Requisition, list[PipelineStage]]:
        return await self.requisitions.detail(requisition_id)  # 404 for a hiring manager who does not own it

    async def load(self, application_id: uuid.UUID) -> ApplicationWorkflow:
        """The application with its requisition and stages (three queries): 404 unless the caller may work on it
        (a hiring manager, on the requisitions they manage). Load it once and pass it along."""
        app = await self.repo.get_or_404(application_id)
        try:
            req, stages = await self._pipeline(app.requisition_id)
        except NotFound as exc:
            raise NotFound("Application not found.") from exc
        return ApplicationWorkflow(app, req, stages)

    def _scope(self) -> uuid.UUID | None:
        return self.principal.id if self.principal.role == Role.HIRING_MANAGER.value else None

    # --- reads --------------------------------------------------------------------------------------------
    async def search(self, params: PageParams, **filters: Any) -> tuple[list[Any], str | None, int | None]:
        stmt = self.repo.filtered(hiring_manager_id=self._scope(), **filters)
        count = self.repo.filtered(hiring_manager_id=self._scope(), rows=False, **filters)
        return await paginate(
            self.session, stmt, sortable=SORTABLE, id_column=Application.id, params=params, count=count, rows=True
        )

    async def detail(
        self, application_id: uuid.UUID
    ) -> tuple[Any, list[ApplicationEvent], list[ApplicationNote], list[transitions.Action]]:
        workflow = await self.load(application_id)
        row = await self.repo.row(application_id)
        events = await EventRepository(self.session, self.organization_id).for_application(application_id)
        notes = await NoteRepository(self.session, self.organization_id).visible(application_id, self.principal.id)
        return row, events, notes, self.allowed_actions(workflow)

    def allowed_actions(self, workflow: ApplicationWorkflow) -> list[transitions.Action]:
        """The actions the caller may take on this application now, by the rules the endpoints enforce."""
        app, req, _stages = workflow
        stage = workflow.current_stage()
        return transitions.allowed_actions(
            status=app.status,
            stage_kind=stage.kind if stage else None,
            requisition_status=req.status,
            positions_left=req.positions_available - req.positions_filled,
            may_move=self.principal.can("applications:move"),
            may_schedule=self.principal.can("interviews:schedule"),
        )

    async def active_in_stage_kind(self, kind: str, limit: int = 200) -> list[Any]:
        """Display rows (as in the list) of the active applications sitting in a stage of this kind, longest
        waiting first, across the requisitions the caller may see."""
        stmt = self.repo.active_in_stage_kind(kind, hiring_manager_id=self._scope())
        return list((await self.session.execute(stmt.limit(limit))).all())

    async def stage_counts(self, requisition_ids: list[uuid.UUID]) -> dict[uuid.UUID, dict[uuid.UUID, int]]:
        """Active applications per stage for several requisitions (the requisitions list's pipeline bars)."""
        out: dict[uuid.UUID, dict[uuid.UUID, int]] = {i: {} for i in requisition_ids}
        scope = self._scope()
        for req_id, stage_id, n in await self.repo.stage_counts(requisition_ids):
            if stage_id is not None:
                out[req_id][stage_id] = n
        if scope is not None:  # a hiring manager's view: only the requisitions they manage
            owned = {r.id for r in (await self.requisitions.search(PageParams(100, None, None), None, None, None))[0]}
            out = {k: v for k, v in out.items() if k in owned}
        return out

    # --- writes -------------------------------------------------------------------------------------------
    async def create(self, data: ApplicationCreate) -> Application:
        try:
            candidate = await CandidateService(self.session, self.principal).get(data.candidate_id)
        except NotFound as exc:
            raise ValidationFailed.on("candidate_id", "Unknown candidate.") from exc
        try:
            req, stages = await self._pipeline(data.requisition_id)
        except NotFound as exc:
            raise ValidationFailed.on("requisition_id", "Unknown requisition.") from exc
        return await open_application(self.session, req, stages, candidate, self.principal, source=data.source)

    async def move(self, application_id: uuid.UUID, stage_id: uuid.UUID, reason: str | None) -> Application:
        workflow = await self.load(application_id)
        await self.move_to(workflow, stage_id, reason)
        return workflow.application

    async def move_to(self, workflow: ApplicationWorkflow, stage_id: uuid.UUID, reason: str | None) -> None:
        """Move a loaded application to another stage of its pipeline (either direction). Advancing tells the
        candidate."""
        app, req, stages = workflow
        if app.stage_id == stage_id:
            return  # dropped where it already was
        if app.status != "active":
            raise Conflict(f"Only active applications move between stages; this one is {app.status.replace('_', ' ')}.")
        if req.status not in transitions.OPEN_PIPELINES:
            raise Conflict(f"The requisition is {req.status}: its pipeline is frozen.")
        by_id = {s.id: s for s in stages}
        target = by_id.get(stage_id)
        if target is None:
            raise ValidationFailed.on("stage_id", "That stage is not part of this requisition's pipeline.")
        previous = by_id.get(app.stage_id) if app.stage_id else None
        app.stage_id, app.stage_entered_at = stage_id, datetime.now(UTC)
        await record_event(
            self.session,
            app,
            "moved",
            self.principal,
            from_stage=previous.id if previous else None,
            to_stage=stage_id,
            reason=reason,
        )
        if previous is None or target.position > previous.position:
            await self.tell_candidate(
                app,
                req,
                "stage_advanced",
                stage_name=target.name.split("—")[-1].strip(),
                next_steps="We will be in touch with the details.",
            )
        await hooks.stage_entered(self.session, app, req, target, self.principal)

    async def change_status(
        self,
        application_id: uuid.UUID,
        target: str,
        reason: str | None = None,
        rejection_reason_id: uuid.UUID | None = None,
        send_rejection_email: bool = False,
    ) -> Application:
        workflow = await self.load(application_id)
        await self.set_status(workflow, target, reason, rejection_reason_id, send_rejection_email)
        return workflow.application

    async def set_status(
        self,
        workflow: ApplicationWorkflow,
        target: str,
        reason: str | None = None,
        rejection_reason_id: uuid.UUID | None = None,
        send_rejection_email: bool = False,
    ) -> None:
        """Change a loaded application's status (the transitions table says which changes exist). Rejecting
        needs a reason from the managed list; hiring needs the offer stage and fills one position."""
        app, req, stages = workflow
        if app.status == target:
            return
        transitions.check(app.status, target)
        if target == "rejected":
            label = await self._reason_label(rejection_reason_id)
            reason = f"{label}: {reason}" if reason else label
            app.rejection_reason_id = rejection_reason_id
        if target == "hired":
            stage = next((s for s in stages if s.id == app.stage_id), None)
            if stage is None or stage.kind != transitions.HIRING_STAGE_KIND:
                raise Conflict("Move the application to the offer stage before hiring.")
            await self.requisitions.record_hire(req.id)
        previous = app.status
        app.status = target
        await record_event(
            self.session,
            app,
            target if target != "active" else "resumed",
            self.principal,
            from_status=previous,
            to_status=target,
            reason=reason,
        )
        if target == "rejected" and send_rejection_email:
            await self.tell_candidate(app, req, "application_rejected")

    async def reason_id(self, label: str) -> uuid.UUID | None:
        """The id of an active rejection reason by its label (for automated decisions)."""
        reasons = await ReasonRepository(self.session, self.organization_id).active()
        return next((r.id for r in reasons if r.label == label), reasons[0].id if reasons else None)

    async def _reason_label(self, reason_id: uuid.UUID | None) -> str:
        reason = await ReasonRepository(self.session, self.organization_id).get(reason_id) if reason_id else None
        if reason is None or not reason.is_active:
            raise ValidationFailed.on("reason_id", "Pick a rejection reason from the list.")
        return reason.label

    async def bulk(self, data: Bulk) -> int:
        """All or nothing: one invalid application refuses the whole batch (and names it)."""
        apps = await self.repo.for_update(data.application_ids)
        if len(apps) != len(set(data.application_ids)):
            raise ValidationFailed.on("application_ids", "Some applications are unknown.")
        pipelines: dict[uuid.UUID, tuple[Requisition, list[PipelineStage]]] = {}
        for app in apps:
            if app.requisition_id not in pipelines:
                pipelines[app.requisition_id] = await self._pipeline(app.requisition_id)
            workflow = ApplicationWorkflow(app, *pipelines[app.requisition_id])
            try:
                if data.action == "move":
                    assert data.stage_id is not None
                    await self.move_to(workflow, data.stage_id, None)
                else:
                    await self.set_status(workflow, "rejected", None, data.reason_id, data.send_email)
            except (Conflict, ValidationFailed) as exc:
                raise type(exc)(f"Application {app.id}: {exc.detail}", errors=exc.errors, extra=exc.extra) from exc
        return len(apps)

    async def tell_candidate(self, app: Application, req: Requisition, template: str, **context: Any) -> None:
        await email_candidate(self.session, app, req, template, **context)

    # --- notes --------------------------------------------------------------------------------------------
    async def add_note(self, application_id: uuid.UUID, data: NoteCreate) -> ApplicationNote:
        app = (await self.load(application_id)).application
        if self.principal.kind != "user":
            raise Forbidden("Notes are written by people.")
        note = NoteRepository(self.session, self.organization_id).add(
            ApplicationNote(
                application_id=app.id,
                author_id=self.principal.id,
                type=data.type,
                visibility=data.visibility,
                body=data.body,
            )
        )
        await self.session.flush()
        await audit.record(
            self.session,
            self.principal,
            "application.note_added",
            "application_note",
            note.id,
            organization_id=self.organization_id,
            after={"application_id": str(app.id), "type": data.type, "visibility": data.visibility},
        )
        return note

    async def edit_note(self, application_id: uuid.UUID, note_id: uuid.UUID, body: str) -> ApplicationNote:
        await self.load(application_id)
        note = await NoteRepository(self.session, self.organization_id).get(note_id)
        if (
            note is None
            or note.application_id != application_id
            or (note.visibility == "private" and note.author_id != self.principal.id)
        ):
            raise NotFound("Note not found.")
        if note.author_id != self.principal.id:
            raise Forbidden("Only the author edits a note.")
        if datetime.now(UTC) - note.created_at > NOTE_EDIT_WINDOW:
            raise Conflict("Notes can be edited for 15 minutes after they are written.")
        before = note.body
        note.body, note.edited_at = body, datetime.now(UTC)
        await audit.record(
            self.session,
            self.principal,
            "application.note_edited",
            "application_note",
            note.id,
            organization_id=self.organization_id,
            before={"body": before},
            after={"body": body},
        )
        return note

    def note_editable(self, note: ApplicationNote) -> bool:
        return note.author_id == self.principal.id and datetime.now(UTC) - note.created_at <= NOTE_EDIT_WINDOW

    def note_view(self, note: ApplicationNote) -> NoteRead:
        """The note as the caller reads it: with whether they may still edit it."""
        return NoteRead.model_validate(note).model_copy(update={"editable": self.note_editable(note)})


async def email_candidate(
    session: AsyncSession, app: Application, req: Requisition, template: str, **context: Any
) -> None:
    """Email the application's candidate one of the templates, with the job and organization filled in."""
    candidate = await candidate_record(session, app.organization_id, app.candidate_id)
    org = await organization_profile(session, app.organization_id)
    if candidate is None or org is None:
        return
    await send_email(
        session,
        app.organization_id,
        template,
        candidate.email,
        {"candidate_name": candidate.full_name, "job_title": req.title, "organization_name": org.name, **context},
        entity_type="application",
        entity_id=app.id,
    )


async def open_application(
    session: AsyncSession,
    req: Requisition,
    stages: list[PipelineStage],
    candidate: Candidate,
    actor: Principal | None,
    *,
    source: str | None = None,
    answers: dict[str, Any] | None = None,
    resume_file_id: uuid.UUID | None = None,
) -> Application:
    """One candidate × one requisition, entering the first stage. Shared by recruiters and the job board."""
    if req.status not in ("open", "paused"):
        raise Conflict(f"This requisition is {req.status}; it does not take applications.")
    repo = ApplicationRepository(session, req.organization_id)
    if await repo.exists_for(candidate.id, req.id):
        raise Conflict("This candidate already applied to this requisition.")
    app = repo.add(
        Application(
            candidate_id=candidate.id,
            requisition_id=req.id,
            stage_id=stages[0].id if stages else None,
            source=source,
            answers=answers or {},
            resume_file_id=resume_file_id,
        )
    )
    await session.flush()
    await record_event(
        session,
        app,
        "applied",
        actor,
        actor_label=None if actor else candidate.email,
        to_stage=app.stage_id,
        to_status="active",
    )
    recipients = [u for u in (req.hiring_manager_id, candidate.owner_id) if u]
    if recipients:
        await notify(
            session,
            req.organization_id,
            recipients,
            type="application",
            title=f"New application: {req.title}",
            message=f"{candidate.full_name} applied.",
            entity_type="application",
            entity_id=app.id,
            action_url=f"/requisitions/{req.id}/board",
        )
    first = next((s for s in stages if s.id == app.stage_id), None)
    if first is not None:
        await hooks.stage_entered(session, app, req, first, actor)
    return app


async def application_with_pipeline(
    session: AsyncSession, organization_id: uuid.UUID, application_id: uuid.UUID
) -> ApplicationWorkflow:
    """An application with its requisition and stages, without the caller's requisition rule: for a domain whose
    own resource rule has already let the caller in (a panelist reaches the interview's application)."""
    app = await ApplicationRepository(session, organization_id).get_or_404(application_id)
    req, stages = await requisition_with_stages(session, organization_id, app.requisition_id)
    return ApplicationWorkflow(app, req, stages)


def applications_managed_by(user_id: uuid.UUID) -> Select[uuid.UUID]:
    """The ids of the applications to the requisitions a hiring manager manages, as a subquery (for another
    domain's visibility rule)."""
    return managed_by(user_id)


def portal_url() -> str:
    return f"{get_settings().public_base_url}/"


async def count_public_submissions(session: AsyncSession, ip: str, since: datetime) -> int:
    return await SubmissionRepository(session).count_since(ip, since)


async def reassign_candidate(
    session: AsyncSession, organization_id: uuid.UUID, from_candidate: uuid.UUID, to_candidate: uuid.UUID
) -> int:
    """Move every application of one candidate to another (merging duplicates). Refused if both applied to the
    same requisition: someone has to decide which application stays."""
    repo = ApplicationRepository(session, organization_id)
    moving = await repo.of_candidate(from_candidate)
    taken = {a.requisition_id for a in await repo.of_candidate(to_candidate)}
    clash = [a for a in moving if a.requisition_id in taken]
    if clash:
        raise Conflict("Both candidates applied to the same requisition; withdraw one application before merging.")
    for app in moving:
        app.candidate_id = to_candidate
    return len(moving)
