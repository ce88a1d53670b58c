"""Invitations: issuing a link (when an application enters an assessment stage, or a recruiter sends one), and
what recruiters do with links afterwards (extend, resend, revoke, regenerate, extra time), every action audited.

For other domains: `issue` and the stage hook (registered with the applications domain when this module is
imported), `for_player`, `mark_started`, `mark_completed`, `extra_minutes`."""

import math
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import SQLColumnExpression
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from backend.applications.automation import ApplicationFacts, application_facts
from backend.applications.hooks import on_stage_entered
from backend.applications.service import ApplicationService
from backend.assessments.service import assessment_for_stage, assessment_names, get_assessment
from backend.audit import service as audit
from backend.auth.principal import Principal
from backend.candidates.service import candidate_of
from backend.errors import Conflict, Forbidden, NotFound, ValidationFailed
from backend.invitations import credentials, notices, rules
from backend.invitations.models import ACTIVE, Invitation, InvitationAccess
from backend.invitations.repository import EXPIRING_SOON, AccessRepository, InvitationRepository
from backend.invitations.schemas import (
    Accommodation,
    BulkExtend,
    BulkInvite,
    BulkInviteResult,
    BulkLinksResult,
    Extend,
    InvitationCreate,
    InvitationRead,
    LinkStats,
    Regenerate,
    Skipped,
)
from backend.kit.pagination import PageParams, paginate
from backend.organizations.service import effective_settings, organization_profile
from backend.organizations.settings_schema import LinkRule, OrganizationSettings
from backend.users.service import users_by_ids

SORTABLE: dict[str, SQLColumnExpression[Any]] = {
    "created_at": Invitation.created_at,
    "expires_at": Invitation.expires_at,
}


def extra_minutes(inv: Invitation, duration_minutes: int) -> int:
    """The candidate's extra time: a share of the duration (rounded up) plus minutes."""
    share = math.ceil(duration_minutes * (inv.extra_time_percent or 0) / 100)
    return share + (inv.extra_time_minutes or 0)


def state_of(inv: Invitation, now: datetime) -> str:
    """The Links page's state (see repository.state_condition, the same rule in SQL)."""
    if inv.status == "pending":
        if inv.expires_at <= now:
            return "expired"
        return "expiring_soon" if inv.expires_at <= now + EXPIRING_SOON else "active"
    return inv.status


async def _settings(session: AsyncSession, organization_id: uuid.UUID) -> OrganizationSettings:
    org = await organization_profile(session, organization_id)
    assert org is not None
    return effective_settings(org)


def _rule(settings: OrganizationSettings, step: int) -> LinkRule:
    return settings.link_rules.step1 if step == 1 else settings.link_rules.step2


async def _insert(session: AsyncSession, inv: Invitation, first_name: str, phone: str | None) -> None:
    """Add the invitation with the first free username. The unique index has the last word: a concurrent twin
    that took the same name makes this try the next one."""
    repo = InvitationRepository(session, inv.organization_id)
    base = credentials.username_base(first_name)
    for _ in range(5):
        taken = await repo.usernames_taken(base + "_")
        inv.username = next(u for u in credentials.usernames(first_name, phone) if u.lower() not in taken)
        try:
            async with session.begin_nested():
                session.add(inv)
                await session.flush()
            return
        except IntegrityError:
            continue
    raise Conflict("Could not choose a username for the link; try again.")


