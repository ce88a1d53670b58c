"""Access tokens (JWT, short-lived) and opaque secrets (refresh tokens, API keys) stored only as hashes."""

import hashlib
import secrets
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from jose import ExpiredSignatureError, JWTError, jwt

from backend.config import get_settings
from backend.errors import Unauthorized

API_KEY_PREFIX = "ifk_"


def new_secret(prefix: str = "") -> str:
    return prefix + secrets.token_urlsafe(32)


def hash_secret(secret: str) -> str:
    # These secrets carry 256 bits of randomness, so a fast hash is enough (no dictionary to attack) and a
    # lookup by hash stays one index probe.
    return hashlib.sha256(secret.encode()).hexdigest()


def create_access_token(user_id: uuid.UUID, organization_id: uuid.UUID | None, role: str) -> tuple[str, int]:
    s = get_settings()
    now = datetime.now(UTC)
    ttl = s.access_token_minutes * 60
    claims = {
        "sub": str(user_id),
        "org": str(organization_id) if organization_id else None,
        "role": role,
        "typ": "access",
        "iat": int(now.timestamp()),
        "exp": int((now + timedelta(seconds=ttl)).timestamp()),
        "jti": uuid.uuid4().hex,
    }
    return jwt.encode(claims, s.jwt_secret, algorithm=s.jwt_algorithm), ttl


def decode_access_token(token: str) -> dict[str, Any]:
    s = get_settings()
    try:
        claims = jwt.decode(token, s.jwt_secret, algorithms=[s.jwt_algorithm])
    except ExpiredSignatureError as exc:
        raise Unauthorized("The access token has expired.") from exc
    except JWTError as exc:
        raise Unauthorized("The access token is not valid.") from exc
    if claims.get("typ") != "access" or "sub" not in claims:
        raise Unauthorized("The access token is not valid.")
    return claims
