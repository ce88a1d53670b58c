"""Requisitions: the openings recruiters and hiring managers run, their status machine and their pipelines."""

import uuid
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import SQLColumnExpression, func
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from backend.audit import service as audit
from backend.auth.permissions import Role
from backend.auth.principal import Principal
from backend.errors import Conflict, Forbidden, NotFound, ValidationFailed
from backend.kit.pagination import PageParams, paginate
from backend.organizations.service import active_by_slug
from backend.requisitions import transitions
from backend.requisitions.defaults import DEFAULT_STAGE_WEIGHTS
from backend.requisitions.models import PipelineStage, Requisition, RoundTemplate
from backend.requisitions.repository import RequisitionRepository, RoundTemplateRepository, StageRepository
from backend.requisitions.schemas import (
    RequisitionCreate,
    RequisitionDetail,
    RequisitionRead,
    RequisitionUpdate,
    RoundTemplateWrite,
    StageCreate,
    StageRead,
)
from backend.users.service import active_users

AUDITED = (
    "title",
    "department",
    "location",
    "employment_type",
    "experience_level",
    "description",
    "requirements",
    "required_skills",
    "salary_min",
    "salary_max",
    "currency",
    "positions_available",
    "hiring_manager_id",
    "passing_score",
    "stage_weights",
    "status",
)
SORTABLE: dict[str, SQLColumnExpression[Any]] = {
    "created_at": Requisition.created_at,
    "title": func.lower(Requisition.title),
    "published_at": func.coalesce(Requisition.published_at, datetime(1970, 1, 1, tzinfo=UTC)),
}
PUBLIC_SORTABLE: dict[str, SQLColumnExpression[Any]] = {"published_at": SORTABLE["published_at"]}
_CLOSING = {"filled", "closed", "cancelled"}


def requisition_detail(req: Requisition, stages: list[PipelineStage]) -> RequisitionDetail:
    """A requisition with its pipeline and the statuses it may change to (what the UI offers)."""
    return RequisitionDetail(
        **RequisitionRead.model_validate(req).model_dump(),
        stages=[StageRead.model_validate(s) for s in stages],
        allowed_statuses=sorted(transitions.ALLOWED[req.status]),
    )


def overall_score(weights: Mapping[str, float], stage_scores: Mapping[str, float]) -> float | None:
    """The scoring policy: the weighted mean of the stage scores present (0–100), weighted per stage kind."""
    used = {kind: w for kind, w in weights.items() if kind in stage_scores and w > 0}
    total = sum(used.values())
    if not total:
        return None
    return round(sum(stage_scores[kind] * w for kind, w in used.items()) / total, 2)


