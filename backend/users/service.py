"""User management inside an organization: the admin's Users screen."""

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import SQLColumnExpression, func
from sqlalchemy.ext.asyncio import AsyncSession

from backend.audit import service as audit
from backend.auth import service as auth_service
from backend.auth.grants import check_may_manage, check_role_grant
from backend.auth.passwords import check_policy, hash_password
from backend.auth.permissions import Role
from backend.auth.principal import Principal
from backend.config import get_settings
from backend.email.service import send_email
from backend.errors import Conflict, ValidationFailed
from backend.kit.pagination import PageParams, paginate
from backend.notifications.service import notify
from backend.organizations.service import organization_profile
from backend.users.models import User
from backend.users.repository import UserRepository
from backend.users.schemas import UserCreate, UserUpdate

AUDITED = ("email", "full_name", "role", "time_zone", "is_active", "executive_seat", "skills")
# What a new user is when the creator does not choose a role (choosing one needs `roles:assign`).
DEFAULT_ROLE = Role.INTERVIEWER
SORTABLE: dict[str, SQLColumnExpression[Any]] = {
    "created_at": User.created_at,
    "email": func.lower(User.email),
    "full_name": func.lower(User.full_name),
    "role": User.role,
    # Never-signed-in users sort as the oldest, so NULLs do not break the keyset order.
    "last_login_at": func.coalesce(User.last_login_at, datetime(1970, 1, 1, tzinfo=UTC)),
}


def _check_time_zone(tz: str | None) -> None:
    if tz is None:
        return
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValidationFailed.on("time_zone", f"Unknown time zone '{tz}'.") from exc


class UserService:
    def __init__(self, session: AsyncSession, principal: Principal) -> None:
        self.session = session
        self.principal = principal
        self.repo = UserRepository(session, principal.organization_id)

    async def list(
        self, params: PageParams, q: str | None, roles: Sequence[str] | None, is_active: bool | None
    ) -> tuple[list[User], str | None, int | None]:
        return await paginate(
            self.session, self.repo.filtered(q, roles, is_active), sortable=SORTABLE, id_column=User.id, params=params
        )

    async def get(self, user_id: uuid.UUID) -> User:
        return await self.repo.get_or_404(user_id)

    async def create(self, data: UserCreate) -> User:
        role = data.role or DEFAULT_ROLE
        if data.role is not None:
            check_role_grant(self.principal, data.role)
        check_may_manage(self.principal, role)
        _check_time_zone(data.time_zone)
        check_policy(data.password)
        # Only this organization's accounts are compared: an address used elsewhere is nobody's business here.
        if await self.repo.email_taken(data.email):
            raise _email_taken()
        user = self.repo.add(
            User(
                email=data.email.lower(),
                full_name=data.full_name,
                role=role.value,
                password_hash=hash_password(data.password),
                time_zone=data.time_zone,
                is_active=True,
            )
        )
        await self.session.flush()
        await audit.record(
            self.session,
            self.principal,
            "user.created",
            "user",
            user.id,
            organization_id=user.organization_id,
            after=audit.snapshot(user, AUDITED),
        )
        await self._email(
            user,
            "account_created",
            inviter=self.principal.label,
            role=user.role.replace("_", " "),
            email=user.email,
            sign_in_url=f"{get_settings().public_base_url}/login",
        )
        return user

    async def _email(self, user: User, template: str, **context: object) -> None:
        assert user.organization_id is not None
        org = await organization_profile(self.session, user.organization_id)
        context = {"name": user.full_name, "organization_name": org.name if org else "", **context}
        await send_email(
            self.session, user.organization_id, template, user.email, context, entity_type="user", entity_id=user.id
        )

    async def update(self, user_id: uuid.UUID, data: UserUpdate) -> User:
        user = await self.repo.get_or_404(user_id)
        check_may_manage(self.principal, user.role)
        before = audit.snapshot(user, AUDITED)
        changes = data.model_dump(exclude_unset=True)
        if "role" in changes and changes["role"] is not None:
            check_role_grant(self.principal, changes["role"])
            if user.id == self.principal.id and changes["role"] != user.role:
                raise ValidationFailed.on("role", "You cannot change your own role.")
            if changes["role"] != user.role:
                user.role = Role(changes["role"]).value
                if user.role != Role.EXECUTIVE.value:
                    user.executive_seat = None  # a seat belongs to an executive
                assert user.organization_id is not None
                await notify(
                    self.session,
                    user.organization_id,
                    [user.id],
                    type="system",
                    title="Your role changed",
                    message=f"{self.principal.label} made you {user.role.replace('_', ' ')}.",
                    priority="high",
                    entity_type="user",
                    entity_id=user.id,
                )
        if changes.get("email") and changes["email"].lower() != user.email:
            if await self.repo.email_taken(changes["email"]):
                raise _email_taken()
            user.email = changes["email"].lower()
        if changes.get("full_name"):
            user.full_name = changes["full_name"]
        if "executive_seat" in changes:
            if changes["executive_seat"] and user.role != Role.EXECUTIVE.value:
                raise ValidationFailed.on("executive_seat", "Only executives hold a Step-3 seat.")
            user.executive_seat = changes["executive_seat"]
        if changes.get("skills") is not None:
            user.skills = sorted(set(changes["skills"]))
        if "time_zone" in changes:
            _check_time_zone(changes["time_zone"])
            user.time_zone = changes["time_zone"]
        await self.session.flush()
        await audit.record_changes(
            self.session,
            self.principal,
            "user.updated",
            "user",
            user.id,
            organization_id=user.organization_id,
            before=before,
            after=audit.snapshot(user, AUDITED),
        )
        return user

    async def set_active(self, user_id: uuid.UUID, active: bool) -> User:
        user = await self.repo.get_or_404(user_id)
        check_may_manage(self.principal, user.role)
        if user.id == self.principal.id and not active:
            raise Conflict("You cannot deactivate your own account.")
        if user.is_active == active:
            return user  # idempotent: a double click changes nothing and logs nothing
        user.is_active = active
        user.deactivated_at = None if active else datetime.now(UTC)
        if not active:
            await auth_service.revoke_all_sessions(self.session, user.id)
        await audit.record(
            self.session,
            self.principal,
            "user.reactivated" if active else "user.deactivated",
            "user",
            user.id,
            organization_id=user.organization_id,
            before={"is_active": not active},
            after={"is_active": active},
        )
        return user

    async def reset_password(self, user_id: uuid.UUID, password: str) -> None:
        user = await self.repo.get_or_404(user_id)
        check_may_manage(self.principal, user.role)
        check_policy(password)
        user.password_hash = hash_password(password)
        await auth_service.unlock(self.session, user.email)
        await auth_service.revoke_all_sessions(self.session, user.id)
        await audit.record(
            self.session, self.principal, "user.password_reset", "user", user.id, organization_id=user.organization_id
        )
        await self._email(user, "password_changed")


