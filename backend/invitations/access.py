"""Opening the test player: with the link's token, with the username and access code, or from the candidate
portal. Every attempt is logged (time, IP, user agent, outcome); more than 5 attempts on one link within an hour
flag it for its owner; at most 3 wrong codes lock the credentials (the link itself keeps working).

Failures are remembered even though the request fails (`keep_changes`): the attempt counts and the log are the
point. Unknown links and usernames all get the same answer, and failures per IP are limited."""

import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from backend.audit import service as audit
from backend.auth.principal import Principal
from backend.candidates.service import candidates_of_user
from backend.errors import AppError, Locked, NotFound, TooManyRequests, Unauthorized
from backend.invitations import credentials, notices
from backend.invitations.models import Invitation, InvitationAccess
from backend.invitations.repository import AccessRepository, InvitationRepository, by_token_hash, by_username
from backend.invitations.rules import local_time
from backend.invitations.schemas import SignIn
from backend.observability import client_var

FLAG_ATTEMPTS = 5
FLAG_WINDOW = timedelta(hours=1)
IP_FAILURES = 20
IP_WINDOW = timedelta(minutes=15)
BAD_LINK = "This link is not valid. Check that you copied all of it, or sign in with your username and access code."
BAD_CODE = "Wrong username or access code."


class _Refused(Unauthorized):
    keep_changes = True


class _Locked(Locked):
    keep_changes = True


class LinkGone(AppError):
    """The link expired unused, or was withdrawn: the candidate asks the recruiter for a new one."""

    status_code, title, slug = 410, "Link no longer valid", "link-gone"
    keep_changes = True


def _log(session: AsyncSession, inv: Invitation | None, method: str, outcome: str) -> None:
    client = client_var.get()
    AccessRepository(session).add(
        InvitationAccess(
            organization_id=inv.organization_id if inv else None,
            invitation_id=inv.id if inv else None,
            method=method,
            outcome=outcome,
            ip=client.ip,
            user_agent=(client.user_agent or "")[:512] or None,
        )
    )


async def _flag_if_busy(session: AsyncSession, inv: Invitation, now: datetime) -> None:
    attempts = await AccessRepository(session).attempts_since(inv.id, now - FLAG_WINDOW)
    if attempts <= FLAG_ATTEMPTS or (inv.flagged_at is not None and inv.flagged_at > now - FLAG_WINDOW):
        return
    inv.flagged_at = now
    await audit.record(
        session,
        None,
        "invitation.flagged",
        "invitation",
        inv.id,
        organization_id=inv.organization_id,
        actor_label="test player",
        after={"attempts_last_hour": attempts},
    )
    await notices.tell_owner(
        session,
        inv,
        f"Unusual access to {inv.candidate_name}'s test link",
        f"{attempts} attempts to open the link within an hour. Check its access log; regenerate it if it leaked.",
        priority="high",
    )


def _usable(session: AsyncSession, inv: Invitation, method: str, now: datetime) -> None:
    """Refuse a link that expired unused or was withdrawn; a test under way (or submitted) can always be
    opened again, to resume it or to see the result."""
    if inv.status == "revoked":
        _log(session, inv, method, "revoked")
        raise LinkGone("This link was withdrawn. Contact the recruiter if you think it is a mistake.")
    if inv.status == "expired" or (inv.status == "pending" and inv.expires_at <= now):
        _log(session, inv, method, "expired")
        from zoneinfo import ZoneInfo

        raise LinkGone(
            f"This link expired on {local_time(inv.expires_at, ZoneInfo(inv.time_zone))}. "
            "Ask the recruiter for a new one."
        )


async def _throttle(session: AsyncSession, now: datetime) -> None:
    ip = client_var.get().ip
    if ip and await AccessRepository(session).failures_from_ip(ip, now - IP_WINDOW) >= IP_FAILURES:
        raise TooManyRequests(
            "Too many failed attempts from your network; wait a few minutes.",
            headers={"Retry-After": str(int(IP_WINDOW.total_seconds()))},
        )


async def sign_in(session: AsyncSession, data: SignIn) -> tuple[Invitation, str]:
    """The invitation the link or the credentials open, and how ("link" or "credentials")."""
    now = datetime.now(UTC)
    await _throttle(session, now)
    if data.token is not None:
        inv = await by_token_hash(session, credentials.hash_link_token(data.token), for_update=True)
        if inv is None:
            _log(session, None, "link", "unknown")
            raise _Refused(BAD_LINK)
        method = "link"
    else:
        assert data.username is not None and data.access_code is not None
        inv = await _by_credentials(session, data.username, data.access_code, now)
        method = "credentials"
    _usable(session, inv, method, now)
    _log(session, inv, method, "ok")
    await _flag_if_busy(session, inv, now)
    return inv, method


async def _by_credentials(session: AsyncSession, username: str, code: str, now: datetime) -> Invitation:
    # Usernames are unique per organization; the code tells which organization's link is meant.
    found = await by_username(session, username.strip())
    for inv in found:
        if credentials.code_matches(code, inv.access_code_hash):
            if inv.credentials_locked_at is not None:
                _log(session, inv, "credentials", "locked")
                raise _Locked(
                    "Too many wrong codes: use the link from your invitation email, or ask the recruiter for a new "
                    "code."
                )
            inv.failed_attempts = 0
            return inv
    if not found:
        credentials.hash_access_code(code)  # the same work as a real check
        _log(session, None, "credentials", "unknown")
        raise _Refused(BAD_CODE)
    locked = False
    for inv in found:
        if inv.credentials_locked_at is None:
            inv.failed_attempts += 1
            if inv.failed_attempts >= credentials.MAX_FAILED_ATTEMPTS:
                inv.credentials_locked_at = now
                locked = True
            _log(session, inv, "credentials", "wrong_code")
        else:
            _log(session, inv, "credentials", "locked")
        await _flag_if_busy(session, inv, now)
    if locked or all(i.credentials_locked_at is not None for i in found):
        raise _Locked(
            "Too many wrong codes: use the link from your invitation email, or ask the recruiter for a new code."
        )
    raise _Refused(BAD_CODE)


async def portal_sign_in(session: AsyncSession, principal: Principal, invitation_id: uuid.UUID) -> Invitation:
    """A signed-in candidate opens one of their own invitations from the portal (no link needed)."""
    assert principal.organization_id is not None
    inv = await InvitationRepository(session, principal.organization_id).for_update(invitation_id)
    mine = {c.id for c in await candidates_of_user(session, principal.organization_id, principal.id)}
    if inv is None or inv.candidate_id not in mine:
        raise NotFound("Invitation not found.")
    now = datetime.now(UTC)
    _usable(session, inv, "portal", now)
    _log(session, inv, "portal", "ok")
    return inv
