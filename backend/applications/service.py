"""Applications moving through a requisition's pipeline: every move validated, recorded as an event, audited,
and told to the people who care (notifications, candidate emails)."""

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Select, SQLColumnExpression, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from backend.applications import hooks, transitions
from backend.applications.models import Application, ApplicationEvent, ApplicationNote, RejectionReason
from backend.applications.repository import ApplicationRepository, EventRepository, NoteRepository, ReasonRepository
from backend.applications.schemas import ApplicationCreate, Board, BoardCard, BoardColumn, Bulk, NoteCreate
from backend.audit import service as audit
from backend.auth.permissions import Role
from backend.auth.principal import Principal
from backend.candidates.models import Candidate
from backend.candidates.service import CandidateService
from backend.config import get_settings
from backend.email.service import send_email
from backend.errors import Conflict, Forbidden, NotFound, ValidationFailed
from backend.interviews.repository import scorecard_tallies
from backend.kit.pagination import PageParams, paginate
from backend.notifications.service import notify
from backend.organizations.service import organization_profile
from backend.requisitions.models import PipelineStage, Requisition
from backend.requisitions.service import RequisitionService, requisition_with_stages

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


async def ensure_rejection_reasons(session: AsyncSession, organization_id: uuid.UUID) -> None:
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


class ApplicationService:
    def __init__(self, session: AsyncSession, principal: Principal) -> None:
        self.session = session
        self.principal = principal
        assert principal.organization_id is not None
        self.organization_id: uuid.UUID = principal.organization_id
        self.repo = ApplicationRepository(session, principal.organization_id)
        self.requisitions = RequisitionService(session, principal)

    async def _pipeline(self, requisition_id: uuid.UUID) -> tuple[Requisition, list[PipelineStage]]:
        return await self.requisitions.detail(requisition_id)  # 404 for a hiring manager who does not own it

    async def load(self, application_id: uuid.UUID) -> tuple[Application, Requisition, list[PipelineStage]]:
        app = await self.repo.get_or_404(application_id)
        try:
            req, stages = await self._pipeline(app.requisition_id)
        except NotFound as exc:
            raise NotFound("Application not found.") from exc
        return app, req, stages

    def _scope(self) -> uuid.UUID | None:
        return self.principal.id if self.principal.role == Role.HIRING_MANAGER.value else None

    # --- reads --------------------------------------------------------------------------------------------
    async def search(self, params: PageParams, **filters: Any) -> tuple[list[Any], str | None, int | None]:
        stmt = self.repo.filtered(hiring_manager_id=self._scope(), **filters)
        count = self.repo.filtered(hiring_manager_id=self._scope(), rows=False, **filters)
        return await paginate(
            self.session, stmt, sortable=SORTABLE, id_column=Application.id, params=params, count=count
        )

    async def detail(self, application_id: uuid.UUID) -> tuple[Any, list[ApplicationEvent], list[ApplicationNote]]:
        await self.load(application_id)
        row = await self.repo.row(application_id)
        events = await EventRepository(self.session, self.organization_id).for_application(application_id)
        notes = await NoteRepository(self.session, self.organization_id).visible(application_id, self.principal.id)
        return row, events, notes

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

    async def board(self, requisition_id: uuid.UUID) -> Board:
        req, stages = await self._pipeline(requisition_id)
        rows = await self.repo.board(req.id)
        per_stage, per_status = await self.repo.counts(req.id)
        tallies = await scorecard_tallies(self.session, self.organization_id, [r.application_id for r in rows])
        now = datetime.now(UTC)
        cards: dict[uuid.UUID, list[BoardCard]] = {s.id: [] for s in stages}
        for r in rows:
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
                    recommendations=tallies.get(r.application_id, ([], 0))[0],
                    scorecards_pending=tallies.get(r.application_id, ([], 0))[1],
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
        app, req, stages = await self.load(application_id)
        await self._move(app, req, stages, stage_id, reason)
        return app

    async def _move(
        self, app: Application, req: Requisition, stages: list[PipelineStage], stage_id: uuid.UUID, reason: str | None
    ) -> None:
        if app.stage_id == stage_id:
            return  # dropped where it already was
        if app.status != "active":
            raise Conflict(f"Only active applications move between stages; this one is {app.status.replace('_', ' ')}.")
        if req.status not in ("open", "paused"):
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
        app, req, stages = await self.load(application_id)
        await self._change_status(app, req, stages, target, reason, rejection_reason_id, send_rejection_email)
        return app

    async def _change_status(
        self,
        app: Application,
        req: Requisition,
        stages: list[PipelineStage],
        target: str,
        reason: str | None,
        rejection_reason_id: uuid.UUID | None = None,
        send_rejection_email: bool = False,
    ) -> None:
        if app.status == target:
            return
        transitions.check(app.status, target)
        if target == "rejected":
            label = await self._reason_label(rejection_reason_id)
            reason = f"{label}: {reason}" if reason else label
            app.rejection_reason_id = rejection_reason_id
        if target == "hired":
            stage = next((s for s in stages if s.id == app.stage_id), None)
            if stage is None or stage.kind != "offer":
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
            req, stages = pipelines[app.requisition_id]
            try:
                if data.action == "move":
                    assert data.stage_id is not None
                    await self._move(app, req, stages, data.stage_id, None)
                else:
                    await self._change_status(app, req, stages, "rejected", None, data.reason_id, data.send_email)
            except (Conflict, ValidationFailed) as exc:
                raise type(exc)(f"Application {app.id}: {exc.detail}", errors=exc.errors, extra=exc.extra) from exc
        return len(apps)

    async def tell_candidate(self, app: Application, req: Requisition, template: str, **context: Any) -> None:
        await email_candidate(self.session, app, req, template, **context)

    # --- notes --------------------------------------------------------------------------------------------
    async def add_note(self, application_id: uuid.UUID, data: NoteCreate) -> ApplicationNote:
        app, _, _ = await self.load(application_id)
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


