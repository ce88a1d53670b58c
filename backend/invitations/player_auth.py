"""The test player's credential: a short-lived token for one invitation (and so one test session), a principal
kind of its own.

* It is a signed token of type `player`: the staff API refuses it (user tokens must be of type `access`), and the
  player API refuses user and API-key tokens (403), so neither can stand in for the other.
* Outside a running test it lasts `player_idle_minutes` (30) and is renewed by `POST /player/refresh`, at most
  `player_session_minutes` (60) after signing in: a candidate idle for 30 minutes, or signed in for an hour, signs
  in again (the `/t/<token>` page does it by itself from the link).
* During a test it lasts until the deadline (plus a short grace for the last answers): the test never logs out.
* It carries the invitation's `token_version`: re-issuing or revoking the link ends every token issued before.
"""

import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from fastapi import Depends, Request
from jose import ExpiredSignatureError, JWTError, jwt

from backend.auth.tokens import API_KEY_PREFIX, signing_secret
from backend.config import get_settings
from backend.errors import Forbidden, Unauthorized

TOKEN_TYPE = "player"
DEADLINE_GRACE_SECONDS = 600


@dataclass(frozen=True)
class Player:
    """A candidate in the test player, acting on one invitation of one organization."""

    invitation_id: uuid.UUID
    organization_id: uuid.UUID
    version: int
    auth_at: int
    expires_at: int
    kind: Literal["player"] = "player"


@dataclass(frozen=True)
class PlayerToken:
    token: str
    expires_at: datetime


def issue_player_token(
    invitation_id: uuid.UUID,
    organization_id: uuid.UUID,
    version: int,
    *,
    auth_at: int | None = None,
    deadline: datetime | None = None,
) -> PlayerToken:
    s = get_settings()
    now = int(time.time())
    auth_at = auth_at or now
    if deadline is not None:
        exp = int(deadline.timestamp()) + DEADLINE_GRACE_SECONDS
    else:
        exp = min(now + s.player_idle_minutes * 60, auth_at + s.player_session_minutes * 60)
        if exp <= now:
            raise Unauthorized("Your session has ended: open your test link again, or sign in with your code.")
    claims = {
        "typ": TOKEN_TYPE,
        "sub": str(invitation_id),
        "org": str(organization_id),
        "ver": version,
        "auth": auth_at,
        "iat": now,
        "exp": exp,
    }
    return PlayerToken(
        jwt.encode(claims, signing_secret(), algorithm=s.jwt_algorithm), datetime.fromtimestamp(exp, UTC)
    )


# Verified tokens, remembered per process like user tokens (backend/auth/dependencies.py): a candidate sends the
# same token with every autosave.
_VERIFIED: dict[str, Player] = {}
_VERIFIED_MAX = 50_000


def _decode(token: str) -> dict[str, Any]:
    try:
        return jwt.decode(
            token,
            signing_secret(),
            algorithms=[get_settings().jwt_algorithm],
            options={"require_exp": True, "require_sub": True},
        )
    except ExpiredSignatureError as exc:
        raise Unauthorized("Your session has ended: open your test link again, or sign in with your code.") from exc
    except JWTError as exc:
        raise Unauthorized("Sign in to the test player first.") from exc


def player_from_token(token: str) -> Player:
    player = _VERIFIED.get(token)
    if player is not None:
        if player.expires_at <= time.time():
            _VERIFIED.pop(token, None)
            raise Unauthorized("Your session has ended: open your test link again, or sign in with your code.")
        return player
    if token.startswith(API_KEY_PREFIX):
        raise Forbidden("This is the test player's API: candidates open it with their test link.")
    claims = _decode(token)
    if claims.get("typ") != TOKEN_TYPE:
        raise Forbidden("This is the test player's API: candidates open it with their test link.")
    try:
        player = Player(
            invitation_id=uuid.UUID(str(claims["sub"])),
            organization_id=uuid.UUID(str(claims["org"])),
            version=int(claims["ver"]),
            auth_at=int(claims["auth"]),
            expires_at=int(claims["exp"]),
        )
    except (KeyError, ValueError, TypeError) as exc:
        raise Unauthorized("Sign in to the test player first.") from exc
    if len(_VERIFIED) >= _VERIFIED_MAX:
        _VERIFIED.clear()
    _VERIFIED[token] = player
    return player


async def current_player(request: Request) -> Player:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized("Sign in to the test player first: send 'Authorization: Bearer <player token>'.")
    return player_from_token(token.strip())


CurrentPlayer = Annotated[Player, Depends(current_player)]
