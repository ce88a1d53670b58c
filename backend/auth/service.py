"""Sign-in, refresh-token rotation, sign-out and login throttling."""

import math
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from backend.audit import service as audit
from backend.auth.models import LoginAttempt, RefreshToken
from backend.auth.passwords import verify_password
from backend.auth.principal import Principal
from backend.auth.repository import AuthRepository
from backend.auth.schemas import MeRead
from backend.auth.tokens import create_access_token, hash_secret, new_secret
from backend.config import get_settings
from backend.errors import Forbidden, Locked, TooManyRequests, Unauthorized
from backend.observability import client_var
from backend.organizations.models import Organization
from backend.users.models import User

INVALID_CREDENTIALS = "Invalid email or password."
# A refresh token presented again within this many seconds of its rotation is treated as two tabs racing,
# not as theft: the caller gets a fresh pair in the same family instead of a revoked session.
REUSE_GRACE_SECONDS = 10


class _RememberedUnauthorized(Unauthorized):
    keep_changes = True


class _RememberedLocked(Locked):
    keep_changes = True


class _RememberedForbidden(Forbidden):
    keep_changes = True


@dataclass(frozen=True)
class IssuedTokens:
    access_token: str
    expires_in: int
    refresh_token: str


def _as_actor(user: User) -> Principal:
    return Principal.of_user(user.id, user.organization_id, user.role, user.email)


def _now() -> datetime:
    return datetime.now(UTC)


async def _issue(session: AsyncSession, user: User, family_id: uuid.UUID | None = None) -> IssuedTokens:
    s = get_settings()
    access, ttl = create_access_token(user.id, user.organization_id, user.role)
    refresh = new_secret()
    client = client_var.get()
    session.add(
        RefreshToken(
            user_id=user.id,
            family_id=family_id or uuid.uuid4(),
            token_hash=hash_secret(refresh),
            expires_at=_now() + timedelta(days=s.refresh_token_days),
            ip=client.ip,
            user_agent=(client.user_agent or "")[:512] or None,
        )
    )
    return IssuedTokens(access, ttl, refresh)


async def me(session: AsyncSession, principal: Principal) -> MeRead:
    row = await AuthRepository(session).profile(principal.id)
    if row is None:  # deleted a moment ago, after the principal was resolved
        raise Unauthorized("This account is not active.")
    return MeRead(
        id=row["id"],
        email=row["email"],
        full_name=row["full_name"],
        role=row["role"],
        organization_id=row["organization_id"],
        organization_name=row["organization_name"],
        organization_slug=row["organization_slug"],
        time_zone=row["time_zone"] or row["organization_time_zone"] or "UTC",
        permissions=sorted(principal.permissions),
    )


async def login(session: AsyncSession, email: str, password: str) -> IssuedTokens:
    s = get_settings()
    repo = AuthRepository(session)
    now = _now()
    ip = client_var.get().ip or "unknown"

    window_start = now - timedelta(minutes=s.login_ip_window_minutes)
    failures, oldest = await repo.failures_from_ip(ip, window_start)
    if failures >= s.login_ip_max_failures:
        retry = (oldest + timedelta(minutes=s.login_ip_window_minutes) - now) if oldest else timedelta(minutes=1)
        raise TooManyRequests(
            "Too many failed sign-in attempts from this address. Try again later.",
            headers={"Retry-After": str(max(1, math.ceil(retry.total_seconds())))},
        )

    user = await repo.user_by_email(email)
    if user is not None and user.locked_until and user.locked_until > now:
        await audit.record(
            session,
            None,
            "auth.login_blocked",
            "user",
            user.id,
            organization_id=user.organization_id,
            actor_label=email,
        )
        raise _locked(user.locked_until - now)

    if not verify_password(password, user.password_hash if user else None):
        session.add(LoginAttempt(ip=ip, email=email.lower()[:254]))
        if user is None:
            raise _RememberedUnauthorized(INVALID_CREDENTIALS)
        user.failed_login_count += 1
        await audit.record(
            session, None, "auth.login_failed", "user", user.id, organization_id=user.organization_id, actor_label=email
        )
        if user.failed_login_count >= s.login_max_failures:
            user.locked_until = now + timedelta(minutes=s.login_lockout_minutes)
            user.failed_login_count = 0
            await audit.record(
                session,
                None,
                "auth.account_locked",
                "user",
                user.id,
                organization_id=user.organization_id,
                actor_label=email,
                after={"locked_until": user.locked_until.isoformat()},
            )
            raise _locked(user.locked_until - now)
        raise _RememberedUnauthorized(INVALID_CREDENTIALS)

    assert user is not None
    if not user.is_active:
        await audit.record(
            session,
            None,
            "auth.login_failed",
            "user",
            user.id,
            organization_id=user.organization_id,
            actor_label=email,
            after={"reason": "deactivated"},
        )
        raise _RememberedForbidden("This account has been deactivated. Ask your administrator.")
    if user.organization_id is not None:
        org = await session.get(Organization, user.organization_id)
        if org is None or not org.is_active:
            raise Forbidden("Your organization's account is deactivated.")

    user.failed_login_count = 0
    user.locked_until = None
    user.last_login_at = now
    tokens = await _issue(session, user)
    await audit.record(session, _as_actor(user), "auth.login", "user", user.id, organization_id=user.organization_id)
    return tokens


def _locked(remaining: timedelta) -> Locked:
    minutes = max(1, math.ceil(remaining.total_seconds() / 60))
    return _RememberedLocked(
        f"Too many failed attempts: this account is locked for {minutes} more minute{'s' if minutes > 1 else ''}.",
        headers={"Retry-After": str(max(1, math.ceil(remaining.total_seconds())))},
    )


async def refresh(session: AsyncSession, refresh_token: str | None) -> IssuedTokens:
    if not refresh_token:
        raise Unauthorized("No session: sign in again.")
    repo = AuthRepository(session)
    now = _now()
    token = await repo.refresh_token_for_update(hash_secret(refresh_token))
    if token is None or token.revoked_at is not None or token.expires_at <= now:
        raise Unauthorized("Your session has ended: sign in again.")
    user = await session.get(User, token.user_id)
    if user is None or not user.is_active:
        await repo.revoke_family(token.family_id, now)
        raise _RememberedUnauthorized("This account is not active.")
    if token.used_at is not None:
        if now - token.used_at > timedelta(seconds=REUSE_GRACE_SECONDS):
            # An already-rotated token came back: someone holds a copy. End every session of this family.
            await repo.revoke_family(token.family_id, now)
            await audit.record(
                session,
                None,
                "auth.refresh_reuse_detected",
                "user",
                user.id,
                organization_id=user.organization_id,
                actor_label=user.email,
            )
            raise _RememberedUnauthorized("This session was ended for your security: sign in again.")
    else:
        token.used_at = now
    return await _issue(session, user, token.family_id)


async def logout(session: AsyncSession, refresh_token: str | None) -> None:
    if not refresh_token:
        return
    repo = AuthRepository(session)
    token = await repo.refresh_token_for_update(hash_secret(refresh_token))
    if token is None:
        return
    await repo.revoke_family(token.family_id, _now())
    user = await session.get(User, token.user_id)
    if user is not None:
        await audit.record(
            session, _as_actor(user), "auth.logout", "user", user.id, organization_id=user.organization_id
        )


async def revoke_all_sessions(session: AsyncSession, user_id: uuid.UUID) -> None:
    await AuthRepository(session).revoke_user(user_id, _now())
