"""Sign-in, refresh-token rotation, sign-out and login throttling."""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy.ext.asyncio import AsyncSession

from backend.audit import service as audit
from backend.auth.models import LoginAttempt, RefreshToken
from backend.auth.passwords import verify_password
from backend.auth.principal import Principal
from backend.auth.repository import AuthRepository
from backend.auth.schemas import MeRead
from backend.auth.tokens import create_access_token, hash_secret, new_secret
from backend.config import get_settings
from backend.errors import Locked, TooManyRequests, Unauthorized
from backend.request_context import client_var

if TYPE_CHECKING:
    from backend.users.models import User

INVALID_CREDENTIALS = "Invalid email or password."
# A refresh token presented again within this many seconds of its rotation is treated as two tabs racing,
# not as theft: the caller gets a fresh pair in the same family instead of a revoked session.
REUSE_GRACE_SECONDS = 10


class _RememberedUnauthorized(Unauthorized):
    keep_changes = True


class _RememberedLocked(Locked):
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
    """Sign in by address and password. A stranger learns nothing about which addresses have accounts: unknown
    addresses, wrong passwords and deactivated accounts (even with the right password) all answer the same 401,
    and every address, known or not, locks the same way after repeated failures."""
    s = get_settings()
    repo = AuthRepository(session)
    now = _now()
    ip = client_var.get().ip or "unknown"
    address = email.lower()[:254]

    window_start = now - timedelta(minutes=s.login_ip_window_minutes)
    failures, oldest = await repo.failures_from_ip(ip, window_start)
    if failures >= s.login_ip_max_failures:
        retry = (oldest + timedelta(minutes=s.login_ip_window_minutes) - now) if oldest else timedelta(minutes=1)
        raise TooManyRequests(
            "Too many failed sign-in attempts from this address. Try again later.",
            headers={"Retry-After": str(max(1, math.ceil(retry.total_seconds())))},
        )

    accounts = await repo.users_by_email(address)
    throttle = await repo.throttle(address)
    if throttle is not None and throttle.locked_until and throttle.locked_until > now:
        for account in accounts:
            await _audit_attempt(session, account, email, "auth.login_blocked")
        raise _locked(throttle.locked_until - now)

    user = await _check_password(accounts, password)
    if user is not None and not await _may_sign_in(session, user):
        await _audit_attempt(session, user, email, "auth.login_failed", {"reason": "deactivated"})
        user = None
    if user is None:
        session.add(LoginAttempt(ip=ip, email=address))
        for account in accounts:
            await _audit_attempt(session, account, email, "auth.login_failed")
        if await repo.count_failure(address, now, now - timedelta(days=1)) >= s.login_max_failures:
            until = now + timedelta(minutes=s.login_lockout_minutes)
            await repo.lock(address, until)
            for account in accounts:
                await _audit_attempt(
                    session, account, email, "auth.account_locked", {"locked_until": until.isoformat()}
                )
            raise _locked(until - now)
        raise _RememberedUnauthorized(INVALID_CREDENTIALS)

    if throttle is not None:
        await repo.clear(address)
    user.last_login_at = now
    tokens = await _issue(session, user)
    await audit.record(session, _as_actor(user), "auth.login", "user", user.id, organization_id=user.organization_id)
    return tokens


async def _check_password(accounts: list[User], password: str) -> User | None:
    """The account (of one organization) whose password this is. With no account at all the same hashing work
    is done, so the time taken does not tell an unknown address from a wrong password."""
    hashes = [a for a in accounts if a.password_hash]
    if not hashes:
        verify_password(password, None)
        return None
    for account in hashes:
        if verify_password(password, account.password_hash):
            return account
    return None


async def _may_sign_in(session: AsyncSession, user: User) -> bool:
    if not user.is_active:
        return False
    if user.organization_id is None:
        return True
    return await AuthRepository(session).organization_active(user.organization_id)


async def _audit_attempt(
    session: AsyncSession, user: User, email: str, action: str, after: dict[str, object] | None = None
) -> None:
    await audit.record(
        session, None, action, "user", user.id, organization_id=user.organization_id, actor_label=email, after=after
    )


async def unlock(session: AsyncSession, email: str) -> None:
    """Forget the failed sign-ins of an address (an admin set a new password)."""
    await AuthRepository(session).clear(email.lower()[:254])


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
    user = await repo.user(token.user_id)
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
    user = await repo.user(token.user_id)
    if user is not None:
        await audit.record(
            session, _as_actor(user), "auth.logout", "user", user.id, organization_id=user.organization_id
        )


async def revoke_all_sessions(session: AsyncSession, user_id: uuid.UUID) -> None:
    await AuthRepository(session).revoke_user(user_id, _now())