async def issue(
    session: AsyncSession,
    *,
    app: ApplicationFacts,
    assessment: Any,
    actor: Principal | None,
    stage_id: uuid.UUID | None,
    days: int | None = None,
    time_zone: str | None = None,
    accommodation: Accommodation | None = None,
) -> Invitation:
    """Create a link for the application and email it with the credentials (in the caller's transaction)."""
    org_id = app.organization_id
    settings = await _settings(session, org_id)
    rule = _rule(settings, assessment.step)
    candidate = await candidate_of(session, org_id, app.candidate_id)
    if candidate is None:
        raise NotFound("Candidate not found.")
    if time_zone is None and candidate.user_id is not None:
        accounts = await users_by_ids(session, org_id, [candidate.user_id])
        time_zone = accounts[0].time_zone if accounts else None
    now = datetime.now(UTC)
    expiry = rules.new_link_expiry(now, rule, ZoneInfo(settings.time_zone), days)
    token, code = credentials.new_link_token(), credentials.new_access_code()
    inv = Invitation(
        organization_id=org_id,
        application_id=app.id,
        candidate_id=candidate.id,
        requisition_id=app.requisition_id,
        assessment_id=assessment.id,
        stage_id=stage_id,
        owner_id=candidate.owner_id or (actor.id if actor and actor.kind == "user" else None),
        created_by_id=actor.id if actor and actor.kind == "user" else None,
        candidate_name=candidate.full_name,
        candidate_email=candidate.email,
        job_title=app.requisition_title,
        step=assessment.step,
        status="pending",
        token_hash=credentials.hash_link_token(token),
        token_version=1,
        access_code_hash=credentials.hash_access_code(code),
        expires_at=expiry.expires_at,
        max_expires_at=expiry.max_expires_at,
        weekend_extended=expiry.weekend_moved,
        next_reminder_at=rules.next_reminder_at(expiry.expires_at, rule.reminder_hours_before, now),
        time_zone=time_zone or settings.time_zone,
        extra_time_percent=accommodation.extra_time_percent if accommodation else None,
        extra_time_minutes=accommodation.extra_time_minutes if accommodation else None,
        sent_at=now,
    )
    await _insert(session, inv, candidate.first_name, candidate.phone)
    await notices.send_invitation(
        session,
        inv,
        token=token,
        code=code,
        duration_minutes=assessment.duration_minutes + extra_minutes(inv, assessment.duration_minutes),
    )
    if expiry.weekend_moved:
        await notices.tell_owner(
            session,
            inv,
            f"Link moved past the weekend: {inv.candidate_name}",
            f"{inv.candidate_name}'s link would have expired on a weekend; it stays open until Monday 09:00.",
            priority="low",
        )
    await audit.record(
        session,
        actor,
        "invitation.created",
        "invitation",
        inv.id,
        organization_id=org_id,
        actor_label=None if actor else "pipeline",
        after={
            "application_id": app.id,
            "assessment_id": assessment.id,
            "username": inv.username,
            "expires_at": inv.expires_at,
            "weekend_extended": inv.weekend_extended,
        },
    )
    return inv


@on_stage_entered
async def send_stage_assessment(session: AsyncSession, app: Any, req: Any, stage: Any, actor: Principal | None) -> None:
    """An application entered a stage: an assessment stage with an assessment sends it (unless a working link for
    that assessment already exists)."""
    if stage.kind != "assessment":
        return
    assessment = await assessment_for_stage(session, app.organization_id, stage.id)
    if assessment is None:
        return
    if await InvitationRepository(session, app.organization_id).active_for(app.id, assessment.id):
        return
    facts = await application_facts(session, app.organization_id, app.id)
    assert facts is not None
    await issue(session, app=facts, assessment=assessment, actor=actor, stage_id=stage.id)


# --- for the test player ---------------------------------------------------------------------------------------


async def for_player(
    session: AsyncSession, organization_id: uuid.UUID, invitation_id: uuid.UUID, *, for_update: bool = False
) -> Invitation | None:
    repo = InvitationRepository(session, organization_id)
    return await (repo.for_update(invitation_id) if for_update else repo.get(invitation_id))


def mark_started(inv: Invitation, now: datetime) -> None:
    inv.status, inv.started_at = "started", now


def mark_completed(inv: Invitation, now: datetime) -> None:
    inv.status, inv.completed_at = "completed", now


# --- what recruiters do with links -----------------------------------------------------------------------------


