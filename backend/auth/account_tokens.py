"""Email-proof tokens: issue one with the email, consume it once (activation of a candidate account)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy.ext.asyncio import AsyncSession

from backend.auth.models import AccountToken
from backend.auth.passwords import check_policy, hash_password
from backend.auth.repository import AuthRepository
from backend.auth.tokens import hash_secret, new_secret
from backend.errors import ValidationFailed

if TYPE_CHECKING:
    from backend.users.models import User

ACTIVATION = "activate"
CONFIRM_APPLICATION = "confirm_application"


async def issue(
    session: AsyncSession,
    user: User,
    purpose: str = ACTIVATION,
    hours: int = 72,
    subject_id: uuid.UUID | None = None,
) -> str:
    token = new_secret()
    session.add(
        AccountToken(
            user_id=user.id,
            purpose=purpose,
            token_hash=hash_secret(token),
            expires_at=datetime.now(UTC) + timedelta(hours=hours),
            subject_id=subject_id,
        )
    )
    await session.flush()
    return token


async def _usable(session: AsyncSession, token: str, purpose: str, refusal: str) -> AccountToken:
    """The unused, unexpired token of this purpose, locked until the transaction ends; a 422 naming `token`
    otherwise."""
    row = await AuthRepository(session).account_token_for_update(hash_secret(token), purpose)
    if row is None or row.used_at is not None or row.expires_at <= datetime.now(UTC):
        raise ValidationFailed.on("token", refusal)
    return row


async def consume(session: AsyncSession, token: str, purpose: str) -> AccountToken:
    """The unused, unexpired token of this purpose, marked used (single use); a 422 naming `token` otherwise."""
    row = await _usable(session, token, purpose, "This link is invalid or has expired.")
    row.used_at = datetime.now(UTC)
    return row


async def activate(session: AsyncSession, token: str, password: str) -> User:
    """Set the first password of an account whose email the token proves. Single use."""
    row = await _usable(
        session, token, ACTIVATION, "This link is invalid or has expired. Apply again or ask the recruiter."
    )
    check_policy(password)
    user = await AuthRepository(session).user(row.user_id)
    if user is None or not user.is_active:
        raise ValidationFailed.on("token", "This account is not available.")
    user.password_hash = hash_password(password)
    row.used_at = datetime.now(UTC)
    return user
