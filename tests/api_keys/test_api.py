from sqlalchemy import select

from backend.api_keys.models import ApiKey
from backend.auth.permissions import PERSONAL_PERMISSIONS, ROLE_PERMISSIONS, Role

KEYS = "/api/v1/api-keys"


async def test_key_is_shown_once_stored_hashed_and_works_with_its_scopes(client, factory, session):
    org = await factory.org()
    _, headers = await factory.user_and_headers(org, "admin")
    r = await client.post(KEYS, json={"name": "ATS sync", "scopes": ["users:read"]}, headers=headers)
    assert r.status_code == 201
    created = r.json()
    secret = created["key"]
    assert secret.startswith("ifk_") and created["prefix"] == secret[:10]
    stored = (await session.execute(select(ApiKey).where(ApiKey.id == created["id"]))).scalar_one()
    assert secret not in stored.key_hash and len(stored.key_hash) == 64

    listed = (await client.get(KEYS, headers=headers)).json()["items"]
    assert "key" not in listed[0]

    key_headers = {"Authorization": f"Bearer {secret}"}
    assert (await client.get("/api/v1/users", headers=key_headers)).status_code == 200
    # Scope not granted.
    assert (await client.get("/api/v1/audit-logs", headers=key_headers)).status_code == 403
    body = {"email": "k@example.com", "full_name": "K", "role": "recruiter", "password": "long-enough-9"}
    assert (await client.post("/api/v1/users", json=body, headers=key_headers)).status_code == 403
    # /auth/me is for people.
    assert (await client.get("/api/v1/auth/me", headers=key_headers)).status_code == 403
    await session.refresh(stored)
    assert stored.last_used_at is not None


# Creating a recruiter needs roles:assign and every permission a recruiter holds (see backend/auth/grants.py).
HRIS_SCOPES = sorted(
    (ROLE_PERMISSIONS[Role.RECRUITER] - PERSONAL_PERMISSIONS) | {"users:read", "users:write", "roles:assign"}
)


async def test_api_key_actions_are_audited_as_the_key(client, factory, session):
    from backend.audit.models import AuditLog

    org = await factory.org()
    _, headers = await factory.user_and_headers(org, "admin")
    secret = (await client.post(KEYS, json={"name": "hris", "scopes": HRIS_SCOPES}, headers=headers)).json()["key"]
    body = {"email": "via-key@example.com", "full_name": "K", "role": "recruiter", "password": "long-enough-9"}
    r = await client.post("/api/v1/users", json=body, headers={"Authorization": f"Bearer {secret}"})
    assert r.status_code == 201
    entry = (await session.execute(select(AuditLog).where(AuditLog.action == "user.created"))).scalar_one()
    assert entry.actor_type == "api_key" and entry.actor_label == "api-key:hris"


async def test_revoked_or_expired_key_stops_working(client, factory, session):
    org = await factory.org()
    _, headers = await factory.user_and_headers(org, "admin")
    created = (await client.post(KEYS, json={"name": "tmp", "scopes": ["users:read"]}, headers=headers)).json()
    key_headers = {"Authorization": f"Bearer {created['key']}"}
    r = await client.post(f"{KEYS}/{created['id']}/revoke", headers=headers)
    assert r.status_code == 200 and r.json()["revoked_at"]
    assert (await client.get("/api/v1/users", headers=key_headers)).status_code == 401
    assert (await client.get("/api/v1/users", headers={"Authorization": "Bearer ifk_made-up"})).status_code == 401


async def test_scopes_are_validated(client, factory):
    org = await factory.org()
    _, headers = await factory.user_and_headers(org, "admin")
    for scopes in (["organizations:manage"], ["no:such"], []):
        r = await client.post(KEYS, json={"name": "x", "scopes": scopes}, headers=headers)
        assert r.status_code == 422 and r.json()["errors"][0]["field"] == "body.scopes"
    r = await client.post(
        KEYS, json={"name": "x", "scopes": ["users:read"], "expires_at": "2001-01-01T00:00:00Z"}, headers=headers
    )
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "body.expires_at"


async def test_permissions_catalogue(client, factory):
    org = await factory.org()
    _, headers = await factory.user_and_headers(org, "recruiter")
    body = (await client.get("/api/v1/permissions", headers=headers)).json()
    assert "users:write" in body["permissions"] and "organizations:manage" not in body["api_key_scopes"]
    assert "links:extend_own" in body["roles"]["recruiter"] and "links:extend_any" not in body["roles"]["recruiter"]
