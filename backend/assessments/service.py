"""Assessments: their definition and rules, which stage sends which, and how a candidate's set of questions is
assembled (the same code serves the preview and a real start, so the preview shows what candidates get).

For other domains: `get_assessment`, `assessment_for_stage`, `assemble`, `thresholds_of`."""

import random
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import SQLColumnExpression, func
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from backend.assessments.models import Assessment, StageAssessment
from backend.assessments.repository import AssessmentRepository, StageAssessmentRepository
from backend.assessments.schemas import (
    AssessmentPreview,
    AssessmentRead,
    AssessmentRow,
    AssessmentWrite,
    PreviewSection,
    Proctoring,
    SectionRead,
    StageAssessmentRead,
    Thresholds,
)
from backend.audit import service as audit
from backend.auth.principal import Principal
from backend.errors import Conflict, NotFound, ValidationFailed
from backend.execution.service import list_languages
from backend.kit.pagination import PageParams, paginate
from backend.organizations.service import effective_settings, organization_profile
from backend.questions import serving

SORTABLE: dict[str, SQLColumnExpression[Any]] = {
    "created_at": Assessment.created_at,
    "updated_at": Assessment.updated_at,
    "name": func.lower(Assessment.name),
}
AUDITED = (
    "name",
    "step",
    "duration_minutes",
    "sections",
    "shuffle_questions",
    "shuffle_options",
    "allowed_languages",
    "auto_advance",
    "manual_review",
    "result_release",
    "results_release_at",
    "proctoring",
)


def question_count(a: Assessment) -> int:
    return sum(
        len(s.get("question_ids") or []) if s["kind"] == "fixed" else int(s.get("count") or 0) for s in a.sections
    )


async def thresholds_of(session: AsyncSession, a: Assessment) -> Thresholds:
    """The Step-1 bands that apply: the assessment's, else the organization's settings."""
    org = await organization_profile(session, a.organization_id)
    assert org is not None
    default = effective_settings(org).thresholds
    auto = float(a.auto_advance) if a.auto_advance is not None else default.auto_advance
    review = float(a.manual_review) if a.manual_review is not None else default.manual_review
    return Thresholds(auto_advance=auto, manual_review=min(review, auto))


async def read(session: AsyncSession, a: Assessment) -> AssessmentRead:
    return AssessmentRead(
        id=a.id,
        name=a.name,
        description=a.description,
        instructions=a.instructions,
        step=a.step,
        duration_minutes=a.duration_minutes,
        sections=[SectionRead.model_validate({**_section_defaults(), **s}) for s in a.sections],
        shuffle_questions=a.shuffle_questions,
        shuffle_options=a.shuffle_options,
        allowed_languages=list(a.allowed_languages),
        auto_advance=a.auto_advance,
        manual_review=a.manual_review,
        result_release=a.result_release,
        results_release_at=a.results_release_at,
        proctoring=Proctoring.model_validate(a.proctoring),
        question_count=question_count(a),
        effective_thresholds=await thresholds_of(session, a),
        archived_at=a.archived_at,
        created_by_id=a.created_by_id,
        created_at=a.created_at,
        updated_at=a.updated_at,
    )


def _section_defaults() -> dict[str, Any]:
    return {
        "question_ids": [],
        "bank_id": None,
        "count": None,
        "difficulty": None,
        "tags": [],
        "types": [],
        "time_limit_minutes": None,
    }


def row(a: Assessment) -> AssessmentRow:
    return AssessmentRow(
        id=a.id,
        name=a.name,
        step=a.step,
        duration_minutes=a.duration_minutes,
        question_count=question_count(a),
        section_count=len(a.sections),
        archived_at=a.archived_at,
        created_at=a.created_at,
        updated_at=a.updated_at,
    )


# --- assembling a candidate's questions ----------------------------------------------------------------------


@dataclass
class DrawnSection:
    title: str
    time_limit_minutes: int | None
    versions: list[Any]  # the questions domain's versions, in the order this candidate gets them