class InvitationService:
    def __init__(self, session: AsyncSession, principal: Principal) -> None:
        assert principal.organization_id is not None
        self.session = session
        self.principal = principal
        self.organization_id: uuid.UUID = principal.organization_id
        self.repo = InvitationRepository(session, principal.organization_id)

    def _is_owner(self, inv: Invitation) -> bool:
        return inv.owner_id == self.principal.id or inv.created_by_id == self.principal.id

    def allowed_actions(self, inv: Invitation, now: datetime) -> list[str]:
        p = self.principal
        actions = []
        may_extend = p.can("links:extend_any") or (p.can("links:extend_own") and self._is_owner(inv))
        if inv.status in ("pending", "expired") and may_extend:
            actions.append("extend")
        if p.can("links:create"):
            if inv.status in ACTIVE and not (inv.status == "pending" and inv.expires_at <= now):
                actions.append("resend")
            if inv.status == "pending":
                actions += ["revoke", "accommodation"]
            if inv.status != "completed":
                actions.append("regenerate")
        return actions

    async def reads(self, items: Sequence[Invitation]) -> list[InvitationRead]:
        names = await assessment_names(self.session, self.organization_id, [i.assessment_id for i in items])
        now = datetime.now(UTC)
        fields = [f for f in InvitationRead.model_fields if hasattr(Invitation, f)]
        return [
            InvitationRead.model_validate(
                {
                    **{f: getattr(i, f) for f in fields},
                    "assessment_name": names.get(i.assessment_id),
                    "state": state_of(i, now),
                    "credentials_locked": i.credentials_locked_at is not None,
                    "allowed_actions": self.allowed_actions(i, now),
                }
            )
            for i in items
        ]

    async def read(self, inv: Invitation) -> InvitationRead:
        return (await self.reads([inv]))[0]

    async def _audit(self, action: str, inv: Invitation, **after: Any) -> None:
        await audit.record(
            self.session,
            self.principal,
            action,
            "invitation",
            inv.id,
            organization_id=self.organization_id,
            after=after,
        )

    # --- issuing ----------------------------------------------------------------------------------------
    async def create(self, data: InvitationCreate) -> Invitation:
        try:
            app, _req, stages = await ApplicationService(self.session, self.principal).load(data.application_id)
        except NotFound as exc:
            raise ValidationFailed.on("application_id", "Unknown application.") from exc
        if app.status != "active":
            raise Conflict(f"The application is {app.status.replace('_', ' ')}; only active applications get a link.")
        facts = await application_facts(self.session, self.organization_id, app.id)
        assert facts is not None
        stage = next((s for s in stages if s.id == app.stage_id), None)
        assessment = await self._assessment(data.assessment_id, stage)
        existing = await self.repo.active_for(app.id, assessment.id)
        if existing is not None:
            raise Conflict(
                "This application already has a working link for this assessment: resend or regenerate it.",
                extra={"invitation_id": str(existing.id)},
            )
        stage_id = stage.id if stage is not None and stage.kind == "assessment" else None
        return await issue(
            self.session,
            app=facts,
            assessment=assessment,
            actor=self.principal,
            stage_id=stage_id,
            days=data.days,
            time_zone=data.time_zone,
            accommodation=data,
        )

    async def _assessment(self, assessment_id: uuid.UUID | None, stage: Any) -> Any:
        if assessment_id is not None:
            a = await get_assessment(self.session, self.organization_id, assessment_id)
            if a is None or a.archived_at is not None:
                raise ValidationFailed.on("assessment_id", "Unknown assessment.")
            return a
        a = await assessment_for_stage(self.session, self.organization_id, stage.id) if stage else None
        if a is None:
            raise ValidationFailed.on(
                "assessment_id", "The application's stage sends no assessment: choose one (assessment_id)."
            )
        return a

    async def bulk(self, data: BulkInvite) -> BulkInviteResult:
        """Send to several applications (the board's bulk action): each gets its stage's assessment (or the one
        named); applications that cannot get one are listed in `skipped` with the reason."""
        created, skipped = [], []
        for application_id in dict.fromkeys(data.application_ids):
            try:
                async with self.session.begin_nested():
                    inv = await self.create(
                        InvitationCreate(
                            application_id=application_id, assessment_id=data.assessment_id, days=data.days
                        )
                    )
                created.append(inv.id)
            except (Conflict, ValidationFailed, NotFound) as exc:
                skipped.append(Skipped(id=application_id, reason=exc.detail))
        return BulkInviteResult(created=created, skipped=skipped)

    # --- reads ------------------------------------------------------------------------------------------
    async def search(
        self, params: PageParams, *, mine: bool, **filters: Any
    ) -> tuple[list[Invitation], str | None, int | None]:
        now = datetime.now(UTC)
        stmt = self.repo.listing(now, owner_id=self.principal.id if mine else None, **filters)
        return await paginate(self.session, stmt, sortable=SORTABLE, id_column=Invitation.id, params=params)

    async def get(self, invitation_id: uuid.UUID) -> Invitation:
        return await self.repo.get_or_404(invitation_id)

    async def stats(self, mine: bool) -> LinkStats:
        counts = await self.repo.counts(datetime.now(UTC), self.principal.id if mine else None)
        return LinkStats(**counts)

    async def access_log(
        self, invitation_id: uuid.UUID, params: PageParams
    ) -> tuple[list[Any], str | None, int | None]:
        await self.repo.get_or_404(invitation_id)
        stmt = AccessRepository(self.session).for_invitation(self.organization_id, invitation_id)
        return await paginate(
            self.session,
            stmt,
            sortable={"created_at": InvitationAccess.created_at},
            id_column=InvitationAccess.id,
            params=params,
        )

    # --- actions ----------------------------------------------------------------------------------------
    async def _locked(self, invitation_id: uuid.UUID) -> Invitation:
        inv = await self.repo.for_update(invitation_id)
        if inv is None:
            raise NotFound("Invitation not found.")
        return inv

    async def extend(self, invitation_id: uuid.UUID, data: Extend) -> Invitation:
        """Admins extend any link by any length; a recruiter the links of their own candidates, up to the step's
        maximum after creation. An expired link extended works again. The candidate is told by email."""
        inv = await self._locked(invitation_id)
        now = datetime.now(UTC)
        if inv.status not in ("pending", "expired"):
            raise Conflict(f"A {inv.status} link cannot be extended.")
        settings = await _settings(self.session, self.organization_id)
        before = inv.expires_at
        inv.expires_at, moved = rules.extended_expiry(
            current=inv.expires_at,
            now=now,
            days=data.days,
            rule=_rule(settings, inv.step),
            tz=ZoneInfo(settings.time_zone),
            max_expires_at=inv.max_expires_at,
            extend_any=self.principal.can("links:extend_any"),
            extend_own=self.principal.can("links:extend_own"),
            is_owner=self._is_owner(inv),
        )
        inv.weekend_extended = inv.weekend_extended or moved
        hours = _rule(settings, inv.step).reminder_hours_before
        inv.next_reminder_at = rules.next_reminder_at(inv.expires_at, hours, now)
        if inv.status == "expired":
            inv.status, inv.expired_at = "pending", None
        await self._audit(
            "invitation.extended", inv, before=before, expires_at=inv.expires_at, days=data.days, reason=data.reason
        )
        await notices.send_extended(self.session, inv, moved)
        if inv.owner_id != self.principal.id or moved:
            await notices.tell_owner(
                self.session,
                inv,
                f"Link extended: {inv.candidate_name}",
                f"{self.principal.label} extended {inv.candidate_name}'s link by {data.days} day(s)"
                + (" (moved past the weekend to Monday 09:00)." if moved else "."),
                priority="low",
            )
        return inv

    async def _reissue(self, inv: Invitation) -> None:
        """A new link and code (the old ones stop working, and so do player tokens issued with them)."""
        token, code = credentials.new_link_token(), credentials.new_access_code()
        inv.token_hash = credentials.hash_link_token(token)
        inv.access_code_hash = credentials.hash_access_code(code)
        inv.token_version += 1
        inv.failed_attempts, inv.credentials_locked_at = 0, None
        inv.sent_at = datetime.now(UTC)
        await self.session.flush()
        a = await get_assessment(self.session, self.organization_id, inv.assessment_id)
        duration = a.duration_minutes if a else 0
        await notices.send_invitation(
            self.session, inv, token=token, code=code, duration_minutes=duration + extra_minutes(inv, duration)
        )

    async def resend(self, invitation_id: uuid.UUID) -> Invitation:
        """Email the link again. Links and codes are stored hashed and cannot be read back, so the email carries
        a new link and a new code (the previous ones stop working); the expiry stays."""
        inv = await self._locked(invitation_id)
        if inv.status not in ACTIVE or (inv.status == "pending" and inv.expires_at <= datetime.now(UTC)):
            raise Conflict("Only a working link can be resent; extend or regenerate an expired one.")
        await self._reissue(inv)
        await self._audit("invitation.resent", inv, token_version=inv.token_version)
        return inv

    async def revoke(self, invitation_id: uuid.UUID, reason: str | None) -> Invitation:
        inv = await self._locked(invitation_id)
        if inv.status != "pending":
            raise Conflict(
                "A test under way cannot be revoked: it closes at its deadline."
                if inv.status == "started"
                else f"A {inv.status} link cannot be revoked."
            )
        inv.status, inv.revoked_at = "revoked", datetime.now(UTC)
        inv.token_version += 1
        await self._audit("invitation.revoked", inv, reason=reason)
        return inv

    async def regenerate(self, invitation_id: uuid.UUID, data: Regenerate) -> Invitation:
        """A new link and code, credentials unlocked; an expired or revoked link works again (with a new expiry
        from now). A test under way keeps its session: the new link resumes it."""
        inv = await self._locked(invitation_id)
        if inv.status == "completed":
            raise Conflict("The test was submitted: its link cannot be regenerated.")
        now = datetime.now(UTC)
        before = {"status": inv.status, "expires_at": inv.expires_at}
        lapsed = inv.status in ("expired", "revoked") or (inv.status == "pending" and inv.expires_at <= now)
        if inv.status != "started" and (lapsed or data.days):
            settings = await _settings(self.session, self.organization_id)
            rule = _rule(settings, inv.step)
            expiry = rules.new_link_expiry(now, rule, ZoneInfo(settings.time_zone), data.days)
            inv.expires_at, inv.max_expires_at = expiry.expires_at, expiry.max_expires_at
            inv.weekend_extended = expiry.weekend_moved
            inv.next_reminder_at = rules.next_reminder_at(inv.expires_at, rule.reminder_hours_before, now)
            inv.status, inv.expired_at, inv.revoked_at = "pending", None, None
        await self._reissue(inv)
        await self._audit("invitation.regenerated", inv, before=before, expires_at=inv.expires_at)
        return inv

    async def set_accommodation(self, invitation_id: uuid.UUID, data: Accommodation) -> Invitation:
        inv = await self._locked(invitation_id)
        if inv.status != "pending":
            raise Conflict("Extra time is set before the test starts.")
        before = {"extra_time_percent": inv.extra_time_percent, "extra_time_minutes": inv.extra_time_minutes}
        inv.extra_time_percent, inv.extra_time_minutes = data.extra_time_percent, data.extra_time_minutes
        await self._audit("invitation.accommodation_set", inv, before=before, **data.model_dump())
        return inv

    async def bulk_resend(self, ids: Sequence[uuid.UUID]) -> BulkLinksResult:
        return await self._bulk(ids, self.resend)

    async def bulk_extend(self, data: BulkExtend) -> BulkLinksResult:
        return await self._bulk(
            data.invitation_ids, lambda i: self.extend(i, Extend(days=data.days, reason=data.reason))
        )

    async def _bulk(self, ids: Sequence[uuid.UUID], action: Any) -> BulkLinksResult:
        done, skipped = [], []
        for invitation_id in dict.fromkeys(ids):
            try:
                async with self.session.begin_nested():
                    await action(invitation_id)
                done.append(invitation_id)
            except (Conflict, ValidationFailed, NotFound, Forbidden) as exc:  # Forbidden: another's candidate
                skipped.append(Skipped(id=invitation_id, reason=exc.detail))
        return BulkLinksResult(done=done, skipped=skipped)