class RequisitionService:
    def __init__(self, session: AsyncSession, principal: Principal) -> None:
        self.session = session
        self.principal = principal
        self.repo = RequisitionRepository(session, principal.organization_id)
        self.stages = StageRepository(session, principal.organization_id)
        self.templates = RoundTemplateRepository(session, principal.organization_id)

    # --- resource rules -----------------------------------------------------------------------------------
    def _only_own(self) -> bool:
        """Hiring managers work on the requisitions they manage; everyone else with the permission sees all."""
        return self.principal.role == Role.HIRING_MANAGER.value

    async def _get(self, requisition_id: uuid.UUID) -> Requisition:
        req = await self.repo.get_or_404(requisition_id)
        if self._only_own() and req.hiring_manager_id != self.principal.id:
            raise NotFound("Requisition not found.")
        return req

    async def _check_hiring_manager(self, user_id: uuid.UUID | None) -> None:
        if user_id is None:
            return
        assert self.principal.organization_id is not None
        eligible = {
            u.id
            for role in (Role.HIRING_MANAGER, Role.ADMIN, Role.EXECUTIVE)
            for u in await active_users(self.session, self.principal.organization_id, role)
        }
        if user_id not in eligible:
            raise ValidationFailed.on("hiring_manager_id", "Pick an active hiring manager, executive or admin.")

    # --- reads --------------------------------------------------------------------------------------------
    async def search(
        self, params: PageParams, status: str | None, department: str | None, q: str | None
    ) -> tuple[list[Any], str | None, int | None]:
        """A page of rows (not entities: a list only shows them)."""
        stmt = self.repo.listing(
            status=status,
            department=department,
            q=q,
            hiring_manager_id=self.principal.id if self._only_own() else None,
        )
        return await paginate(self.session, stmt, sortable=SORTABLE, id_column=Requisition.id, params=params, rows=True)

    async def detail(self, requisition_id: uuid.UUID) -> tuple[Requisition, list[PipelineStage]]:
        req = await self._get(requisition_id)
        return req, await self.stages.for_requisition(req.id)

    # --- writes -------------------------------------------------------------------------------------------
    async def create(self, data: RequisitionCreate) -> tuple[Requisition, list[PipelineStage]]:
        hiring_manager = data.hiring_manager_id
        if self._only_own():
            hiring_manager = self.principal.id  # a hiring manager's requisitions are theirs
        await self._check_hiring_manager(hiring_manager)
        fields = data.model_dump(exclude={"hiring_manager_id"})
        fields["stage_weights"] = fields["stage_weights"] or DEFAULT_STAGE_WEIGHTS
        req = self.repo.add(
            Requisition(
                **fields,
                hiring_manager_id=hiring_manager,
                created_by_id=self.principal.id if self.principal.kind == "user" else None,
            )
        )
        await self.session.flush()
        stages = []
        for position, template in enumerate(await self.templates.ordered(default_only=True), start=1):
            stages.append(
                self.stages.add(
                    PipelineStage(
                        requisition_id=req.id,
                        round_template_id=template.id,
                        position=position,
                        name=template.name,
                        kind=template.kind,
                        config=template.config,
                    )
                )
            )
        await self.session.flush()
        await audit.record(
            self.session,
            self.principal,
            "requisition.created",
            "requisition",
            req.id,
            organization_id=req.organization_id,
            after=audit.snapshot(req, AUDITED),
        )
        return req, stages

    async def update(self, requisition_id: uuid.UUID, data: RequisitionUpdate) -> Requisition:
        req = await self._get(requisition_id)
        if req.status in _CLOSING and req.status != "filled":
            raise Conflict(f"A {req.status} requisition cannot be edited.")
        changes = data.model_dump(exclude_unset=True)
        if "hiring_manager_id" in changes:
            if self._only_own():
                raise Forbidden("Only recruiters and admins reassign the hiring manager.")
            await self._check_hiring_manager(changes["hiring_manager_id"])
        before = audit.snapshot(req, AUDITED)
        for field, value in changes.items():
            if value is None and field not in (
                "hiring_manager_id",
                "department",
                "location",
                "salary_min",
                "salary_max",
            ):
                continue
            setattr(req, field, value)
        if req.salary_min is not None and req.salary_max is not None and req.salary_min > req.salary_max:
            raise ValidationFailed.on("salary_min", "salary_min must not exceed salary_max")
        if req.positions_available < req.positions_filled:
            raise ValidationFailed.on("positions_available", f"{req.positions_filled} positions are already filled.")
        await self.session.flush()
        await audit.record_changes(
            self.session,
            self.principal,
            "requisition.updated",
            "requisition",
            req.id,
            organization_id=req.organization_id,
            before=before,
            after=audit.snapshot(req, AUDITED),
        )
        return req

    async def change_status(self, requisition_id: uuid.UUID, target: str, reason: str | None) -> Requisition:
        req = await self._get(requisition_id)
        if req.status == target:
            return req  # idempotent: a double click is not an error
        transitions.check(req.status, target)
        if target == "open" and not (req.description or "").strip():
            raise ValidationFailed.on("description", "Write a description before publishing.")
        if target == "filled" and req.positions_filled < req.positions_available:
            raise Conflict(f"Only {req.positions_filled} of {req.positions_available} positions are filled.")
        before = req.status
        now = datetime.now(UTC)
        req.status = target
        if target == "open":
            req.published_at = req.published_at or now
            req.closed_at = None
        elif target in _CLOSING:
            req.closed_at = now
        await self.session.flush()
        await audit.record(
            self.session,
            self.principal,
            f"requisition.{transitions.ACTIONS.get(target, target)}",
            "requisition",
            req.id,
            organization_id=req.organization_id,
            before={"status": before},
            after={"status": target, "reason": reason},
        )
        return req

    async def record_hire(self, requisition_id: uuid.UUID) -> Requisition:
        """A hire fills one position; the last one fills the requisition."""
        req = await self._get(requisition_id)
        if req.positions_filled >= req.positions_available:
            raise Conflict("Every position of this requisition is already filled.")
        req.positions_filled += 1
        if req.positions_filled == req.positions_available and req.status == "open":
            await self.change_status(req.id, "filled", "All positions filled")
        return req

    # --- pipeline -----------------------------------------------------------------------------------------
    async def _editable_pipeline(self, requisition_id: uuid.UUID) -> tuple[Requisition, list[PipelineStage]]:
        req = await self._get(requisition_id)
        if req.status in _CLOSING:
            raise Conflict(f"The pipeline of a {req.status} requisition cannot change.")
        return req, await self.stages.for_requisition(req.id)

    async def add_stage(self, requisition_id: uuid.UUID, data: StageCreate) -> list[PipelineStage]:
        req, stages = await self._editable_pipeline(requisition_id)
        if len(stages) >= 20:
            raise Conflict("A pipeline has at most 20 stages.")
        name: str | None = data.name
        kind: str | None = data.kind
        config: dict[str, Any] = {}
        if data.round_template_id:
            template = await self.templates.get(data.round_template_id)
            if template is None:
                raise ValidationFailed.on("round_template_id", "Unknown round template.")
            name, kind, config = name or template.name, kind or template.kind, template.config
        position = min(data.position if data.position is not None else len(stages) + 1, len(stages) + 1)
        position = max(position, 1)
        for stage in stages:
            if stage.position >= position:
                stage.position += 1
        new = self.stages.add(
            PipelineStage(
                requisition_id=req.id,
                round_template_id=data.round_template_id,
                position=position,
                name=name or "",
                kind=kind or "review",
                config=config,
            )
        )
        await self.session.flush()
        await audit.record(
            self.session,
            self.principal,
            "requisition.stage_added",
            "requisition",
            req.id,
            organization_id=req.organization_id,
            after={"stage": new.name, "position": position},
        )
        return await self.stages.for_requisition(req.id)

    async def reorder_stages(self, requisition_id: uuid.UUID, order: list[uuid.UUID]) -> list[PipelineStage]:
        req, stages = await self._editable_pipeline(requisition_id)
        by_id = {s.id: s for s in stages}
        if sorted(map(str, order)) != sorted(map(str, by_id)):
            raise ValidationFailed.on("stage_ids", "List every stage of this pipeline exactly once.")
        before = [by_id[s.id].name for s in stages]
        for position, stage_id in enumerate(order, start=1):
            by_id[stage_id].position = position  # the unique (requisition, position) check is deferred to commit
        await self.session.flush()
        await audit.record(
            self.session,
            self.principal,
            "requisition.stages_reordered",
            "requisition",
            req.id,
            organization_id=req.organization_id,
            before={"stages": before},
            after={"stages": [by_id[i].name for i in order]},
        )
        return await self.stages.for_requisition(req.id)

    async def remove_stage(self, requisition_id: uuid.UUID, stage_id: uuid.UUID) -> list[PipelineStage]:
        req, stages = await self._editable_pipeline(requisition_id)
        stage = next((s for s in stages if s.id == stage_id), None)
        if stage is None:
            raise NotFound("Stage not found.")
        if len(stages) == 1:
            raise Conflict("A pipeline keeps at least one stage.")
        try:
            async with self.session.begin_nested():
                await self.session.delete(stage)
                await self.session.flush()
        except IntegrityError as exc:
            # applications.stage_id is ON DELETE RESTRICT: the database refuses while anyone sits in the stage.
            raise Conflict(f"Move the candidates out of “{stage.name}” before removing it.") from exc
        for s in stages:
            if s.position > stage.position:
                s.position -= 1
        await self.session.flush()
        await audit.record(
            self.session,
            self.principal,
            "requisition.stage_removed",
            "requisition",
            req.id,
            organization_id=req.organization_id,
            before={"stage": stage.name},
        )
        return await self.stages.for_requisition(req.id)