async def active_user_ids(
    session: AsyncSession,
    organization_id: uuid.UUID,
    roles: list[str] | None = None,
    ids: list[uuid.UUID] | None = None,
) -> list[uuid.UUID]:
    """Active members of an organization, optionally narrowed by role and/or id (for announcements)."""
    return await UserRepository(session, organization_id).active_ids(roles, ids)


def _email_taken(field: str = "email") -> Conflict:
    return Conflict.on(field, "Already in use", detail="A user with this email already exists.", type="unique")


async def active_users(session: AsyncSession, organization_id: uuid.UUID, role: Role) -> list[User]:
    """Active members with this role, oldest account first."""
    repo = UserRepository(session, organization_id)
    return list((await session.execute(repo.active_with_role(role.value))).scalars())


async def find_or_create_candidate_account(
    session: AsyncSession, organization_id: uuid.UUID, email: str, full_name: str
) -> tuple[User | None, bool]:
    """A candidate's sign-in for their portal: reuse this organization's candidate account with the email, or
    create one without a password (set later through the emailed activation link). An email already used by
    a colleague (staff of this organization) gets no portal account here. Accounts are per organization, so
    another organization's accounts are never looked at. Returns (user, created)."""
    repo = UserRepository(session, organization_id)
    existing = await repo.by_email(email)
    if existing is not None:
        return (existing if existing.role == Role.CANDIDATE.value else None), False
    user = repo.add(User(email=email.lower(), full_name=full_name, role=Role.CANDIDATE.value, password_hash=None))
    await session.flush()
    return user, True


async def add_admin(
    session: AsyncSession,
    organization_id: uuid.UUID | None,
    *,
    email: str,
    full_name: str,
    password: str,
    role: Role = Role.ADMIN,
    field: str = "email",
) -> User:
    """An account nobody signed in grants: an organization's first admin (onboarding), or a platform operator
    (`role=SUPERADMIN`, no organization) from the command line. The caller has checked the password's policy; an
    address already in use there is a 409 on `field`."""
    repo = UserRepository(session, organization_id)
    if await repo.email_taken(email):
        raise _email_taken(field)
    user = repo.add(
        User(email=email.lower(), full_name=full_name, role=role.value, password_hash=hash_password(password))
    )
    await session.flush()
    return user


async def user_names(session: AsyncSession, organization_id: uuid.UUID, ids: list[uuid.UUID]) -> dict[uuid.UUID, str]:
    """Full names of these members, deactivated ones included (their past work still shows their name). The
    dict is in alphabetical order of names, as the database sorts them: callers listing people keep it."""
    return dict(await UserRepository(session, organization_id).names(list(set(ids))))


async def member(session: AsyncSession, organization_id: uuid.UUID, user_id: uuid.UUID) -> User | None:
    """A member of the organization by id, active or not."""
    return await UserRepository(session, organization_id).get(user_id)


async def account(session: AsyncSession, user_id: uuid.UUID) -> User | None:
    """Any account by id, whatever its organization: for proofs (an emailed link) that name the account
    before anyone is signed in."""
    return await UserRepository.account(session, user_id)


async def users_by_ids(session: AsyncSession, organization_id: uuid.UUID, ids: list[uuid.UUID]) -> list[User]:
    """Active members of the organization among `ids` (unknown or foreign ids are simply absent)."""
    return await UserRepository(session, organization_id).active_by_ids(ids)
