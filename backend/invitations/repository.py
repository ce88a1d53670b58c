import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, bindparam, func, or_, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from backend.invitations.models import ACTIVE, Invitation, InvitationAccess, InvitationReminder
from backend.kit.repository import TenantRepository
from backend.kit.sql import CompiledQuery

EXPIRING_SOON = timedelta(hours=48)


def state_condition(state: str, now: datetime) -> ColumnElement[bool]:
    """The Links page's states. A pending link past its expiry counts as expired even before the scheduled job
    marks it so."""
    pending = Invitation.status == "pending"
    return {
        "active": and_(pending, Invitation.expires_at > now),
        "expiring_soon": and_(pending, Invitation.expires_at > now, Invitation.expires_at <= now + EXPIRING_SOON),
        "expired": or_(Invitation.status == "expired", and_(pending, Invitation.expires_at <= now)),
        "started": Invitation.status == "started",
        "completed": Invitation.status == "completed",
        "revoked": Invitation.status == "revoked",
    }[state]


# Checked before every request of the test player (a re-issued or withdrawn link ends older tokens).
_TOKEN_VERSION = CompiledQuery(
    select(Invitation.token_version).where(
        Invitation.id == bindparam("invitation_id"), Invitation.organization_id == bindparam("organization_id")
    )
)


class InvitationRepository(TenantRepository[Invitation]):
    model = Invitation

    async def token_version(self, invitation_id: uuid.UUID) -> int | None:
        row = await _TOKEN_VERSION.first(
            self.session, invitation_id=invitation_id, organization_id=self.organization_id
        )
        return row[0] if row is not None else None

    def listing(
        self,
        now: datetime,
        *,
        state: str | None = None,
        owner_id: uuid.UUID | None = None,
        assessment_id: uuid.UUID | None = None,
        requisition_id: uuid.UUID | None = None,
        application_id: uuid.UUID | None = None,
        candidate_id: uuid.UUID | None = None,
        flagged: bool | None = None,
    ) -> Select[Any]:
        stmt = self.select()
        if state:
            stmt = stmt.where(state_condition(state, now))
        for column, value in (
            (Invitation.owner_id, owner_id),
            (Invitation.assessment_id, assessment_id),
            (Invitation.requisition_id, requisition_id),
            (Invitation.application_id, application_id),
            (Invitation.candidate_id, candidate_id),
        ):
            if value is not None:
                stmt = stmt.where(column == value)
        if flagged is not None:
            stmt = stmt.where(Invitation.flagged_at.is_not(None) if flagged else Invitation.flagged_at.is_(None))
        return stmt

    async def counts(self, now: datetime, owner_id: uuid.UUID | None) -> dict[str, int]:
        states = ("active", "expiring_soon", "expired", "started", "completed", "revoked")
        columns = [func.count().filter(state_condition(s, now)).label(s) for s in states]
        columns.append(func.count().filter(Invitation.flagged_at.is_not(None)).label("flagged"))
        stmt = select(*columns).where(Invitation.organization_id == self.organization_id)
        if owner_id is not None:
            stmt = stmt.where(Invitation.owner_id == owner_id)
        return dict((await self.session.execute(stmt)).one()._mapping)

    async def for_update(self, invitation_id: uuid.UUID) -> Invitation | None:
        stmt = self.select().where(Invitation.id == invitation_id).with_for_update()
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def many_for_update(self, ids: Sequence[uuid.UUID]) -> list[Invitation]:
        stmt = self.select().where(Invitation.id.in_(list(ids))).order_by(Invitation.id).with_for_update()
        return list((await self.session.execute(stmt)).scalars())

    async def active_for(self, application_id: uuid.UUID, assessment_id: uuid.UUID) -> Invitation | None:
        stmt = self.select().where(
            Invitation.application_id == application_id,
            Invitation.assessment_id == assessment_id,
            Invitation.status.in_(ACTIVE),
        )
        return (await self.session.execute(stmt.limit(1))).scalar_one_or_none()

    async def usernames_taken(self, prefix: str) -> set[str]:
        like = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        stmt = select(func.lower(Invitation.username)).where(
            Invitation.organization_id == self.organization_id,
            Invitation.status.in_(ACTIVE),
            func.lower(Invitation.username).like(like),
        )
        return set((await self.session.execute(stmt)).scalars())

    async def for_candidates(self, candidate_ids: Sequence[uuid.UUID]) -> list[Invitation]:
        stmt = (
            self.select().where(Invitation.candidate_id.in_(list(candidate_ids))).order_by(Invitation.created_at.desc())
        )
        return list((await self.session.execute(stmt.limit(100))).scalars())


