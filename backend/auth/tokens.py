"""Access tokens (JWT, short-lived) and opaque secrets (refresh tokens, API keys) stored only as hashes."""

import hashlib
import os
import secrets
import uuid
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from jose import ExpiredSignatureError, JWTError, jwt

from backend.config import Settings, get_settings
from backend.errors import Unauthorized

API_KEY_PREFIX = "ifk_"
MIN_SECRET_BYTES = 32
# Secrets that were ever published (in this repository's defaults and examples): anyone can sign with them.
PUBLISHED_SECRETS = frozenset(
    {
        "dev-only-secret-change-me-in-production-0123456789",
        "change-me-in-production",
        "changeme",
        "secret",
    }
)


class InsecureConfiguration(SystemExit):
    """Raised at start-up: the process refuses to serve rather than sign tokens anyone could forge."""


def check_signing_secret(settings: Settings) -> None:
    """With an external database (a real deployment) the JWT secret must be configured, unpublished and at least
    32 bytes. The local setup (embedded database: `make run`, tests) may leave it unset: a random one is then
    generated once into the data directory."""
    if not settings.database_url:
        return
    secret = settings.jwt_secret
    if not secret or secret in PUBLISHED_SECRETS or len(secret.encode()) < MIN_SECRET_BYTES:
        raise InsecureConfiguration(
            "Refusing to start: INTERVIEWFLOW_JWT_SECRET must be set to a private random value of at least "
            f"{MIN_SECRET_BYTES} bytes when INTERVIEWFLOW_DATABASE_URL is set "
            "(e.g. `python -c 'import secrets; print(secrets.token_urlsafe(48))'`)."
        )


def signing_secret() -> str:
    s = get_settings()
    return s.jwt_secret or _local_secret(s.data_dir)


@lru_cache
def _local_secret(data_dir: Path) -> str:
    """A random secret kept in the data directory, created by the first process that needs it. Written to a
    temporary file and linked into place, so two processes starting together agree on one complete secret."""
    path = data_dir / "jwt-secret"
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        tmp = data_dir / f".jwt-secret-{os.getpid()}-{secrets.token_hex(4)}"
        tmp.write_text(secrets.token_urlsafe(48))
        tmp.chmod(0o600)
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass  # another process won the race: use its secret
        finally:
            tmp.unlink()
    return path.read_text().strip()


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
    return jwt.encode(claims, signing_secret(), algorithm=s.jwt_algorithm), ttl


def decode_access_token(token: str) -> dict[str, Any]:
    s = get_settings()
    try:
        # An access token without an expiry would be valid forever: `exp` (and `sub`) are required.
        claims = jwt.decode(
            token, signing_secret(), algorithms=[s.jwt_algorithm], options={"require_exp": True, "require_sub": True}
        )
    except ExpiredSignatureError as exc:
        raise Unauthorized("The access token has expired.") from exc
    except JWTError as exc:
        raise Unauthorized("The access token is not valid.") from exc
    if claims.get("typ") != "access":
        raise Unauthorized("The access token is not valid.")
    try:
        claims["sub"] = uuid.UUID(str(claims["sub"]))
    except ValueError as exc:
        raise Unauthorized("The access token is not valid.") from exc
    return claims