class AssessmentNotReady(Conflict):
    title, slug = "Assessment not ready", "assessment-not-ready"


async def assemble(session: AsyncSession, a: Assessment, rng: random.Random | None = None) -> list[DrawnSection]:
    """The questions one candidate gets, section by section: fixed sections' current versions, random sections
    drawn now (a question is never drawn twice across sections), shuffled if the assessment says so. Raises
    AssessmentNotReady (409) when a section cannot be filled."""
    rng = rng or random.SystemRandom()
    org = a.organization_id
    fixed_ids = [uuid.UUID(str(q)) for s in a.sections if s["kind"] == "fixed" for q in s["question_ids"]]
    current = await serving.current_versions(session, org, fixed_ids)
    taken: set[uuid.UUID] = set(current)
    out: list[DrawnSection] = []
    for index, s in enumerate(a.sections):
        if s["kind"] == "fixed":
            ids = [uuid.UUID(str(q)) for q in s["question_ids"]]
            missing = [q for q in ids if q not in current]
            if missing:
                raise AssessmentNotReady(
                    f"Section {index + 1} ('{s['title']}') names {len(missing)} question(s) that no longer exist.",
                    extra={"section": index},
                )
            versions = [current[q] for q in ids]
        else:
            try:
                versions = await serving.draw_questions(
                    session,
                    org,
                    bank_id=uuid.UUID(str(s["bank_id"])),
                    count=int(s["count"]),
                    difficulty=s.get("difficulty"),
                    tags=s.get("tags") or [],
                    types=s.get("types") or [],
                    exclude_question_ids=sorted(taken),
                )
            except (NotFound, Conflict) as exc:
                raise AssessmentNotReady(
                    f"Section {index + 1} ('{s['title']}'): {exc.detail}", extra={"section": index}
                ) from exc
            taken.update(v.question_id for v in versions)
            versions = sorted(versions, key=lambda v: str(v.id))  # the database's order is not an order
            rng.shuffle(versions)  # drawn at random: the order is random too
        if a.shuffle_questions:
            rng.shuffle(versions)
        out.append(DrawnSection(s["title"], s.get("time_limit_minutes"), versions))
    return out


async def get_assessment(
    session: AsyncSession, organization_id: uuid.UUID, assessment_id: uuid.UUID
) -> Assessment | None:
    return await AssessmentRepository(session, organization_id).get(assessment_id)


async def assessment_for_stage(
    session: AsyncSession, organization_id: uuid.UUID, stage_id: uuid.UUID
) -> Assessment | None:
    """The (non-archived) assessment a pipeline stage sends, if any."""
    link = await StageAssessmentRepository(session, organization_id).for_stage(stage_id)
    if link is None:
        return None
    a = await AssessmentRepository(session, organization_id).get(link.assessment_id)
    return a if a is not None and a.archived_at is None else None