class RoundTemplateService:
    def __init__(self, session: AsyncSession, principal: Principal) -> None:
        self.session = session
        self.principal = principal
        self.repo = RoundTemplateRepository(session, principal.organization_id)

    async def all(self) -> list[RoundTemplate]:
        return await self.repo.ordered()

    async def create(self, data: RoundTemplateWrite) -> RoundTemplate:
        template = self.repo.add(RoundTemplate(**data.model_dump()))
        await self.session.flush()
        await audit.record(
            self.session,
            self.principal,
            "round_template.created",
            "round_template",
            template.id,
            organization_id=template.organization_id,
            after=data.model_dump(mode="json"),
        )
        return template

    async def update(self, template_id: uuid.UUID, data: RoundTemplateWrite) -> RoundTemplate:
        template = await self.repo.get_or_404(template_id)
        fields = tuple(data.model_dump())
        before = audit.snapshot(template, fields)
        for field, value in data.model_dump().items():
            setattr(template, field, value)
        await self.session.flush()
        await audit.record_changes(
            self.session,
            self.principal,
            "round_template.updated",
            "round_template",
            template.id,
            organization_id=template.organization_id,
            before=before,
            after=audit.snapshot(template, fields),
        )
        return template


class JobBoard:
    """The public, unauthenticated view of one organization's open requisitions."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def _org(self, slug: str) -> Any:
        org = await active_by_slug(self.session, slug)
        if org is None:
            raise NotFound("No job board at this address.")
        return org

    async def search(
        self, slug: str, params: PageParams, q: str | None, filters: dict[str, Any]
    ) -> tuple[list[Requisition], str | None, int | None]:
        org = await self._org(slug)
        stmt = RequisitionRepository(self.session, org.id).public(q, filters)
        return await paginate(
            self.session,
            stmt,
            sortable=PUBLIC_SORTABLE,
            id_column=Requisition.id,
            params=params,
            default_sort="-published_at",
        )

    async def detail(self, slug: str, requisition_id: uuid.UUID) -> tuple[Requisition, str]:
        org = await self._org(slug)
        req = await RequisitionRepository(self.session, org.id).get(requisition_id)
        if req is None or req.status != "open":
            raise NotFound("This job is not open.")
        return req, org.name


async def pipeline_stages(
    session: AsyncSession, organization_id: uuid.UUID, requisition_id: uuid.UUID
) -> list[PipelineStage]:
    """A requisition's stages in order (the caller has already found the requisition)."""
    return await StageRepository(session, organization_id).for_requisition(requisition_id)


async def pipeline_stage(
    session: AsyncSession, organization_id: uuid.UUID, stage_id: uuid.UUID
) -> PipelineStage | None:
    """One stage by id, with its round's configuration (what an interview in it rates)."""
    return await StageRepository(session, organization_id).get(stage_id)


async def requisition_with_stages(
    session: AsyncSession, organization_id: uuid.UUID, requisition_id: uuid.UUID
) -> tuple[Requisition, list[PipelineStage]]:
    """A requisition and its pipeline, without the caller's requisition rule (see application_with_pipeline)."""
    req = await RequisitionRepository(session, organization_id).get_or_404(requisition_id)
    return req, await StageRepository(session, organization_id).for_requisition(req.id)