async def email_candidate(
    session: AsyncSession, app: Application, req: Requisition, template: str, **context: Any
) -> None:
    candidate = await session.get(Candidate, app.candidate_id)
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
) -> tuple[Application, Requisition, list[PipelineStage]]:
    """An application with its requisition and stages, without the caller's requisition rule: for a domain whose
    own resource rule has already let the caller in (a panelist reaches the interview's application)."""
    app = await ApplicationRepository(session, organization_id).get_or_404(application_id)
    req, stages = await requisition_with_stages(session, organization_id, app.requisition_id)
    return app, req, stages


def applications_managed_by(user_id: uuid.UUID) -> Select[uuid.UUID]:
    """The ids of the applications to the requisitions a hiring manager manages, as a subquery."""
    return (
        select(Application.id)
        .join(Requisition, Requisition.id == Application.requisition_id)
        .where(Requisition.hiring_manager_id == user_id)
    )


def portal_url() -> str:
    return f"{get_settings().public_base_url}/"


async def count_public_submissions(session: AsyncSession, ip: str, since: datetime) -> int:
    from backend.applications.models import PublicSubmission

    stmt = select(func.count()).where(PublicSubmission.ip == ip, PublicSubmission.created_at >= since)
    return int((await session.execute(stmt)).scalar_one())


async def reassign_candidate(
    session: AsyncSession, organization_id: uuid.UUID, from_candidate: uuid.UUID, to_candidate: uuid.UUID
) -> int:
    """Move every application of one candidate to another (merging duplicates). Refused if both applied to the
    same requisition: someone has to decide which application stays."""
    repo = ApplicationRepository(session, organization_id)
    moving = list((await session.execute(repo.select().where(Application.candidate_id == from_candidate))).scalars())
    taken = {
        a.requisition_id
        for a in (await session.execute(repo.select().where(Application.candidate_id == to_candidate))).scalars()
    }
    clash = [a for a in moving if a.requisition_id in taken]
    if clash:
        raise Conflict("Both candidates applied to the same requisition; withdraw one application before merging.")
    for app in moving:
        app.candidate_id = to_candidate
    return len(moving)