class AssessmentService:
    def __init__(self, session: AsyncSession, principal: Principal) -> None:
        assert principal.organization_id is not None
        self.session = session
        self.principal = principal
        self.organization_id: uuid.UUID = principal.organization_id
        self.repo = AssessmentRepository(session, principal.organization_id)
        self.stages = StageAssessmentRepository(session, principal.organization_id)

    async def search(
        self, params: PageParams, q: str | None, archived: bool
    ) -> tuple[list[Any], str | None, int | None]:
        return await paginate(
            self.session, self.repo.listing(q, archived), sortable=SORTABLE, id_column=Assessment.id, params=params
        )

    async def get(self, assessment_id: uuid.UUID) -> Assessment:
        return await self.repo.get_or_404(assessment_id)

    async def _check(self, data: AssessmentWrite, exclude: uuid.UUID | None = None) -> None:
        """Every id resolved within the organization (422 naming the field), every language known."""
        if await self.repo.name_taken(data.name, exclude):
            raise Conflict(
                "An assessment with this name exists.",
                errors=[{"field": "body.name", "loc": ["body", "name"], "message": "Already in use", "type": "unique"}],
            )
        fixed = [q for s in data.sections for q in s.question_ids]
        found = await serving.questions_by_ids(self.session, self.organization_id, fixed)
        banks = await serving.banks_by_ids(
            self.session, self.organization_id, [s.bank_id for s in data.sections if s.bank_id]
        )
        seen: set[uuid.UUID] = set()
        for i, s in enumerate(data.sections):
            for j, q in enumerate(s.question_ids):
                if q not in found:
                    raise ValidationFailed.on(f"sections.{i}.question_ids.{j}", "Unknown question.")
                if q in seen:
                    raise ValidationFailed.on(f"sections.{i}.question_ids.{j}", "This question is in another section.")
                seen.add(q)
            if s.bank_id is not None and s.bank_id not in banks:
                raise ValidationFailed.on(f"sections.{i}.bank_id", "Unknown question bank.")
        known = {lang.key for lang in await list_languages(self.session, self.organization_id)}
        for i, key in enumerate(data.allowed_languages):
            if key not in known:
                raise ValidationFailed.on(f"allowed_languages.{i}", f"'{key}' is not a language of the platform.")
        if any(s.time_limit_minutes and s.time_limit_minutes > data.duration_minutes for s in data.sections):
            raise ValidationFailed.on("sections", "A section's time limit cannot exceed the whole test's duration.")

    def _fields(self, data: AssessmentWrite) -> dict[str, Any]:
        fields = data.model_dump(mode="json", exclude={"auto_advance", "manual_review", "results_release_at"})
        fields["sections"] = [s.model_dump(mode="json") for s in data.sections]
        return {
            **fields,
            "auto_advance": data.auto_advance,
            "manual_review": data.manual_review,
            "results_release_at": data.results_release_at,
        }

    async def _fillable(self, a: Assessment) -> None:
        """Refuse (422) an assessment whose random sections cannot be filled now: found when writing it, not by
        the first candidate."""
        try:
            await assemble(self.session, a)  # reads only: nothing is recorded
        except AssessmentNotReady as exc:
            raise ValidationFailed.on(f"sections.{exc.extra.get('section', 0)}", exc.detail) from exc

    async def create(self, data: AssessmentWrite) -> Assessment:
        await self._check(data)
        a = self.repo.add(
            Assessment(**self._fields(data), created_by_id=self.principal.id if self.principal.kind == "user" else None)
        )
        await self.session.flush()
        await self._fillable(a)
        await audit.record(
            self.session,
            self.principal,
            "assessment.created",
            "assessment",
            a.id,
            organization_id=self.organization_id,
            after=audit.snapshot(a, AUDITED),
        )
        return a

    async def update(self, assessment_id: uuid.UUID, data: AssessmentWrite) -> Assessment:
        """Sessions already started keep what they drew; the next candidates get the new definition."""
        a = await self.repo.get_or_404(assessment_id)
        if a.archived_at is not None:
            raise Conflict("An archived assessment cannot change; create a new one.")
        await self._check(data, exclude=a.id)
        before = audit.snapshot(a, AUDITED)
        for field, value in self._fields(data).items():
            setattr(a, field, value)
        await self.session.flush()
        await self._fillable(a)
        old, new = audit.changed(before, audit.snapshot(a, AUDITED))
        if new:
            await audit.record(
                self.session,
                self.principal,
                "assessment.updated",
                "assessment",
                a.id,
                organization_id=self.organization_id,
                before=old,
                after=new,
            )
        return a

    async def delete(self, assessment_id: uuid.UUID) -> Assessment | None:
        """Deleted when nothing refers to it; otherwise archived (kept for the invitations and results that
        refer to it, no longer sent by any stage). Returns the archived assessment, or None if deleted."""
        a = await self.repo.get_or_404(assessment_id)
        try:
            async with self.session.begin_nested():
                await self.session.delete(a)
                await self.session.flush()
            deleted: Assessment | None = None
        except IntegrityError:
            a = await self.repo.get_or_404(assessment_id)
            a.archived_at = a.archived_at or datetime.now(UTC)
            for link in await self.stages.for_assessment(a.id):  # no stage sends an archived assessment
                await self.session.delete(link)
            deleted = a
        await audit.record(
            self.session,
            self.principal,
            "assessment.archived" if deleted else "assessment.deleted",
            "assessment",
            assessment_id,
            organization_id=self.organization_id,
            before={"name": a.name},
        )
        return deleted

    async def preview(self, assessment_id: uuid.UUID) -> AssessmentPreview:
        a = await self.repo.get_or_404(assessment_id)
        drawn = await assemble(self.session, a)
        sections = []
        for d in drawn:
            views = await serving.candidate_view(self.session, self.organization_id, [v.id for v in d.versions])
            sections.append(PreviewSection(title=d.title, time_limit_minutes=d.time_limit_minutes, questions=views))
        return AssessmentPreview(
            assessment_id=a.id,
            name=a.name,
            instructions=a.instructions,
            duration_minutes=a.duration_minutes,
            proctoring=Proctoring.model_validate(a.proctoring),
            sections=sections,
            question_count=sum(len(s.questions) for s in sections),
            total_points=sum(q.points for s in sections for q in s.questions),
        )

    # --- which stage sends which assessment -------------------------------------------------------------
    async def stage_assessments(self, requisition_id: uuid.UUID) -> list[StageAssessmentRead]:
        from backend.requisitions.service import RequisitionService

        _, stages = await RequisitionService(self.session, self.principal).detail(requisition_id)
        links = {link.stage_id: (link, name) for link, name in await self.stages.for_requisition(requisition_id)}
        out = []
        for s in stages:
            if s.kind != "assessment":
                continue
            link, name = links.get(s.id, (None, None))
            out.append(
                StageAssessmentRead(
                    stage_id=s.id,
                    stage_name=s.name,
                    stage_position=s.position,
                    assessment_id=link.assessment_id if link else None,
                    assessment_name=name,
                )
            )
        return out

    async def set_stage_assessment(
        self, requisition_id: uuid.UUID, stage_id: uuid.UUID, assessment_id: uuid.UUID | None
    ) -> list[StageAssessmentRead]:
        from backend.requisitions.service import RequisitionService

        req, stages = await RequisitionService(self.session, self.principal).detail(requisition_id)
        stage = next((s for s in stages if s.id == stage_id), None)
        if stage is None:
            raise NotFound("Stage not found.")
        if stage.kind != "assessment":
            raise Conflict(f"“{stage.name}” is not an assessment stage.")
        link = await self.stages.for_stage(stage_id)
        before = str(link.assessment_id) if link else None
        if assessment_id is None:
            if link is not None:
                await self.session.delete(link)
        else:
            a = await self.repo.get(assessment_id)
            if a is None or a.archived_at is not None:
                raise ValidationFailed.on("assessment_id", "Unknown assessment.")
            if link is None:
                self.stages.add(StageAssessment(stage_id=stage_id, requisition_id=req.id, assessment_id=a.id))
            else:
                link.assessment_id = a.id
        await self.session.flush()
        if before != (str(assessment_id) if assessment_id else None):
            await audit.record(
                self.session,
                self.principal,
                "requisition.stage_assessment_set",
                "requisition",
                req.id,
                organization_id=self.organization_id,
                before={"stage": stage.name, "assessment_id": before},
                after={"stage": stage.name, "assessment_id": str(assessment_id) if assessment_id else None},
            )
        return await self.stage_assessments(requisition_id)


async def assessment_names(
    session: AsyncSession, organization_id: uuid.UUID, assessment_ids: list[uuid.UUID]
) -> dict[uuid.UUID, str]:
    """Names of the organization's assessments among `assessment_ids`, for lists of other domains."""
    if not assessment_ids:
        return {}
    repo = AssessmentRepository(session, organization_id)
    rows = await session.execute(repo.select().where(Assessment.id.in_(set(assessment_ids))))
    return {a.id: a.name for a in rows.scalars()}