# --- across organizations: the player's sign-in and the scheduled job -------------------------------------------


async def by_token_hash(session: AsyncSession, token_hash: str, *, for_update: bool = False) -> Invitation | None:
    stmt = select(Invitation).where(Invitation.token_hash == token_hash)
    if for_update:
        stmt = stmt.with_for_update()
    return (await session.execute(stmt)).scalar_one_or_none()


async def by_username(session: AsyncSession, username: str) -> list[Invitation]:
    """Working links with this username, in any organization (usernames are unique per organization: the code
    tells which one), locked."""
    stmt = (
        select(Invitation)
        .where(func.lower(Invitation.username) == username.lower(), Invitation.status.in_(ACTIVE))
        .order_by(Invitation.id)
        .with_for_update()
    )
    return list((await session.execute(stmt)).scalars())


async def by_id(session: AsyncSession, invitation_id: uuid.UUID, *, for_update: bool = False) -> Invitation | None:
    stmt = select(Invitation).where(Invitation.id == invitation_id)
    if for_update:
        stmt = stmt.with_for_update()
    return (await session.execute(stmt)).scalar_one_or_none()


async def pending_expiring_before(session: AsyncSession, until: datetime, limit: int = 500) -> list[Invitation]:
    """Pending links (any organization) that expire before `until`, soonest first, locked; links another worker
    holds are skipped rather than waited for."""
    stmt = (
        select(Invitation)
        .where(Invitation.status == "pending", Invitation.expires_at <= until)
        .order_by(Invitation.expires_at)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    return list((await session.execute(stmt)).scalars())


async def claim_reminders(session: AsyncSession, invitation: Invitation, hours: Sequence[int]) -> list[int]:
    """Record these reminders as sent for the link's current expiry; returns those nobody had claimed before."""
    if not hours:
        return []
    stmt = (
        insert(InvitationReminder)
        .values(
            [
                {
                    "organization_id": invitation.organization_id,
                    "invitation_id": invitation.id,
                    "hours_before": h,
                    "expires_at": invitation.expires_at,
                }
                for h in hours
            ]
        )
        .on_conflict_do_nothing(index_elements=["invitation_id", "hours_before", "expires_at"])
        .returning(InvitationReminder.hours_before)
    )
    return list((await session.execute(stmt)).scalars())


class AccessRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def add(self, entry: InvitationAccess) -> None:
        self.session.add(entry)

    async def attempts_since(self, invitation_id: uuid.UUID, since: datetime) -> int:
        stmt = select(func.count()).where(
            InvitationAccess.invitation_id == invitation_id, InvitationAccess.created_at >= since
        )
        return int((await self.session.execute(stmt)).scalar_one())

    async def failures_from_ip(self, ip: str, since: datetime) -> int:
        stmt = select(func.count()).where(
            InvitationAccess.ip == ip, InvitationAccess.created_at >= since, InvitationAccess.outcome != "ok"
        )
        return int((await self.session.execute(stmt)).scalar_one())

    def for_invitation(self, organization_id: uuid.UUID, invitation_id: uuid.UUID) -> Select[Any]:
        return select(InvitationAccess).where(
            InvitationAccess.organization_id == organization_id, InvitationAccess.invitation_id == invitation_id
        )
