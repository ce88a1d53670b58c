"""No deployment runs with a published or short JWT secret, access tokens
must expire, and a token whose subject is not a user id is a 401."""

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from jose import jwt

from backend.auth.tokens import InsecureConfiguration, check_signing_secret, signing_secret
from backend.config import Settings

EXTERNAL = "postgresql://app@db:5432/app"


@pytest.mark.parametrize(
    "secret",
    ["", "dev-only-secret-change-me-in-production-0123456789", "change-me-in-production", "x" * 31],
)
def test_an_external_database_refuses_a_missing_published_or_short_secret(secret):
    with pytest.raises(InsecureConfiguration):
        check_signing_secret(Settings(database_url=EXTERNAL, jwt_secret=secret))


def test_a_strong_secret_or_the_local_setup_starts():
    check_signing_secret(Settings(database_url=EXTERNAL, jwt_secret="k" * 32))
    check_signing_secret(Settings(database_url="", jwt_secret=""))


def test_the_local_setup_signs_with_a_random_secret_kept_in_the_data_directory():
    secret = signing_secret()
    assert len(secret) >= 32 and secret == signing_secret()
    assert secret != "dev-only-secret-change-me-in-production-0123456789"


def _token(**claims) -> dict[str, str]:
    base = {"typ": "access", "iat": int(datetime.now(UTC).timestamp())}
    token = jwt.encode({**base, **claims}, signing_secret(), algorithm="HS256")
    return {"Authorization": f"Bearer {token}"}


async def test_tokens_forged_with_the_old_development_secret_are_refused(client, factory):
    org = await factory.org()
    user = await factory.user(org)
    exp = int((datetime.now(UTC) + timedelta(minutes=5)).timestamp())
    forged = jwt.encode(
        {"sub": str(user.id), "typ": "access", "exp": exp},
        "dev-only-secret-change-me-in-production-0123456789",
        algorithm="HS256",
    )
    r = await client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {forged}"})
    assert r.status_code == 401


async def test_a_token_without_exp_or_with_a_non_uuid_subject_is_a_401(client, factory):
    org = await factory.org()
    user = await factory.user(org)
    assert (await client.get("/api/v1/auth/me", headers=_token(sub=str(user.id)))).status_code == 401
    exp = int((datetime.now(UTC) + timedelta(minutes=5)).timestamp())
    r = await client.get("/api/v1/auth/me", headers=_token(sub="not-a-uuid", exp=exp))
    assert r.status_code == 401 and r.headers["content-type"] == "application/problem+json"
    assert (await client.get("/api/v1/auth/me", headers=_token(sub=str(user.id), exp=exp))).status_code == 200
    assert (await client.get("/api/v1/auth/me", headers=_token(sub=str(uuid.uuid4()), exp=exp))).status_code == 401
