from datetime import UTC, datetime, timedelta

from sqlalchemy import select, text

from backend.audit.models import AuditLog
from backend.auth.models import RefreshToken
from backend.auth.tokens import create_access_token
from backend.config import get_settings
from tests.factories import PASSWORD

LOGIN = "/api/v1/auth/login"


async def test_login_returns_access_token_and_httponly_refresh_cookie(client, factory):
    org = await factory.org()
    user = await factory.user(org, "recruiter", email="Riley@Example.com")
    r = await client.post(LOGIN, json={"email": "riley@example.COM", "password": PASSWORD})
    assert r.status_code == 200
    body = r.json()
    assert body["token_type"] == "bearer" and body["expires_in"] == 15 * 60
    cookie = r.headers["set-cookie"]
    assert "if_refresh=" in cookie and "HttpOnly" in cookie and "SameSite=strict" in cookie
    assert "Path=/api/v1/auth" in cookie
    me = await client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {body['access_token']}"})
    assert me.status_code == 200
    assert me.json()["email"] == user.email and "requisitions:read" in me.json()["permissions"]


async def test_wrong_password_and_unknown_email_answer_the_same(client, factory):
    org = await factory.org()
    user = await factory.user(org)
    wrong = await client.post(LOGIN, json={"email": user.email, "password": "nope-nope-1"})
    unknown = await client.post(LOGIN, json={"email": "ghost@example.com", "password": "nope-nope-1"})
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json()["detail"] == unknown.json()["detail"] == "Invalid email or password."
    assert wrong.headers["content-type"] == "application/problem+json"


async def test_lockout_after_five_failures_then_unlock_after_window(client, factory, session):
    org = await factory.org()
    user = await factory.user(org)
    for _ in range(4):
        assert (await client.post(LOGIN, json={"email": user.email, "password": "bad-pass-1"})).status_code == 401
    fifth = await client.post(LOGIN, json={"email": user.email, "password": "bad-pass-1"})
    assert fifth.status_code == 423
    assert int(fifth.headers["retry-after"]) > 14 * 60
    # Even the right password is refused while locked.
    assert (await client.post(LOGIN, json={"email": user.email, "password": PASSWORD})).status_code == 423

    actions = (await session.execute(select(AuditLog.action).where(AuditLog.entity_id == str(user.id)))).scalars()
    assert {"auth.login_failed", "auth.account_locked", "auth.login_blocked"} <= set(actions)

    # The window passes.
    await session.execute(
        text("UPDATE login_throttles SET locked_until = now() - interval '1 second' WHERE email = :e"),
        {"e": user.email},
    )
    await session.commit()
    assert (await client.post(LOGIN, json={"email": user.email, "password": PASSWORD})).status_code == 200


async def test_per_ip_limit_answers_429_with_retry_after(client, factory, monkeypatch):
    monkeypatch.setattr(get_settings(), "login_ip_max_failures", 3)
    for i in range(3):
        r = await client.post(LOGIN, json={"email": f"nobody{i}@example.com", "password": "whatever-1"})
        assert r.status_code == 401
    r = await client.post(LOGIN, json={"email": "nobody@example.com", "password": "whatever-1"})
    assert r.status_code == 429
    assert 0 < int(r.headers["retry-after"]) <= 15 * 60


async def test_deactivated_user_cannot_log_in_or_refresh(client, factory, session):
    org = await factory.org()
    _, headers = await factory.user_and_headers(org, "admin")
    user = await factory.user(org, "interviewer")
    r = await client.post(LOGIN, json={"email": user.email, "password": PASSWORD})
    assert r.status_code == 200
    cookie = client.cookies.get("if_refresh")
    access = {"Authorization": f"Bearer {r.json()['access_token']}"}

    assert (await client.post(f"/api/v1/users/{user.id}/deactivate", headers=headers)).status_code == 200
    # The same answer as a wrong password: the right one is not confirmed to a stranger.
    assert (await client.post(LOGIN, json={"email": user.email, "password": PASSWORD})).status_code == 401
    assert (await client.get("/api/v1/auth/me", headers=access)).status_code == 401
    client.cookies.set("if_refresh", cookie, path="/api/v1/auth")
    assert (await client.post("/api/v1/auth/refresh")).status_code == 401