async def current_version(session: AsyncSession, organization_id: uuid.UUID, invitation_id: uuid.UUID) -> int | None:
    """The invitation's token version (None if it does not exist): a player token of an older version is dead."""
    return await InvitationRepository(session, organization_id).token_version(invitation_id)


async def invitations_of_candidates(
    session: AsyncSession, organization_id: uuid.UUID, candidate_ids: Sequence[uuid.UUID]
) -> list[Invitation]:
    """A candidate's own invitations (the candidate portal), newest first."""
    return await InvitationRepository(session, organization_id).for_candidates(candidate_ids)


async def invitations_by_ids(
    session: AsyncSession, organization_id: uuid.UUID, invitation_ids: Sequence[uuid.UUID]
) -> list[Invitation]:
    if not invitation_ids:
        return []
    repo = InvitationRepository(session, organization_id)
    return list((await session.execute(repo.select().where(Invitation.id.in_(set(invitation_ids))))).scalars())


async def access_since(
    session: AsyncSession, organization_id: uuid.UUID, invitation_id: uuid.UUID, since: datetime, limit: int = 100
) -> list[InvitationAccess]:
    """The link's sign-in attempts from `since` on, oldest first (proctoring reads them as signals)."""
    stmt = (
        AccessRepository(session)
        .for_invitation(organization_id, invitation_id)
        .where(InvitationAccess.created_at >= since)
        .order_by(None)
        .order_by(InvitationAccess.created_at)
        .limit(limit)
    )
    return list((await session.execute(stmt)).scalars())