async def test_refresh_rotates_and_reuse_revokes_the_family(client, factory, session):
    org = await factory.org()
    user = await factory.user(org)
    await client.post(LOGIN, json={"email": user.email, "password": PASSWORD})
    first = client.cookies.get("if_refresh")

    r = await client.post("/api/v1/auth/refresh")
    assert r.status_code == 200
    second = client.cookies.get("if_refresh")
    assert second and second != first

    # Replaying the first token after the grace window is theft: the whole family ends.
    await session.execute(
        text("UPDATE refresh_tokens SET used_at = now() - interval '1 minute' WHERE used_at IS NOT NULL")
    )
    await session.commit()
    client.cookies.clear()
    r = await client.post("/api/v1/auth/refresh", json={"refresh_token": first})
    assert r.status_code == 401
    r = await client.post("/api/v1/auth/refresh", json={"refresh_token": second})
    assert r.status_code == 401
    revoked = (await session.execute(select(RefreshToken.revoked_at).where(RefreshToken.user_id == user.id))).scalars()
    assert all(revoked)


async def test_two_tabs_refreshing_at_once_both_stay_signed_in(client, factory):
    org = await factory.org()
    user = await factory.user(org)
    await client.post(LOGIN, json={"email": user.email, "password": PASSWORD})
    token = client.cookies.get("if_refresh")
    client.cookies.clear()
    assert (await client.post("/api/v1/auth/refresh", json={"refresh_token": token})).status_code == 200
    assert (await client.post("/api/v1/auth/refresh", json={"refresh_token": token})).status_code == 200


async def test_logout_revokes_the_refresh_token(client, factory):
    org = await factory.org()
    user = await factory.user(org)
    await client.post(LOGIN, json={"email": user.email, "password": PASSWORD})
    token = client.cookies.get("if_refresh")
    r = await client.post("/api/v1/auth/logout")
    assert r.status_code == 204
    assert "if_refresh=" in r.headers["set-cookie"]  # cleared
    assert (await client.post("/api/v1/auth/refresh", json={"refresh_token": token})).status_code == 401


async def test_expired_and_tampered_access_tokens_are_refused(client, factory, monkeypatch):
    org = await factory.org()
    user = await factory.user(org)
    token, _ = create_access_token(user.id, org.id, user.role)
    header, payload, signature = token.split(".")
    tampered = f"{header}.{payload}.{signature[:-2]}xx"
    r = await client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {tampered}"})
    assert r.status_code == 401 and r.json()["detail"] == "The access token is not valid."

    monkeypatch.setattr(get_settings(), "access_token_minutes", -1)
    expired, _ = create_access_token(user.id, org.id, user.role)
    r = await client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {expired}"})
    assert r.status_code == 401 and r.json()["detail"] == "The access token has expired."

    r = await client.get("/api/v1/auth/me")
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"


async def test_login_input_is_validated(client):
    r = await client.post(LOGIN, json={"email": "x" * 300, "password": ""})
    assert r.status_code == 422
    fields = {e["field"] for e in r.json()["errors"]}
    assert fields == {"body.email", "body.password"}
    r = await client.post(LOGIN, content=b"not json", headers={"content-type": "application/json"})
    assert r.status_code == 422


async def test_refresh_without_cookie_is_401(client):
    r = await client.post("/api/v1/auth/refresh")
    assert r.status_code == 401


async def test_successful_login_records_last_login(client, factory, session):
    org = await factory.org()
    user = await factory.user(org)
    await factory.login(user)
    await session.refresh(user)
    assert user.last_login_at and datetime.now(UTC) - user.last_login_at < timedelta(minutes=1)
